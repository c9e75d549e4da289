/** List filters kept in the address bar, so Back and a shared link show the same list. */
import { useCallback, useEffect, useRef, useState } from 'react';
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

/**
 * One update waiting at a time: `schedule` runs it `wait` ms after the last call unless `cancel` comes
 * first, and drops it when the page was left meanwhile (`here()`, the address's path, changed).
 */
export function pendingUpdate(wait: number, here: () => string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const schedule = (run: () => void) => {
    cancel();
    const from = here();
    timer = setTimeout(() => {
      timer = undefined;
      if (here() === from) run();
    }, wait);
  };
  return { schedule, cancel };
}

/**
 * A search box's text, applied to the list a moment after typing stops. The update waiting for the
 * typing to stop is dropped when the page is left first, and on unmount: applied after a navigation
 * (Enter on a scanned barcode opening its record, a click on a row), it would rewrite the next page's
 * address (its ?tab=items). `cancel` drops it on purpose, when the page applies the text itself (Enter).
 */
export function useDebouncedSearch(applied: string, apply: (text: string) => void) {
  const [text, setText] = useState(applied);
  const [pending] = useState(() => pendingUpdate(350, () => window.location.pathname));
  const latest = useRef({ applied, apply });
  latest.current = { applied, apply };
  useEffect(() => pending.cancel, [pending]);
  const change = useCallback(
    (value: string) => {
      setText(value);
      pending.schedule(() => {
        if (value.trim() !== latest.current.applied) latest.current.apply(value.trim());
      });
    },
    [pending],
  );
  return [text, change, pending.cancel] as const;
}
