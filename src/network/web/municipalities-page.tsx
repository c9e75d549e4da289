/** Муниципалитеты: айыл окмоту, cities, МО and districts the libraries serve. */
import { Anchor, Button, Group, Table, Text, TextInput } from '@mantine/core';
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
import { formatNumber } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { useMunicipalities, type MunicipalityRow } from './api';
import { MunicipalityFormModal } from './municipality-form';

const FILTERS = ['q'] as const;

function MunicipalitiesTable({ rows }: { rows: MunicipalityRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('municipalities.name')}</Table.Th>
            <Table.Th>{t('municipalities.kind')}</Table.Th>
            <Table.Th>{t('municipalities.head')}</Table.Th>
            <Table.Th>{t('municipalities.phone')}</Table.Th>
            <Table.Th ta="right">{t('municipalities.population')}</Table.Th>
            <Table.Th ta="right">{t('municipalities.libraries')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <ClickableRow
              key={m.id}
              testId="municipality-row"
              label={m.name}
              onOpen={() => void navigate(paths.municipality(m.id))}
            >
              <Table.Td>
                <Anchor component={Link} to={paths.municipality(m.id)} tabIndex={-1} fw={500}>
                  {m.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {m.networkName}
                </Text>
              </Table.Td>
              <Table.Td>{t(`municipalityKind.${m.kind}`)}</Table.Td>
              <Table.Td>
                {m.headName}
                {m.headTitle && (
                  <Text size="xs" c="dimmed">
                    {m.headTitle}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.phone}</Table.Td>
              <Table.Td ta="right">
                {formatNumber(m.population)}
                {m.populationYear && (
                  <Text size="xs" c="dimmed">
                    {m.populationYear}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{m.libraryCount}</Table.Td>
            </ClickableRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function MunicipalitiesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [isAdding, adding] = useDisclosure(false);
  const { values, page, setFilter } = useListParams(FILTERS);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const municipalities = useMunicipalities({ q: values.q, page, pageSize: PAGE_SIZE });

  return (
    <>
      <PageHeader title={t('municipalities.title')}>
        <Button
          component="a"
          href={withQuery('/api/v1/municipalities.xlsx', { q: values.q })}
          variant="default"
          leftSection={<IconDownload size={16} />}
          data-testid="municipalities-export"
        >
          {t('common.exportXlsx')}
        </Button>
        {isManager(user.role) && (
          <Button leftSection={<IconPlus size={16} />} onClick={adding.open} data-testid="municipality-add">
            {t('municipalities.add')}
          </Button>
        )}
      </PageHeader>
      <Group mb="md">
        <TextInput
          label={t('common.search')}
          placeholder={t('municipalities.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          w={320}
          data-testid="municipalities-search"
        />
      </Group>
      <QueryState query={municipalities}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState>{t('municipalities.empty')}</EmptyState>
            ) : (
              <MunicipalitiesTable rows={data.items} />
            )}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
          </>
        )}
      </QueryState>
      <MunicipalityFormModal
        opened={isAdding}
        onClose={adding.close}
        onSaved={(m) => void navigate(paths.municipality(m.id))}
      />
    </>
  );
}
