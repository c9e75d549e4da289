/** The catalogue search: one box, advanced fields, facets, availability per library. */
import { Alert, Anchor, Button, Checkbox, Grid, Group, Menu, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBooks, IconChevronDown, IconFileExport, IconFileSpreadsheet, IconPlus, IconPrinter, IconSearch, IconUpload, IconWorldDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, withQuery } from '../../web/api/client';
import { paths } from '../../web/paths';
import { canEditRecords, canListCopies, canPrintCards } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { PageHeader } from '../../web/ui/page-header';
import { WrappingBadge } from '../../web/ui/wrapping-badge';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { SEARCH_SORTS } from '../catalog.schemas';
import { looksLikeIsbn } from '../isbn';
import { findCopyByCode, useCatalogSearch, type SearchHit } from './api';
import { MAX_TICKED, MarcExportModal } from './marc-export';
import { SearchFacets } from './search-facets';
import { maxLengthOf, SEARCH_KEYS, SearchFilters, type SearchKey } from './search-filters';

const PAGE_SIZE = 20;

/**
 * What the API refused among the search's parameters, by parameter ("q" → "Слишком длинно: не больше 300
 * символов."): shown at the fields, as searching again the same would fail the same way.
 */
function refusedParams(error: unknown): Record<string, string> {
  const refused: Record<string, string> = {};
  if (error instanceof ApiError && error.status === 422) for (const e of error.fieldErrors) refused[e.field.replace(/^query\./, '')] ??= e.message;
  return refused;
}

function AvailabilityBadges({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  if (!hit.availability.length) return <Text size="xs" c="dimmed">{t('catalog.noCopies')}</Text>;
  return (
    <Group gap={4}>
      {hit.availability.map((a) => {
        const text = t('catalog.availableOf', { library: a.libraryName, available: a.available, total: a.total });
        return (
          <WrappingBadge key={a.libraryId} size="sm" variant="light" color={a.available > 0 ? 'teal' : 'gray'} title={text}>
            {text}
          </WrappingBadge>
        );
      })}
    </Group>
  );
}

const TICKED_KEY = 'kitepkana.catalog.ticked';

/** The records ticked earlier in this browser tab (a reload keeps them; another tab starts with none). */
function readTicked(): string[] {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(TICKED_KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').slice(0, MAX_TICKED) : [];
  } catch {
    return [];
  }
}

export function CatalogSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const [, setSearch] = useSearchParams();
  const { values, page, setFilter } = useListParams(SEARCH_KEYS);
  const [text, setText, cancelSearch] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const hasAdvanced = SEARCH_KEYS.some((k) => k !== 'q' && k !== 'sort' && values[k]);
  const [advanced, setAdvanced] = useState(hasAdvanced);
  const [marcExport, { open: openMarcExport, close: closeMarcExport }] = useDisclosure(false);
  /** Records ticked for export, kept across pages, searches and reloads of this tab, in the order ticked. */
  const [selected, setSelected] = useState<string[]>(readTicked);
  useEffect(() => {
    if (selected.length) sessionStorage.setItem(TICKED_KEY, JSON.stringify(selected));
    else sessionStorage.removeItem(TICKED_KEY);
  }, [selected]);
  const toggle = (id: string) => setSelected((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const params = { ...values, sort: values.sort || 'relevance', page, pageSize: PAGE_SIZE };
  const query = useCatalogSearch(params);
  const refused = refusedParams(query.error);
  const filterErrors = Object.fromEntries(SEARCH_KEYS.filter((k) => k !== 'q' && k !== 'sort' && refused[k]).map((k) => [k, refused[k]]));
  /** Refused parameters no field shows (the page number of a hand-made address). */
  const unplaced = Object.entries(refused).filter(([k]) => !(SEARCH_KEYS as readonly string[]).includes(k)).map(([, message]) => message);
  /** Opens a record, dropping the search update still waiting for the typing to stop (it would rewrite the record's address). */
  const open = (to: string) => {
    cancelSearch();
    void navigate(to);
  };

  /** Several parameters at once (a year facet, clearing): one address change, back to page 1. */
  const apply = (changes: Partial<Record<SearchKey, string | null>>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  const clearAdvanced = () => apply(Object.fromEntries(SEARCH_KEYS.filter((k) => k !== 'q' && k !== 'sort').map((k) => [k, null])));

  return (
    <>
      <PageHeader title={t('catalog.title')}>
        <Menu position="bottom-start">
          <Menu.Target>
            <Button variant="default" leftSection={<IconFileExport size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="catalog-export">
              {t('catalog.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={withQuery('/api/v1/catalog/search.xlsx', { ...values, sort: params.sort })} leftSection={<IconFileSpreadsheet size={16} />}>
              {t('catalog.exportXlsx')}
            </Menu.Item>
            <Menu.Item onClick={openMarcExport} leftSection={<IconFileExport size={16} />} data-testid="marc-export-open">
              {t('catalog.exportMarc')}
            </Menu.Item>
            {canPrintCards(user.role) && (
              <Menu.Item
                component="a"
                href={`/api/v1/catalog/cards.pdf?layout=a4&recordIds=${selected.join(',')}`}
                target="_blank"
                rel="noopener"
                disabled={selected.length === 0}
                leftSection={<IconPrinter size={16} />}
                title={selected.length === 0 ? t('catalog.exportCardsHint') : undefined}
                data-testid="cards-print"
              >
                {t('catalog.exportCards')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
        <MarcExportModal opened={marcExport} onClose={closeMarcExport} selectedIds={selected} search={Object.fromEntries(SEARCH_KEYS.filter((k) => k !== 'sort').map((k) => [k, values[k] || undefined]))} />
        {canListCopies(user.role) && (
          <Button component={Link} to={paths.copies} variant="default" leftSection={<IconBooks size={16} />} data-testid="catalog-copies">
            {t('copies.open')}
          </Button>
        )}
        {canEditRecords(user.role) && (
          <>
            <Button component={Link} to={paths.catalogImport} variant="default" leftSection={<IconUpload size={16} />}>
              {t('catalog.import')}
            </Button>
            <Button component={Link} to={paths.catalogCopy} variant="default" leftSection={<IconWorldDownload size={16} />} data-testid="catalog-copy">
              {t('copy.title')}
            </Button>
            <Button component={Link} to={paths.extremist} variant="default" data-testid="catalog-extremist">
              {t('catalog.extremist')}
            </Button>
            <Button component={Link} to={paths.catalogNew} leftSection={<IconPlus size={16} />} data-testid="record-new">
              {t('catalog.newRecord')}
            </Button>
          </>
        )}
      </PageHeader>
      <Group align="flex-end" mb="md" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 240 }}
          leftSection={<IconSearch size={16} />}
          placeholder={t('catalog.searchPlaceholder')}
          aria-label={t('common.search')}
          value={text}
          maxLength={maxLengthOf('q')}
          error={refused.q}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            // Enter searches at once; the update waiting for the typing to stop must not follow it.
            cancelSearch();
            const code = e.currentTarget.value.trim();
            const from = window.location.pathname;
            const search = () => {
              if (code !== values.q) setFilter('q', code);
            };
            if (!canListCopies(user.role) || looksLikeIsbn(code)) {
              search();
              return;
            }
            // A scanner types a copy's barcode and Enter: the record of that copy opens, at its copies.
            void findCopyByCode(code, { barcodeOnly: true }).then((found) => {
              if (window.location.pathname !== from) return;
              if (found) open(paths.recordCopies(found.recordId));
              else search();
            });
          }}
          data-testid="catalog-search"
        />
        <Select
          w={200}
          aria-label={t('catalog.sort')}
          data={SEARCH_SORTS.map((s) => ({ value: s, label: t(`catalog.sorts.${s}`) }))}
          value={params.sort}
          onChange={(v) => setFilter('sort', v === 'relevance' ? null : v)}
          error={refused.sort}
          allowDeselect={false}
          data-testid="catalog-sort"
        />
        <Button variant="subtle" onClick={() => setAdvanced((o) => !o)} aria-expanded={advanced}>
          {t('catalog.advanced')}
        </Button>
      </Group>
      <SearchFilters
        opened={advanced || Object.keys(filterErrors).length > 0}
        values={values}
        setFilter={setFilter}
        onClear={clearAdvanced}
        errors={filterErrors}
      />
      {Object.keys(refused).length > 0 ? (
        unplaced.length > 0 && (
          <Alert color="red" role="alert" data-testid="catalog-refused">
            {unplaced.join(' ')}
          </Alert>
        )
      ) : (
        <QueryState query={query}>
          {(data) => (
            <Grid>
              <Grid.Col span={{ base: 12, md: 9 }}>
                {data.isFuzzy && data.total > 0 && (
                  <Alert color="yellow" mb="sm" data-testid="catalog-fuzzy">
                    {t('catalog.fuzzy')}
                  </Alert>
                )}
                {selected.length > 0 && (
                  <Group gap="xs" mb="xs" data-testid="catalog-selected">
                    <Text size="sm">{t(selected.length >= MAX_TICKED ? 'catalog.selectedAll' : 'catalog.selected', { count: selected.length })}</Text>
                    <Anchor component="button" size="sm" onClick={() => setSelected([])}>
                      {t('catalog.clearSelection')}
                    </Anchor>
                  </Group>
                )}
                {data.items.length === 0 ? (
                  <EmptyState>{t('catalog.empty')}</EmptyState>
                ) : (
                  <Table highlightOnHover verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={36} />
                        <Table.Th>{t('catalog.record')}</Table.Th>
                        <Table.Th w={260}>{t('catalog.availability')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((hit) => (
                        <ClickableRow key={hit.id} label={hit.title} testId="catalog-row" onOpen={() => open(paths.record(hit.id))}>
                          {/* Ticking a record does not open it (the row opens on a click, Enter or Space). */}
                          <Table.Td onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                            <Checkbox
                              aria-label={t('catalog.select', { title: hit.title })}
                              checked={selected.includes(hit.id)}
                              disabled={selected.length >= MAX_TICKED && !selected.includes(hit.id)}
                              onChange={() => toggle(hit.id)}
                              data-testid="catalog-select"
                            />
                          </Table.Td>
                          <Table.Td>
                            <Stack gap={2}>
                              <Anchor
                                component={Link}
                                to={paths.record(hit.id)}
                                fw={600}
                                onClick={(e) => {
                                  e.stopPropagation();
                                  cancelSearch();
                                }}
                              >
                                {hit.title}
                              </Anchor>
                              <Text size="sm">
                                {[hit.authors.join('; '), hit.year].filter(Boolean).join(' · ')}
                              </Text>
                              <Text size="xs" c="dimmed">
                                {hit.description}
                              </Text>
                            </Stack>
                          </Table.Td>
                          <Table.Td>
                            <AvailabilityBadges hit={hit} />
                          </Table.Td>
                        </ClickableRow>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                <Pager page={page} pageSize={PAGE_SIZE} total={data.total} estimate={data.totalIsEstimate} onChange={(p) => setFilter('page', p)} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <SearchFacets facets={data.facets} approximate={data.totalIsEstimate} values={values} apply={apply} />
              </Grid.Col>
            </Grid>
          )}
        </QueryState>
      )}
    </>
  );
}
