/**
 * The versions of the Federal list uploaded: each named by its edition's date, entry count, file name
 * and upload day, and picked from a select that searches all of them on the server (by file name or
 * date), not only the latest page.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { formatDate } from '../../web/ui/format';
import type { ListVersion } from './extremist-check-review';

/** "30.11.2026 (5520) · exportfsm.txt · загружена 07.12.2026": what tells two versions apart. */
export function versionLabel(t: TFunction, list: ListVersion): string {
  return t('extremist.versionLabel', {
    date: list.publishedOn ? formatDate(list.publishedOn) : t('extremist.versionUndated'),
    entries: list.entryCount,
    file: list.sourceName || '—',
    uploaded: formatDate(list.createdAt),
  });
}

export interface VersionPage {
  items: ListVersion[];
  total: number;
}

const SEARCH_PAGE = 30;

/** The latest versions (or those a search finds), for the select and the line under the upload. */
export function useListVersions(q = '', pageSize = SEARCH_PAGE) {
  return useQuery({
    queryKey: ['extremist-lists', q, pageSize],
    queryFn: () => api.get<VersionPage>('/api/v1/catalog/extremist/lists', { q: q || undefined, pageSize }),
    placeholderData: keepPreviousData,
  });
}

interface VersionSelectProps {
  label: string;
  /** The version chosen; null: the latest. */
  value: ListVersion | null;
  onChange: (list: ListVersion) => void;
  error?: string;
}

export function VersionSelect({ label, value, onChange, error }: VersionSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const chosenLabel = value ? versionLabel(t, value) : '';
  // The select writes the chosen version's label into its search box: that is no search.
  const [q] = useDebouncedValue(search.trim() === chosenLabel ? '' : search.trim(), 300);
  const found = useListVersions(q);
  const known = new Map<string, ListVersion>();
  if (value) known.set(value.id, value);
  for (const list of found.data?.items ?? []) known.set(list.id, list);
  return (
    <Select
      label={label}
      placeholder={t('extremist.versionSearch')}
      data={[...known.values()].map((list) => ({ value: list.id, label: versionLabel(t, list) }))}
      value={value?.id ?? null}
      onChange={(id) => {
        const list = id ? known.get(id) : undefined;
        if (list) onChange(list);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t('common.empty')}
      allowDeselect={false}
      error={error}
      data-testid="extremist-version"
    />
  );
}
