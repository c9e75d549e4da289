/** Picks catalogue records by searching the catalogue as one types; used to link records to events and answers. */
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useCatalogSearch } from './api';

export interface PickedRecord {
  id: string;
  title: string;
}

interface RecordPickerProps {
  label: string;
  placeholder?: string;
  value: PickedRecord[];
  onChange: (records: PickedRecord[]) => void;
  testId?: string;
}

export function RecordPicker({ label, placeholder, value, onChange, testId }: RecordPickerProps) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const found = useCatalogSearch({ q: query || undefined, pageSize: 20 });
  const known = new Map(value.map((r) => [r.id, r.title]));
  for (const hit of query ? (found.data?.items ?? []) : []) {
    if (!known.has(hit.id)) known.set(hit.id, [hit.title, hit.authors[0], hit.year].filter(Boolean).join(' · '));
  }
  return (
    <MultiSelect
      label={label}
      placeholder={placeholder}
      data={[...known].map(([id, title]) => ({ value: id, label: title }))}
      value={value.map((r) => r.id)}
      onChange={(ids) => onChange(ids.map((id) => ({ id, title: known.get(id) ?? id })))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      clearable
      data-testid={testId}
    />
  );
}
