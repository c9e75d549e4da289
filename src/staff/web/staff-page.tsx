/** Сотрудники: staff accounts in scope; the network admin adds and changes them. */
import { Alert, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OPTIONS_PAGE_SIZE, PAGE_SIZE } from '../../web/api/types';
import { canEditStaff } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { useLibraries, useMunicipalityOptions, useNetworks } from '../../network/web/api';
import { ROLES } from '../staff.schemas';
import { useRegions, useStaffList, type StaffAccount } from './api';
import { StaffFormModal, type ScopeOptions } from './staff-form';

const FILTERS = ['q', 'role', 'libraryId'] as const;

/** Pick-lists of every node a person can be scoped to, and of workplaces. */
function useScopeOptions(): { scopeOptions: ScopeOptions; libraryOptions: { value: string; label: string }[] } {
  const regions = useRegions();
  const networks = useNetworks();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const municipalities = useMunicipalityOptions();
  const libraryOptions = (libraries.data?.items ?? []).map((l) => ({
    value: l.id,
    label: l.number !== null ? `№ ${l.number}, ${l.name}` : l.name,
  }));
  return {
    libraryOptions,
    scopeOptions: {
      region: (regions.data ?? []).map((r) => ({ value: r.id, label: r.name })),
      network: (networks.data ?? []).map((n) => ({ value: n.id, label: n.name })),
      library: libraryOptions,
      municipality: (municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name })),
    },
  };
}

function StaffTable({
  rows,
  workplace,
  onOpen,
}: {
  rows: StaffAccount[];
  workplace: (id: string | null) => string;
  onOpen?: (a: StaffAccount) => void;
}) {
  const { t } = useTranslation();
  const cells = (a: StaffAccount): ReactNode => (
    <>
      <Table.Td>
        <Text fw={500} size="sm">
          {a.fullName}
        </Text>
        <Text size="xs" c="dimmed">
          {a.email}
        </Text>
      </Table.Td>
      <Table.Td>{a.login}</Table.Td>
      <Table.Td>{t(`role.${a.role}`)}</Table.Td>
      <Table.Td>{a.position}</Table.Td>
      <Table.Td>{workplace(a.libraryId)}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {!a.isActive && <Badge color="gray">{t('staff.blocked')}</Badge>}
          {a.mustChangePassword && (
            <Badge color="orange" variant="light">
              {t('staff.mustChange')}
            </Badge>
          )}
        </Group>
      </Table.Td>
    </>
  );
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table highlightOnHover={Boolean(onOpen)} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('staff.fullName')}</Table.Th>
            <Table.Th>{t('staff.login')}</Table.Th>
            <Table.Th>{t('staff.role')}</Table.Th>
            <Table.Th>{t('staff.position')}</Table.Th>
            <Table.Th>{t('staff.workplace')}</Table.Th>
            <Table.Th>{t('staff.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) =>
            onOpen ? (
              <ClickableRow key={a.id} role="button" label={a.fullName} testId="staff-row" onOpen={() => onOpen(a)}>
                {cells(a)}
              </ClickableRow>
            ) : (
              <Table.Tr key={a.id} data-testid="staff-row">
                {cells(a)}
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function StaffPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const isAdmin = canEditStaff(user.role);
  const [open, setOpen] = useState<StaffAccount | 'new' | null>(null);
  const { values, page, setFilter } = useListParams(FILTERS);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const staff = useStaffList({ ...values, page, pageSize: PAGE_SIZE });
  const { scopeOptions, libraryOptions } = useScopeOptions();
  const workplace = (id: string | null) => libraryOptions.find((o) => o.value === id)?.label ?? '';

  return (
    <>
      <PageHeader title={t('staff.title')}>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')} data-testid="staff-add">
            {t('staff.add')}
          </Button>
        )}
      </PageHeader>
      {!isAdmin && (
        <Alert color="gray" mb="md">
          {t('staff.readOnly')}
        </Alert>
      )}
      <Group mb="md" align="flex-end" gap="sm">
        <TextInput
          label={t('common.search')}
          placeholder={t('staff.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          w={280}
          data-testid="staff-search"
        />
        <Select
          label={t('staff.role')}
          placeholder={t('common.all')}
          data={enumOptions(ROLES, (r) => t(`role.${r}`))}
          value={values.role || null}
          onChange={(v) => setFilter('role', v)}
          clearable
          w={220}
        />
        <Select
          label={t('staff.workplace')}
          placeholder={t('common.all')}
          data={libraryOptions}
          value={values.libraryId || null}
          onChange={(v) => setFilter('libraryId', v)}
          searchable
          clearable
          w={280}
        />
      </Group>
      <QueryState query={staff}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState>{t('staff.empty')}</EmptyState>
            ) : (
              <StaffTable rows={data.items} workplace={workplace} onOpen={isAdmin ? setOpen : undefined} />
            )}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
          </>
        )}
      </QueryState>
      <StaffFormModal
        opened={open !== null}
        account={open === 'new' ? null : open}
        scopeOptions={scopeOptions}
        libraryOptions={libraryOptions}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
