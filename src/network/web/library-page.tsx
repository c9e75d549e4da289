/** /staff/libraries/:id — one library: passport, its history, service points, monitoring, staff, log. */
import { Anchor, Badge, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBooks, IconEdit } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { LibraryJournal } from '../../audit/web';
import { paths } from '../../web/paths';
import { canListCopies, canSeeAudit } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { ROLES, type TRole } from '../../staff/staff.schemas';
import { useLibrary, type LibraryDetail } from './api';
import { LibraryFormModal } from './library-form';
import { MonitoringTab } from './monitoring-tab';
import { PassportHistory } from './passport-history';
import { PassportTab } from './passport-tab';
import { ServicePointsTab } from './service-points-tab';

const TABS = ['passport', 'history', 'service-points', 'monitoring', 'staff', 'journal'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = {
  passport: 'library.passport',
  history: 'library.history',
  'service-points': 'library.servicePoints',
  monitoring: 'library.monitoring',
  staff: 'library.staff',
  journal: 'library.journal',
} as const;

const isRole = (role: string): role is TRole => (ROLES as readonly string[]).includes(role);

function StaffTab({ staff }: { staff: LibraryDetail['staff'] }) {
  const { t } = useTranslation();
  if (staff.length === 0) return <EmptyState>{t('library.staffEmpty')}</EmptyState>;
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('library.fullName')}</Table.Th>
          <Table.Th>{t('library.position')}</Table.Th>
          <Table.Th>{t('library.role')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {staff.map((person) => (
          <Table.Tr key={person.id} data-testid="library-staff-row">
            <Table.Td>{person.fullName}</Table.Td>
            <Table.Td>{person.position}</Table.Td>
            <Table.Td>{isRole(person.role) ? t(`role.${person.role}`) : person.role}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function LibraryHeader({ library }: { library: LibraryDetail }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [isEditing, editing] = useDisclosure(false);
  return (
    <Group justify="space-between" align="flex-start" mb="md">
      <Stack gap={4}>
        <Anchor component={Link} to={paths.libraries} size="sm">
          {t('nav.libraries')}
        </Anchor>
        <Title order={2} data-testid="library-title">
          {library.name}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{t(`libraryKind.${library.kind}`)}</Badge>
          {library.number !== null && <Badge variant="outline">№ {library.number}</Badge>}
          {!library.isActive && <Badge color="gray">{t('common.inactive')}</Badge>}
          <Text size="sm" c="dimmed">
            {[library.networkName, library.settlement, library.code].filter(Boolean).join(' · ')}
          </Text>
        </Group>
        <Text size="sm">
          {library.municipalities.length === 0
            ? t('library.noMunicipalities')
            : library.municipalities.map((m, i) => (
                <Fragment key={m.id}>
                  {i > 0 && ', '}
                  <Anchor component={Link} to={paths.municipality(m.id)} size="sm">
                    {m.name}
                  </Anchor>
                </Fragment>
              ))}
        </Text>
      </Stack>
      <Group gap="xs">
        {canListCopies(user.role) && (
          <Button component={Link} to={`${paths.copies}?libraryId=${library.id}`} variant="default" leftSection={<IconBooks size={16} />} data-testid="library-copies">
            {t('copies.open')}
          </Button>
        )}
        {library.permissions.canManage && (
          <Button
            variant="default"
            leftSection={<IconEdit size={16} />}
            onClick={editing.open}
            data-testid="library-edit"
          >
            {t('library.edit')}
          </Button>
        )}
      </Group>
      <LibraryFormModal opened={isEditing} library={library} onClose={editing.close} />
    </Group>
  );
}

function LibraryTabs({ library }: { library: LibraryDetail }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const tabs = TABS.filter((tab) => tab !== 'journal' || canSeeAudit(user.role));
  const requested = search.get('tab') as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : 'passport';
  const choose = (tab: string | null) => setSearch(tab && tab !== 'passport' ? { tab } : {}, { replace: true });

  return (
    <Tabs value={active} onChange={choose} keepMounted={false}>
      <Tabs.List aria-label={t('library.tabs')} mb="md">
        {tabs.map((tab) => (
          <Tabs.Tab key={tab} value={tab} data-testid={`tab-${tab}`}>
            {t(TAB_LABEL[tab])}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="passport">
        <PassportTab library={library} />
      </Tabs.Panel>
      <Tabs.Panel value="history">
        <PassportHistory libraryId={library.id} />
      </Tabs.Panel>
      <Tabs.Panel value="service-points">
        <ServicePointsTab library={library} />
      </Tabs.Panel>
      <Tabs.Panel value="monitoring">
        <MonitoringTab library={library} />
      </Tabs.Panel>
      <Tabs.Panel value="staff">
        <StaffTab staff={library.staff} />
      </Tabs.Panel>
      {tabs.includes('journal') && (
        <Tabs.Panel value="journal">
          <LibraryJournal libraryId={library.id} />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}

export function LibraryPage() {
  const { id = '' } = useParams();
  const library = useLibrary(id);
  return (
    <QueryState query={library}>
      {(data) => (
        <>
          <LibraryHeader library={data} />
          <LibraryTabs library={data} />
        </>
      )}
    </QueryState>
  );
}
