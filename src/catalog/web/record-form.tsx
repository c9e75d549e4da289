/** Cataloguing a record in the librarian's words: the common areas of the description, not raw MARC. */
import { Alert, Anchor, Button, Group, List, NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ApiError } from '../../web/api/client';
import { paths } from '../../web/paths';
import { i18n } from '../../web/i18n/setup';
import { FormAlert } from '../../web/ui/feedback';
import { showFieldErrors, zodFieldErrors, type FieldErrors } from '../../web/ui/form-errors';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { AGE_LABELS, MARC_FORMATS, MATERIAL_TYPES, ZRecordCreate, ZRecordInput, type TRecordInput } from '../catalog.schemas';
import { isbnProblem } from '../isbn';
import { refreshCatalog, type SearchResult, type TMarcFormat } from './api';
import { LANGUAGE_CODES, languageName } from './language-name';
import { isRecordChanged, RecordChangedAlert } from './record-changed';

const EMPTY: TRecordInput = ZRecordInput.parse({ title: '-' });

type FormValues = Omit<TRecordInput, 'year' | 'ageLabel'> & { format: TMarcFormat; year: number | string; ageLabel: string | null };

/** The first ISBN whose check digit or form is wrong, as a message for the ISBN field. */
export function isbnMessage(isbns: readonly string[]): string | null {
  for (const isbn of isbns) {
    const problem = isbnProblem(isbn);
    if (problem === 'isbn_checksum') return i18n.t('recordPage.isbnChecksum', { isbn });
    if (problem) return i18n.t('recordPage.isbnFormat', { isbn });
  }
  return null;
}

/**
 * Everything wrong with the form's values, all at once by field: the shared schema's problems and a
 * wrong ISBN check digit (not part of the schema, see ZRecordInput). An ISBN the schema already
 * refuses (too long) keeps the schema's message.
 */
export function recordFormErrors<I extends { isbns: readonly string[] }>(schema: z.ZodType, input: I): FieldErrors {
  const result = schema.safeParse(input);
  const errors = result.success ? {} : zodFieldErrors(result.error);
  const isbnError = isbnMessage(input.isbns);
  if (isbnError && !Object.keys(errors).some((path) => path === 'isbns' || path.startsWith('isbns.'))) errors.isbns = isbnError;
  return errors;
}

type Parsed = TRecordInput & { format?: TMarcFormat };
type Found = Pick<SearchResult['items'][number], 'id' | 'description'>;

/**
 * Records of the union catalogue already holding one of these ISBNs: a new record for the same edition
 * would split its copies between two records (a branch adds its copy to the one it finds).
 */
async function recordsWithIsbns(isbns: readonly string[]): Promise<Found[]> {
  const found = await Promise.all(isbns.map((isbn) => api.get<SearchResult>('/api/v1/catalog/search', { isbn, pageSize: 5 })));
  const byId = new Map(found.flatMap((r) => r.items).map((hit) => [hit.id, { id: hit.id, description: hit.description }]));
  return [...byId.values()];
}

interface Props {
  /** The record to change; without it a new one is created. */
  recordId?: string;
  initial?: TRecordInput;
  /** The record's updatedAt as loaded: a save is refused when someone has saved it since. */
  version?: string;
  onSaved: (record: { id: string }) => void;
  onCancel: () => void;
}

export function RecordForm({ recordId, initial, version, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const start = initial ?? { ...EMPTY, title: '' };
  const form = useForm<FormValues>({
    initialValues: { ...start, format: 'rusmarc', year: start.year ?? '', ageLabel: start.ageLabel },
  });
  const feedback = useFormFeedback(form);
  /** A new record whose ISBN the catalogue already has: held until the cataloguer decides. */
  const [held, setHeld] = useState<{ input: Parsed; found: Found[] } | null>(null);
  // The version the form was opened on, kept while the page behind it refreshes the record.
  const [expectedUpdatedAt] = useState(version);
  /** Someone saved the record after this form was opened: the save is refused, the values stay. */
  const [changed, setChanged] = useState<ApiError | null>(null);
  const save = useMutation({
    mutationFn: (input: TRecordInput & { format?: TMarcFormat }) =>
      recordId
        ? api.put<{ id: string }>(`/api/v1/catalog/records/${recordId}`, { ...input, expectedUpdatedAt })
        : api.post<{ id: string }>('/api/v1/catalog/records', input),
    onSuccess: (saved) => {
      notifySaved(recordId ? t('common.saved') : t('recordPage.created'));
      refreshCatalog(queryClient, saved.id);
      onSaved(saved);
    },
    onError: (error) => (isRecordChanged(error) ? setChanged(error) : feedback.fail(error)),
  });

  const submit = form.onSubmit((values) => {
    const { format, ...rest } = values;
    const input = { ...rest, year: values.year === '' ? null : Number(values.year), ageLabel: values.ageLabel || null };
    const schema = recordId ? ZRecordInput : ZRecordCreate;
    const candidate = recordId ? input : { ...input, format };
    // Resets the messages above the form and focuses the first field the schema refuses…
    const parsed = feedback.validate(schema, candidate);
    // …while every field shows its problem at once, the ISBN check digit's among them.
    const errors = recordFormErrors(schema, candidate);
    if (Object.keys(errors).length) {
      showFieldErrors(form, errors);
      if (parsed) requestAnimationFrame(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
      return;
    }
    if (!parsed) return;
    if (recordId || !parsed.isbns.length) {
      save.mutate(parsed);
      return;
    }
    void recordsWithIsbns(parsed.isbns)
      .catch(() => [])
      .then((found) => (found.length ? setHeld({ input: parsed, found }) : save.mutate(parsed)));
  });

  const text = (name: keyof TRecordInput & keyof FormValues, label: string) => (
    <TextInput label={label} {...form.getInputProps(name)} data-testid={`record-field-${name}`} />
  );
  // The languages the app names, and the record's own code when it is another one (kept as it is).
  const languages = [...LANGUAGE_CODES, ...(start.language && !(LANGUAGE_CODES as readonly string[]).includes(start.language) ? [start.language] : [])];
  const tags = (name: 'authors' | 'isbns' | 'subjects' | 'bbk' | 'udc', label: string, description?: string) => (
    <TagsInput
      label={label}
      description={description}
      {...form.getInputProps(name)}
      onChange={(value) => {
        form.setFieldValue(name, value);
        if (name === 'isbns') form.setFieldError('isbns', isbnMessage(value));
      }}
      splitChars={name === 'authors' || name === 'subjects' ? [] : [',', ';']}
      acceptValueOnBlur
      clearable
      data-testid={`record-field-${name}`}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert messages={feedback.general} />
        {!recordId && (
          <Select
            label={t('recordField.format')}
            data={MARC_FORMATS.map((f) => ({ value: f, label: t(`marcFormat.${f}`) }))}
            allowDeselect={false}
            {...form.getInputProps('format')}
            data-testid="record-field-format"
          />
        )}
        <TextInput label={t('recordField.title')} required {...form.getInputProps('title')} data-testid="record-field-title" />
        {text('otherTitle', t('recordField.otherTitle'))}
        {text('responsibility', t('recordField.responsibility'))}
        {tags('authors', t('recordField.authors'), t('recordField.authorsHint'))}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {text('place', t('recordField.place'))}
          {text('publisher', t('recordField.publisher'))}
          <NumberInput label={t('recordField.year')} min={1000} max={2200} allowDecimal={false} {...form.getInputProps('year')} data-testid="record-field-year" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('edition', t('recordField.edition'))}
          {text('extent', t('recordField.extent'))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {tags('isbns', t('recordField.isbns'), t('recordField.isbnsHint'))}
          {text('issn', t('recordField.issn'))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {tags('bbk', t('recordField.bbk'))}
          {tags('udc', t('recordField.udc'))}
        </SimpleGrid>
        {tags('subjects', t('recordField.subjects'))}
        {text('series', t('recordField.series'))}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('recordField.language')}
            data={languages.map((code) => ({ value: code, label: languageName(t, code) }))}
            searchable
            clearable
            {...form.getInputProps('language')}
            onChange={(value: string | null) => form.setFieldValue('language', value ?? '')}
            data-testid="record-field-language"
          />
          <Select label={t('recordField.ageLabel')} data={[...AGE_LABELS]} clearable {...form.getInputProps('ageLabel')} data-testid="record-field-ageLabel" />
          <Select
            label={t('recordField.materialType')}
            data={MATERIAL_TYPES.map((m) => ({ value: m, label: t(`materialType.${m}`) }))}
            allowDeselect={false}
            {...form.getInputProps('materialType')}
            data-testid="record-field-materialType"
          />
        </SimpleGrid>
        <Textarea label={t('recordField.summary')} autosize minRows={2} {...form.getInputProps('summary')} data-testid="record-field-summary" />
        {changed && recordId && <RecordChangedAlert recordId={recordId} error={changed} />}
        {held && (
          <Alert color="yellow" title={t('recordPage.isbnTaken')} data-testid="record-duplicate">
            <List size="sm" mb="sm">
              {held.found.map((r) => (
                <List.Item key={r.id}>
                  <Anchor component={Link} to={paths.record(r.id)} target="_blank">
                    {r.description}
                  </Anchor>
                </List.Item>
              ))}
            </List>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setHeld(null)}>
                {t('recordPage.isbnTakenBack')}
              </Button>
              <Button size="xs" color="yellow" onClick={() => save.mutate(held.input)} loading={save.isPending} data-testid="record-save-anyway">
                {t('recordPage.isbnTakenSave')}
              </Button>
            </Group>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={held !== null || changed !== null} data-testid="record-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
