/**
 * The desk's lists: holds on the shelf, travelling here, to pull from the shelves and expired; overdue
 * loans with export, letters and e-mail notices; today's visits with the manual counter.
 */
import { Button, Group, NumberInput, Paper, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../web/api/client';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDate, formatDateTime } from '../../web/ui/format';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { Pager } from '../../web/ui/table-parts';
import { useOverdue, type DeskHold } from './api';
import { DeskLibraryPicker, useDeskLibrary } from '../../web/desk-library';

const HOLD_LISTS = ['ready', 'in_transit', 'to_pull', 'expired'] as const;

function HoldList({ libraryId, kind }: { libraryId: string; kind: (typeof HOLD_LISTS)[number] }) {
  const { t } = useTranslation();
  const holds = useQuery({
    queryKey: ['circulation', 'holds', libraryId, kind],
    queryFn: () => api.get<DeskHold[]>('/api/v1/circulation/holds', { libraryId, kind }),
  });
  return (
    <QueryState query={holds}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState>{t('common.empty')}</EmptyState>
        ) : (
          <Table striped withTableBorder data-testid={`holds-${kind}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('desk.titleColumn')}</Table.Th>
                <Table.Th>{t('desk.barcode')}</Table.Th>
                <Table.Th>{t('circulation.pickup')}</Table.Th>
                <Table.Th>{t('desk.until', { date: '' })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{h.title}</Table.Td>
                  <Table.Td ff="monospace">{h.barcode ?? '—'}</Table.Td>
                  <Table.Td>{h.pickupLibraryName}</Table.Td>
                  <Table.Td>{formatDate(h.expiresOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryState>
  );
}

function OverdueList({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const overdue = useOverdue(libraryId, page, q);
  const client = useQueryClient();
  const notices = useMutation({
    mutationFn: () => api.post<{ sent: number; withoutEmail: number; failed: number }>('/api/v1/circulation/overdue/notices', { libraryId }),
    onSuccess: (r) => {
      notifySaved(t('circulation.noticesSent', { sent: r.sent, without: r.withoutEmail }));
      void client.invalidateQueries({ queryKey: ['circulation', 'overdue'] });
    },
    onError: (e) => notifyError(e),
  });
  return (
    <>
      <Group mb="sm" gap="sm">
        <TextInput placeholder={t('circulation.overdueSearch')} value={q} onChange={(e) => { setQ(e.currentTarget.value); setPage(1); }} w={280} />
        <Button component="a" variant="default" href={withQuery('/api/v1/circulation/overdue.xlsx', { libraryId, q })}>
          {t('common.exportXlsx')}
        </Button>
        <Button component="a" variant="default" target="_blank" href={withQuery('/api/v1/circulation/overdue/letters.pdf', { libraryId })}>
          {t('circulation.letters')}
        </Button>
        <Button variant="light" loading={notices.isPending} onClick={() => notices.mutate()}>
          {t('circulation.sendNotices')}
        </Button>
      </Group>
      <QueryState query={overdue}>
        {(data) => (
          <>
            <Table striped withTableBorder data-testid="overdue-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('desk.card')}</Table.Th>
                  <Table.Th>{t('circulation.reader')}</Table.Th>
                  <Table.Th>{t('desk.titleColumn')}</Table.Th>
                  <Table.Th>{t('desk.due')}</Table.Th>
                  <Table.Th>{t('circulation.daysOverdue')}</Table.Th>
                  <Table.Th>{t('circulation.lastNotice')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((r) => (
                  <Table.Tr key={r.loanId}>
                    <Table.Td ff="monospace">{r.cardNumber}</Table.Td>
                    <Table.Td>
                      {r.readerName}
                      {r.phone && <Text size="xs" c="dimmed">{r.phone}</Text>}
                    </Table.Td>
                    <Table.Td>{r.title}</Table.Td>
                    <Table.Td>{formatDate(r.dueOn)}</Table.Td>
                    <Table.Td c="red">{r.daysOverdue}</Table.Td>
                    <Table.Td>{r.lastNoticeAt ? formatDateTime(r.lastNoticeAt) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Pager page={page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
          </>
        )}
      </QueryState>
    </>
  );
}

function Visits({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [add, setAdd] = useState<number | string>(1);
  const visits = useQuery({
    queryKey: ['circulation', 'visits', libraryId],
    queryFn: () => api.get<{ day: string; readers: number; manual: number; total: number }>('/api/v1/circulation/visits', { libraryId }),
  });
  const save = useMutation({
    mutationFn: () => api.post('/api/v1/circulation/visits', { libraryId, add: Number(add) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['circulation', 'visits', libraryId] }),
    onError: (e) => notifyError(e),
  });
  return (
    <QueryState query={visits}>
      {(v) => (
        <Paper withBorder p="md" maw={480}>
          <Text>{t('circulation.visitsToday', { readers: v.readers, manual: v.manual, total: v.total })}</Text>
          <Group mt="sm" align="flex-end">
            <NumberInput label={t('circulation.addVisits')} value={add} onChange={setAdd} min={-1000} max={1000} w={160} />
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Paper>
      )}
    </QueryState>
  );
}

export function CirculationPage() {
  const { t } = useTranslation();
  const { libraryId, setLibraryId, canChoose } = useDeskLibrary();
  return (
    <>
      <PageHeader title={t('circulation.title')}>
        {canChoose && <DeskLibraryPicker value={libraryId} onChange={setLibraryId} />}
      </PageHeader>
      {!libraryId ? (
        <EmptyState>{t('desk.chooseLibrary')}</EmptyState>
      ) : (
        <Tabs defaultValue="ready" keepMounted={false}>
          <Tabs.List mb="md">
            {HOLD_LISTS.map((k) => (
              <Tabs.Tab key={k} value={k}>
                {t(`circulation.holdList.${k}`)}
              </Tabs.Tab>
            ))}
            <Tabs.Tab value="overdue">{t('circulation.overdue')}</Tabs.Tab>
            <Tabs.Tab value="visits">{t('circulation.visits')}</Tabs.Tab>
          </Tabs.List>
          {HOLD_LISTS.map((k) => (
            <Tabs.Panel key={k} value={k}>
              <HoldList libraryId={libraryId} kind={k} />
            </Tabs.Panel>
          ))}
          <Tabs.Panel value="overdue">
            <OverdueList libraryId={libraryId} />
          </Tabs.Panel>
          <Tabs.Panel value="visits">
            <Visits libraryId={libraryId} />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}
