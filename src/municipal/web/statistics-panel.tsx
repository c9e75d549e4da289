/** Requests by municipality and type: how many, answered, overdue, answered late, hours to answer; with a chart. */
import { BarChart } from '@mantine/charts';
import { Button, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../web/api/client';
import { QueryState } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { useStatistics, type Measures } from './api';

const hours = (m: Measures) => (m.avgHoursToAnswer === null ? '—' : m.avgHoursToAnswer.toFixed(1));

function MeasuresTable({ rows, first }: { rows: (Measures & { label: string })[]; first: string }) {
  const { t } = useTranslation();
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{first}</Table.Th>
          <Table.Th ta="right">{t('requests.statTotal')}</Table.Th>
          <Table.Th ta="right">{t('requests.statAnswered')}</Table.Th>
          <Table.Th ta="right">{t('requests.statOpen')}</Table.Th>
          <Table.Th ta="right">{t('requests.statOverdue')}</Table.Th>
          <Table.Th ta="right">{t('requests.statLate')}</Table.Th>
          <Table.Th ta="right">{t('requests.statHours')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td ta="right">{r.total}</Table.Td>
            <Table.Td ta="right">{r.answered}</Table.Td>
            <Table.Td ta="right">{r.open}</Table.Td>
            <Table.Td ta="right" c={r.overdue > 0 ? 'red' : undefined}>{r.overdue}</Table.Td>
            <Table.Td ta="right">{r.answeredLate}</Table.Td>
            <Table.Td ta="right">{hours(r)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function StatisticsPanel() {
  const { t } = useTranslation();
  const [from, setFrom] = useState<string | null>(`${new Date().getFullYear()}-01-01`);
  const [to, setTo] = useState<string | null>(null);
  const period = { from: from ?? undefined, to: to ?? undefined };
  const stats = useStatistics(period);
  return (
    <>
      <Group mb="md" align="flex-end">
        <DateField label={t('report.from')} value={from} onChange={setFrom} w={160} />
        <DateField label={t('report.to')} value={to} onChange={setTo} w={160} />
        <Button component="a" href={withQuery('/api/v1/municipal/statistics.xlsx', period)} variant="default" leftSection={<IconDownload size={16} />}>
          {t('common.exportXlsx')}
        </Button>
      </Group>
      <QueryState query={stats}>
        {(s) => (
          <>
            <SimpleGrid cols={{ base: 2, sm: 5 }} mb="md">
              {(['total', 'answered', 'open', 'overdue'] as const).map((k) => (
                <Card key={k} withBorder>
                  <Text size="xs" c="dimmed">{t(`requests.stat${k === 'total' ? 'Total' : k === 'answered' ? 'Answered' : k === 'open' ? 'Open' : 'Overdue'}`)}</Text>
                  <Text size="xl" fw={700} c={k === 'overdue' && s.total.overdue > 0 ? 'red' : undefined}>{s.total[k]}</Text>
                </Card>
              ))}
              <Card withBorder>
                <Text size="xs" c="dimmed">{t('requests.statHours')}</Text>
                <Text size="xl" fw={700}>{hours(s.total)}</Text>
              </Card>
            </SimpleGrid>
            <Card withBorder mb="md">
              <Title order={4} mb="sm">{t('requests.byMunicipality')}</Title>
              <BarChart
                h={Math.max(160, s.byMunicipality.length * 40)}
                data={s.byMunicipality.map((m) => ({ name: m.municipalityName, answered: m.answered, open: m.open - m.overdue, overdue: m.overdue }))}
                dataKey="name"
                type="stacked"
                orientation="vertical"
                yAxisProps={{ width: 220 }}
                withLegend
                series={[
                  { name: 'answered', label: t('requests.statAnswered'), color: 'teal.6' },
                  { name: 'open', label: t('requests.statOpen'), color: 'blue.5' },
                  { name: 'overdue', label: t('requests.statOverdue'), color: 'red.6' },
                ]}
              />
              <MeasuresTable rows={s.byMunicipality.map((m) => ({ ...m, label: m.municipalityName }))} first={t('requests.municipality')} />
            </Card>
            <Card withBorder>
              <Title order={4} mb="sm">{t('requests.byType')}</Title>
              <MeasuresTable rows={s.byType.map((m) => ({ ...m, label: t(`requestType.${m.type}`) }))} first={t('requests.type')} />
            </Card>
          </>
        )}
      </QueryState>
    </>
  );
}
