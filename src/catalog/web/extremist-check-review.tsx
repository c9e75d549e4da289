/**
 * One check against the Federal list: its state, the progress of its matching, and the review of each
 * match (confirm: flag or withdraw copies; dismiss) with the act to print.
 */
import { Alert, Anchor, Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../web/ui/format';
import { Link } from 'react-router';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';

export interface ListVersion {
  id: string;
  sourceName: string;
  publishedOn: string | null;
  entryCount: number;
  createdAt: string;
}
export type CheckStatus = 'matching' | 'open' | 'closed' | 'failed';
export interface Check {
  id: string;
  networkName: string;
  checkedOn: string;
  status: CheckStatus;
  recordsChecked: number;
  entriesChecked: number;
  matchesFound: number;
  matchesConfirmed: number;
  matchesPending: number;
}
interface Match {
  id: string;
  score: number;
  decision: string;
  action: string | null;
  /** Copies flagged or withdrawn when the match was confirmed. */
  copiesAffected: number | null;
  entryNumber: number;
  entryText: string;
  recordId: string;
  recordTitle: string;
  recordDescription: string;
  copies: number;
}
interface Matching {
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  error: string | null;
}
type CheckDetail = Check & { matches: Match[]; canDecide: boolean; matching: Matching | null };

const STATE_COLORS: Record<CheckStatus, string> = { matching: 'blue', open: 'yellow', closed: 'gray', failed: 'red' };

export function CheckState({ status }: { status: CheckStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[status]} variant="light" tt="none" miw="max-content">
      {t(`extremist.states.${status}`)}
    </Badge>
  );
}

/** While the background job looks through the list: a bar of the entries done; what stopped it, if it failed. */
function MatchingProgress({ check }: { check: CheckDetail }) {
  const { t } = useTranslation();
  const matching = check.matching;
  if (check.status === 'failed') {
    return (
      <Alert color="red" title={t('extremist.failed')} role="alert" data-testid="extremist-failed">
        {matching?.error}
      </Alert>
    );
  }
  const done = matching?.done ?? 0;
  const total = matching?.total ?? check.entriesChecked;
  const isQueued = !matching || matching.status === 'queued';
  return (
    <Stack gap="xs" data-testid="extremist-matching">
      <Text>{isQueued ? t('extremist.queued') : t('extremist.matching')}</Text>
      <Progress
        value={total > 0 ? Math.min(100, (done / total) * 100) : 0}
        size="xl"
        animated
        striped
        aria-label={t('extremist.matching')}
        data-testid="extremist-progress"
      />
      <Text size="sm" c="dimmed">
        {t('extremist.progress', { done, total })}
      </Text>
    </Stack>
  );
}

export function CheckReview({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const check = useQuery({
    queryKey: ['extremist-check', id],
    queryFn: () => api.get<CheckDetail>(`/api/v1/catalog/extremist/checks/${id}`),
    refetchInterval: (query) => (query.state.data?.status === 'matching' ? 1000 : false),
  });
  const status = check.data?.status;
  useEffect(() => {
    // The history's counts change when the matching ends.
    if (status && status !== 'matching') void queryClient.invalidateQueries({ queryKey: ['extremist-checks'] });
  }, [status, queryClient]);
  const refresh = () =>
    void queryClient
      .invalidateQueries({ queryKey: ['extremist-check'] })
      .then(() => queryClient.invalidateQueries({ queryKey: ['extremist-checks'] }));
  const decide = useMutation({
    mutationFn: ({ matchId, decision, action }: { matchId: string; decision: string; action?: string }) =>
      api.post(`/api/v1/catalog/extremist/checks/${id}/matches/${matchId}`, { decision, action: action ?? null }),
    onSuccess: () => {
      notifySaved();
      refresh();
    },
    onError: (error) => notifyError(error),
  });
  const close = useMutation({
    mutationFn: () => api.post(`/api/v1/catalog/extremist/checks/${id}/close`),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  return (
    <QueryState query={check}>
      {(c) => (
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="sm">
              <Title order={4}>
                {c.networkName} · {formatDate(c.checkedOn)}
              </Title>
              <CheckState status={c.status} />
            </Group>
            <Group gap="sm">
              {(c.status === 'open' || c.status === 'closed') && (
                <Button
                  component="a"
                  href={`/api/v1/catalog/extremist/checks/${id}/act.pdf`}
                  target="_blank"
                  variant="default"
                  data-testid="extremist-act"
                >
                  {t('extremist.act')}
                </Button>
              )}
              {c.canDecide && (
                <Button color="gray" onClick={() => close.mutate()} loading={close.isPending}>
                  {t('extremist.close')}
                </Button>
              )}
            </Group>
          </Group>
          {c.status === 'matching' || c.status === 'failed' ? (
            <MatchingProgress check={c} />
          ) : c.matches.length === 0 ? (
            <EmptyState>{t('extremist.noMatches')}</EmptyState>
          ) : (
            <Table withTableBorder striped data-testid="extremist-matches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('extremist.entry')}</Table.Th>
                  <Table.Th>{t('extremist.record')}</Table.Th>
                  <Table.Th>{t('extremist.copies')}</Table.Th>
                  <Table.Th>{t('extremist.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.matches.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td w="35%">
                      <Text size="sm">
                        № {m.entryNumber}. {m.entryText}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={paths.record(m.recordId)} size="sm">
                        {m.recordDescription || m.recordTitle}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t('extremist.score', { score: Math.round(m.score * 100) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>{m.copiesAffected ?? m.copies}</Table.Td>
                    <Table.Td>
                      <Badge
                        color={m.decision === 'confirmed' ? 'red' : m.decision === 'dismissed' ? 'gray' : 'yellow'}
                        tt="none"
                        miw="max-content"
                      >
                        {t(`extremist.decisions.${m.decision as 'pending'}`)}
                        {m.action ? ` · ${t(`extremist.actions.${m.action as 'flag'}`)}` : ''}
                      </Badge>
                      {c.canDecide && m.decision !== 'confirmed' && (
                        <Group gap={4} mt={4}>
                          <Button
                            size="xs"
                            color="red"
                            onClick={() => decide.mutate({ matchId: m.id, decision: 'confirmed', action: 'withdraw' })}
                          >
                            {t('extremist.withdraw')}
                          </Button>
                          <Button
                            size="xs"
                            color="orange"
                            variant="light"
                            onClick={() => decide.mutate({ matchId: m.id, decision: 'confirmed', action: 'flag' })}
                          >
                            {t('extremist.flag')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => decide.mutate({ matchId: m.id, decision: 'dismissed' })}
                          >
                            {t('extremist.dismiss')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
