/**
 * The notification settings as the server shows them (`GET /api/notifications`) and the answer to a
 * test message (`POST /api/notifications/test`), shared by the server and the settings screen. The
 * targets carry where they deliver (scheme, host and port), never a password, token, ntfy topic or
 * webhook path.
 */
import * as z from 'zod/mini';

export const NOTIFICATIONS_PATH = '/api/notifications';
export const NOTIFICATION_TEST_PATH = '/api/notifications/test';

export const notificationTargetSchema = z.object({
  /** `mqtt`, `ntfy`, `webhook`; kept as a string, a newer server may name another. */
  kind: z.string(),
  /** e.g. `https://ntfy.example.com`. */
  address: z.string(),
});
export type NotificationTarget = z.infer<typeof notificationTargetSchema>;

export const notificationsResponseSchema = z.object({
  targets: z.array(notificationTargetSchema),
  /** The rules that notify: `session_finished`, `fault`, `unreachable`. */
  rules: z.array(z.string()),
  unreachableMinutes: z.number(),
  /** The language the messages are written in. */
  language: z.string(),
  /** A test message needs the admin PIN. */
  pinRequired: z.boolean(),
});
export type NotificationsResponse = z.infer<typeof notificationsResponseSchema>;

export const notificationTestResponseSchema = z.object({
  results: z.array(
    z.object({
      kind: z.string(),
      address: z.string(),
      ok: z.boolean(),
      /** Why it failed, in the server's words (no secrets); null when it was delivered. */
      error: z.nullable(z.string()),
    }),
  ),
});
export type NotificationTestResponse = z.infer<typeof notificationTestResponseSchema>;
