/** A monitoring check of a library against one of the network's checklists. */
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { useSession } from '../../web/session';
import { FormAlert } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { todayIso } from '../../web/ui/format';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZMonitoringCheckInput, type TCheckResult, type TMonitoringCheckInput } from '../network.schemas';
import { refreshNetworkData, type Check, type Checklist } from './api';

/** One answer per item of the checklist, keeping what was already answered for the same item. */
function resultsFor(checklist: Checklist | undefined, previous: TCheckResult[]): TCheckResult[] {
  return (checklist?.items ?? []).map(
    (item) => previous.find((r) => r.key === item.key) ?? { key: item.key, isMet: false, note: '' },
  );
}

/** An answer's key has no field of its own; a problem with it is shown at the answer's checkbox. */
const answerField = (path: string) => path.replace(/^results\.(\d+)\.key$/, 'results.$1.isMet');

/** The check as the form holds it: dates stay null until chosen. */
type CheckFormValues = Omit<TMonitoringCheckInput, 'checkedOn'> & { checkedOn: string | null };

interface CheckFormProps {
  libraryId: string;
  checklists: Checklist[];
  check: Check | null;
  isReadOnly: boolean;
  onClose: () => void;
}

export function CheckForm({ libraryId, checklists, check, isReadOnly, onClose }: CheckFormProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const usable = checklists.filter((c) => c.isActive || c.id === check?.checklistId);
  const firstId = check?.checklistId ?? usable[0]?.id ?? '';
  const form = useForm<CheckFormValues>({
    initialValues: {
      checklistId: firstId,
      checkedOn: check?.checkedOn ?? todayIso(),
      inspector: check?.inspector ?? user.fullName,
      results: resultsFor(
        checklists.find((c) => c.id === firstId),
        check?.results ?? [],
      ),
      findings: check?.findings ?? '',
      followUp: check?.followUp ?? '',
      followUpDue: check?.followUpDue ?? null,
      isFollowUpDone: check?.isFollowUpDone ?? false,
    },
  });
  const feedback = useFormFeedback(form, answerField);
  const checklist = checklists.find((c) => c.id === form.values.checklistId);
  const save = useMutation({
    mutationFn: (input: TMonitoringCheckInput) =>
      check ? api.put(`/api/v1/checks/${check.id}`, input) : api.post(`/api/v1/libraries/${libraryId}/checks`, input),
    onSuccess: () => {
      notifySaved(t('monitoring.saved'));
      refreshNetworkData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });

  const chooseChecklist = (id: string | null) => {
    if (!id) return;
    form.setValues({
      checklistId: id,
      results: resultsFor(
        checklists.find((c) => c.id === id),
        form.values.results,
      ),
    });
  };

  const submit = form.onSubmit((values) => {
    const input = feedback.validate(ZMonitoringCheckInput, { ...values, checkedOn: values.checkedOn ?? '' });
    if (input) save.mutate(input);
  });

  return (
    <form onSubmit={submit} noValidate>
      <fieldset disabled={isReadOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <FormAlert messages={feedback.general} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('monitoring.checklist')}
              data={usable.map((c) => ({ value: c.id, label: c.name }))}
              value={form.values.checklistId}
              onChange={chooseChecklist}
              error={form.errors.checklistId}
              allowDeselect={false}
              required
              disabled={isReadOnly}
            />
            <DateField
              label={t('monitoring.checkedOn')}
              required
              data-testid="check-date"
              {...form.getInputProps('checkedOn')}
            />
            <TextInput label={t('monitoring.inspector')} required {...form.getInputProps('inspector')} />
          </SimpleGrid>
          <Fieldset legend={t('monitoring.results')}>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {form.values.results.map((result, index) => {
                  const label = checklist?.items.find((i) => i.key === result.key)?.label ?? result.key;
                  return (
                    <Table.Tr key={result.key} data-testid="check-item">
                      <Table.Td w="45%">
                        <Checkbox
                          label={label}
                          {...form.getInputProps(`results.${index}.isMet`, { type: 'checkbox' })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={`${label}: ${t('monitoring.note')}`}
                          placeholder={t('monitoring.note')}
                          {...form.getInputProps(`results.${index}.note`)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Fieldset>
          <Textarea label={t('monitoring.findings')} autosize minRows={2} {...form.getInputProps('findings')} />
          <Textarea label={t('monitoring.followUp')} autosize minRows={2} {...form.getInputProps('followUp')} />
          <Group align="flex-end">
            <DateField label={t('monitoring.followUpDue')} w={200} {...form.getInputProps('followUpDue')} />
            <Checkbox
              mb={8}
              label={t('monitoring.isFollowUpDone')}
              {...form.getInputProps('isFollowUpDone', { type: 'checkbox' })}
            />
          </Group>
        </Stack>
      </fieldset>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {isReadOnly ? t('common.close') : t('common.cancel')}
        </Button>
        {!isReadOnly && (
          <Button type="submit" loading={save.isPending} data-testid="check-save">
            {t('common.save')}
          </Button>
        )}
      </Group>
    </form>
  );
}
