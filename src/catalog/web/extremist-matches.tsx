/**
 * The matches of one check against the Federal list, to review one by one: searchable by words or
 * the list entry's number, filtered by decision, paged, and exported as XLSX for the commission.
 */
import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, withQuery } from '../../web/api/client';
import { paths } from '../../web/paths';
import { ConfirmModal } from '../../web/ui/confirm-modal';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch } from '../../web/ui/use-list-params';

interface Match {
  id: string;
  score: number;
  decision: 'pending' | 'confirmed' | 'dismissed';
  action: 'flag' | 'withdraw' | null;
  /** Copies flagged or withdrawn when the match was confirmed. */
  copiesAffected: number | null;
  entryNumber: number;
  entryText: string;
  recordId: string;
  recordTitle: string;
  recordDescription: string;
  copies: number;
  /** Of those, copies with readers (on loan, in transit, at a service point). */
  copiesWithReaders: number;
  /** The libraries holding the copies. */
  libraries: string[];
}
interface MatchPage {
  items: Match[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 25;
const DECISIONS = ['all', 'pending', 'confirmed', 'dismissed'] as const;
type DecisionFilter = (typeof DECISIONS)[number];
const DECISION_COLORS = { confirmed: 'red', dismissed: 'gray', pending: 'yellow' } as const;

function Decision({ match }: { match: Match }) {
  const { t } = useTranslation();
  return (
    <Badge color={DECISION_COLORS[match.decision]} tt="none" miw="max-content">
      {t(`extremist.decisions.${match.decision}`)}
      {match.action ? ` · ${t(`extremist.actions.${match.action}`)}` : ''}
    </Badge>
  );
}

/** Asks before a withdrawal: a write-off cannot be undone. Names the copies and their libraries. */
function WithdrawConfirm({ match, onConfirm, onCancel }: { match: Match | null; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const text = !match
    ? ''
    : [
        match.copies ? t('extremist.withdrawConfirm', { count: match.copies, libraries: match.libraries.join(', ') }) : t('extremist.withdrawNone'),
        match.copiesWithReaders ? t('extremist.withdrawWithReaders', { count: match.copiesWithReaders }) : '',
      ]
        .filter(Boolean)
        .join(' ');
  return <ConfirmModal opened={match !== null} title={t('extremist.withdrawConfirmTitle')} text={text} onConfirm={onConfirm} onCancel={onCancel} confirmLabel={t('extremist.withdraw')} />;
}

/** `onDecided` runs after each decision (the check's counts change). */
export function ExtremistMatches({ checkId, canDecide, onDecided }: { checkId: string; canDecide: boolean; onDecided: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [decision, setDecision] = useState<DecisionFilter>('all');
  const [page, setPage] = useState(1);
  const [text, setText] = useDebouncedSearch(q, (value) => {
    setQ(value);
    setPage(1);
  });
  const filter = { q: q || undefined, decision: decision === 'all' ? undefined : decision };
  const matches = useQuery({
    queryKey: ['extremist-check', checkId, 'matches', filter, page],
    queryFn: () => api.get<MatchPage>(withQuery(`/api/v1/catalog/extremist/checks/${checkId}/matches`, { ...filter, page, pageSize: PAGE_SIZE })),
    placeholderData: keepPreviousData,
  });
  const [withdrawing, setWithdrawing] = useState<Match | null>(null);
  const decide = useMutation({
    mutationFn: ({ matchId, decision: chosen, action }: { matchId: string; decision: string; action?: string }) =>
      api.post(`/api/v1/catalog/extremist/checks/${checkId}/matches/${matchId}`, { decision: chosen, action: action ?? null }),
    onSuccess: () => {
      notifySaved();
      onDecided();
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="end">
        <Group gap="sm" align="end">
          <TextInput
            placeholder={t('extremist.matchSearch')}
            aria-label={t('extremist.matchSearch')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            w={340}
            data-testid="extremist-match-search"
          />
          <SegmentedControl
            value={decision}
            onChange={(value) => {
              setDecision(value);
              setPage(1);
            }}
            data={DECISIONS.map((value) => ({ value, label: value === 'all' ? t('common.all') : t(`extremist.decisionFilter.${value}`) }))}
            aria-label={t('extremist.decision')}
            data-testid="extremist-decision-filter"
          />
        </Group>
        <Button
          component="a"
          href={withQuery(`/api/v1/catalog/extremist/checks/${checkId}/matches.xlsx`, filter)}
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          data-testid="extremist-matches-export"
        >
          {t('common.exportXlsx')}
        </Button>
      </Group>
      <QueryState query={matches}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState>{q || decision !== 'all' ? t('common.empty') : t('extremist.noMatches')}</EmptyState>
          ) : (
            <>
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
                  {data.items.map((m) => (
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
                        <Decision match={m} />
                        {canDecide && m.decision !== 'confirmed' && (
                          <Group gap={4} mt={4}>
                            <Button size="xs" color="red" onClick={() => setWithdrawing(m)} data-testid="extremist-withdraw">
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
                            <Button size="xs" variant="default" onClick={() => decide.mutate({ matchId: m.id, decision: 'dismissed' })}>
                              {t('extremist.dismiss')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
            </>
          )
        }
      </QueryState>
      <WithdrawConfirm
        match={withdrawing}
        onConfirm={() => {
          if (withdrawing) decide.mutate({ matchId: withdrawing.id, decision: 'confirmed', action: 'withdraw' });
          setWithdrawing(null);
        }}
        onCancel={() => setWithdrawing(null)}
      />
    </Stack>
  );
}
