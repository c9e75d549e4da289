/**
 * The municipal information centre: the inbox of reference requests (filters, deadlines, overdue ones
 * highlighted, export), the statistics, and the report to a municipality.
 */
import { Anchor, Badge, Button, Checkbox, Group, Select, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPhoneIncoming, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMunicipalityOptions } from '../../network/web/api';
import { withQuery } from '../../web/api/client';
import { PAGE_SIZE } from '../../web/api/types';
import { paths } from '../../web/paths';
import { canBuildMunicipalReport } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { formatDate, formatDateTime } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../municipal.schemas';
import { useRequests, type RequestRow } from './api';
import { RecordRequestModal } from './record-request-form';
import { ReportPanel } from './report-panel';
import { StatisticsPanel } from './statistics-panel';

const FILTERS = ['tab', 'q', 'status', 'type', 'municipalityId', 'isOverdue'] as const;
export const STATUS_COLOR = { new: 'orange', in_progress: 'blue', answered: 'teal', closed: 'gray' } as const;

function RequestsTable({ rows }: { rows: RequestRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>№</Table.Th>
            <Table.Th>{t('requests.topic')}</Table.Th>
            <Table.Th>{t('requests.municipality')}</Table.Th>
            <Table.Th>{t('requests.type')}</Table.Th>
            <Table.Th>{t('requests.received')}</Table.Th>
            <Table.Th>{t('requests.dueOn')}</Table.Th>
            <Table.Th>{t('requests.assignee')}</Table.Th>
            <Table.Th>{t('requests.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <ClickableRow key={r.id} testId="request-row" label={r.topic} onOpen={() => void navigate(paths.municipalRequest(r.id))}>
              <Table.Td>{r.number}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={paths.municipalRequest(r.id)} tabIndex={-1} fw={500}>
                  {r.topic}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {r.requesterName} · {t(`requestChannel.${r.channel}`)}
                </Text>
              </Table.Td>
              <Table.Td>{r.municipalityName}</Table.Td>
              <Table.Td>{t(`requestType.${r.type}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.receivedAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" c={r.isOverdue ? 'red' : undefined} fw={r.isOverdue ? 700 : undefined}>
                  {formatDate(r.dueOn)}
                </Text>
                {r.isOverdue && (
                  <Badge color="red" size="xs" data-testid="request-overdue">
                    {t('requests.overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{r.assigneeName ?? <Text size="sm" c="dimmed">{t('requests.unassigned')}</Text>}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOR[r.status]}>{t(`requestStatus.${r.status}`)}</Badge>
              </Table.Td>
            </ClickableRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function RequestsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [isRecording, recording] = useDisclosure(false);
  const { values, page, setFilter } = useListParams(FILTERS);
  const tab = values.tab || 'requests';
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const municipalities = useMunicipalityOptions();
  const filters = { q: values.q, status: values.status, type: values.type, municipalityId: values.municipalityId, isOverdue: values.isOverdue };
  const requests = useRequests({ ...filters, page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader title={t('requests.title')}>
        {tab === 'requests' && (
          <>
            <Button component="a" href={withQuery('/api/v1/municipal/requests.xlsx', filters)} variant="default" leftSection={<IconDownload size={16} />}>
              {t('common.exportXlsx')}
            </Button>
            <Button leftSection={<IconPhoneIncoming size={16} />} onClick={recording.open} data-testid="request-record">
              {t('requests.record')}
            </Button>
          </>
        )}
      </PageHeader>
      <Tabs value={tab} onChange={(v) => setFilter('tab', v === 'requests' ? null : v)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="requests">{t('requests.inbox')}</Tabs.Tab>
          <Tabs.Tab value="statistics" data-testid="tab-statistics">{t('requests.statistics')}</Tabs.Tab>
          {canBuildMunicipalReport(user.role) && <Tabs.Tab value="report" data-testid="tab-report">{t('report.title')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="requests">
          <Group mb="md" align="flex-end">
            <TextInput label={t('common.search')} placeholder={t('requests.searchPlaceholder')} leftSection={<IconSearch size={16} />} type="search" value={searchText} onChange={(e) => setSearchText(e.currentTarget.value)} w={260} />
            <Select label={t('requests.status')} data={enumOptions(REQUEST_STATUSES, (s) => t(`requestStatus.${s}`))} value={values.status || null} onChange={(v) => setFilter('status', v)} clearable placeholder={t('common.all')} w={170} />
            <Select label={t('requests.type')} data={enumOptions(REQUEST_TYPES, (s) => t(`requestType.${s}`))} value={values.type || null} onChange={(v) => setFilter('type', v)} clearable placeholder={t('common.all')} w={170} />
            <Select label={t('requests.municipality')} data={(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} value={values.municipalityId || null} onChange={(v) => setFilter('municipalityId', v)} searchable clearable placeholder={t('common.all')} w={260} />
            <Checkbox label={t('requests.onlyOverdue')} checked={values.isOverdue === 'true'} onChange={(e) => setFilter('isOverdue', e.currentTarget.checked ? 'true' : null)} mb={8} />
          </Group>
          <QueryState query={requests}>
            {(data) => (
              <>
                {data.items.length === 0 ? <EmptyState>{t('requests.empty')}</EmptyState> : <RequestsTable rows={data.items} />}
                <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
              </>
            )}
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="statistics">
          <StatisticsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="report">
          <ReportPanel />
        </Tabs.Panel>
      </Tabs>
      <RecordRequestModal opened={isRecording} onClose={recording.close} onSaved={(r) => void navigate(paths.municipalRequest(r.id))} />
    </>
  );
}
