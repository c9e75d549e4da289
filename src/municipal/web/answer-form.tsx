/** Answering a request with sources: catalogue records, uploaded files and web addresses. */
import { ActionIcon, Button, FileButton, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPaperclip, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPicker, type PickedRecord } from '../../catalog/web/record-picker';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZRequestAnswer, type TAnswerSource, type TRequestAnswer } from '../municipal.schemas';
import { refreshMunicipalData } from './api';

export function AnswerForm({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [records, setRecords] = useState<PickedRecord[]>([]);
  const [files, setFiles] = useState<{ sha256: string; name: string }[]>([]);
  const form = useForm({ initialValues: { body: '', links: [] as { url: string; title: string }[] } });
  const feedback = useFormFeedback(form, (path) => path.replace(/^sources\.(\d+)\./, 'links.$1.'));
  const upload = useMutation({
    mutationFn: (file: File) => api.upload<{ sha256: string; name: string }>('/api/v1/municipal/files', file, { name: file.name }),
    onSuccess: (stored) => setFiles((list) => [...list, { sha256: stored.sha256, name: stored.name }]),
    onError: (error) => notifyError(error),
  });
  const save = useMutation({
    mutationFn: (input: TRequestAnswer) => api.post(`/api/v1/municipal/requests/${requestId}/answers`, input),
    onSuccess: () => {
      notifySaved(t('requests.answerSent'));
      form.reset();
      setRecords([]);
      setFiles([]);
      refreshMunicipalData(queryClient);
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    // Web links first, so a message about a link's address points at its row.
    const sources: TAnswerSource[] = [
      ...v.links.map((l) => ({ kind: 'url' as const, url: l.url.trim(), title: l.title })),
      ...records.map((r) => ({ kind: 'record' as const, recordId: r.id, title: r.title })),
      ...files.map((f) => ({ kind: 'file' as const, sha256: f.sha256, name: f.name })),
    ];
    const input = feedback.validate(ZRequestAnswer, { body: v.body, sources });
    if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <Textarea label={t('requests.answer')} required autosize minRows={4} data-testid="answer-body" {...form.getInputProps('body')} />
        <RecordPicker label={t('requests.sourceRecords')} placeholder={t('events.recordsHint')} value={records} onChange={setRecords} testId="answer-records" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('requests.sourceLinks')}</Text>
          {form.getValues().links.map((_, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <TextInput placeholder="https://" style={{ flex: 2 }} data-testid="answer-url" {...form.getInputProps(`links.${i}.url`)} />
              <TextInput placeholder={t('requests.linkTitle')} style={{ flex: 1 }} {...form.getInputProps(`links.${i}.title`)} />
              <ActionIcon variant="subtle" color="red" mt={6} onClick={() => form.removeListItem('links', i)} aria-label={t('events.removeLink')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group gap="xs">
            <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('links', { url: '', title: '' })} data-testid="answer-add-link">
              {t('events.addLink')}
            </Button>
            <FileButton onChange={(file) => file && upload.mutate(file)}>
              {(props) => (
                <Button size="xs" variant="subtle" leftSection={<IconPaperclip size={14} />} loading={upload.isPending} {...props}>
                  {t('requests.attachFile')}
                </Button>
              )}
            </FileButton>
          </Group>
          {files.map((f) => (
            <Group key={f.sha256} gap="xs">
              <Text size="sm">📎 {f.name}</Text>
              <ActionIcon size="sm" variant="subtle" color="red" onClick={() => setFiles((list) => list.filter((x) => x.sha256 !== f.sha256))} aria-label={t('requests.removeFile')}>
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="answer-send">
            {t('requests.sendAnswer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
