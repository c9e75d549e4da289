/**
 * One check against the Federal list: its state, the progress of its matching, and the review of each
 * match (extremist-matches.tsx: confirm, flag or withdraw copies; dismiss) with the act to print.
 */
import { Alert, Badge, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../web/ui/format';
import { api } from '../../web/api/client';
import { ConfirmModal } from '../../web/ui/confirm-modal';
import { QueryState } from '../../web/ui/feedback';
import { notifyError } from '../../web/ui/notify';
import { ExtremistMatches } from './extremist-matches';

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
interface Matching {
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  error: string | null;
}
type CheckDetail = Check & { canDecide: boolean; matching: Matching | null };

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

/**
 * One check: `focusOnLoad` scrolls to its heading and focuses it once it has loaded (the panel opens
 * below the history, out of sight otherwise).
 */
export function CheckReview({ id, focusOnLoad = false }: { id: string; focusOnLoad?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const check = useQuery({
    queryKey: ['extremist-check', id],
    queryFn: () => api.get<CheckDetail>(`/api/v1/catalog/extremist/checks/${id}`),
    refetchInterval: (query) => (query.state.data?.status === 'matching' ? 1000 : false),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);
  const isLoaded = check.data !== undefined;
  useEffect(() => {
    if (!focusOnLoad || !isLoaded || focused.current || !heading.current) return;
    focused.current = true;
    heading.current.scrollIntoView({ behavior: 'smooth', block: 'start' });
    heading.current.focus({ preventScroll: true });
  }, [focusOnLoad, isLoaded]);
  const status = check.data?.status;
  useEffect(() => {
    // The history's counts change when the matching ends.
    if (status && status !== 'matching') void queryClient.invalidateQueries({ queryKey: ['extremist-checks'] });
  }, [status, queryClient]);
  const refresh = () =>
    void queryClient
      .invalidateQueries({ queryKey: ['extremist-check'] })
      .then(() => queryClient.invalidateQueries({ queryKey: ['extremist-checks'] }));
  const [askClose, setAskClose] = useState(false);
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
              <Title order={4} ref={heading} tabIndex={-1} data-testid="extremist-review-heading">
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
                  {c.status === 'closed' ? t('extremist.act') : t('extremist.actDraft')}
                </Button>
              )}
              {c.canDecide && (
                <Button color="gray" onClick={() => setAskClose(true)} loading={close.isPending} disabled={c.matchesPending > 0} data-testid="extremist-close">
                  {t('extremist.close')}
                </Button>
              )}
            </Group>
          </Group>
          {c.canDecide && c.matchesPending > 0 && (
            <Text size="sm" c="dimmed" data-testid="extremist-close-blocked">
              {t('extremist.closeBlocked', { count: c.matchesPending })}
            </Text>
          )}
          {c.status === 'matching' || c.status === 'failed' ? (
            <MatchingProgress check={c} />
          ) : (
            <ExtremistMatches checkId={id} canDecide={c.canDecide} onDecided={refresh} />
          )}
          <ConfirmModal
            opened={askClose}
            title={t('extremist.closeConfirmTitle')}
            confirmLabel={t('extremist.close')}
            text={t('extremist.closeConfirm')}
            onConfirm={() => {
              setAskClose(false);
              close.mutate();
            }}
            onCancel={() => setAskClose(false)}
          />
        </Stack>
      )}
    </QueryState>
  );
}
