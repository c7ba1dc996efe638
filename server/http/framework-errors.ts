/**
 * Answers to requests that never reach a route: malformed HTTP, a request that does not arrive in
 * time, a malformed URL, an overlong path segment. Each gets our JSON error shape and the same
 * security headers as any other answer, and never echoes the request (a raw path could carry
 * anything, and the answer would reflect it).
 */
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../../src/api/server-schemas.ts';
import { errorBody } from './error-reply.ts';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

export interface FrameworkErrorOptions {
  clientErrorHandler: (error: Error, socket: Socket) => void;
  frameworkErrors: (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => void;
}

export function frameworkErrorOptions(securityHeaders: Record<string, string>): FrameworkErrorOptions {
  return {
    clientErrorHandler(error: Error, socket: Socket) {
      const code = (error as NodeJS.ErrnoException).code;
      const [status, errorCode, message]: [number, ErrorCode, string] =
        code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'the request did not arrive in time']
          : code === 'HPE_HEADER_OVERFLOW'
            ? [431, 'request_header_too_large', 'request headers too large']
            : [400, 'bad_request', 'malformed HTTP request'];
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const body = JSON.stringify(errorBody(errorCode, message));
      const headers = Object.entries(securityHeaders).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.end(
        `HTTP/1.1 ${status} ${REASONS[status]}\r\n${headers}` +
          `Cache-Control: no-store\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    frameworkErrors(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply) {
      const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path segment is too long' : 'malformed URL (invalid percent-encoding)';
      void reply
        .headers(securityHeaders)
        .status(ERROR_STATUS.bad_request)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(errorBody('bad_request', message));
    },
  };
}
