/** Recording a request received by phone, on a visit or by e-mail: who asked, from which municipality, what. */
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMunicipalityOptions } from '../../network/web/api';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { DateField, enumOptions } from '../../web/ui/fields';
import { todayIso } from '../../web/ui/format';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { REQUEST_CHANNELS, REQUEST_TYPES, ZRequestRecord, type TRequestRecord } from '../municipal.schemas';
import { refreshMunicipalData } from './api';

interface RecordRequestProps {
  onClose: () => void;
  onSaved?: (request: { id: string }) => void;
}

function RecordRequestBody({ onClose, onSaved }: RecordRequestProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const municipalities = useMunicipalityOptions();
  const form = useForm({
    initialValues: {
      municipalityId: '',
      channel: 'phone',
      type: 'factual',
      topic: '',
      text: '',
      wantedBy: null as string | null,
      requesterName: '',
      requesterPosition: '',
      requesterContact: '',
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TRequestRecord) => api.post<{ id: string }>('/api/v1/municipal/requests', input),
    onSuccess: (saved) => {
      notifySaved(t('requests.recorded'));
      refreshMunicipalData(queryClient);
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const input = feedback.validate(ZRequestRecord, { ...v, wantedBy: v.wantedBy ?? undefined });
    // The server checks the date on the network's calendar too; this spares a round trip for the usual slip.
    if (input?.wantedBy && input.wantedBy < todayIso()) form.setFieldError('wantedBy', t('validation.date_past'));
    else if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('requests.municipality')} data={(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} searchable required data-testid="record-municipality" {...form.getInputProps('municipalityId')} />
          <Select label={t('requests.channel')} data={enumOptions(REQUEST_CHANNELS.filter((c) => c !== 'portal'), (c) => t(`requestChannel.${c}`))} allowDeselect={false} {...form.getInputProps('channel')} />
          <TextInput label={t('requests.requesterName')} required data-testid="record-requester" {...form.getInputProps('requesterName')} />
          <TextInput label={t('requests.requesterPosition')} {...form.getInputProps('requesterPosition')} />
          <TextInput label={t('requests.requesterContact')} {...form.getInputProps('requesterContact')} />
          <Select label={t('requests.type')} data={enumOptions(REQUEST_TYPES, (c) => t(`requestType.${c}`))} allowDeselect={false} {...form.getInputProps('type')} />
        </SimpleGrid>
        <TextInput label={t('requests.topic')} required data-testid="record-topic" {...form.getInputProps('topic')} />
        <Textarea label={t('requests.text')} autosize minRows={2} {...form.getInputProps('text')} />
        <DateField label={t('requests.wantedBy')} {...form.getInputProps('wantedBy')} w={200} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="record-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RecordRequestModal({ opened, ...props }: RecordRequestProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={t('requests.recordTitle')} size="lg">
      {opened && <RecordRequestBody {...props} />}
    </Modal>
  );
}
