/** Партнёры: the network's partners with their contacts; searchable, paged, exportable. */
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
import { ZPartnerKind } from '../partners.schemas';
import { usePartners, type PartnerRow } from './api';
import { PartnerFormModal } from './partner-form';

const FILTERS = ['q', 'kind'] as const;

function PartnersTable({ rows }: { rows: PartnerRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.name')}</Table.Th>
            <Table.Th>{t('partners.kind')}</Table.Th>
            <Table.Th>{t('partners.contacts')}</Table.Th>
            <Table.Th>{t('partners.phone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <ClickableRow key={p.id} testId="partner-row" label={p.name} onOpen={() => void navigate(paths.partner(p.id))}>
              <Table.Td>
                <Anchor component={Link} to={paths.partner(p.id)} tabIndex={-1} fw={500}>
                  {p.name}
                </Anchor>
                {!p.isActive && (
                  <Badge ml="xs" color="gray" variant="light">
                    {t('common.inactive')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{t(`partnerKind.${p.kind}`)}</Table.Td>
              <Table.Td>
                {p.contacts.map((c, i) => (
                  <Text key={i} size="sm">
                    {c.name}
                    {c.position && <Text span size="xs" c="dimmed">{` – ${c.position}`}</Text>}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.phone}</Table.Td>
            </ClickableRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function PartnersPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [isAdding, adding] = useDisclosure(false);
  const { values, page, setFilter } = useListParams(FILTERS);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const partners = usePartners({ q: values.q, kind: values.kind, page, pageSize: PAGE_SIZE });

  return (
    <>
      <PageHeader title={t('partners.title')}>
        <Button component="a" href={withQuery('/api/v1/partners.xlsx', { q: values.q, kind: values.kind })} variant="default" leftSection={<IconDownload size={16} />}>
          {t('common.exportXlsx')}
        </Button>
        {isManager(user.role) && (
          <Button leftSection={<IconPlus size={16} />} onClick={adding.open} data-testid="partner-add">
            {t('partners.add')}
          </Button>
        )}
      </PageHeader>
      <Group mb="md" align="flex-end">
        <TextInput
          label={t('common.search')}
          placeholder={t('partners.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          w={320}
          data-testid="partners-search"
        />
        <Select
          label={t('partners.kind')}
          data={enumOptions(ZPartnerKind.options, (k) => t(`partnerKind.${k}`))}
          value={values.kind || null}
          onChange={(v) => setFilter('kind', v)}
          clearable
          placeholder={t('common.all')}
          w={240}
        />
      </Group>
      <QueryState query={partners}>
        {(data) => (
          <>
            {data.items.length === 0 ? <EmptyState>{t('partners.empty')}</EmptyState> : <PartnersTable rows={data.items} />}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
          </>
        )}
      </QueryState>
      <PartnerFormModal opened={isAdding} onClose={adding.close} onSaved={(p) => void navigate(paths.partner(p.id))} />
    </>
  );
}
