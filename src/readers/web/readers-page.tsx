/** /staff/readers — the network's readers: search by name, card or phone, filters, paging, export, batch card printing. */
import { Anchor, Badge, Button, Checkbox, Group, Select, Table, TextInput } from '@mantine/core';
import { IconDownload, IconPrinter, IconSearch, IconTags, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../../web/api/client';
import { PAGE_SIZE } from '../../web/api/types';
import { useDeskLibraries } from '../../web/desk-library';
import { paths } from '../../web/paths';
import { canEditReaderCategories } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { PageHeader } from '../../web/ui/page-header';
import { Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { currentLanguage } from '../../web/i18n/setup';
import { AGE_GROUPS, categoryLabel } from '../readers.schemas';
import { fullName, useReaderCategories, useReaders, type ReaderRow } from './api';
import { libraryOptions } from '../../network/web/library-options';

const FILTERS = ['q', 'categoryId', 'libraryId', 'ageGroup', 'isBlocked'] as const;

function ReadersTable({
  rows,
  selected,
  onToggle,
}: {
  rows: ReaderRow[];
  selected: Set<string>;
  onToggle: (ids: string[], on: boolean) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allOn = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={32}>
              <Checkbox
                aria-label={t('readers.selectPage')}
                checked={allOn}
                indeterminate={!allOn && rows.some((r) => selected.has(r.id))}
                onChange={(e) =>
                  onToggle(
                    rows.map((r) => r.id),
                    e.currentTarget.checked,
                  )
                }
              />
            </Table.Th>
            <Table.Th>{t('readers.name')}</Table.Th>
            <Table.Th>{t('readers.cardNumber')}</Table.Th>
            <Table.Th>{t('readers.birthDate')}</Table.Th>
            <Table.Th>{t('readers.category')}</Table.Th>
            <Table.Th>{t('readers.phone')}</Table.Th>
            <Table.Th>{t('readers.lastYear')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="reader-row" data-card={r.cardNumber}>
              <Table.Td>
                <Checkbox
                  aria-label={r.cardNumber}
                  checked={selected.has(r.id)}
                  onChange={(e) => onToggle([r.id], e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td style={{ cursor: 'pointer' }} onClick={() => void navigate(paths.reader(r.id))}>
                <Anchor component={Link} to={paths.reader(r.id)} fw={500}>
                  {r.isAnonymised ? t('readers.anonymisedName') : fullName(r)}
                </Anchor>
                {r.isBlocked && (
                  <Badge ml="xs" color="red" variant="light">
                    {t('readers.blocked')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{r.cardNumber}</Table.Td>
              <Table.Td>
                {r.birthDate ? r.birthDate.split('-').reverse().join('.') : r.birthYear}{' '}
                <Badge variant="outline" size="xs">
                  {t(`readers.ageGroups.${r.ageGroup}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{r.categoryName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.phone}</Table.Td>
              <Table.Td>{r.lastYear ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ReadersPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { values, page, setFilter } = useListParams(FILTERS);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const libraries = useDeskLibraries();
  const networkId = libraries.data?.items[0]?.networkId;
  const categories = useReaderCategories(networkId);
  const filters = {
    q: values.q,
    categoryId: values.categoryId,
    libraryId: values.libraryId,
    ageGroup: values.ageGroup,
    isBlocked: values.isBlocked,
  };
  const readers = useReaders({ ...filters, page, pageSize: PAGE_SIZE });
  const toggle = (ids: string[], on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  return (
    <>
      <PageHeader title={t('readers.title')}>
        <Button
          component="a"
          href={withQuery('/api/v1/readers.xlsx', filters)}
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          {t('common.exportXlsx')}
        </Button>
        <Button
          component="a"
          href={withQuery('/api/v1/readers.csv', filters)}
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          {t('readers.exportCsv')}
        </Button>
        <Button
          component="a"
          href={
            selected.size
              ? withQuery('/api/v1/readers/cards.pdf', { ids: [...selected].join(','), layout: 'a4' })
              : undefined
          }
          target="_blank"
          variant="default"
          disabled={selected.size === 0}
          leftSection={<IconPrinter size={16} />}
          data-testid="print-selected"
        >
          {t('readers.printSelected', { count: selected.size })}
        </Button>
        {canEditReaderCategories(user.role) && (
          <Button component={Link} to={paths.readerCategories} variant="default" leftSection={<IconTags size={16} />} data-testid="reader-categories-link">
            {t('readerCategories.settings')}
          </Button>
        )}
        <Button component={Link} to={paths.readerNew} leftSection={<IconUserPlus size={16} />} data-testid="reader-add">
          {t('readers.register')}
        </Button>
      </PageHeader>
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('readers.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          w={300}
          data-testid="readers-search"
        />
        <Select
          label={t('readers.category')}
          data={(categories.data ?? []).map((c) => ({ value: c.id, label: categoryLabel(c, currentLanguage()) }))}
          value={values.categoryId || null}
          onChange={(v) => setFilter('categoryId', v)}
          clearable
          placeholder={t('common.all')}
          w={200}
        />
        <Select
          label={t('readers.library')}
          data={libraryOptions(libraries.data?.items ?? [])}
          value={values.libraryId || null}
          onChange={(v) => setFilter('libraryId', v)}
          clearable
          searchable
          placeholder={t('common.all')}
          w={240}
        />
        <Select
          label={t('readers.ageGroup')}
          data={enumOptions(AGE_GROUPS, (g) => t(`readers.ageGroups.${g}`))}
          value={values.ageGroup || null}
          onChange={(v) => setFilter('ageGroup', v)}
          clearable
          placeholder={t('common.all')}
          w={150}
        />
        <Select
          label={t('readers.blockFilter')}
          data={[
            { value: 'true', label: t('readers.onlyBlocked') },
            { value: 'false', label: t('readers.notBlocked') },
          ]}
          value={values.isBlocked || null}
          onChange={(v) => setFilter('isBlocked', v)}
          clearable
          placeholder={t('common.all')}
          w={170}
        />
      </Group>
      <QueryState query={readers}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState>{t('readers.empty')}</EmptyState>
            ) : (
              <ReadersTable rows={data.items} selected={selected} onToggle={toggle} />
            )}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
          </>
        )}
      </QueryState>
    </>
  );
}
