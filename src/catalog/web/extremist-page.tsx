/**
 * Check against the Federal list of extremist materials: import a version of the list, start a check
 * of a network's collection, review each match (confirm: flag or withdraw copies; dismiss), print the act.
 */
import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useManagedNetworks } from '../../network/web/api';
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
interface Check {
  id: string;
  networkName: string;
  checkedOn: string;
  status: string;
  recordsChecked: number;
  matchesFound: number;
  matchesConfirmed: number;
  matchesPending: number;
}
interface Match {
  id: string;
  score: number;
  decision: string;
  action: string | null;
  entryNumber: number;
  entryText: string;
  recordId: string;
  recordTitle: string;
  recordDescription: string;
  copies: number;
}
type CheckDetail = Check & { matches: Match[]; canDecide: boolean };

function CheckReview({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const check = useQuery({
    queryKey: ['extremist-check', id],
    queryFn: () => api.get<CheckDetail>(`/api/v1/catalog/extremist/checks/${id}`),
  });
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
        <Stack gap="sm" mt="md">
          <Group justify="space-between">
            <Title order={4}>
              {c.networkName} · {c.checkedOn}
            </Title>
            <Group gap="sm">
              <Button
                component="a"
                href={`/api/v1/catalog/extremist/checks/${id}/act.pdf`}
                target="_blank"
                variant="default"
                data-testid="extremist-act"
              >
                {t('extremist.act')}
              </Button>
              {c.canDecide && (
                <Button color="gray" onClick={() => close.mutate()} loading={close.isPending}>
                  {t('extremist.close')}
                </Button>
              )}
            </Group>
          </Group>
          {c.matches.length === 0 ? (
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
                    <Table.Td>{m.copies}</Table.Td>
                    <Table.Td>
                      <Badge
                        color={m.decision === 'confirmed' ? 'red' : m.decision === 'dismissed' ? 'gray' : 'yellow'}
                        tt="none"
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

export function ExtremistPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
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
    mutationFn: () =>
      api.post<{ id: string }>('/api/v1/catalog/extremist/checks', {
        networkId: form.networkId || networks.data?.[0]?.id,
        listId: form.listId || lists.data?.items[0]?.id,
        checkedOn: form.checkedOn,
        commission: form.commission
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    onSuccess: (check) => {
      void queryClient.invalidateQueries({ queryKey: ['extremist-checks'] });
      setOpenCheck(check.id);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <>
      <PageHeader title={t('extremist.title')} />
      <Group align="flex-end" mb="md">
        <FileInput label={t('extremist.file')} value={file} onChange={setFile} w={300} data-testid="extremist-file" />
        <TextInput
          label={t('extremist.publishedOn')}
          placeholder="2026-11-30"
          value={publishedOn}
          onChange={(e) => setPublishedOn(e.currentTarget.value)}
          w={160}
        />
        <Button
          disabled={!file}
          loading={upload.isPending}
          onClick={() => upload.mutate()}
          data-testid="extremist-upload"
        >
          {t('extremist.upload')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {(lists.data?.items ?? [])
          .map((l) => `${l.publishedOn ?? l.createdAt.slice(0, 10)} (${l.entryCount})`)
          .join(' · ') || t('extremist.noLists')}
      </Text>
      <Title order={4} mb="xs">
        {t('extremist.newCheck')}
      </Title>
      <Group align="flex-end" mb="md" wrap="wrap">
        <Select
          label={t('extremist.network')}
          data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
          value={form.networkId || networks.data?.[0]?.id || null}
          onChange={(v) => setForm((f) => ({ ...f, networkId: v ?? '' }))}
          w={260}
        />
        <Select
          label={t('extremist.list')}
          data={(lists.data?.items ?? []).map((l) => ({
            value: l.id,
            label: `${l.publishedOn ?? l.createdAt.slice(0, 10)} (${l.entryCount})`,
          }))}
          value={form.listId || lists.data?.items[0]?.id || null}
          onChange={(v) => setForm((f) => ({ ...f, listId: v ?? '' }))}
          w={220}
        />
        <TextInput
          label={t('extremist.checkedOn')}
          value={form.checkedOn}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, checkedOn: value }));
          }}
          w={140}
        />
        <Textarea
          label={t('extremist.commission')}
          description={t('extremist.commissionHint')}
          value={form.commission}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, commission: value }));
          }}
          autosize
          minRows={2}
          w={360}
        />
        <Button loading={start.isPending} onClick={() => start.mutate()} data-testid="extremist-start">
          {t('extremist.start')}
        </Button>
      </Group>
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
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.checkedOn}</Table.Td>
                    <Table.Td>{c.networkName}</Table.Td>
                    <Table.Td>{c.recordsChecked}</Table.Td>
                    <Table.Td>{c.matchesFound}</Table.Td>
                    <Table.Td>{c.matchesConfirmed}</Table.Td>
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
      {openCheck && <CheckReview id={openCheck} />}
    </>
  );
}
