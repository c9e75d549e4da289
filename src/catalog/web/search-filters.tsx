/** The advanced part of the catalogue search: fields applied to the list as they are changed. */
import { Button, Checkbox, Collapse, Group, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries } from '../../network/web/api';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { AGE_LABELS, MATERIAL_TYPES, ZSearchQuery } from '../catalog.schemas';
import { LANGUAGE_CODES } from './language-name';
import { libraryOptions } from '../../network/web/library-options';

export const TEXT_FILTERS = ['title', 'author', 'subject', 'isbn', 'bbk'] as const;
export const SEARCH_KEYS = [
  'q',
  ...TEXT_FILTERS,
  'language',
  'yearFrom',
  'yearTo',
  'libraryId',
  'available',
  'ageLabel',
  'materialType',
  'sort',
] as const;
export type SearchKey = (typeof SEARCH_KEYS)[number];

/** The longest text a search box takes, as the API checks it (a pasted description is cut there, not refused). */
export const maxLengthOf = (key: 'q' | (typeof TEXT_FILTERS)[number]) => ZSearchQuery.shape[key].unwrap().maxLength ?? undefined;

interface Props {
  opened: boolean;
  values: Record<SearchKey, string>;
  setFilter: (key: SearchKey, value: string | null) => void;
  onClear: () => void;
  /** What the API refused, by parameter, shown at its field. */
  errors?: Partial<Record<SearchKey, string>>;
}

const FIELD_LABEL = {
  title: 'recordField.title',
  author: 'recordField.authors',
  subject: 'recordField.subjects',
  isbn: 'recordField.isbns',
  bbk: 'recordField.bbk',
} as const;

/** A text field that applies its value when the person leaves it or presses Enter. */
function TextFilter({ name, value, apply, error }: { name: (typeof TEXT_FILTERS)[number]; value: string; apply: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const commit = () => {
    if (text.trim() !== value) apply(text.trim());
  };
  return (
    <TextInput
      label={t(FIELD_LABEL[name])}
      value={text}
      maxLength={maxLengthOf(name)}
      error={error}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      data-testid={`search-${name}`}
    />
  );
}

export function SearchFilters({ opened, values, setFilter, onClear, errors = {} }: Props) {
  const { t } = useTranslation();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const year = (v: string | number) => setFilter('yearFrom', v === '' ? null : String(v));
  return (
    <Collapse expanded={opened}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="md" data-testid="catalog-advanced">
        {TEXT_FILTERS.map((name) => (
          <TextFilter key={`${name}:${values[name]}`} name={name} value={values[name]} apply={(v) => setFilter(name, v)} error={errors[name]} />
        ))}
        <Group grow>
          <NumberInput label={t('catalog.yearFrom')} value={values.yearFrom} onChange={year} min={0} max={2200} error={errors.yearFrom} />
          <NumberInput
            label={t('catalog.yearTo')}
            value={values.yearTo}
            onChange={(v) => setFilter('yearTo', v === '' ? null : String(v))}
            min={0}
            max={2200}
            error={errors.yearTo}
          />
        </Group>
        <Select
          label={t('items.library')}
          data={libraryOptions(libraries.data?.items ?? [])}
          value={values.libraryId || null}
          onChange={(v) => setFilter('libraryId', v)}
          error={errors.libraryId}
          searchable
          clearable
        />
        <Select
          label={t('catalog.facet.languages')}
          data={LANGUAGE_CODES.map((code) => ({ value: code, label: t(`languageName.${code}`) }))}
          value={values.language || null}
          onChange={(v) => setFilter('language', v)}
          error={errors.language}
          data-testid="search-language"
          searchable
          clearable
        />
        <Select
          label={t('recordField.ageLabel')}
          data={[...AGE_LABELS]}
          value={values.ageLabel || null}
          onChange={(v) => setFilter('ageLabel', v)}
          error={errors.ageLabel}
          clearable
        />
        <Select
          label={t('recordField.materialType')}
          data={MATERIAL_TYPES.map((m) => ({ value: m, label: t(`materialType.${m}`) }))}
          value={values.materialType || null}
          onChange={(v) => setFilter('materialType', v)}
          error={errors.materialType}
          clearable
        />
        <Checkbox
          mt="xl"
          label={t('catalog.onlyAvailable')}
          checked={values.available === 'true'}
          onChange={(e) => setFilter('available', e.currentTarget.checked ? 'true' : null)}
        />
      </SimpleGrid>
      <Group mb="md">
        <Button variant="subtle" size="xs" onClick={onClear}>
          {t('catalog.clearFilters')}
        </Button>
      </Group>
    </Collapse>
  );
}
