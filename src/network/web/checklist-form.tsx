/** A network's monitoring checklist: its name and items; item keys stay fixed once created. */
import { ActionIcon, Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZChecklistInput, type TChecklistInput } from '../network.schemas';
import { refreshNetworkData, type Checklist } from './api';

/**
 * Checks store answers by item key, so a key must never change or be reused. Random keys work on
 * plain HTTP too, where crypto.randomUUID is unavailable.
 */
const newItemKey = () => `i${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Item keys are not shown; a problem with one is shown at the item's label. */
const itemField = (path: string) => path.replace(/^items\.(\d+)\.key$/, 'items.$1.label');

interface ChecklistFormProps {
  networkId: string;
  checklist: Checklist | null;
  onClose: () => void;
}

export function ChecklistForm({ networkId, checklist, onClose }: ChecklistFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<TChecklistInput>({
    initialValues: {
      name: checklist?.name ?? '',
      items: checklist?.items.map((i) => ({ ...i })) ?? [{ key: newItemKey(), label: '' }],
      isActive: checklist?.isActive ?? true,
    },
  });
  const feedback = useFormFeedback(form, itemField);
  const save = useMutation({
    mutationFn: (input: TChecklistInput) =>
      checklist
        ? api.put(`/api/v1/checklists/${checklist.id}`, input)
        : api.post(`/api/v1/networks/${networkId}/checklists`, input),
    onSuccess: () => {
      notifySaved(t('monitoring.checklistSaved'));
      refreshNetworkData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((values) => {
    const input = feedback.validate(ZChecklistInput, values);
    if (input) save.mutate(input);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <TextInput
          label={t('monitoring.checklistName')}
          required
          data-testid="checklist-name"
          {...form.getInputProps('name')}
        />
        <Text size="sm" fw={500}>
          {t('monitoring.items')}
        </Text>
        {form.values.items.map((item, index) => (
          <Group key={item.key} align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={t('monitoring.itemLabel', { n: index + 1 })}
              placeholder={t('monitoring.itemLabel', { n: index + 1 })}
              style={{ flex: 1 }}
              data-testid="checklist-item"
              {...form.getInputProps(`items.${index}.label`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('monitoring.removeItem', { n: index + 1 })}
              onClick={() => form.removeListItem('items', index)}
              disabled={form.values.items.length === 1}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('items', { key: newItemKey(), label: '' })}
          >
            {t('monitoring.addItem')}
          </Button>
        </Group>
        <Switch label={t('monitoring.isActive')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="checklist-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
