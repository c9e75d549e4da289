/**
 * The network's event settings: its forms of events (add, rename, retire) and its calendar of memorable
 * dates and year themes (add, change, remove). Managers of the network edit them; planners pick from them.
 */
import { ActionIcon, Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useManagedNetworks } from '../../network/web/api';
import { api } from '../../web/api/client';
import { currentLanguage } from '../../web/i18n/setup';
import { paths } from '../../web/paths';
import { EmptyState, FormAlert, QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { DialogButtons, SettingsEntryFields, SettingsTable } from '../../web/ui/settings-list';
import { numberOrNull, useSavingForm } from '../../web/ui/use-saving-form';
import { ZEventFormInput, ZMemorableDateInput } from '../events.schemas';
import { formLabel, useEventForms, type EventForm } from './api';

export interface MemorableDate {
  id: string;
  networkId: string;
  kind: 'date' | 'theme';
  title: string;
  month: number | null;
  day: number | null;
  lengthDays: number;
  year: number | null;
  note: string;
}

const useMemorableDates = (networkId: string | undefined) =>
  useQuery({
    queryKey: ['memorable-dates', networkId],
    queryFn: () => api.get<MemorableDate[]>(`/api/v1/networks/${networkId}/memorable-dates`),
    enabled: !!networkId,
  });

const SETTINGS_QUERIES = ['event-forms', 'memorable-dates', 'event-suggestions', 'audit'];

function refresh(queryClient: ReturnType<typeof useQueryClient>) {
  for (const key of SETTINGS_QUERIES) void queryClient.invalidateQueries({ queryKey: [key] });
}

function FormEditor({ networkId, form: f, onClose }: { networkId: string; form: EventForm | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { nameRu: f?.nameRu ?? '', nameKy: f?.nameKy ?? '', nameEn: f?.nameEn ?? '', isExhibition: f?.isExhibition ?? false, sortOrder: f?.sortOrder ?? 100, isActive: f?.isActive ?? true },
  });
  const { submit, isSaving, general } = useSavingForm(form, {
    schema: ZEventFormInput,
    save: (input) => (f ? api.put(`/api/v1/event-forms/${f.id}`, input) : api.post(`/api/v1/networks/${networkId}/event-forms`, input)),
    refresh: SETTINGS_QUERIES,
    onClose,
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert messages={general} />
        <SettingsEntryFields form={form} texts="eventSettings" ruField="nameRu" sortOrderMax={10000} testIdPrefix="form">
          <Switch label={t('eventSettings.isExhibition')} {...form.getInputProps('isExhibition', { type: 'checkbox' })} />
        </SettingsEntryFields>
        <DialogButtons onCancel={onClose} isSaving={isSaving} saveTestId="form-save" />
      </Stack>
    </form>
  );
}

function DateEditor({ networkId, entry, onClose }: { networkId: string; entry: MemorableDate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      kind: entry?.kind ?? 'date',
      title: entry?.title ?? '',
      month: entry?.month ?? (''),
      day: entry?.day ?? (''),
      lengthDays: entry?.lengthDays ?? 1,
      year: entry?.year ?? (''),
      note: entry?.note ?? '',
    },
  });
  const { submit, isSaving, general } = useSavingForm(form, {
    schema: ZMemorableDateInput,
    prepare: (v) => ({ ...v, month: numberOrNull(v.month), day: numberOrNull(v.day), year: numberOrNull(v.year) }),
    save: (input) => (entry ? api.put(`/api/v1/memorable-dates/${entry.id}`, input) : api.post(`/api/v1/networks/${networkId}/memorable-dates`, input)),
    refresh: SETTINGS_QUERIES,
    onClose,
  });
  const isDate = form.getValues().kind === 'date';
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert messages={general} />
        <SegmentedControl
          data={[
            { value: 'date', label: t('events.memorableDate') },
            { value: 'theme', label: t('events.yearTheme') },
          ]}
          data-testid="date-kind"
          {...form.getInputProps('kind')}
        />
        <TextInput label={t('eventSettings.dateTitle')} required data-testid="date-title" {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {isDate && <NumberInput label={t('eventSettings.day')} min={1} max={31} allowDecimal={false} required data-testid="date-day" {...form.getInputProps('day')} />}
          {isDate && <NumberInput label={t('eventSettings.month')} min={1} max={12} allowDecimal={false} required data-testid="date-month" {...form.getInputProps('month')} />}
          {isDate && <NumberInput label={t('eventSettings.lengthDays')} min={1} max={31} allowDecimal={false} {...form.getInputProps('lengthDays')} />}
          <NumberInput label={isDate ? t('eventSettings.onlyYear') : t('events.year')} min={1900} max={2200} allowDecimal={false} required={!isDate} data-testid="date-year" {...form.getInputProps('year')} />
        </SimpleGrid>
        <Textarea label={t('eventSettings.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <DialogButtons onCancel={onClose} isSaving={isSaving} saveTestId="date-save" />
      </Stack>
    </form>
  );
}

const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');

export function EventSettingsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const [chosen, setChosen] = useState<string | null>(null);
  const networkId = chosen ?? networks.data?.[0]?.id;
  const forms = useEventForms(networkId);
  const dates = useMemorableDates(networkId);
  const [editingForm, setEditingForm] = useState<EventForm | 'new' | null>(null);
  const [editingDate, setEditingDate] = useState<MemorableDate | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/memorable-dates/${id}`),
    onSuccess: () => {
      notifySaved(t('eventSettings.removed'));
      refresh(queryClient);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <>
      <PageHeader title={t('eventSettings.title')}>
        <Button component={Link} to={paths.events} variant="default">{t('events.title')}</Button>
      </PageHeader>
      {(networks.data?.length ?? 0) > 1 && (
        <Select label={t('eventSettings.network')} data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))} value={networkId ?? null} onChange={setChosen} allowDeselect={false} w={320} mb="md" />
      )}
      {!networkId ? (
        <EmptyState>{t('eventSettings.noNetwork')}</EmptyState>
      ) : (
        <Tabs defaultValue="forms">
          <Tabs.List mb="md">
            <Tabs.Tab value="forms" data-testid="tab-forms">{t('eventSettings.forms')}</Tabs.Tab>
            <Tabs.Tab value="dates" data-testid="tab-dates">{t('eventSettings.dates')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="forms">
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditingForm('new')} mb="sm" data-testid="form-add">{t('eventSettings.addForm')}</Button>
            <QueryState query={forms}>
              {(items) => (
                <SettingsTable
                  entries={items}
                  texts="eventSettings"
                  name={{
                    header: t('eventSettings.name'),
                    cell: (f) => (
                      <>
                        {formLabel(f, language)} {f.isExhibition && <Badge variant="light">{t('eventSettings.exhibition')}</Badge>}
                      </>
                    ),
                  }}
                  editLabel={() => t('events.edit')}
                  onEdit={setEditingForm}
                  testId="event-forms"
                  rowTestId="event-form-row"
                />
              )}
            </QueryState>
          </Tabs.Panel>
          <Tabs.Panel value="dates">
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditingDate('new')} mb="sm" data-testid="date-add">{t('eventSettings.addDate')}</Button>
            <QueryState query={dates}>
              {(items) =>
                items.length === 0 ? (
                  <EmptyState>{t('eventSettings.noDates')}</EmptyState>
                ) : (
                  <Table striped withTableBorder data-testid="memorable-dates">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('events.date')}</Table.Th>
                        <Table.Th>{t('eventSettings.dateTitle')}</Table.Th>
                        <Table.Th>{t('eventSettings.note')}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((d) => (
                        <Table.Tr key={d.id} data-testid="memorable-date-row">
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            {d.kind === 'date' ? `${pad(d.day)}.${pad(d.month)}${d.year ? `.${d.year}` : ''}` : `${t('events.yearTheme')} ${d.year ?? ''}`}
                          </Table.Td>
                          <Table.Td>{d.title}</Table.Td>
                          <Table.Td><Text size="sm" c="dimmed">{d.note}</Text></Table.Td>
                          <Table.Td>
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <ActionIcon variant="subtle" aria-label={t('events.edit')} onClick={() => setEditingDate(d)}>
                                <IconEdit size={16} />
                              </ActionIcon>
                              <ActionIcon variant="subtle" color="red" aria-label={t('events.delete')} onClick={() => remove.mutate(d.id)} data-testid="date-remove">
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )
              }
            </QueryState>
          </Tabs.Panel>
        </Tabs>
      )}
      <Modal opened={editingForm !== null} onClose={() => setEditingForm(null)} title={t('eventSettings.formTitle')}>
        {editingForm !== null && networkId && <FormEditor networkId={networkId} form={editingForm === 'new' ? null : editingForm} onClose={() => setEditingForm(null)} />}
      </Modal>
      <Modal opened={editingDate !== null} onClose={() => setEditingDate(null)} title={t('eventSettings.dateFormTitle')} size="lg">
        {editingDate !== null && networkId && <DateEditor networkId={networkId} entry={editingDate === 'new' ? null : editingDate} onClose={() => setEditingDate(null)} />}
      </Modal>
    </>
  );
}
