/** Adding a decision to the protocol: what, who is responsible, by when, for which library. */
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLibraries } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { FormAlert } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZDecisionInput, type TDecisionInput } from '../seminars.schemas';
import { refreshSeminarData, type SeminarDetail } from './api';

function DecisionFormBody({ seminar, onClose }: { seminar: SeminarDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE, networkId: seminar.networkId });
  const form = useForm({ initialValues: { text: '', responsible: '', dueOn: null as string | null, libraryId: '' } });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TDecisionInput) => api.post(`/api/v1/seminars/${seminar.id}/decisions`, input),
    onSuccess: () => {
      notifySaved(t('common.saved'));
      refreshSeminarData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const input = feedback.validate(ZDecisionInput, { ...v, dueOn: v.dueOn ?? '', libraryId: v.libraryId || null });
    if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <Textarea label={t('seminars.decision')} required autosize minRows={2} data-testid="decision-text" {...form.getInputProps('text')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('seminars.responsible')} required data-testid="decision-responsible" {...form.getInputProps('responsible')} />
          <DateField label={t('seminars.dueOn')} required data-testid="decision-due" {...form.getInputProps('dueOn')} />
        </SimpleGrid>
        <Select
          label={t('seminars.taskLibrary')}
          data={(libraries.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
          searchable
          clearable
          {...form.getInputProps('libraryId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="decision-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DecisionFormModal({ opened, seminar, onClose }: { opened: boolean; seminar: SeminarDetail; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('seminars.addDecision')} size="lg">
      {opened && <DecisionFormBody seminar={seminar} onClose={onClose} />}
    </Modal>
  );
}
