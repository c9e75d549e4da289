/** Planning or changing a seminar: theme, date, host branch, agenda. */
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLibraries, useManagedNetworks } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { FormAlert } from '../../web/ui/feedback';
import { DateField, enumOptions } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZSeminarInput, ZSeminarStatus, type TSeminarInput } from '../seminars.schemas';
import { refreshSeminarData, type SeminarDetail } from './api';

interface SeminarFormProps {
  seminar?: SeminarDetail;
  onClose: () => void;
  onSaved?: (seminar: { id: string }) => void;
}

function SeminarFormBody({ seminar: s, onClose, onSaved }: SeminarFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const form = useForm({
    initialValues: {
      hostLibraryId: s?.hostLibraryId ?? '',
      theme: s?.theme ?? '',
      heldOn: s?.heldOn ?? null,
      status: s?.status ?? 'planned',
      protocolNumber: s?.protocolNumber ?? '',
      place: s?.place ?? '',
      agenda: (s?.agenda ?? []).join('\n'),
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TSeminarInput) =>
      s ? api.put<{ id: string }>(`/api/v1/seminars/${s.id}`, input) : api.post<{ id: string }>(`/api/v1/networks/${networks.data?.[0]?.id ?? ''}/seminars`, input),
    onSuccess: (saved) => {
      notifySaved(s ? t('common.saved') : t('seminars.created'));
      refreshSeminarData(queryClient);
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const agenda = v.agenda.split('\n').map((x) => x.trim()).filter(Boolean);
    const input = feedback.validate(ZSeminarInput, { ...v, heldOn: v.heldOn ?? '', agenda });
    if (input) save.mutate(input);
  });
  const branches = (libraries.data?.items ?? []).filter((l) => !s || l.networkId === s.networkId);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <TextInput label={t('seminars.theme')} required data-testid="seminar-theme" {...form.getInputProps('theme')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('seminars.host')}
            data={branches.map((l) => ({ value: l.id, label: l.name }))}
            searchable
            required
            data-testid="seminar-host"
            {...form.getInputProps('hostLibraryId')}
          />
          <DateField label={t('seminars.heldOn')} required data-testid="seminar-date" {...form.getInputProps('heldOn')} />
          <TextInput label={t('seminars.place')} {...form.getInputProps('place')} />
          <TextInput label={t('seminars.protocolNumber')} {...form.getInputProps('protocolNumber')} />
          <Select label={t('seminars.status')} data={enumOptions(ZSeminarStatus.options, (x) => t(`seminarStatus.${x}`))} allowDeselect={false} {...form.getInputProps('status')} />
        </SimpleGrid>
        <Textarea label={t('seminars.agenda')} description={t('seminars.agendaHint')} autosize minRows={3} {...form.getInputProps('agenda')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="seminar-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SeminarFormModal({ opened, ...props }: SeminarFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={props.seminar ? t('seminars.editTitle') : t('seminars.createTitle')} size="lg">
      {opened && <SeminarFormBody {...props} />}
    </Modal>
  );
}
