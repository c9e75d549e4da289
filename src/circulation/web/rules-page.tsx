/**
 * Loan rules of a network: the default and overrides per library, reader category and item type, with
 * loan period, maximum items, renewals and whether holds are allowed. The list is filtered by where a
 * rule applies and paged; network admins and directors add, change and delete rules.
 */
import { Button, Group, Modal, Select, Table, Text } from '@mantine/core';
import { IconTags } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MATERIAL_TYPES } from '../../catalog/catalog.schemas';
import { categoryLabel } from '../../readers/readers.schemas';
import { useReaderCategories } from '../../readers/web/api';
import { api } from '../../web/api/client';
import { PAGE_SIZE } from '../../web/api/types';
import { useDeskLibraries } from '../../web/desk-library';
import { currentLanguage } from '../../web/i18n/setup';
import { paths } from '../../web/paths';
import { canEditReaderCategories } from '../../web/permissions';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { notifyError } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { Pager } from '../../web/ui/table-parts';
import { useSession } from '../../web/session';
import { useLoanRules, type LoanRule } from './api';
import { RuleForm } from './rule-form';

/** No filter: every rule; ANY: only the rules that apply to every value (no override). */
const ANY = '*';
type Filter = { libraryId: string | null; readerCategoryId: string | null; itemType: string | null };

const matches = (value: string | null, wanted: string | null) => wanted === null || (wanted === ANY ? value === null : value === wanted);

export function RulesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const language = currentLanguage();
  const libraries = useDeskLibraries();
  const networks = useMemo(() => {
    const seen = new Map<string, string>();
    for (const l of libraries.data?.items ?? []) seen.set(l.networkId, l.networkName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [libraries.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const networkId = user.scopeKind === 'network' ? user.scopeId : (chosen ?? networks[0]?.value ?? null);
  const rules = useLoanRules(networkId);
  const categories = useReaderCategories(networkId);
  const client = useQueryClient();
  const [editing, setEditing] = useState<LoanRule | 'new' | null>(null);
  const [filter, setFilter] = useState<Filter>({ libraryId: null, readerCategoryId: null, itemType: null });
  const [page, setPage] = useState(1);
  const canEdit = user.role === 'network_admin' || user.role === 'director';
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/circulation/rules/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['circulation', 'rules'] }),
    onError: (e) => notifyError(e),
  });
  const libraryOptions = (libraries.data?.items ?? []).filter((l) => l.networkId === networkId).map((l) => ({ value: l.id, label: l.name }));
  const categoryOptions = (categories.data ?? []).map((c) => ({ value: c.id, label: categoryLabel(c, language) }));
  const typeOptions = MATERIAL_TYPES.map((m) => ({ value: m, label: t(`rules.types.${m}`) }));
  const labelOf = (options: { value: string; label: string }[], id: string | null) => (id ? (options.find((o) => o.value === id)?.label ?? id) : t('rules.any'));
  const withAny = (options: { value: string; label: string }[]) => [{ value: ANY, label: t('rules.any') }, ...options];
  const setOne = (key: keyof Filter) => (value: string | null) => {
    setFilter({ ...filter, [key]: value });
    setPage(1);
  };

  return (
    <>
      <PageHeader title={t('rules.title')}>
        {user.scopeKind !== 'network' && networks.length > 1 && <Select data={networks} value={networkId} onChange={setChosen} aria-label={t('rules.network')} />}
        {canEditReaderCategories(user.role) && (
          <Button component={Link} to={paths.readerCategories} variant="default" leftSection={<IconTags size={16} />} data-testid="reader-categories-link">
            {t('readerCategories.settings')}
          </Button>
        )}
        {canEdit && networkId && (
          <Button onClick={() => setEditing('new')} data-testid="rule-add">
            {t('rules.add')}
          </Button>
        )}
      </PageHeader>
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select label={t('rules.library')} placeholder={t('rules.all')} clearable searchable data={withAny(libraryOptions)} value={filter.libraryId} onChange={setOne('libraryId')} w={260} data-testid="rules-filter-library" />
        <Select label={t('rules.category')} placeholder={t('rules.all')} clearable data={withAny(categoryOptions)} value={filter.readerCategoryId} onChange={setOne('readerCategoryId')} w={220} data-testid="rules-filter-category" />
        <Select label={t('rules.itemType')} placeholder={t('rules.all')} clearable data={withAny(typeOptions)} value={filter.itemType} onChange={setOne('itemType')} w={180} data-testid="rules-filter-type" />
      </Group>
      <QueryState query={rules}>
        {(data) => {
          const shown = data.rules.filter(
            (r) => matches(r.libraryId, filter.libraryId) && matches(r.readerCategoryId, filter.readerCategoryId) && matches(r.itemType, filter.itemType),
          );
          const pageRows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
          return (
            <>
              <Text size="sm" c="dimmed" mb="sm">
                {t('rules.builtIn', data.builtIn)}
              </Text>
              {shown.length === 0 ? (
                <EmptyState>{t('rules.none')}</EmptyState>
              ) : (
                <Table striped withTableBorder data-testid="rules-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('rules.library')}</Table.Th>
                      <Table.Th>{t('rules.category')}</Table.Th>
                      <Table.Th>{t('rules.itemType')}</Table.Th>
                      <Table.Th>{t('rules.loanDays')}</Table.Th>
                      <Table.Th>{t('rules.maxItems')}</Table.Th>
                      <Table.Th>{t('rules.maxRenewals')}</Table.Th>
                      <Table.Th>{t('rules.holdsAllowed')}</Table.Th>
                      {canEdit && <Table.Th />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {pageRows.map((r) => (
                      <Table.Tr key={r.id} data-testid="rule-row">
                        <Table.Td>{labelOf(libraryOptions, r.libraryId)}</Table.Td>
                        <Table.Td>{labelOf(categoryOptions, r.readerCategoryId)}</Table.Td>
                        <Table.Td>{labelOf(typeOptions, r.itemType)}</Table.Td>
                        <Table.Td>{r.loanDays}</Table.Td>
                        <Table.Td>{r.maxItems}</Table.Td>
                        <Table.Td>{r.maxRenewals}</Table.Td>
                        <Table.Td>{r.holdsAllowed ? t('common.yes') : t('common.no')}</Table.Td>
                        {canEdit && (
                          <Table.Td>
                            <Group gap="xs">
                              <Button size="xs" variant="subtle" onClick={() => setEditing(r)}>
                                {t('rules.edit')}
                              </Button>
                              <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(r.id)}>
                                {t('rules.delete')}
                              </Button>
                            </Group>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {shown.length > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={shown.length} onChange={setPage} />}
            </>
          );
        }}
      </QueryState>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing !== null && editing !== 'new' ? t('rules.edit') : t('rules.add')}>
        {editing !== null && networkId && (
          <RuleForm networkId={networkId} rule={editing === 'new' ? null : editing} libraries={libraryOptions} categories={categoryOptions} onClose={() => setEditing(null)} />
        )}
      </Modal>
    </>
  );
}
