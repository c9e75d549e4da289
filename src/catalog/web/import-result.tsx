/** What an import did: counts, the first refused records and the full report as XLSX. */
import { Alert, Button, Group, SimpleGrid, Stack, Table, Text, Paper } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../web/ui/format';
import type { ImportSummary, TMarcFormat } from './api';

const SHOWN_ERRORS = 20;

/** The job's running message "read / created / matched / rejected" as numbers, when it has that shape. */
export function parseCounts(message: string | undefined): number[] | null {
  const parts = (message ?? '').split('/').map((p) => Number(p.trim()));
  return parts.length === 4 && parts.every((n) => Number.isFinite(n)) ? parts : null;
}

export function Counts({ values }: { values: [string, number][] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: values.length }}>
      {values.map(([label, value]) => (
        <Paper key={label} withBorder p="sm">
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700} size="xl">
            {formatNumber(value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** How the import went as a whole: nothing in the file, nothing usable in it, or done. */
function Outcome({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  if (summary.read === 0) {
    return (
      <Alert color="red" title={t('import.nothingRead')} data-testid="import-outcome">
        {t('import.notMarcHint')}
      </Alert>
    );
  }
  if (summary.created + summary.matched === 0 && summary.rejected === summary.read) {
    return (
      <Alert color="red" title={t('import.allRejected')} data-testid="import-outcome">
        {t('import.notMarcHint')}
      </Alert>
    );
  }
  return <Alert color={summary.rejected ? 'yellow' : 'teal'} title={t('import.done')} data-testid="import-outcome" />;
}

/** What the import read the file as (null until a record was read): garbled text is a wrong encoding. */
interface ReadAs {
  schema?: TMarcFormat | null;
  encoding?: string | null;
  encodingDetected?: string;
  utf8Records?: number;
}

/** The schema and encoding the records were read in, whether chosen or detected. */
function ReadAsLine({ summary }: { summary: ReadAs }) {
  const { t } = useTranslation();
  const unknown = t('import.notDetected');
  return (
    <Text size="sm" data-testid="import-read-as">
      {t('import.readAs', {
        schema: summary.schema ? t(`marcFormat.${summary.schema}`) : unknown,
        encoding: summary.encoding ? summary.encoding.toUpperCase() : unknown,
      })}{' '}
      {summary.utf8Records ? `${t('import.utf8Records', { count: summary.utf8Records })} ` : ''}
      {/* With a warning below saying which encoding the bytes read in, that warning says what to do. */}
      {!summary.encodingDetected && (
        <Text span size="sm" c="dimmed">
          {t('import.garbledHint')}
        </Text>
      )}
    </Text>
  );
}

/** The encoding was chosen by hand, and the records' bytes read clearly better in another. */
function EncodingDoubt({ summary }: { summary: ReadAs }) {
  const { t } = useTranslation();
  if (!summary.encodingDetected || !summary.encoding) return null;
  return (
    <Alert color="yellow" title={t('import.encodingDoubt', { named: summary.encoding.toUpperCase(), detected: summary.encodingDetected.toUpperCase() })} data-testid="import-encoding-doubt">
      {t('import.encodingDoubtHint')}
    </Alert>
  );
}

export function ImportResult({ jobId, summary }: { jobId: string; summary: ImportSummary & ReadAs }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="import-result">
      <Outcome summary={summary} />
      <ReadAsLine summary={summary} />
      <EncodingDoubt summary={summary} />
      <Counts
        values={[
          [t('import.read'), summary.read],
          [t('import.created'), summary.created],
          [t('import.matched'), summary.matched],
          ...(summary.replaced === undefined ? [] : ([[t('import.replaced'), summary.replaced]] as [string, number][])),
          [t('import.rejected'), summary.rejected],
          [t('import.copies'), summary.items.created],
        ]}
      />
      {summary.errors.length > 0 && (
        <>
          <Text fw={600}>{t('import.errors')}</Text>
          <Table striped withTableBorder data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('import.recordNo')}</Table.Th>
                <Table.Th w={140}>{t('import.offset')}</Table.Th>
                <Table.Th>{t('import.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.errors.slice(0, SHOWN_ERRORS).map((e) => (
                <Table.Tr key={`${e.index}-${e.offset}`}>
                  <Table.Td>{e.index + 1}</Table.Td>
                  <Table.Td>{e.offset >= 0 ? e.offset : '—'}</Table.Td>
                  <Table.Td title={e.detail}>{e.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Group>
        <Button
          component="a"
          href={`/api/v1/catalog/imports/${jobId}/report.xlsx`}
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          data-testid="import-report"
        >
          {t('import.report')}
        </Button>
      </Group>
    </Stack>
  );
}
