/**
 * The matches of one check against the Federal list, to review one by one: searchable by words or
 * the list entry's number, filtered by decision, paged, and exported as XLSX for the commission. A
 * withdrawal and a withholding are asked about first (both are final); a dismissal takes a reason,
 * which later checks show with the match they bring already dismissed.
 */
import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconFileSpreadsheet, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, withQuery } from '../../web/api/client';
import { paths } from '../../web/paths';
import { ConfirmModal } from '../../web/ui/confirm-modal';
import { formatDate } from '../../web/ui/format';
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
  note: string;
  decidedBy: string | null;
  /** Dismissed because an earlier check dismissed it (`earlier` says when, who, why). */
  carried: boolean;
  earlier: EarlierDecision | null;
}
interface EarlierDecision {
  decision: 'confirmed' | 'dismissed';
  action: 'flag' | 'withdraw' | null;
  note: string;
  decidedBy: string | null;
  decidedAt: string | null;
  checkedOn: string;
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

/** What the commission said about this pair before: carried over, or an earlier check's decision. */
function Earlier({ match }: { match: Match }) {
  const { t } = useTranslation();
  const e = match.earlier;
  if (!e) return null;
  const line = match.carried
    ? t('extremist.carried', { date: formatDate(e.decidedAt), by: e.decidedBy ?? '—', checkedOn: formatDate(e.checkedOn) })
    : e.decision === 'confirmed'
      ? t('extremist.earlierConfirmed', { checkedOn: formatDate(e.checkedOn), action: t(`extremist.actions.${e.action ?? 'flag'}`) })
      : t('extremist.earlierDismissed', { checkedOn: formatDate(e.checkedOn) });
  return (
    <Text size="xs" c="dimmed" mt={4} data-testid="extremist-earlier">
      {line}
      {!match.carried && e.note ? `. ${t('extremist.reason', { note: e.note })}` : ''}
    </Text>
  );
}

type Confirming = { match: Match; action: 'flag' | 'withdraw' };

/** Asks before a withdrawal or a withholding: both are final. Names the copies and their libraries. */
function ActionConfirm({ confirming, onConfirm, onCancel }: { confirming: Confirming | null; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const match = confirming?.match;
  const action = confirming?.action ?? 'withdraw';
  const text = !match
    ? ''
    : [
        match.copies ? t(`extremist.${action}Confirm`, { count: match.copies, libraries: match.libraries.join(', ') }) : t(`extremist.${action}None`),
        match.copiesWithReaders ? t(`extremist.${action}WithReaders`, { count: match.copiesWithReaders }) : '',
      ]
        .filter(Boolean)
        .join(' ');
  return <ConfirmModal opened={confirming !== null} title={t(`extremist.${action}ConfirmTitle`)} text={text} onConfirm={onConfirm} onCancel={onCancel} confirmLabel={t(`extremist.${action}`)} />;
}

/** A dismissal with its reason, which the next checks show. */
function DismissModal({ match, onDismiss, onCancel }: { match: Match | null; onDismiss: (note: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <ConfirmModal
      opened={match !== null}
      title={t('extremist.dismissTitle')}
      text={match ? `№ ${match.entryNumber}. ${match.recordDescription || match.recordTitle}` : ''}
      confirmLabel={t('extremist.dismiss')}
      onConfirm={() => {
        onDismiss(note.trim());
        setNote('');
      }}
      onCancel={() => {
        setNote('');
        onCancel();
      }}
    >
      <Textarea
        label={t('extremist.dismissReason')}
        description={t('extremist.dismissReasonHint')}
        placeholder={t('extremist.dismissReasonPlaceholder')}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        maxLength={1000}
        autosize
        minRows={2}
        mb="md"
        data-testid="extremist-dismiss-reason"
      />
    </ConfirmModal>
  );
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
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [dismissing, setDismissing] = useState<Match | null>(null);
  const decide = useMutation({
    mutationFn: ({ matchId, decision: chosen, action, note }: { matchId: string; decision: string; action?: string; note?: string }) =>
      api.post(`/api/v1/catalog/extremist/checks/${checkId}/matches/${matchId}`, { decision: chosen, action: action ?? null, note: note ?? '' }),
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
                        {m.note && !m.carried && (
                          <Text size="xs" mt={4}>
                            {t('extremist.reason', { note: m.note })}
                          </Text>
                        )}
                        <Earlier match={m} />
                        {canDecide && m.decision !== 'confirmed' && (
                          <Group gap={4} mt={4}>
                            <Button size="xs" color="red" onClick={() => setConfirming({ match: m, action: 'withdraw' })} data-testid="extremist-withdraw">
                              {t('extremist.withdraw')}
                            </Button>
                            <Button size="xs" color="orange" variant="light" onClick={() => setConfirming({ match: m, action: 'flag' })} data-testid="extremist-flag">
                              {t('extremist.flag')}
                            </Button>
                            <Button size="xs" variant="default" onClick={() => setDismissing(m)} data-testid="extremist-dismiss">
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
      <ActionConfirm
        confirming={confirming}
        onConfirm={() => {
          if (confirming) decide.mutate({ matchId: confirming.match.id, decision: 'confirmed', action: confirming.action });
          setConfirming(null);
        }}
        onCancel={() => setConfirming(null)}
      />
      <DismissModal
        match={dismissing}
        onDismiss={(note) => {
          if (dismissing) decide.mutate({ matchId: dismissing.id, decision: 'dismissed', note });
          setDismissing(null);
        }}
        onCancel={() => setDismissing(null)}
      />
    </Stack>
  );
}
