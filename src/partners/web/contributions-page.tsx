/** Вклады и гранты: the ledger of contributions, sums with charts, grants and contests. */
import { Badge, Button, Group, Select, Table, Tabs, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../web/api/client';
import { PAGE_SIZE } from '../../web/api/types';
import { currentLanguage } from '../../web/i18n/setup';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { DateField, enumOptions } from '../../web/ui/fields';
import { formatDate } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { ZContributionKind, ZGrantStatus } from '../partners.schemas';
import { formatMoney, useContributions, useGrants, type GrantRow } from './api';
import { ContributionFormModal } from './contribution-form';
import { ContributionsTable } from './contributions-table';
import { GrantFormModal } from './grant-form';
import { SumsPanel } from './sums-panel';

const FILTERS = ['tab', 'q', 'kind', 'from', 'to', 'status'] as const;

function GrantsTab({ q, status, page, setPage }: { q: string; status: string; page: number; setPage: (p: number) => void }) {
  const { t } = useTranslation();
  const grants = useGrants({ q, status, page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<GrantRow | null>(null);
  const money = (v: number | null, g: GrantRow) => formatMoney(v, g.currency, (c) => t(`currency.${c}`), currentLanguage());
  return (
    <QueryState query={grants}>
      {(data) => (
        <>
          {data.items.length === 0 ? (
            <EmptyState>{t('grants.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('grants.title')}</Table.Th>
                    <Table.Th>{t('grants.partner')}</Table.Th>
                    <Table.Th>{t('grants.status')}</Table.Th>
                    <Table.Th ta="right">{t('grants.requested')}</Table.Th>
                    <Table.Th ta="right">{t('grants.awarded')}</Table.Th>
                    <Table.Th>{t('grants.reportDue')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((g) => (
                    <ClickableRow key={g.id} role="button" label={g.title} testId="grant-row" onOpen={() => setEditing(g)}>
                      <Table.Td>{g.title}</Table.Td>
                      <Table.Td>{g.partnerName ?? '—'}</Table.Td>
                      <Table.Td>{t(`grantStatus.${g.status}`)}</Table.Td>
                      <Table.Td ta="right">{money(g.requestedAmount, g)}</Table.Td>
                      <Table.Td ta="right">{money(g.awardedAmount, g)}</Table.Td>
                      <Table.Td>
                        {formatDate(g.reportDue)}
                        {g.isReportOverdue && (
                          <Badge ml="xs" color="red" variant="light">
                            {t('grants.overdue')}
                          </Badge>
                        )}
                      </Table.Td>
                    </ClickableRow>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
          <GrantFormModal opened={editing !== null} grant={editing ?? undefined} onClose={() => setEditing(null)} />
        </>
      )}
    </QueryState>
  );
}

export function ContributionsPage() {
  const { t } = useTranslation();
  const [isAdding, adding] = useDisclosure(false);
  const [isAddingGrant, addingGrant] = useDisclosure(false);
  const { values, page, setFilter } = useListParams(FILTERS);
  const tab = values.tab || 'ledger';
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const filters = { q: values.q, kind: values.kind, from: values.from, to: values.to };
  const contributions = useContributions({ ...filters, page, pageSize: PAGE_SIZE }, tab === 'ledger');

  return (
    <>
      <PageHeader title={t('contributions.title')}>
        {tab === 'ledger' && (
          <Button component="a" href={withQuery('/api/v1/contributions.xlsx', filters)} variant="default" leftSection={<IconDownload size={16} />}>
            {t('common.exportXlsx')}
          </Button>
        )}
        {tab === 'grants' ? (
          <>
            <Button component="a" href={withQuery('/api/v1/grants.xlsx', { q: values.q, status: values.status })} variant="default" leftSection={<IconDownload size={16} />}>
              {t('common.exportXlsx')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={addingGrant.open}>
              {t('grants.add')}
            </Button>
          </>
        ) : (
          <Button leftSection={<IconPlus size={16} />} onClick={adding.open} data-testid="contribution-add">
            {t('contributions.add')}
          </Button>
        )}
      </PageHeader>
      <Tabs value={tab} onChange={(v) => setFilter('tab', v === 'ledger' ? null : v)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="ledger">{t('contributions.ledger')}</Tabs.Tab>
          <Tabs.Tab value="sums" data-testid="tab-sums">
            {t('contributions.sums')}
          </Tabs.Tab>
          <Tabs.Tab value="grants">{t('contributions.grants')}</Tabs.Tab>
        </Tabs.List>
        <Group mb="md" align="flex-end">
          {tab !== 'sums' && (
            <TextInput
              label={t('common.search')}
              placeholder={t('contributions.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              type="search"
              value={searchText}
              onChange={(e) => setSearchText(e.currentTarget.value)}
              w={300}
            />
          )}
          {tab === 'ledger' && (
            <Select
              label={t('contributions.kind')}
              data={enumOptions(ZContributionKind.options, (k) => t(`contributionKind.${k}`))}
              value={values.kind || null}
              onChange={(v) => setFilter('kind', v)}
              clearable
              placeholder={t('common.all')}
              w={200}
            />
          )}
          {tab === 'grants' && (
            <Select
              label={t('grants.status')}
              data={enumOptions(ZGrantStatus.options, (s) => t(`grantStatus.${s}`))}
              value={values.status || null}
              onChange={(v) => setFilter('status', v)}
              clearable
              placeholder={t('common.all')}
              w={200}
            />
          )}
          {tab !== 'grants' && (
            <>
              <DateField label={t('contributions.from')} value={values.from || null} onChange={(v) => setFilter('from', v)} w={160} />
              <DateField label={t('contributions.to')} value={values.to || null} onChange={(v) => setFilter('to', v)} w={160} />
            </>
          )}
        </Group>
        <Tabs.Panel value="ledger">
          <QueryState query={contributions}>
            {(data) => (
              <>
                {data.items.length === 0 ? <EmptyState>{t('contributions.empty')}</EmptyState> : <ContributionsTable rows={data.items} />}
                <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
              </>
            )}
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="sums">
          <SumsPanel from={values.from} to={values.to} />
        </Tabs.Panel>
        <Tabs.Panel value="grants">
          <GrantsTab q={values.q} status={values.status} page={page} setPage={(p) => setFilter('page', p)} />
        </Tabs.Panel>
      </Tabs>
      <ContributionFormModal opened={isAdding} onClose={adding.close} />
      <GrantFormModal opened={isAddingGrant} onClose={addingGrant.close} />
    </>
  );
}
