/** Журнал изменений: who changed what and when, filtered by person, object, dates and text. */
import { Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE } from '../../web/api/types';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { PageHeader } from '../../web/ui/page-header';
import { Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { useStaffOptions } from '../../staff/web/api';
import { OBJECT_TYPES, useAudit } from './api';
import { AuditTable, useAuditLabels } from './audit-table';

const FILTERS = ['actorId', 'objectType', 'from', 'to', 'q'] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const { values, page, setFilter } = useListParams(FILTERS);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const people = useStaffOptions();
  const audit = useAudit({ ...values, page, pageSize: PAGE_SIZE });

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Group mb="md" align="flex-end" gap="sm">
        <TextInput
          label={t('common.search')}
          placeholder={t('audit.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          w={260}
          data-testid="audit-search"
        />
        <Select
          label={t('audit.person')}
          placeholder={t('common.all')}
          data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.fullName} (${p.login})` }))}
          value={values.actorId || null}
          onChange={(v) => setFilter('actorId', v)}
          searchable
          clearable
          w={260}
          data-testid="audit-person"
        />
        <Select
          label={t('audit.objectType')}
          placeholder={t('common.all')}
          data={OBJECT_TYPES.map((type) => ({ value: type, label: labels.objectType(type) }))}
          value={values.objectType || null}
          onChange={(v) => setFilter('objectType', v)}
          clearable
          w={220}
          data-testid="audit-object-type"
        />
        <DateField label={t('audit.from')} value={values.from || null} onChange={(v) => setFilter('from', v)} w={150} />
        <DateField label={t('audit.to')} value={values.to || null} onChange={(v) => setFilter('to', v)} w={150} />
      </Group>
      <QueryState query={audit}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState>{t('audit.empty')}</EmptyState>
            ) : (
              <AuditTable entries={data.items} />
            )}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
          </>
        )}
      </QueryState>
    </>
  );
}
