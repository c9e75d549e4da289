/** Sums of contributions per library, partner, year or kind, as a table and a bar chart per currency. */
import { BarChart } from '@mantine/charts';
import { Card, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../web/i18n/setup';
import { QueryState } from '../../web/ui/feedback';
import type { TCurrency, TSumGroup } from '../partners.schemas';
import { formatMoney, useContributionSums, type SumRow } from './api';

const GROUPS: TSumGroup[] = ['library', 'partner', 'year', 'kind'];
const GROUP_LABEL = { library: 'byLibrary', partner: 'byPartner', year: 'byYear', kind: 'byKind' } as const;

function CurrencyChart({ currency, rows, groupBy }: { currency: TCurrency; rows: SumRow[]; groupBy: TSumGroup }) {
  const { t } = useTranslation();
  const label = (r: SumRow) => (groupBy === 'kind' ? t(`contributionKind.${r.key as 'money'}`) : r.label);
  const data = rows.map((r) => ({ name: label(r), total: r.total }));
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t(`currency.${currency}`)}
      </Title>
      <BarChart
        h={Math.max(160, data.length * 34)}
        data={data}
        dataKey="name"
        orientation="vertical"
        yAxisProps={{ width: 180 }}
        series={[{ name: 'total', label: t('contributions.total'), color: 'teal.6' }]}
        valueFormatter={(v) => new Intl.NumberFormat(currentLanguage()).format(v)}
      />
      <Table mt="sm" verticalSpacing={4}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-testid="sum-row">
              <Table.Td>{label(r)}</Table.Td>
              <Table.Td ta="right">{r.count}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(r.total, r.currency, (c) => t(`currency.${c}`), currentLanguage())}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function SumsPanel({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<TSumGroup>('library');
  const sums = useContributionSums(groupBy, { from, to });
  return (
    <Stack>
      <SegmentedControl
        value={groupBy}
        onChange={(v) => setGroupBy(v)}
        data={GROUPS.map((g) => ({ value: g, label: t(`contributions.${GROUP_LABEL[g]}`) }))}
        aria-label={t('contributions.groupBy')}
      />
      <QueryState query={sums}>
        {(rows) => {
          const currencies = [...new Set(rows.map((r) => r.currency))];
          if (!currencies.length) return <Text c="dimmed">{t('contributions.empty')}</Text>;
          return (
            <SimpleGrid cols={{ base: 1, lg: currencies.length }}>
              {currencies.map((c) => (
                <CurrencyChart key={c} currency={c} groupBy={groupBy} rows={rows.filter((r) => r.currency === c)} />
              ))}
            </SimpleGrid>
          );
        }}
      </QueryState>
    </Stack>
  );
}
