/**
 * The annual plan of events: a month calendar and a list grouped by month, both filtered the same way;
 * the list is searchable, paged and exportable. Memorable dates of the month are shown where planning.
 */
import { ActionIcon, Anchor, Badge, Button, Group, SegmentedControl, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconDownload, IconPlus, IconSearch, IconSettings } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLibraries, useNetworks } from '../../network/web/api';
import { withQuery } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE, PAGE_SIZE } from '../../web/api/types';
import { currentLanguage } from '../../web/i18n/setup';
import { paths } from '../../web/paths';
import { canPlanEvents, canSetUpEvents } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { formatDate } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow, Pager } from '../../web/ui/table-parts';
import { useDebouncedSearch, useListParams } from '../../web/ui/use-list-params';
import { EVENT_AUDIENCE_VALUES, EVENT_PLACE_VALUES, EVENT_STATUS_VALUES } from '../events.schemas';
import { formLabel, useEventForms, useEvents, useSuggestions, type EventRow } from './api';
import { EventFormModal } from './event-form';
import { MonthCalendar } from './month-calendar';
import { libraryOptions } from '../../network/web/library-options';

const FILTERS = ['view', 'month', 'year', 'q', 'libraryId', 'formId', 'status', 'audience', 'place'] as const;
const STATUS_COLOR = { planned: 'blue', held: 'teal', cancelled: 'gray' } as const;

function EventsTable({ rows }: { rows: EventRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const language = currentLanguage();
  let lastMonth = '';
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('events.date')}</Table.Th>
            <Table.Th>{t('events.eventTitle')}</Table.Th>
            <Table.Th>{t('events.form')}</Table.Th>
            <Table.Th>{t('events.library')}</Table.Th>
            <Table.Th>{t('events.audience')}</Table.Th>
            <Table.Th>{t('events.status')}</Table.Th>
            <Table.Th ta="right">{t('events.attendance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => {
            const day = e.heldOn ?? e.plannedOn;
            const month = day.slice(0, 7);
            const isNewMonth = month !== lastMonth;
            lastMonth = month;
            return (
              <Fragment key={e.id}>
                {isNewMonth && (
                  <Table.Tr bg="gray.0">
                    <Table.Td colSpan={7}>
                      <Text fw={600} tt="capitalize" size="sm">
                        {dayjs(`${month}-01`).format('MMMM YYYY')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                <ClickableRow testId="event-row" label={e.title} onOpen={() => void navigate(paths.event(e.id))}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(day)}
                    {e.startTime && <Text size="xs" c="dimmed">{e.startTime}{e.endTime ? `–${e.endTime}` : ''}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={paths.event(e.id)} tabIndex={-1} fw={500}>
                      {e.title}
                    </Anchor>
                    {e.theme && <Text size="xs" c="dimmed">{e.theme}</Text>}
                  </Table.Td>
                  <Table.Td>{formLabel(e, language)}</Table.Td>
                  <Table.Td>{e.libraryName}</Table.Td>
                  <Table.Td>{t(`eventAudience.${e.audience}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[e.status]}>{t(`eventStatus.${e.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td ta="right">{e.attendanceTotal ?? (e.isRegistrationOpen ? `${e.registeredCount}/${e.capacity ?? '∞'}` : '')}</Table.Td>
                </ClickableRow>
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function EventsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const language = currentLanguage();
  const [isAdding, adding] = useDisclosure(false);
  const [newDay, setNewDay] = useState<string | undefined>();
  const { values, page, setFilter } = useListParams(FILTERS);
  const view = values.view === 'list' ? 'list' : 'month';
  const month = /^\d{4}-\d{2}$/.test(values.month) ? values.month : dayjs().format('YYYY-MM');
  const year = /^\d{4}$/.test(values.year) ? values.year : month.slice(0, 4);
  const [searchText, setSearchText] = useDebouncedSearch(values.q, (q) => setFilter('q', q));
  const networks = useNetworks();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const selectedLibrary = libraries.data?.items.find((l) => l.id === values.libraryId);
  const networkId = selectedLibrary?.networkId ?? networks.data?.[0]?.id ?? libraries.data?.items[0]?.networkId;
  const forms = useEventForms(networkId);
  const filters = {
    q: values.q,
    libraryId: values.libraryId,
    formId: values.formId,
    status: values.status,
    audience: values.audience,
    place: values.place,
  };
  const range =
    view === 'month'
      ? { from: `${month}-01`, to: dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD') }
      : { from: `${year}-01-01`, to: `${year}-12-31` };
  const events = useEvents({ ...filters, ...range, page: view === 'month' ? 1 : page, pageSize: view === 'month' ? 500 : PAGE_SIZE });
  const suggestions = useSuggestions(networkId, Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const mayPlan = canPlanEvents(user.role);
  const shiftMonth = (by: number) => setFilter('month', dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM'));
  const years = Array.from({ length: 5 }, (_, i) => String(dayjs().year() + 1 - i));

  return (
    <>
      <PageHeader title={t('events.title')}>
        <Button component="a" href={withQuery('/api/v1/events.xlsx', { ...filters, ...range })} variant="default" leftSection={<IconDownload size={16} />} data-testid="events-xlsx">
          {t('common.exportXlsx')}
        </Button>
        <Button component="a" href={withQuery('/api/v1/events.csv', { ...filters, ...range })} variant="default" leftSection={<IconDownload size={16} />}>
          CSV
        </Button>
        {canSetUpEvents(user.role) && (
          <Button component={Link} to={paths.eventSettings} variant="default" leftSection={<IconSettings size={16} />} data-testid="event-settings">
            {t('eventSettings.settings')}
          </Button>
        )}
        {mayPlan && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => { setNewDay(undefined); adding.open(); }} data-testid="event-add">
            {t('events.add')}
          </Button>
        )}
      </PageHeader>
      <Group mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={view}
          onChange={(v) => setFilter('view', v === 'month' ? null : v)}
          data={[
            { value: 'month', label: t('events.monthView') },
            { value: 'list', label: t('events.listView') },
          ]}
          data-testid="events-view"
        />
        <TextInput label={t('common.search')} placeholder={t('events.searchPlaceholder')} leftSection={<IconSearch size={16} />} type="search" value={searchText} onChange={(e) => setSearchText(e.currentTarget.value)} w={240} />
        <Select label={t('events.library')} data={libraryOptions(libraries.data?.items ?? [])} value={values.libraryId || null} onChange={(v) => setFilter('libraryId', v)} searchable clearable placeholder={t('common.all')} w={220} />
        <Select label={t('events.form')} data={(forms.data ?? []).map((f) => ({ value: f.id, label: formLabel(f, language) }))} value={values.formId || null} onChange={(v) => setFilter('formId', v)} clearable placeholder={t('common.all')} w={200} />
        <Select label={t('events.status')} data={enumOptions(EVENT_STATUS_VALUES, (s) => t(`eventStatus.${s}`))} value={values.status || null} onChange={(v) => setFilter('status', v)} clearable placeholder={t('common.all')} w={160} />
        <Select label={t('events.audience')} data={enumOptions(EVENT_AUDIENCE_VALUES, (s) => t(`eventAudience.${s}`))} value={values.audience || null} onChange={(v) => setFilter('audience', v)} clearable placeholder={t('common.all')} w={180} />
        <Select label={t('events.place')} data={enumOptions(EVENT_PLACE_VALUES, (s) => t(`eventPlace.${s}`))} value={values.place || null} onChange={(v) => setFilter('place', v)} clearable placeholder={t('common.all')} w={160} />
        {view === 'list' && <Select label={t('events.year')} data={years} value={year} onChange={(v) => setFilter('year', v)} allowDeselect={false} w={100} />}
      </Group>
      {view === 'month' ? (
        <>
          <Group mb="sm" gap="xs">
            <ActionIcon variant="default" onClick={() => shiftMonth(-1)} aria-label={t('events.previousMonth')} data-testid="month-previous">
              <IconChevronLeft size={16} />
            </ActionIcon>
            <Title order={3} tt="capitalize" miw={200} ta="center" data-testid="month-title">
              {dayjs(`${month}-01`).format('MMMM YYYY')}
            </Title>
            <ActionIcon variant="default" onClick={() => shiftMonth(1)} aria-label={t('events.nextMonth')} data-testid="month-next">
              <IconChevronRight size={16} />
            </ActionIcon>
            <Button variant="subtle" size="xs" onClick={() => setFilter('month', null)}>
              {t('events.thisMonth')}
            </Button>
          </Group>
          <QueryState query={events}>
            {(data) => (
              <MonthCalendar
                month={month}
                events={data.items}
                suggestions={suggestions.data ?? []}
                onPickDay={mayPlan ? (day) => { setNewDay(day); adding.open(); } : undefined}
              />
            )}
          </QueryState>
          {(suggestions.data ?? []).some((s) => s.kind === 'theme') && (
            <Text size="sm" c="dimmed" mt="sm">
              {t('events.yearThemes')}: {(suggestions.data ?? []).filter((s) => s.kind === 'theme').map((s) => s.title).join('; ')}
            </Text>
          )}
        </>
      ) : (
        <QueryState query={events}>
          {(data) => (
            <>
              {data.items.length === 0 ? <EmptyState>{t('events.empty')}</EmptyState> : <EventsTable rows={data.items} />}
              <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setFilter('page', p)} />
            </>
          )}
        </QueryState>
      )}
      <EventFormModal opened={isAdding} defaults={{ plannedOn: newDay, libraryId: values.libraryId || undefined }} onClose={adding.close} onSaved={(e) => void navigate(paths.event(e.id))} />
    </>
  );
}
