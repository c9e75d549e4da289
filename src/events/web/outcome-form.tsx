/** The record of what happened: held (day, attendance in total and by age group, notes) or cancelled. */
import { Button, Group, Modal, NumberInput, SegmentedControl, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZEventOutcome, type TEventOutcome } from '../events.schemas';
import { refreshEventData, type EventDetail } from './api';

interface OutcomeFormProps {
  event: EventDetail;
  onClose: () => void;
}

const count = (v: number | string) => (v === '' ? undefined : Number(v));

/** The schema's paths ("attendance.total") are flat fields here. */
const rename = (path: string) => path.replace(/^attendance\./, '');

function OutcomeFormBody({ event: e, onClose }: OutcomeFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      status: e.status === 'planned' ? 'held' : e.status,
      heldOn: e.heldOn ?? e.plannedOn,
      total: e.attendanceTotal ?? (''),
      children: e.attendanceTotal === null ? ('') : e.attendanceChildren,
      youth: e.attendanceTotal === null ? ('') : e.attendanceYouth,
      adults: e.attendanceTotal === null ? ('') : e.attendanceAdults,
      resultNote: e.resultNote,
      cancelReason: e.cancelReason,
    },
  });
  const feedback = useFormFeedback(form, rename);
  const save = useMutation({
    mutationFn: (input: TEventOutcome) => api.put(`/api/v1/events/${e.id}/outcome`, input),
    onSuccess: () => {
      notifySaved(t('events.outcomeSaved'));
      refreshEventData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const raw =
      v.status === 'held'
        ? {
            status: 'held',
            heldOn: v.heldOn ?? '',
            attendance: { total: count(v.total), children: count(v.children), youth: count(v.youth), adults: count(v.adults) },
            resultNote: v.resultNote,
          }
        : v.status === 'cancelled'
          ? { status: 'cancelled', cancelReason: v.cancelReason }
          : { status: 'planned' };
    const input = feedback.validate(ZEventOutcome, raw);
    if (input) save.mutate(input);
  });
  const status = form.getValues().status;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <SegmentedControl
          data={[
            { value: 'held', label: t('eventStatus.held') },
            { value: 'cancelled', label: t('eventStatus.cancelled') },
            { value: 'planned', label: t('eventStatus.planned') },
          ]}
          {...form.getInputProps('status')}
          data-testid="outcome-status"
        />
        {status === 'held' && (
          <>
            <DateField label={t('events.heldOn')} required {...form.getInputProps('heldOn')} />
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <NumberInput label={t('events.attendanceTotal')} min={0} allowDecimal={false} required data-testid="outcome-total" {...form.getInputProps('total')} />
              <NumberInput label={t('events.attendanceChildren')} min={0} allowDecimal={false} data-testid="outcome-children" {...form.getInputProps('children')} />
              <NumberInput label={t('events.attendanceYouth')} min={0} allowDecimal={false} data-testid="outcome-youth" {...form.getInputProps('youth')} />
              <NumberInput label={t('events.attendanceAdults')} min={0} allowDecimal={false} data-testid="outcome-adults" {...form.getInputProps('adults')} />
            </SimpleGrid>
            <Textarea label={t('events.resultNote')} autosize minRows={3} {...form.getInputProps('resultNote')} />
          </>
        )}
        {status === 'cancelled' && <Textarea label={t('events.cancelReason')} required autosize minRows={2} {...form.getInputProps('cancelReason')} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="outcome-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OutcomeFormModal({ opened, ...props }: OutcomeFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={t('events.recordOutcome')} size="lg">
      {opened && <OutcomeFormBody {...props} />}
    </Modal>
  );
}
