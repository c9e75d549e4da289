/** List filters kept in the address bar, so Back and a shared link show the same list. */
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

export function useListParams<K extends string>(keys: readonly K[]) {
  const [search, setSearch] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, search.get(k) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(search.get('page')) || 1);

  /**
   * Changing a filter starts again from the first page. Turning a page is a step of its own (Back goes to
   * the page before) and starts at the top of the list; filters replace the address as they are typed.
   */
  const setFilter = (key: K | 'page', value: string | number | null) => {
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null || value === '' || (key === 'page' && value === 1)) next.delete(key);
        else next.set(key, String(value));
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: key !== 'page' },
    );
    if (key === 'page') window.scrollTo({ top: 0 });
  };

  return { values, page, setFilter };
}

/** A search box's text, applied to the list a moment after typing stops. */
export function useDebouncedSearch(applied: string, apply: (text: string) => void) {
  const [text, setText] = useState(applied);
  const [debounced] = useDebouncedValue(text, 350);
  useEffect(() => {
    if (debounced.trim() !== applied) apply(debounced.trim());
    // Only a new debounced text should apply; `applied` changing from outside must not re-trigger.
  }, [debounced]);
  return [text, setText] as const;
}
