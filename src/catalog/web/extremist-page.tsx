/**
 * Check against the Federal list of extremist materials: import a version of the list, start a check
 * of a network's collection, review each match (confirm: flag or withdraw copies; dismiss), print the act.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNetworks } from '../../network/web/api';
import { ZExtremistCheckInput, type TExtremistCheckInput } from '../extremist/extremist.schemas';
import { zodFieldErrors, type FieldErrors } from '../../web/ui/form-errors';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';

interface ListVersion {
  id: string;
  sourceName: string;
  publishedOn: string | null;
  entryCount: number;
  createdAt: string;
}
type CheckStatus = 'matching' | 'open' | 'closed' | 'failed';
interface Check {
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

function CheckState({ status }: { status: CheckStatus }) {
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

function CheckReview({ id }: { id: string }) {
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
                {c.networkName} · {c.checkedOn}
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

const listLabel = (l: ListVersion) => `${l.publishedOn ?? l.createdAt.slice(0, 10)} (${l.entryCount})`;

export function ExtremistPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Every network the person reads; the server refuses a check of one they do not work for.
  const networks = useNetworks();
  const lists = useQuery({
    queryKey: ['extremist-lists'],
    queryFn: () => api.get<{ items: ListVersion[] }>('/api/v1/catalog/extremist/lists'),
  });
  const checks = useQuery({
    queryKey: ['extremist-checks'],
    queryFn: () => api.get<{ items: Check[] }>('/api/v1/catalog/extremist/checks'),
  });
  const [file, setFile] = useState<File | null>(null);
  const [publishedOn, setPublishedOn] = useState('');
  const [form, setForm] = useState({
    networkId: '',
    listId: '',
    checkedOn: new Date().toISOString().slice(0, 10),
    commission: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [openCheck, setOpenCheck] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () =>
      api.upload('/api/v1/catalog/extremist/lists', file!, {
        sourceName: file!.name,
        publishedOn: publishedOn || undefined,
      }),
    onSuccess: () => {
      notifySaved(t('extremist.imported'));
      void queryClient.invalidateQueries({ queryKey: ['extremist-lists'] });
    },
    onError: (error) => notifyError(error),
  });
  const start = useMutation({
    mutationFn: (input: TExtremistCheckInput) => api.post<{ id: string }>('/api/v1/catalog/extremist/checks', input),
    onSuccess: (check) => {
      void queryClient.invalidateQueries({ queryKey: ['extremist-checks'] });
      setOpenCheck(check.id);
    },
    onError: (error) => notifyError(error),
  });
  const submit = () => {
    const parsed = ZExtremistCheckInput.safeParse({
      networkId: form.networkId || networks.data?.[0]?.id,
      listId: form.listId || lists.data?.items[0]?.id,
      checkedOn: form.checkedOn,
      commission: form.commission
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    });
    setErrors(parsed.success ? {} : zodFieldErrors(parsed.error));
    if (parsed.success) start.mutate(parsed.data);
  };
  const firstError = (prefix: string) => Object.entries(errors).find(([path]) => path.split('.')[0] === prefix)?.[1];
  return (
    <>
      <PageHeader title={t('extremist.title')} />
      <Stack maw={1100}>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('extremist.listTitle')}
          </Title>
          <Group align="flex-end">
            <FileInput
              label={t('extremist.file')}
              placeholder={t('extremist.filePlaceholder')}
              value={file}
              onChange={setFile}
              accept=".txt,.csv,text/plain,text/csv"
              clearable
              w={320}
              data-testid="extremist-file"
            />
            <TextInput
              label={t('extremist.publishedOn')}
              placeholder="2026-11-30"
              value={publishedOn}
              onChange={(e) => setPublishedOn(e.currentTarget.value)}
              w={200}
            />
            <Button disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()} data-testid="extremist-upload">
              {t('extremist.upload')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed" mt="sm" data-testid="extremist-versions">
            {lists.data?.items.length ? `${t('extremist.versions')}: ${lists.data.items.map(listLabel).join(' · ')}` : t('extremist.noLists')}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('extremist.newCheck')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('extremist.network')}
              data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
              value={form.networkId || networks.data?.[0]?.id || null}
              onChange={(v) => setForm((f) => ({ ...f, networkId: v ?? '' }))}
              allowDeselect={false}
              error={errors.networkId}
            />
            <Select
              label={t('extremist.list')}
              data={(lists.data?.items ?? []).map((l) => ({ value: l.id, label: listLabel(l) }))}
              value={form.listId || lists.data?.items[0]?.id || null}
              onChange={(v) => setForm((f) => ({ ...f, listId: v ?? '' }))}
              allowDeselect={false}
              error={errors.listId}
            />
            <TextInput
              label={t('extremist.checkedOn')}
              value={form.checkedOn}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, checkedOn: value }));
              }}
              error={errors.checkedOn}
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('extremist.commission')}
            description={t('extremist.commissionHint')}
            value={form.commission}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm((f) => ({ ...f, commission: value }));
            }}
            error={firstError('commission')}
            autosize
            minRows={3}
          />
          <Group mt="md">
            <Button loading={start.isPending} onClick={submit} data-testid="extremist-start">
              {t('extremist.start')}
            </Button>
          </Group>
        </Paper>
        <Title order={4}>{t('extremist.history')}</Title>
        <QueryState query={checks}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState>{t('extremist.noChecks')}</EmptyState>
            ) : (
              <Table withTableBorder highlightOnHover data-testid="extremist-checks">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('extremist.checkedOn')}</Table.Th>
                    <Table.Th>{t('extremist.network')}</Table.Th>
                    <Table.Th>{t('extremist.recordsChecked')}</Table.Th>
                    <Table.Th>{t('extremist.found')}</Table.Th>
                    <Table.Th>{t('extremist.confirmed')}</Table.Th>
                    <Table.Th>{t('extremist.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.checkedOn}</Table.Td>
                      <Table.Td>{c.networkName}</Table.Td>
                      <Table.Td>{c.status === 'matching' ? '—' : c.recordsChecked}</Table.Td>
                      <Table.Td>{c.status === 'matching' ? '—' : c.matchesFound}</Table.Td>
                      <Table.Td>{c.matchesConfirmed}</Table.Td>
                      <Table.Td>
                        <CheckState status={c.status} />
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="light" onClick={() => setOpenCheck(c.id)}>
                          {c.status === 'open' ? t('extremist.review') : t('extremist.view')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
        {openCheck && (
          <Paper withBorder p="md">
            <CheckReview id={openCheck} />
          </Paper>
        )}
      </Stack>
    </>
  );
}
