/** A passport shown for reading: contacts, hours, building, equipment, automation, accessibility. */
import { Anchor, Badge, Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../web/ui/format';
import { WEEKDAYS, type TPassportData } from '../network.schemas';

function Facts({ title, rows }: { title: string; rows: [string, ReactNode][] }) {
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="xs">
        {title}
      </Title>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={400} c="dimmed" w="45%" style={{ verticalAlign: 'top' }}>
                {label}
              </Table.Th>
              <Table.Td>{value === '' || value === null ? '—' : value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

const AUTOMATION = ['catalogue', 'loans', 'visitorCount', 'accounting'] as const;
const ACCESSIBILITY = ['vision', 'hearing', 'mobility'] as const;
const CONDITION_COLOR = { good: 'teal', needs_repair: 'orange', emergency: 'red' } as const;

export function PassportView({ data }: { data: TPassportData }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const hours = WEEKDAYS.map((day): [string, ReactNode] => {
    const h = data.hours[day];
    if (!h)
      return [
        t(`weekday.${day}`),
        <Text span c="dimmed" key={day}>
          {t('passport.closed')}
        </Text>,
      ];
    const pause = h.breakFrom && h.breakTo ? `, ${t('passport.break', { from: h.breakFrom, to: h.breakTo })}` : '';
    return [t(`weekday.${day}`), `${h.open}–${h.close}${pause}`];
  });
  const coordinates =
    data.lat !== null && data.lon !== null ? (
      <Anchor
        href={`https://www.openstreetmap.org/?mlat=${data.lat}&mlon=${data.lon}#map=16/${data.lat}/${data.lon}`}
        target="_blank"
        rel="noreferrer"
      >
        {data.lat}, {data.lon}
      </Anchor>
    ) : (
      ''
    );

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="passport-view">
      <Facts
        title={t('passport.contacts')}
        rows={[
          [t('passport.address'), data.address],
          [t('passport.coordinates'), coordinates],
          [t('passport.phone'), data.phone],
          [t('passport.email'), data.email ? <Anchor href={`mailto:${data.email}`}>{data.email}</Anchor> : ''],
        ]}
      />
      <Facts
        title={t('passport.hours')}
        rows={[...hours, ...(data.hoursNote ? [[t('passport.hoursNote'), data.hoursNote] as [string, ReactNode]] : [])]}
      />
      <Facts
        title={t('passport.building')}
        rows={[
          [t('passport.totalArea'), formatNumber(data.building.totalArea)],
          [t('passport.storageArea'), formatNumber(data.building.storageArea)],
          [t('passport.serviceArea'), formatNumber(data.building.serviceArea)],
          [t('passport.tenure'), t(`tenure.${data.building.tenure}`)],
          [
            t('passport.condition'),
            <Badge key="condition" color={CONDITION_COLOR[data.building.condition]} variant="light">
              {t(`condition.${data.building.condition}`)}
            </Badge>,
          ],
          [t('passport.isHeritage'), yesNo(data.building.isHeritage)],
        ]}
      />
      <Facts
        title={t('passport.equipment')}
        rows={[
          [t('passport.seats'), formatNumber(data.seats)],
          [t('passport.computersForUsers'), formatNumber(data.computers.forUsers)],
          [t('passport.computersWithInternet'), formatNumber(data.computers.withInternet)],
          [
            t('passport.internet'),
            data.internet.has
              ? data.internet.speedMbps
                ? t('passport.speedValue', { speed: formatNumber(data.internet.speedMbps) })
                : t('common.yes')
              : t('common.no'),
          ],
          [t('passport.vehicles'), formatNumber(data.vehicles)],
          [t('passport.staffHeadcount'), formatNumber(data.staffHeadcount)],
        ]}
      />
      <Facts
        title={t('passport.automation')}
        rows={AUTOMATION.map((k) => [t(`passport.${k}`), yesNo(data.automation[k])])}
      />
      <Facts
        title={t('passport.accessibility')}
        rows={ACCESSIBILITY.map((k) => [t(`passport.${k}`), yesNo(data.accessibility[k])])}
      />
    </SimpleGrid>
  );
}
