/** Главная: the network at a glance, its networks (ЦБС) and quick links. */
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconBuildingCommunity, IconHistory, IconLibrary, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OverdueTasksPanel } from '../../seminars/web';
import { paths } from '../../web/paths';
import { canSeeAudit, canSeeStaff } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatNumber } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { ZLibraryKind } from '../network.schemas';
import { useNetworks, useOverview, type Overview } from './api';

function Stat({
  label,
  value,
  color,
  testId,
  children,
}: {
  label: string;
  value: ReactNode;
  color?: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      {children}
    </Card>
  );
}

function OverviewCards({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const total = Object.values(overview.librariesByKind).reduce((sum, n) => sum + (n ?? 0), 0);
  const kinds = ZLibraryKind.options.filter((kind) => overview.librariesByKind[kind]);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <Stat testId="stat-libraries" label={t('home.libraries')} value={formatNumber(total)}>
        {kinds.map((kind) => (
          <Text key={kind} size="xs" c="dimmed" data-testid={`stat-kind-${kind}`}>
            {t(`libraryKind.${kind}`)}: {formatNumber(overview.librariesByKind[kind] ?? 0)}
          </Text>
        ))}
      </Stat>
      <Stat testId="stat-service-points" label={t('home.servicePoints')} value={formatNumber(overview.servicePoints)} />
      <Stat
        testId="stat-municipalities"
        label={t('home.municipalities')}
        value={formatNumber(overview.municipalities)}
      />
      <Stat testId="stat-population" label={t('home.population')} value={formatNumber(overview.population)} />
      <Stat testId="stat-internet" label={t('home.withInternet')} value={formatNumber(overview.withInternet)} />
      <Stat testId="stat-computers" label={t('home.computers')} value={formatNumber(overview.computersForUsers)} />
      <Stat
        testId="stat-needs-repair"
        label={t('home.needsRepair')}
        value={formatNumber(overview.needsRepair)}
        color={overview.needsRepair ? 'orange.8' : undefined}
      />
      <Stat
        testId="stat-emergency"
        label={t('home.emergency')}
        value={formatNumber(overview.emergency)}
        color={overview.emergency ? 'red.8' : undefined}
      />
    </SimpleGrid>
  );
}

function NetworksTable() {
  const { t } = useTranslation();
  const networks = useNetworks();
  return (
    <QueryState query={networks}>
      {(items) =>
        items.length === 0 ? (
          <EmptyState>{t('common.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('home.network')}</Table.Th>
                  <Table.Th>{t('home.region')}</Table.Th>
                  <Table.Th>{t('home.country')}</Table.Th>
                  <Table.Th ta="right">{t('home.libraryCount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((n) => (
                  <Table.Tr key={n.id} data-testid="network-row">
                    <Table.Td>
                      <Anchor component={Link} to={`${paths.libraries}?networkId=${n.id}`}>
                        {n.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {n.shortName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{n.regionName}</Table.Td>
                    <Table.Td>{n.country === 'RU' ? t('setup.countryRU') : t('setup.countryKG')}</Table.Td>
                    <Table.Td ta="right">{formatNumber(n.libraryCount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const overview = useOverview();
  return (
    <Stack gap="lg">
      <PageHeader title={t('home.title')} />
      <OverdueTasksPanel />
      <QueryState query={overview}>{(data) => <OverviewCards overview={data} />}</QueryState>
      <section aria-labelledby="home-networks">
        <Title order={3} id="home-networks" mb="sm">
          {t('home.networks')}
        </Title>
        <NetworksTable />
      </section>
      <section aria-labelledby="home-links">
        <Title order={3} id="home-links" mb="sm">
          {t('home.quickLinks')}
        </Title>
        <Group>
          <Button component={Link} to={paths.libraries} variant="light" leftSection={<IconLibrary size={16} />}>
            {t('nav.libraries')}
          </Button>
          <Button
            component={Link}
            to={paths.municipalities}
            variant="light"
            leftSection={<IconBuildingCommunity size={16} />}
          >
            {t('nav.municipalities')}
          </Button>
          {canSeeStaff(user.role) && (
            <Button component={Link} to={paths.staff} variant="light" leftSection={<IconUsers size={16} />}>
              {t('nav.staff')}
            </Button>
          )}
          {canSeeAudit(user.role) && (
            <Button component={Link} to={paths.audit} variant="light" leftSection={<IconHistory size={16} />}>
              {t('nav.audit')}
            </Button>
          )}
        </Group>
      </section>
    </Stack>
  );
}
