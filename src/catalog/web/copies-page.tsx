/**
 * The collection as a list of copies, in the order of the inventory book: by library, status and
 * acquisition date, found by a scanned barcode, an inventory or call number or the title; exported as XLSX.
 * A scanned barcode (Enter after it) that names exactly one copy opens its record.
 */
import { Anchor, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLibraries } from '../../network/web/api';
import { api, withQuery } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE, PAGE_SIZE, type Paged } from '../../web/api/types';
import { paths } from '../../web/paths';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { DateField, enumOptions } from '../../web/ui/fields';
import { formatDate, formatMoney } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { ITEM_STATUSES, type TItemStatus } from '../catalog.schemas';
import { findCopyByCode, type CopyRow } from './api';
import { StatusBadge } from './record-copies-tab';
import { libraryOptions } from '../../network/web/library-options';

const FILTERS = ['libraryId', 'status', 'q', 'acquiredFrom', 'acquiredTo'] as const;

/** One library's list leaves out the library column: it is the same on every row. */
function CopiesTable({ rows, withLibrary }: { rows: CopyRow[]; withLibrary: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="copies-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('items.inventoryNumber')}</Table.Th>
            <Table.Th>{t('items.acquiredOn')}</Table.Th>
            <Table.Th>{t('copies.record')}</Table.Th>
            <Table.Th>{t('items.callNumber')}</Table.Th>
            <Table.Th>{t('items.barcode')}</Table.Th>
            <Table.Th>{t('items.price')}</Table.Th>
            {withLibrary && <Table.Th>{t('items.library')}</Table.Th>}
            <Table.Th>{t('items.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="copy-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.inventoryNumber}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.acquiredOn)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={paths.record(r.recordId)} fw={500} size="sm">
                  {r.title}
                </Anchor>
                {r.location && (
                  <Text size="xs" c="dimmed">
                    {r.location}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{r.callNumber}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.barcode}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoney(r.price, r.currency)}</Table.Td>
              {withLibrary && <Table.Td>{r.libraryName}</Table.Td>}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge status={r.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CopiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { values, page, setFilter } = useListParams(FILTERS);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const filters = { libraryId: values.libraryId, status: values.status, q: values.q, acquiredFrom: values.acquiredFrom, acquiredTo: values.acquiredTo };
  const copies = useQuery({
    queryKey: ['copies', filters, page],
    queryFn: () => api.get<Paged<CopyRow>>('/api/v1/catalog/items', { ...filters, page, pageSize: PAGE_SIZE }),
    placeholderData: (previous) => previous,
  });
  /** A scanner ends a barcode with Enter: one copy with that code opens its record at once. */
  const onKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    const code = event.currentTarget.value.trim();
    const found = code ? await findCopyByCode(code) : null;
    if (found) void navigate(paths.recordCopies(found.recordId));
    else setFilter('q', code);
  };
  return (
    <>
      <PageHeader title={t('copies.title')}>
        <Button component="a" href={withQuery('/api/v1/catalog/items.xlsx', filters)} variant="default" leftSection={<IconDownload size={16} />} data-testid="copies-export">
          {t('common.exportXlsx')}
        </Button>
      </PageHeader>
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('copies.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          onKeyDown={(e) => void onKeyDown(e)}
          w={300}
          data-testid="copies-search"
        />
        <Select
          label={t('items.library')}
          data={libraryOptions(libraries.data?.items ?? [])}
          value={values.libraryId || null}
          onChange={(v) => setFilter('libraryId', v)}
          searchable
          clearable
          placeholder={t('common.all')}
          w={240}
          data-testid="copies-library"
        />
        <Select
          label={t('items.status')}
          data={enumOptions(ITEM_STATUSES, (s: TItemStatus) => t(`itemStatus.${s}`))}
          value={values.status || null}
          onChange={(v) => setFilter('status', v)}
          clearable
          placeholder={t('common.all')}
          w={150}
        />
        <DateField label={t('copies.acquiredFrom')} value={values.acquiredFrom || null} onChange={(v) => setFilter('acquiredFrom', v)} w={140} />
        <DateField label={t('copies.acquiredTo')} value={values.acquiredTo || null} onChange={(v) => setFilter('acquiredTo', v)} w={140} />
      </Group>
      <QueryState query={copies}>
        {(data) => (
          <>
            {data.items.length === 0 ? <EmptyState>{t('copies.empty')}</EmptyState> : <CopiesTable rows={data.items} withLibrary={!values.libraryId} />}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
          </>
        )}
      </QueryState>
    </>
  );
}
