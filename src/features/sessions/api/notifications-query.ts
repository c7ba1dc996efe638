/**
 * The notification targets the server is configured with (`GET /api/notifications`, never their
 * secrets) and the test message (`POST /api/notifications/test`, with the admin PIN when the
 * server wants one).
 */
import { queryOptions, useMutation } from '@tanstack/react-query';
import { ADMIN_PIN_HEADER } from '../../../api/archive-schemas.ts';
import { fetchParsed, parseOrThrow, postEmpty } from '../../../api/http.ts';
import { NOTIFICATION_TEST_PATH, NOTIFICATIONS_PATH, notificationsResponseSchema, notificationTestResponseSchema } from '../../../api/notification-schemas.ts';

export const notificationsQuery = () =>
  queryOptions({
    queryKey: ['notifications'] as const,
    queryFn: ({ signal }) => fetchParsed(NOTIFICATIONS_PATH, notificationsResponseSchema, signal),
    // The targets change only with the server's configuration, i.e. with a restart.
    staleTime: 5 * 60_000,
    retry: 2,
  });

export function useSendTestNotification() {
  return useMutation({
    mutationFn: async ({ pin }: { pin?: string | undefined }) =>
      parseOrThrow(notificationTestResponseSchema, await postEmpty(NOTIFICATION_TEST_PATH, pin ? { [ADMIN_PIN_HEADER]: pin } : {})),
  });
}
