/** Our JSON error answer, `{"error": {"code", "message", "chargerId"?}}`, used by every route and hook. */
import type { FastifyReply } from 'fastify';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../../src/api/server-schemas.ts';

export function errorBody(code: ErrorCode, message: string, chargerId?: string): ErrorBody {
  return { error: chargerId ? { code, message, chargerId } : { code, message } };
}

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, chargerId?: string): FastifyReply {
  return reply
    .status(ERROR_STATUS[code])
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(errorBody(code, message, chargerId));
}

/** Client text shown back in a message: bounded, so an answer never grows with the request. */
export function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
