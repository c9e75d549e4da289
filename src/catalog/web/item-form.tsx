/** Adding a copy of a record to a library, or changing one: numbers, shelf, price, date, status. */
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { DateField, decimalSeparator, type Option } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { statusesByHand, ZItemInput, type TItemInput } from '../catalog.schemas';
import { refreshCatalog, type Item } from './api';
import { notesWith, WriteOffModal } from './write-off-modal';

interface Props {
  recordId: string;
  /** The copy to change; without it a new one is added. */
  item?: Item;
  libraries: Option[];
  suggestedCallNumber: string;
  onClose: () => void;
  /** A copy added (not changed): the labels to print next are its. */
  onAdded?: (item: Item) => void;
}

function ItemFormBody({ recordId, item, libraries, suggestedCallNumber, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      libraryId: item?.libraryId ?? libraries[0]?.value ?? '',
      inventoryNumber: item?.inventoryNumber ?? '',
      barcode: item?.barcode ?? '',
      callNumber: item?.callNumber ?? suggestedCallNumber,
      location: item?.location ?? '',
      price: (item?.price ?? '') as number | string,
      acquiredOn: item?.acquiredOn ?? null,
      status: item?.status ?? 'available',
      notes: item?.notes ?? '',
    },
  });
  const feedback = useFormFeedback(form);
  /** A copy being written off by this save, asked about before it is sent. */
  const [writingOff, setWritingOff] = useState<TItemInput | null>(null);
  const save = useMutation({
    mutationFn: (input: unknown) =>
      item ? api.put<Item>(`/api/v1/catalog/items/${item.id}`, input) : api.post<Item>(`/api/v1/catalog/records/${recordId}/items`, input),
    onSuccess: (saved) => {
      notifySaved(item ? t('common.saved') : t('items.added'));
      refreshCatalog(queryClient, recordId);
      if (!item) onAdded?.(saved);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((values) => {
    const input = feedback.validate(ZItemInput, {
      ...values,
      price: values.price === '' ? null : Number(values.price),
      currency: item?.currency ?? null,
    });
    if (input?.status === 'written_off' && item?.status !== 'written_off') setWritingOff(input);
    else if (input) save.mutate(input);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert messages={feedback.general} />
        <Select
          label={t('items.library')}
          data={libraries}
          required
          allowDeselect={false}
          searchable
          {...form.getInputProps('libraryId')}
          data-testid="item-library"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('items.inventoryNumber')} required {...form.getInputProps('inventoryNumber')} data-testid="item-inventory" />
          <TextInput label={t('items.barcode')} required {...form.getInputProps('barcode')} data-testid="item-barcode" />
          <TextInput label={t('items.callNumber')} {...form.getInputProps('callNumber')} data-testid="item-call-number" />
          <TextInput label={t('items.location')} {...form.getInputProps('location')} data-testid="item-location" />
          <NumberInput
            label={t('items.price')}
            min={0}
            decimalScale={2}
            decimalSeparator={decimalSeparator()}
            {...form.getInputProps('price')}
            data-testid="item-price"
          />
          <DateField label={t('items.acquiredOn')} {...form.getInputProps('acquiredOn')} data-testid="item-acquired" />
        </SimpleGrid>
        <Select
          label={t('items.status')}
          data={[...(item ? [item.status] : []), ...statusesByHand(item?.status ?? null, !!item?.withheldBy)].map((s) => ({ value: s, label: t(`itemStatus.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
          data-testid="item-status"
        />
        <Textarea label={t('items.notes')} autosize minRows={1} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="item-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <WriteOffModal
        copy={writingOff}
        onCancel={() => setWritingOff(null)}
        onConfirm={(line) => {
          if (writingOff) save.mutate({ ...writingOff, notes: notesWith(writingOff.notes, line) });
          setWritingOff(null);
        }}
      />
    </form>
  );
}

export function ItemForm(props: Props & { opened: boolean }) {
  const { t } = useTranslation();
  const { opened, ...rest } = props;
  return (
    // Escape in the date picker or a click beside the dialog must not throw away what was typed: it closes by its buttons.
    <Modal opened={opened} onClose={props.onClose} title={props.item ? t('items.editTitle') : t('items.addTitle')} size="lg" closeOnEscape={false} closeOnClickOutside={false}>
      {opened && <ItemFormBody {...rest} />}
    </Modal>
  );
}
