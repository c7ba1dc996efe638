/**
 * The charger client moved to server/charger/ (one file per job). This module keeps the old import
 * path working for code written against it; new code imports from server/charger/ directly.
 */
export { ChargerClient, type ClientOptions, type HistoryOptions } from './charger/charger-client.ts';
export type { ChargerHealth } from './charger/failure-record.ts';
export { ARCHIVE_CLIENT, QueueFullError } from './charger/scheduler.ts';
export { UpstreamError, type Endpoint, type FailureScope, type UpstreamErrorCode } from './charger/upstream-error.ts';
