/**
 * Validation of the queries our server accepts for the charger routes. Kept apart from the
 * response schemas because only the server needs them at run time; the browser uses the field
 * lists and types. Values are bounded to what the charger accepts, so a query it would refuse is
 * answered here with a message that names the field, instead of going out and coming back as
 * the charger's error.
 */
import * as z from 'zod/mini';
import { parseFilterTime } from '../../contract/charger-parse.ts';

/** The session filter's form fields, as the charger names them. */
export const SESSION_FILTER_FIELDS = [
  'pageSize',
  'pageNumber',
  'orderByColumn',
  'orderDirection',
  'chargingStartedTimeFrom',
  'chargingStartedTimeTo',
  'identificationSource',
  'identificationType',
  'chargingSessionStopReason',
  'identificationCode',
  'userId',
] as const;
export type SessionFilterField = (typeof SESSION_FILTER_FIELDS)[number];

/** Columns the charger can order sessions by (the ones its own UI offers). */
export const SESSION_ORDER_COLUMNS = [
  'chargingStartedTime',
  'chargingEndedTime',
  'activeEnergyConsumed',
  'timeSpentCharging',
  'maxSessionPower',
  'chargingSessionId',
] as const;

/**
 * Times the charger's history can hold: it was built long after 2000, and years far ahead are
 * typing mistakes (the charger refuses `0000-01-01`; .NET dates end in 9999).
 */
export const EARLIEST_QUERY_TIME = Date.UTC(2000, 0, 1);
export const LATEST_QUERY_TIME = Date.UTC(2100, 0, 1);
const TIME_RANGE_MESSAGE = 'must be between the years 2000 and 2099';
const inQueryRange = (ms: number | null) => ms !== null && ms >= EARLIEST_QUERY_TIME && ms < LATEST_QUERY_TIME;

const filterTimeText = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DD HH:mm:ss'),
  // The year first: `0000-01-01` is out of range before it is an invalid date.
  z.refine((text) => inQueryRange(Date.UTC(Number(text.slice(0, 4)), 6)), TIME_RANGE_MESSAGE),
  z.refine((text) => parseFilterTime(text) !== null, 'not a valid date and time'),
);
const isoTime = z.iso.datetime({ offset: true }).check(z.refine((text) => inQueryRange(Date.parse(text)), TIME_RANGE_MESSAGE));

/** The charger stores user ids as 32-bit signed integers. */
export const MAX_USER_ID = 2_147_483_647;
const fieldText = (max: number, pattern: RegExp) => z.optional(z.string().check(z.maxLength(max), z.regex(pattern)));
const wholeNumber = (digits: number, min: number, max: number, name: string) =>
  z.optional(
    z.string().check(
      z.regex(new RegExp(`^\\d{1,${digits}}$`), `${name} is a number`),
      z.refine((s) => Number(s) >= min && Number(s) <= max, `${name} must be ${min}-${max}`),
    ),
  );

/**
 * The session filter as our server accepts it (query string) and forwards it (POST form). All
 * values stay strings, because that is what goes on the wire. Nothing is defaulted: the server
 * forwards exactly the fields the client sent; the browser sends the full set, as the charger's
 * own web UI does.
 */
export const sessionFilterSchema = z.strictObject({
  pageSize: wholeNumber(4, 1, 1000, 'pageSize'),
  pageNumber: wholeNumber(6, 1, 999_999, 'pageNumber'),
  orderByColumn: z.optional(z.enum(SESSION_ORDER_COLUMNS)),
  orderDirection: z.optional(z.enum(['Ascending', 'Descending'])),
  chargingStartedTimeFrom: z.optional(filterTimeText),
  chargingStartedTimeTo: z.optional(filterTimeText),
  identificationSource: fieldText(64, /^[\w-]*$/),
  identificationType: fieldText(64, /^[\w-]*$/),
  chargingSessionStopReason: fieldText(128, /^[\w-]*$/),
  identificationCode: fieldText(64, /^[\w.:-]*$/),
  // Empty: no user filter (the charger's own UI sends it so).
  userId: z.optional(
    z.string().check(
      z.regex(/^\d{0,10}$/, 'userId is a number'),
      z.refine((s) => s === '' || Number(s) <= MAX_USER_ID, `userId must be 0-${MAX_USER_ID}`),
    ),
  ),
});
export type SessionFilter = z.output<typeof sessionFilterSchema>;

/** `connector1`, `connector2`, …, `building`, `cluster`. */
export const MEASURE_PATTERN = /^(connector[1-9]\d?|building|cluster)$/;

/** The longest power-profile range we forward: a month of 5-minute points and a little margin. */
export const MAX_PROFILE_SPAN_MS = 35 * 86_400_000;

export const powerProfileQuerySchema = z.strictObject({
  fromTime: isoTime,
  toTime: isoTime,
  measure: z.string().check(
    z.maxLength(200),
    z.refine((s) => s.split(',').every((m) => MEASURE_PATTERN.test(m)), 'measure is a comma list of connectorN, building, cluster'),
  ),
}).check(
  z.refine((q) => Date.parse(q.fromTime) < Date.parse(q.toTime), { message: 'fromTime must be before toTime', path: ['toTime'] }),
  z.refine((q) => Date.parse(q.toTime) - Date.parse(q.fromTime) <= MAX_PROFILE_SPAN_MS, {
    message: 'the range may span at most 35 days',
    path: ['toTime'],
  }),
);
export type PowerProfileQuery = z.output<typeof powerProfileQuerySchema>;
