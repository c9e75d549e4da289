/**
 * The library a staff member works at, shared by the loan desk and the readers' screens: a branch
 * librarian's own library; network staff choose one (the choice is remembered on this computer).
 */
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api/client';
import { OPTIONS_PAGE_SIZE, type Paged } from './api/types';
import { useSession } from './session';

export interface LibraryOption {
  id: string;
  name: string;
  settlement: string;
  networkId: string;
  networkName: string;
}

/** The active libraries the staff member may choose as their desk (those of their networks). */
export function useDeskLibraries() {
  return useQuery({
    queryKey: ['circulation', 'libraries'],
    queryFn: () => api.get<Paged<LibraryOption>>('/api/v1/libraries', { pageSize: OPTIONS_PAGE_SIZE, isActive: true }),
    staleTime: 300_000,
  });
}

const STORAGE_KEY = 'kitepkana.deskLibrary';

export function useDeskLibrary() {
  const { user } = useSession();
  const own = user.libraryId ?? (user.scopeKind === 'library' ? user.scopeId : null);
  const [chosen, setChosen] = useState<string | null>(() => (own ? null : localStorage.getItem(STORAGE_KEY)));
  const libraryId = own ?? chosen;
  return {
    libraryId,
    canChoose: !own,
    setLibraryId: (id: string | null) => {
      setChosen(id);
      if (id) localStorage.setItem(STORAGE_KEY, id);
      else localStorage.removeItem(STORAGE_KEY);
    },
  };
}

export function DeskLibraryPicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const libraries = useDeskLibraries();
  return (
    <Select
      aria-label={t('desk.library')}
      placeholder={t('desk.library')}
      searchable
      data={(libraries.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.networkName})` }))}
      value={value}
      onChange={onChange}
      w={320}
      data-testid="desk-library"
    />
  );
}
