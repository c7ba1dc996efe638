/**
 * The notifications' routes: `GET /api/notifications` (the configured targets without their
 * secrets, the rules) and `POST /api/notifications/test` (a test message to every target at once,
 * each answer reported; same origin and admin PIN, like every write).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NOTIFICATION_TEST_PATH, NOTIFICATIONS_PATH, type NotificationsResponse, type NotificationTestResponse } from '../../src/api/notification-schemas.ts';
import type { ErrorCode } from '../../src/api/server-schemas.ts';
import type { AdminCheck } from '../http/admin-check.ts';
import type { DeliveryTarget } from './delivery-targets.ts';
import type { NotificationConfig } from './home-config.ts';

const TEST_TIMEOUT_MS = 10_000;

export interface HomeRouteOptions {
  config: NotificationConfig;
  targets: readonly DeliveryTarget[];
  adminCheck: AdminCheck;
  pinRequired: boolean;
  sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply;
}

export function registerNotificationRoutes(app: FastifyInstance, options: HomeRouteOptions): void {
  const { config, targets, sendError } = options;
  app.get(NOTIFICATIONS_PATH, async (request, reply) => {
    if (Object.keys(request.query as object).length > 0) return sendError(reply, 'bad_request', 'unexpected query parameter');
    const body: NotificationsResponse = {
      targets: targets.map((target) => ({ kind: target.kind, address: target.address })),
      rules: [...config.rules],
      unreachableMinutes: config.unreachableMinutes,
      language: config.language,
      pinRequired: options.pinRequired,
    };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.post(NOTIFICATION_TEST_PATH, async (request, reply) => {
    if (Object.keys(request.query as object).length > 0) return sendError(reply, 'bad_request', 'unexpected query parameter');
    const refusal = options.adminCheck(request, 'test messages can be sent');
    if (refusal) return sendError(reply, refusal.code, refusal.message);
    const event = { kind: 'test' as const, at: new Date().toISOString() };
    const results = await Promise.all(
      targets.map(async (target) => {
        try {
          await withTimeout(target.deliver(event, config.language));
          return { kind: target.kind, address: target.address, ok: true, error: null };
        } catch (error) {
          return { kind: target.kind, address: target.address, ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const body: NotificationTestResponse = { results };
    return reply.header('cache-control', 'no-store').send(body);
  });

  for (const [url, allowed] of [
    [NOTIFICATIONS_PATH, 'GET, HEAD'],
    [NOTIFICATION_TEST_PATH, 'POST'],
  ] as const) {
    const methods = (['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const).filter((m) => !allowed.includes(m));
    app.route({ method: [...methods], url, handler: (request, reply) => sendError(reply.header('allow', allowed), 'method_not_allowed', `${request.method} is not allowed here; use ${allowed}`) });
  }
}

function withTimeout(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
