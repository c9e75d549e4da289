/** One reference request: who asked what and by when, its assignment, the thread of answers with sources. */
import { Anchor, Badge, Button, Card, Group, List, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { QueryState } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { formatDate, formatDateTime, todayIso } from '../../web/ui/format';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import type { TAnswerSource } from '../municipal.schemas';
import { refreshMunicipalData, useAssignees, useRequest, type RequestDetail } from './api';
import { AnswerForm } from './answer-form';
import { STATUS_COLOR } from './requests-page';

function Source({ requestId, source }: { requestId: string; source: TAnswerSource }) {
  if (source.kind === 'record') return <Anchor component={Link} to={paths.record(source.recordId)} size="sm">📚 {source.title ?? source.recordId}</Anchor>;
  if (source.kind === 'file') return <Anchor href={`/api/v1/municipal/requests/${requestId}/files/${source.sha256}`} size="sm">📎 {source.name}</Anchor>;
  return <Anchor href={source.url} target="_blank" rel="noreferrer" size="sm">🔗 {source.title || source.url}</Anchor>;
}

function Assignment({ request: r }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const assignees = useAssignees(r.id, true);
  const [assigneeId, setAssigneeId] = useState<string | null>(r.assigneeId);
  const [dueOn, setDueOn] = useState<string | null>(r.dueOn);
  // A due date moved into the past is refused (an overdue request keeps the date it has).
  const dueOnPast = dueOn !== null && dueOn !== r.dueOn && dueOn < todayIso();
  const save = useMutation({
    mutationFn: () => api.put(`/api/v1/municipal/requests/${r.id}/assignment`, { assigneeId, dueOn: dueOn ?? undefined }),
    onSuccess: () => {
      notifySaved(t('requests.assigned'));
      refreshMunicipalData(queryClient);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Group align="flex-end">
      <Select label={t('requests.assignee')} data={(assignees.data ?? []).map((a) => ({ value: a.id, label: `${a.fullName}${a.position ? ` — ${a.position}` : ''}` }))} value={assigneeId} onChange={setAssigneeId} searchable clearable w={340} data-testid="request-assignee" />
      <DateField label={t('requests.dueOn')} value={dueOn} onChange={setDueOn} clearable={false} w={160} error={dueOnPast ? t('validation.date_past') : undefined} data-testid="request-due-on" />
      <Button variant="light" onClick={() => save.mutate()} loading={save.isPending} disabled={dueOnPast} data-testid="request-assign">
        {t('requests.assign')}
      </Button>
    </Group>
  );
}

function FollowUp({ request: r }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const ask = useMutation({
    mutationFn: () => api.post(`/api/v1/municipal/requests/${r.id}/follow-ups`, { body }),
    onSuccess: () => {
      setBody('');
      refreshMunicipalData(queryClient);
    },
    onError: (error) => notifyError(error),
  });
  const close = useMutation({
    mutationFn: () => api.post(`/api/v1/municipal/requests/${r.id}/close`, {}),
    onSuccess: () => refreshMunicipalData(queryClient),
    onError: (error) => notifyError(error),
  });
  return (
    <Stack gap="xs">
      <Textarea label={t('requests.followUp')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} />
      <Group>
        <Button variant="default" disabled={!body.trim()} onClick={() => ask.mutate()} loading={ask.isPending}>
          {t('requests.askAgain')}
        </Button>
        {r.status !== 'closed' && (
          <Button variant="subtle" onClick={() => close.mutate()} loading={close.isPending}>
            {t('requests.close')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function RequestView({ request: r }: { request: RequestDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="request-heading">№ {r.number}. {r.topic}</span>
            <Badge variant="light" color={STATUS_COLOR[r.status]}>{t(`requestStatus.${r.status}`)}</Badge>
            {r.isOverdue && <Badge color="red">{t('requests.overdue')}</Badge>}
          </Group>
        }
      />
      <Stack>
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text size="sm"><Text span c="dimmed">{t('requests.municipality')}: </Text>{r.municipalityName}</Text>
              <Text size="sm"><Text span c="dimmed">{t('requests.requesterName')}: </Text>{[r.requesterName, r.requesterPosition, r.requesterContact].filter(Boolean).join(', ')}</Text>
              <Text size="sm"><Text span c="dimmed">{t('requests.channel')}: </Text>{t(`requestChannel.${r.channel}`)} · {t(`requestType.${r.type}`)}</Text>
            </Stack>
            <Stack gap={4}>
              <Text size="sm"><Text span c="dimmed">{t('requests.received')}: </Text>{formatDateTime(r.receivedAt)}</Text>
              {r.wantedBy && <Text size="sm"><Text span c="dimmed">{t('requests.wantedBy')}: </Text>{formatDate(r.wantedBy)}</Text>}
              <Text size="sm" c={r.isOverdue ? 'red' : undefined}><Text span c="dimmed">{t('requests.dueOn')}: </Text>{formatDate(r.dueOn)}</Text>
              <Text size="sm"><Text span c="dimmed">{t('requests.assignee')}: </Text>{r.assigneeName ?? t('requests.unassigned')}</Text>
            </Stack>
          </SimpleGrid>
          {r.permissions.canHandle && r.status !== 'closed' && (
            <Card.Section withBorder inheritPadding py="sm" mt="sm">
              <Assignment request={r} />
            </Card.Section>
          )}
        </Card>
        <Title order={3}>{t('requests.thread')}</Title>
        {r.messages.map((m) => (
          <Card key={m.id} withBorder bg={m.kind === 'answer' ? 'teal.0' : undefined} data-testid={`message-${m.kind}`}>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>{t(`requestMessage.${m.kind}`)} · {m.authorName}</Text>
              <Text size="xs" c="dimmed">{formatDateTime(m.createdAt)}</Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
            {m.sources.length > 0 && (
              <>
                <Text size="sm" fw={500} mt="xs">{t('requests.sources')}</Text>
                <List size="sm">
                  {m.sources.map((s, i) => (
                    <List.Item key={i}><Source requestId={r.id} source={s} /></List.Item>
                  ))}
                </List>
              </>
            )}
          </Card>
        ))}
        {r.permissions.canHandle && r.status !== 'closed' && (
          <Card withBorder>
            <Title order={4} mb="sm">{t('requests.answerTitle')}</Title>
            <AnswerForm requestId={r.id} />
          </Card>
        )}
        {r.permissions.canFollowUp && r.status === 'answered' && <FollowUp request={r} />}
      </Stack>
    </>
  );
}

export function RequestPage() {
  const { id = '' } = useParams();
  const request = useRequest(id);
  return <QueryState query={request}>{(r) => <RequestView request={r} />}</QueryState>;
}
