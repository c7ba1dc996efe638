/**
 * The history's state in the URL (shareable, survives the tablet's reloads):
 * `range`, `from`, `to` (custom days), `user`, `card`, `stop`, `sort`, `dir`, `page`, `size`.
 * `charger`, `lang`, `kiosk` and `theme` belong to the shell and are left alone.
 */
import { useMemo } from 'react';
import { useSearchParams } from '../../shared/url/use-search-params.ts';
import { parsePreset, type RangeChoice } from './date-range.ts';
import { SORT_KEYS, type RowFilter, type SortDirection, type SortKey } from './session-rows.ts';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export interface HistoryParams {
  range: RangeChoice;
  filter: RowFilter;
  sort: SortKey;
  direction: SortDirection;
  page: number;
  pageSize: number;
}

export function readHistoryParams(params: URLSearchParams): HistoryParams {
  const sort = params.get('sort');
  const size = Number(params.get('size'));
  return {
    range: { preset: parsePreset(params.get('range')), from: params.get('from'), to: params.get('to') },
    filter: { user: params.get('user') || null, card: params.get('card') || null, stop: params.get('stop') || null },
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'started',
    direction: params.get('dir') === 'asc' ? 'asc' : 'desc',
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

export function useHistoryParams(): [HistoryParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readHistoryParams(params), [params]);
  const update = (changes: Record<string, string | null>) => {
    // Anything but turning the page starts again on page 1.
    setParams('page' in changes ? changes : { ...changes, page: null });
  };
  return [state, update];
}
