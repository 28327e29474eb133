import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * An overview page's filters, kept in the URL so a filtered view can be
 * shared and survives a reload. `setFilters` changes several at once; an
 * empty value removes its parameter. Filtering replaces the history entry
 * rather than adding one per click.
 */
export function useUrlFilters(): {
  params: URLSearchParams;
  setFilters: (changes: Record<string, string | null | undefined>) => void;
} {
  const [params, setParams] = useSearchParams();
  const setFilters = useCallback(
    (changes: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      setParams(next, { replace: true });
    },
    [params, setParams],
  );
  return { params, setFilters };
}

/** The distinct non-empty values, sorted: the options of a filter select. */
export function distinctSorted(
  values: Iterable<string | null | undefined>,
): string[] {
  const set = new Set<string>();
  for (const value of values) {
    if (value) set.add(value);
  }
  return [...set].sort();
}
