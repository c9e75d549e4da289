/**
 * Planning or changing an event: what, for whom, where and when, who is responsible, co-organisers,
 * related catalogue records, press links and registration. The memorable dates of the chosen month and
 * the year's themes are offered as ready-made themes.
 */
import { ActionIcon, Button, Checkbox, Chip, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPicker, type PickedRecord } from '../../catalog/web/record-picker';
import { useLibraries } from '../../network/web/api';
import { usePartnerOptions } from '../../partners/web/api';
import { useStaffOptions } from '../../staff/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { currentLanguage } from '../../web/i18n/setup';
import { canPlanForNetwork, canSeePartners } from '../../web/permissions';
import { useSession } from '../../web/session';
import { FormAlert } from '../../web/ui/feedback';
import { DateField, enumOptions, TimeField } from '../../web/ui/fields';
import { formatDate } from '../../web/ui/format';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { EVENT_AUDIENCE_VALUES, EVENT_PLACE_VALUES, ZEventInput, type TEventInput } from '../events.schemas';
import { formLabel, refreshEventData, useEventForms, useExhibitionOptions, useSuggestions, type EventDetail } from './api';
import { libraryOptions } from '../../network/web/library-options';

export interface EventDefaults {
  plannedOn?: string;
  libraryId?: string;
}

interface EventFormProps {
  event?: EventDetail;
  defaults?: EventDefaults;
  onClose: () => void;
  onSaved?: (event: { id: string }) => void;
}

const exhibitionOption = (x: { id: string; title: string; plannedOn: string }) => ({
  value: x.id,
  label: `${x.title} (${x.plannedOn.split('-').reverse().join('.')})`,
});

function EventFormBody({ event: e, defaults = {}, onClose, onSaved }: EventFormProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const showPartners = canSeePartners(user.role);
  const partners = usePartnerOptions();
  const staff = useStaffOptions(canPlanForNetwork(user.role));
  const ownLibrary = !canPlanForNetwork(user.role) ? (libraries.data?.items.length === 1 ? libraries.data.items[0]!.id : undefined) : undefined;
  const form = useForm({
    initialValues: {
      libraryId: e?.libraryId ?? defaults.libraryId ?? ownLibrary ?? '',
      formId: e?.formId ?? '',
      title: e?.title ?? '',
      description: e?.description ?? '',
      audience: e?.audience ?? 'all',
      place: e?.place ?? 'in_library',
      placeNote: e?.placeNote ?? '',
      plannedOn: e?.plannedOn ?? defaults.plannedOn ?? null,
      startTime: e?.startTime ?? '',
      endTime: e?.endTime ?? '',
      responsibleName: e?.responsibleName === e?.responsibleStaffName ? '' : (e?.responsibleName ?? ''),
      responsibleStaffId: e?.responsibleStaffId ?? null,
      theme: e?.theme ?? '',
      isPublic: e?.isPublic ?? true,
      isRegistrationOpen: e?.isRegistrationOpen ?? false,
      capacity: e?.capacity ?? (''),
      pressLinks: e?.pressLinks ?? [],
      partnerIds: e?.partners.map((p) => p.id) ?? [],
      exhibitionIds: e?.exhibitions.map((x) => x.id) ?? [],
    },
  });
  const libraryId = form.getValues().libraryId || ownLibrary || libraries.data?.items[0]?.id;
  const networkId = libraries.data?.items.find((l) => l.id === libraryId)?.networkId;
  const forms = useEventForms(networkId);
  const exhibitionForms = (forms.data ?? []).filter((f) => f.isExhibition).map((f) => f.id);
  const exhibitionEvents = useExhibitionOptions(networkId, exhibitionForms);
  const exhibitionOptions = [
    ...(e?.exhibitions ?? []).map((x) => exhibitionOption(x)),
    ...(exhibitionEvents.data ?? [])
      .filter((x) => x.id !== e?.id && !e?.exhibitions.some((linked) => linked.id === x.id))
      .map((x) => exhibitionOption(x)),
  ];
  const plannedOn = form.getValues().plannedOn;
  const suggestionYear = plannedOn ? Number(plannedOn.slice(0, 4)) : new Date().getFullYear();
  const suggestionMonth = plannedOn ? Number(plannedOn.slice(5, 7)) : new Date().getMonth() + 1;
  const suggestions = useSuggestions(networkId, suggestionYear, suggestionMonth);
  const [pickedRecords, setPickedRecords] = useState<PickedRecord[]>(e?.records.map((r) => ({ id: r.id, title: r.title })) ?? []);
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TEventInput) => (e ? api.put<{ id: string }>(`/api/v1/events/${e.id}`, input) : api.post<{ id: string }>('/api/v1/events', input)),
    onSuccess: (saved) => {
      notifySaved(e ? t('common.saved') : t('events.created'));
      refreshEventData(queryClient);
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const input = feedback.validate(ZEventInput, {
      ...v,
      plannedOn: v.plannedOn ?? '',
      startTime: v.startTime || null,
      endTime: v.endTime || null,
      capacity: v.capacity === '' ? null : v.capacity,
      partnerIds: showPartners ? v.partnerIds : (e?.partners.map((p) => p.id) ?? []),
      recordIds: pickedRecords.map((r) => r.id),
      exhibitionIds: v.exhibitionIds,
    });
    if (input) save.mutate(input);
  });
  const applySuggestion = (title: string, date: string | null) => {
    form.setFieldValue('theme', title);
    if (!form.getValues().title) form.setFieldValue('title', title);
    if (date && !form.getValues().plannedOn) form.setFieldValue('plannedOn', date);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('events.library')} data={libraryOptions(libraries.data?.items ?? [])} searchable required data-testid="event-library" {...form.getInputProps('libraryId')} />
          <Select label={t('events.form')} data={(forms.data ?? []).filter((f) => f.isActive || f.id === e?.formId).map((f) => ({ value: f.id, label: formLabel(f, language) }))} searchable required data-testid="event-form" {...form.getInputProps('formId')} />
        </SimpleGrid>
        <TextInput label={t('events.eventTitle')} required data-testid="event-title" {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <DateField label={t('events.plannedOn')} required data-testid="event-date" {...form.getInputProps('plannedOn')} />
          <TimeField label={t('events.startTime')} data-testid="event-start" {...form.getInputProps('startTime')} />
          <TimeField label={t('events.endTime')} data-testid="event-end" {...form.getInputProps('endTime')} />
        </SimpleGrid>
        {(suggestions.data ?? []).length > 0 && (
          <Stack gap={4} data-testid="event-suggestions">
            <Text size="sm" fw={500}>{t('events.suggestions')}</Text>
            <Group gap={6}>
              {(suggestions.data ?? []).map((s) => (
                <Chip key={s.id} size="xs" checked={form.getValues().theme === s.title} onChange={() => applySuggestion(s.title, s.date)} variant="light">
                  {s.date ? `${formatDate(s.date).slice(0, 5)} ${s.title}` : `${t('events.yearTheme')}: ${s.title}`}
                </Chip>
              ))}
            </Group>
          </Stack>
        )}
        <TextInput label={t('events.theme')} {...form.getInputProps('theme')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label={t('events.audience')} data={enumOptions(EVENT_AUDIENCE_VALUES, (x) => t(`eventAudience.${x}`))} allowDeselect={false} data-testid="event-audience" {...form.getInputProps('audience')} />
          <Select label={t('events.place')} data={enumOptions(EVENT_PLACE_VALUES, (x) => t(`eventPlace.${x}`))} allowDeselect={false} {...form.getInputProps('place')} />
          <TextInput label={t('events.placeNote')} {...form.getInputProps('placeNote')} />
        </SimpleGrid>
        <Textarea label={t('events.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: canPlanForNetwork(user.role) ? 2 : 1 }}>
          {canPlanForNetwork(user.role) && (
            <Select
              label={t('events.responsibleStaff')}
              data={(staff.data?.items ?? []).filter((p) => p.isActive || p.id === e?.responsibleStaffId).map((p) => ({ value: p.id, label: p.fullName }))}
              searchable
              clearable
              data-testid="event-responsible-staff"
              {...form.getInputProps('responsibleStaffId')}
            />
          )}
          <TextInput label={t('events.responsible')} data-testid="event-responsible" {...form.getInputProps('responsibleName')} />
        </SimpleGrid>
        {showPartners && (
          <MultiSelect
            label={t('events.partners')}
            data={(partners.data?.items ?? []).filter((p) => !networkId || p.networkId === networkId).map((p) => ({ value: p.id, label: p.name }))}
            searchable
            clearable
            data-testid="event-partners"
            {...form.getInputProps('partnerIds')}
          />
        )}
        <MultiSelect
          label={t('events.exhibitions')}
          data={exhibitionOptions}
          searchable
          clearable
          data-testid="event-exhibitions"
          {...form.getInputProps('exhibitionIds')}
        />
        <RecordPicker label={t('events.records')} placeholder={t('events.recordsHint')} value={pickedRecords} onChange={setPickedRecords} testId="event-records" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('events.pressLinks')}</Text>
          {form.getValues().pressLinks.map((_, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <TextInput placeholder={t('events.pressTitle')} style={{ flex: 1 }} {...form.getInputProps(`pressLinks.${i}.title`)} />
              <TextInput placeholder="https://" style={{ flex: 2 }} {...form.getInputProps(`pressLinks.${i}.url`)} />
              <ActionIcon variant="subtle" color="red" mt={6} onClick={() => form.removeListItem('pressLinks', i)} aria-label={t('events.removeLink')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('pressLinks', { title: '', url: '' })} w="fit-content">
            {t('events.addLink')}
          </Button>
        </Stack>
        <Group>
          <Checkbox label={t('events.isPublic')} {...form.getInputProps('isPublic', { type: 'checkbox' })} />
          <Checkbox label={t('events.isRegistrationOpen')} data-testid="event-registration" {...form.getInputProps('isRegistrationOpen', { type: 'checkbox' })} />
          {form.getValues().isRegistrationOpen && <NumberInput label={t('events.capacity')} min={1} allowDecimal={false} w={140} data-testid="event-capacity" {...form.getInputProps('capacity')} />}
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="event-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EventFormModal({ opened, ...props }: EventFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={props.event ? t('events.editTitle') : t('events.createTitle')} size="xl">
      {opened && <EventFormBody {...props} />}
    </Modal>
  );
}
