/**
 * generalStatus, parsed section by section: a malformed power-management block must not take the
 * connector cards down with it (a malformed section shows its error in that panel only).
 */
import * as z from 'zod/mini';
import {
  connectivitySchema,
  evseSchema,
  powerManagementSchema,
  type Connectivity,
  type Evse,
  type PowerManagement,
} from './charger-schemas.ts';
import { describeIssue } from './describe-issue.ts';

export type Section<T> = { ok: true; data: T } | { ok: false; error: string };

export interface LiveStatus {
  evses: Section<Evse[]>;
  /** `data` is null when the charger reports no power management at all. */
  powerManagement: Section<PowerManagement | null>;
  connectivity: Section<Connectivity>;
}

const evsesSchema = z.array(evseSchema);

function section<S extends z.ZodMiniType>(schema: S, value: unknown, prefix: string): Section<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success ? { ok: true, data: result.data } : { ok: false, error: describeIssue(result.error, prefix) };
}

/** The answer is not a status object at all (an array, a string, null): nothing can be read from it. */
export class StatusShapeError extends Error {
  override name = 'StatusShapeError';
}

export function parseLiveStatus(json: unknown): LiveStatus {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new StatusShapeError('The charger status is not an object');
  }
  const record = json as Record<string, unknown>;
  return {
    evses: section(evsesSchema, record.evses, 'evses'),
    powerManagement:
      record.powerManagement == null
        ? { ok: true, data: null }
        : section(powerManagementSchema, record.powerManagement, 'powerManagement'),
    connectivity: section(connectivitySchema, record, ''),
  };
}
