import { TOUCH } from './touch.ts';

/** Fields (select, date, text) share one look and the touch height. On its own, so the header's charger picker does not bring `Select` into the first load. */
export const FIELD = `${TOUCH} rounded-lg border border-border bg-panel-raised px-2 text-text`;
