/** Выездные семинары: the list (searchable, paged, exportable), the rotation planner, and all decisions as tasks. */
import { Anchor, Badge, Button, Group, Select, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarPlus, IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../../web/api/client';
import { PAGE_SIZE } from '../../web/api/types';
import { paths } from '../../web/paths';
import { canManageSeminars } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { formatDate } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { ZSeminarStatus, ZTaskStatus } from '../seminars.schemas';
import { useSeminars, useTasks, type SeminarRow } from './api';
import { RotationPlannerModal } from './rotation-planner';
import { SeminarFormModal } from './seminar-form';
import { TasksTable } from './tasks-table';

const FILTERS = ['tab', 'q', 'status', 'taskStatus'] as const;

function SeminarsTable({ rows }: { rows: SeminarRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('seminars.heldOn')}</Table.Th>
            <Table.Th>{t('seminars.theme')}</Table.Th>
            <Table.Th>{t('seminars.host')}</Table.Th>
            <Table.Th>{t('seminars.status')}</Table.Th>
            <Table.Th ta="right">{t('seminars.openTasks')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <ClickableRow key={s.id} testId="seminar-row" label={s.theme} onOpen={() => void navigate(paths.seminar(s.id))}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(s.heldOn)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={paths.seminar(s.id)} tabIndex={-1} fw={500}>
                  {s.theme}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {s.hostLibraryName}
                <Text size="xs" c="dimmed">{s.hostSettlement}</Text>
              </Table.Td>
              <Table.Td>{t(`seminarStatus.${s.status}`)}</Table.Td>
              <Table.Td ta="right">
                {s.openTasks}
                {s.overdueTasks > 0 && (
                  <Badge ml="xs" color="red" variant="light">
                    {t('tasks.overdue')}: {s.overdueTasks}
                  </Badge>
                )}
              </Table.Td>
            </ClickableRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function SeminarsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [isAdding, adding] = useDisclosure(false);
  const [isPlanning, planning] = useDisclosure(false);
  const { values, page, setFilter } = useListParams(FILTERS);
  const tab = values.tab || 'seminars';
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const seminars = useSeminars({ q: values.q, status: values.status, page, pageSize: PAGE_SIZE });
  const tasks = useTasks({ q: values.q, status: values.taskStatus, page, pageSize: PAGE_SIZE });
  const isManager = canManageSeminars(user.role);

  return (
    <>
      <PageHeader title={t('seminars.title')}>
        <Button
          component="a"
          href={tab === 'tasks' ? withQuery('/api/v1/seminar-tasks.xlsx', { q: values.q, status: values.taskStatus }) : withQuery('/api/v1/seminars.xlsx', { q: values.q, status: values.status })}
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          {t('common.exportXlsx')}
        </Button>
        {isManager && (
          <>
            <Button variant="light" leftSection={<IconCalendarPlus size={16} />} onClick={planning.open} data-testid="seminar-plan">
              {t('seminars.plan')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={adding.open} data-testid="seminar-add">
              {t('seminars.add')}
            </Button>
          </>
        )}
      </PageHeader>
      <Tabs value={tab} onChange={(v) => setFilter('tab', v === 'seminars' ? null : v)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="seminars">{t('seminars.title')}</Tabs.Tab>
          <Tabs.Tab value="tasks" data-testid="tab-tasks">
            {t('tasks.all')}
          </Tabs.Tab>
        </Tabs.List>
        <Group mb="md" align="flex-end">
          <TextInput
            label={t('common.search')}
            placeholder={t('seminars.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.currentTarget.value)}
            w={300}
          />
          {tab === 'seminars' ? (
            <Select label={t('seminars.status')} data={enumOptions(ZSeminarStatus.options, (s) => t(`seminarStatus.${s}`))} value={values.status || null} onChange={(v) => setFilter('status', v)} clearable placeholder={t('common.all')} w={200} />
          ) : (
            <Select label={t('tasks.status')} data={enumOptions(ZTaskStatus.options, (s) => t(`tasks.${s}`))} value={values.taskStatus || null} onChange={(v) => setFilter('taskStatus', v)} clearable placeholder={t('common.all')} w={200} />
          )}
        </Group>
        <Tabs.Panel value="seminars">
          <QueryState query={seminars}>
            {(data) => (
              <>
                {data.items.length === 0 ? <EmptyState>{t('seminars.empty')}</EmptyState> : <SeminarsTable rows={data.items} />}
                <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
              </>
            )}
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="tasks">
          <QueryState query={tasks}>
            {(data) => (
              <>
                {data.items.length === 0 ? <EmptyState>{t('tasks.noneOverdue')}</EmptyState> : <TasksTable rows={data.items} showSeminar />}
                <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
              </>
            )}
          </QueryState>
        </Tabs.Panel>
      </Tabs>
      <SeminarFormModal opened={isAdding} onClose={adding.close} onSaved={(s) => void navigate(paths.seminar(s.id))} />
      <RotationPlannerModal opened={isPlanning} onClose={planning.close} />
    </>
  );
}
