/** Библиотеки: the searchable, filterable list of libraries in the user's scope. */
import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../../web/api/client';
import { PAGE_SIZE } from '../../web/api/types';
import { paths } from '../../web/paths';
import { isManager } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { ZLibraryKind } from '../network.schemas';
import { useLibraries, useMunicipalityOptions, useNetworks, type LibraryRow } from './api';
import { LibraryFormModal } from './library-form';

const FILTERS = ['q', 'kind', 'municipalityId', 'networkId'] as const;

function LibrariesTable({ rows }: { rows: LibraryRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>{t('libraries.number')}</Table.Th>
            <Table.Th>{t('libraries.name')}</Table.Th>
            <Table.Th>{t('libraries.kind')}</Table.Th>
            <Table.Th>{t('libraries.settlement')}</Table.Th>
            <Table.Th>{t('libraries.municipalities')}</Table.Th>
            <Table.Th>{t('libraries.address')}</Table.Th>
            <Table.Th>{t('libraries.phone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <ClickableRow
              key={row.id}
              testId="library-row"
              label={row.name}
              onOpen={() => void navigate(paths.library(row.id))}
            >
              <Table.Td>{row.number ?? ''}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={paths.library(row.id)} tabIndex={-1} fw={500}>
                  {row.name}
                </Anchor>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {row.networkName} · {row.code}
                  </Text>
                  {!row.isActive && (
                    <Badge size="xs" color="gray">
                      {t('common.inactive')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{t(`libraryKind.${row.kind}`)}</Table.Td>
              <Table.Td>{row.settlement}</Table.Td>
              <Table.Td>{row.municipalities}</Table.Td>
              <Table.Td>{row.address}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.phone}</Table.Td>
            </ClickableRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function LibrariesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [isAdding, adding] = useDisclosure(false);
  const { values, page, setFilter } = useListParams(FILTERS);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const municipalities = useMunicipalityOptions();
  const networks = useNetworks();
  const filters = {
    q: values.q,
    kind: values.kind,
    municipalityId: values.municipalityId,
    networkId: values.networkId,
  };
  const libraries = useLibraries({ ...filters, page, pageSize: PAGE_SIZE });

  return (
    <>
      <PageHeader title={t('libraries.title')}>
        <Button
          component="a"
          href={withQuery('/api/v1/libraries.xlsx', filters)}
          variant="default"
          leftSection={<IconDownload size={16} />}
          data-testid="libraries-export"
        >
          {t('common.exportXlsx')}
        </Button>
        {isManager(user.role) && (
          <Button leftSection={<IconPlus size={16} />} onClick={adding.open} data-testid="library-add">
            {t('libraries.add')}
          </Button>
        )}
      </PageHeader>
      <Group mb="md" align="flex-end" gap="sm">
        <TextInput
          label={t('common.search')}
          placeholder={t('libraries.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          type="search"
          w={320}
          data-testid="libraries-search"
        />
        <Select
          label={t('libraries.kind')}
          placeholder={t('common.all')}
          data={enumOptions(ZLibraryKind.options, (k) => t(`libraryKind.${k}`))}
          value={values.kind || null}
          onChange={(v) => setFilter('kind', v)}
          clearable
          w={220}
          data-testid="libraries-kind"
        />
        <Select
          label={t('libraries.municipality')}
          placeholder={t('common.all')}
          data={(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          value={values.municipalityId || null}
          onChange={(v) => setFilter('municipalityId', v)}
          searchable
          clearable
          w={240}
          data-testid="libraries-municipality"
        />
        {(networks.data?.length ?? 0) > 1 && (
          <Select
            label={t('libraries.network')}
            placeholder={t('common.all')}
            data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.shortName || n.name }))}
            value={values.networkId || null}
            onChange={(v) => setFilter('networkId', v)}
            clearable
            w={200}
          />
        )}
      </Group>
      <QueryState query={libraries}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState>{t('libraries.empty')}</EmptyState>
            ) : (
              <LibrariesTable rows={data.items} />
            )}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
          </>
        )}
      </QueryState>
      <LibraryFormModal
        opened={isAdding}
        onClose={adding.close}
        onSaved={(lib) => void navigate(paths.library(lib.id))}
      />
    </>
  );
}
