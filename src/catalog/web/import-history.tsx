/** Earlier imports under the import form: when, which file, how it went; a row opens its report. */
import { Anchor, Badge, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDateTime, formatNumber } from '../../web/ui/format';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch } from '../../web/ui/use-list-params';
import { useImports, type ImportRun } from './api';

const PAGE_SIZE = 10;
const STATUS_COLOR: Record<ImportRun['status'], string> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red', cancelled: 'gray' };

function Outcome({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  if (run.counts) {
    const { read, created, matched, rejected, copies, replaced, encoding, encodingChosen, encodingDetected } = run.counts;
    // What tells one import of a file from another: what it replaced and the encoding it read in.
    const details = [
      replaced !== null ? t('import.historyReplaced', { count: formatNumber(replaced) }) : null,
      encoding ? t(encodingChosen ? 'import.historyEncodingChosen' : 'import.historyEncoding', { encoding: encoding.toUpperCase() }) : null,
    ].filter(Boolean);
    return (
      <>
        <Text size="sm">
          {t('import.historyCounts', { read: formatNumber(read), created: formatNumber(created), matched: formatNumber(matched), rejected: formatNumber(rejected), copies: formatNumber(copies) })}
          {details.length > 0 && `; ${details.join(', ')}`}
        </Text>
        {encodingDetected && (
          <Text size="xs" c="orange">
            {t('import.historyEncodingDoubt', { detected: encodingDetected.toUpperCase() })}
          </Text>
        )}
      </>
    );
  }
  if (run.status === 'running' && run.progress.total) {
    return <Progress value={Math.min(100, (run.progress.done / run.progress.total) * 100)} size="sm" aria-label={t('import.running')} />;
  }
  return run.error ? (
    <Text size="sm" c="red" lineClamp={2}>
      {run.error}
    </Text>
  ) : null;
}

export function ImportHistory({ openedId, onOpen }: { openedId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [text, setText] = useDebouncedSearch(q, (value) => {
    setQ(value);
    setPage(1);
  });
  const imports = useImports({ q: q || undefined, page, pageSize: PAGE_SIZE });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('import.history')}
        </Title>
        <TextInput
          placeholder={t('import.historySearch')}
          aria-label={t('import.historySearch')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          data-testid="import-history-search"
        />
        <QueryState query={imports}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState>{q ? t('import.historyNoneFound') : t('import.historyNone')}</EmptyState>
            ) : (
              <>
                <Table striped highlightOnHover data-testid="import-history">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('import.historyWhen')}</Table.Th>
                      <Table.Th>{t('import.historyFile')}</Table.Th>
                      <Table.Th>{t('import.historyStatus')}</Table.Th>
                      <Table.Th>{t('import.historyOutcome')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((run) => (
                      <ClickableRow key={run.id} label={run.fileName} role="button" onOpen={() => onOpen(run.id)} testId="import-history-row">
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.createdAt)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={run.id === openedId ? 700 : 500}>
                            {run.fileName}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {[run.startedBy, run.libraryName].filter(Boolean).join(' · ')}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={STATUS_COLOR[run.status]} variant="light" style={{ minWidth: 'max-content' }}>
                            {t(`import.status.${run.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td miw={220}>
                          <Outcome run={run} />
                        </Table.Td>
                        <Table.Td onClick={(event) => event.stopPropagation()}>
                          {run.status === 'done' && (
                            <Anchor href={`/api/v1/catalog/imports/${run.id}/report.xlsx`} size="sm">
                              XLSX
                            </Anchor>
                          )}
                        </Table.Td>
                      </ClickableRow>
                    ))}
                  </Table.Tbody>
                </Table>
                <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
              </>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}
