/** Writing the protocol: chair and secretary, who was present, Слушали / Выступили, questions and answers. */
import { ActionIcon, Button, Checkbox, Divider, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZProtocolInput, type TProtocolInput } from '../seminars.schemas';
import { refreshSeminarData, type SeminarDetail } from './api';

function ListSection({ title, onAdd, addLabel, children }: { title: string; onAdd: () => void; addLabel: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Divider label={title} labelPosition="left" />
      {children}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onAdd}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('seminars.remove')} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}

function ProtocolFormBody({ seminar, onClose }: { seminar: SeminarDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const p = seminar.protocol;
  const form = useForm({
    initialValues: {
      protocol: {
        chair: p?.chair ?? '',
        secretary: p?.secretary ?? '',
        attendeesTotal: (p?.attendeesTotal ?? ''),
        heard: p?.heard ?? [],
        spoke: p?.spoke ?? [],
        questions: p?.questions ?? [],
        conclusion: p?.conclusion ?? '',
      },
      participants: seminar.participants.map(({ id: _id, ...rest }) => rest),
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TProtocolInput) => api.put(`/api/v1/seminars/${seminar.id}/protocol`, input),
    onSuccess: () => {
      notifySaved(t('common.saved'));
      refreshSeminarData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const input = feedback.validate(ZProtocolInput, {
      ...v,
      protocol: { ...v.protocol, attendeesTotal: v.protocol.attendeesTotal === '' ? null : v.protocol.attendeesTotal },
    });
    if (input) save.mutate(input);
  });
  const kinds = [
    { value: 'guest', label: t('seminars.guest') },
    { value: 'staff', label: t('seminars.staffMember') },
  ];
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('seminars.chair')} data-testid="protocol-chair" {...form.getInputProps('protocol.chair')} />
          <TextInput label={t('seminars.secretary')} {...form.getInputProps('protocol.secretary')} />
          <NumberInput label={t('seminars.attendeesTotal')} min={0} allowDecimal={false} {...form.getInputProps('protocol.attendeesTotal')} />
        </SimpleGrid>
        <ListSection
          title={t('seminars.participants')}
          addLabel={t('seminars.addParticipant')}
          onAdd={() => form.insertListItem('participants', { kind: 'guest', staffUserId: null, fullName: '', position: '', isSpeaker: false, hasAttended: true })}
        >
          {form.values.participants.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <Select data={kinds} allowDeselect={false} w={150} aria-label={t('seminars.participantKind')} {...form.getInputProps(`participants.${i}.kind`)} />
              <TextInput label={t('seminars.fullName')} required style={{ flex: 2 }} data-testid="participant-name" {...form.getInputProps(`participants.${i}.fullName`)} />
              <TextInput label={t('seminars.position')} style={{ flex: 3 }} {...form.getInputProps(`participants.${i}.position`)} />
              <Checkbox label={t('seminars.isSpeaker')} mb={8} {...form.getInputProps(`participants.${i}.isSpeaker`, { type: 'checkbox' })} />
              <RemoveButton onClick={() => form.removeListItem('participants', i)} />
            </Group>
          ))}
        </ListSection>
        <ListSection title={t('seminars.heard')} addLabel={t('seminars.addHeard')} onAdd={() => form.insertListItem('protocol.heard', { speaker: '', topic: '', summary: '' })}>
          {form.values.protocol.heard.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <TextInput label={t('seminars.speaker')} required style={{ flex: 1 }} data-testid="heard-speaker" {...form.getInputProps(`protocol.heard.${i}.speaker`)} />
              <TextInput label={t('seminars.topic')} required style={{ flex: 2 }} data-testid="heard-topic" {...form.getInputProps(`protocol.heard.${i}.topic`)} />
              <Textarea label={t('seminars.summary')} autosize style={{ flex: 3 }} {...form.getInputProps(`protocol.heard.${i}.summary`)} />
              <RemoveButton onClick={() => form.removeListItem('protocol.heard', i)} />
            </Group>
          ))}
        </ListSection>
        <ListSection title={t('seminars.spoke')} addLabel={t('seminars.addSpoke')} onAdd={() => form.insertListItem('protocol.spoke', { speaker: '', text: '' })}>
          {form.values.protocol.spoke.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <TextInput label={t('seminars.speaker')} required style={{ flex: 1 }} {...form.getInputProps(`protocol.spoke.${i}.speaker`)} />
              <Textarea label={t('seminars.text')} required autosize style={{ flex: 3 }} {...form.getInputProps(`protocol.spoke.${i}.text`)} />
              <RemoveButton onClick={() => form.removeListItem('protocol.spoke', i)} />
            </Group>
          ))}
        </ListSection>
        <ListSection
          title={t('seminars.questions')}
          addLabel={t('seminars.addQuestion')}
          onAdd={() => form.insertListItem('protocol.questions', { question: '', askedBy: '', answer: '', answeredBy: '' })}
        >
          {form.values.protocol.questions.map((_, i) => (
            <SimpleGrid key={i} cols={{ base: 1, sm: 2 }}>
              <Textarea label={t('seminars.question')} required autosize {...form.getInputProps(`protocol.questions.${i}.question`)} />
              <TextInput label={t('seminars.askedBy')} {...form.getInputProps(`protocol.questions.${i}.askedBy`)} />
              <Textarea label={t('seminars.answer')} autosize {...form.getInputProps(`protocol.questions.${i}.answer`)} />
              <Group align="flex-end" wrap="nowrap">
                <TextInput label={t('seminars.answeredBy')} style={{ flex: 1 }} {...form.getInputProps(`protocol.questions.${i}.answeredBy`)} />
                <RemoveButton onClick={() => form.removeListItem('protocol.questions', i)} />
              </Group>
            </SimpleGrid>
          ))}
        </ListSection>
        <Textarea label={t('seminars.conclusion')} autosize minRows={2} {...form.getInputProps('protocol.conclusion')} />
        <Text size="xs" c="dimmed">
          {t('seminars.decisions')}: {seminar.decisions.length}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="protocol-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProtocolFormModal({ opened, seminar, onClose }: { opened: boolean; seminar: SeminarDetail; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('seminars.editProtocol')} size="100%">
      {opened && <ProtocolFormBody seminar={seminar} onClose={onClose} />}
    </Modal>
  );
}
