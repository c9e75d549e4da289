/** Editing a library's passport for a chosen year; an unsaved year starts from the latest passport. */
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { ConfirmModal } from '../../web/ui/confirm-modal';
import { FormAlert, QueryState } from '../../web/ui/feedback';
import { formatDateTime } from '../../web/ui/format';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZPassportData, type TPassportData } from '../network.schemas';
import { refreshNetworkData, usePassport, usePassportYears, type Passport } from './api';
import { PassportFields } from './passport-fields';
import { toFormValues, toPassportInput } from './passport-form-values';

interface PassportFormProps {
  libraryId: string;
  passport: Passport;
  onDirtyChange: (isDirty: boolean) => void;
  onSaved: (year: number) => void;
  onCancel: () => void;
}

function PassportForm({ libraryId, passport, onDirtyChange, onSaved, onCancel }: PassportFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: toFormValues(passport.data) });
  const feedback = useFormFeedback(form);
  const isDirty = form.isDirty();
  useEffect(() => onDirtyChange(isDirty), [isDirty, onDirtyChange]);

  const save = useMutation({
    mutationFn: (data: TPassportData) =>
      api.put<Passport>(`/api/v1/libraries/${libraryId}/passports/${passport.year}`, data),
    onSuccess: (saved) => {
      form.resetDirty();
      onDirtyChange(false);
      notifySaved(t('passport.saved', { year: saved.year }));
      refreshNetworkData(queryClient);
      onSaved(saved.year);
    },
    onError: (error) => feedback.fail(error),
  });

  const submit = form.onSubmit((values) => {
    const data = feedback.validate(ZPassportData, toPassportInput(values));
    if (data) save.mutate(data);
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('passport.ofYear', { year: passport.year })}>
      <Stack gap="md">
        {!passport.isSaved && (
          <Alert color="blue" data-testid="passport-unsaved-year">
            {t('passport.unsavedYear', { year: passport.year })}
          </Alert>
        )}
        <FormAlert messages={feedback.general} />
        <PassportFields form={form} />
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)" style={{ zIndex: 2 }}>
          <Button variant="default" onClick={onCancel} data-testid="passport-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="passport-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** This year and the next, fifteen years back, and any older year that has a saved passport. */
function yearOptions(savedYears: number[]): string[] {
  const now = new Date().getFullYear();
  const years = new Set<number>(savedYears);
  for (let year = now + 1; year >= now - 15; year--) years.add(year);
  return [...years].sort((a, b) => b - a).map(String);
}

interface PassportEditorProps {
  libraryId: string;
  onDone: (savedYear?: number) => void;
}

export function PassportEditor({ libraryId, onDone }: PassportEditorProps) {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  // An action waiting for the user to agree to lose unsaved input (changing year, cancelling).
  const [pending, setPending] = useState<(() => void) | null>(null);
  const isDirty = useRef(false);
  const years = usePassportYears(libraryId);
  const passport = usePassport(libraryId, year);
  const setDirty = useCallback((value: boolean) => {
    isDirty.current = value;
  }, []);
  const guard = (action: () => void) => {
    if (isDirty.current) setPending(() => action);
    else action();
  };

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="lg">
        <Select
          label={t('passport.year')}
          data={yearOptions((years.data ?? []).map((y) => y.year))}
          value={String(year)}
          onChange={(value) => value && Number(value) !== year && guard(() => setYear(Number(value)))}
          allowDeselect={false}
          searchable
          w={160}
          data-testid="passport-year"
        />
        {passport.data?.updatedAt && (
          <Text size="sm" c="dimmed" mb={8}>
            {t('passport.updatedAt', { date: formatDateTime(passport.data.updatedAt) })}
          </Text>
        )}
      </Group>
      <QueryState query={passport}>
        {(data) => (
          <PassportForm
            key={data.year}
            libraryId={libraryId}
            passport={data}
            onDirtyChange={setDirty}
            onSaved={(saved) => onDone(saved)}
            onCancel={() => guard(() => onDone())}
          />
        )}
      </QueryState>
      <ConfirmModal
        opened={pending !== null}
        title={t('common.unsavedTitle')}
        text={t('common.unsavedText')}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          isDirty.current = false;
          pending?.();
          setPending(null);
        }}
      />
    </Stack>
  );
}
