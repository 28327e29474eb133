import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ErrorResponseBody } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { zodIssueMessage } from './input';

/** The answer for each error class of `@backstage/errors` a route may throw. */
const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotModifiedError: 304,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** Longest message a 4xx answer repeats; a longer one is cut, never echoed whole. */
const MAX_MESSAGE_LENGTH = 1000;
/** Longest request URL an error answer repeats. */
const MAX_URL_LENGTH = 300;

export interface ErrorMappingOptions {
  logger: LoggerService;
  /** Seconds a 503 asks the client to wait when the route set no `Retry-After`. */
  defaultRetryAfterSeconds?: number;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The status and public message of an error, or undefined for an unexpected one. */
export function classifyError(
  error: unknown,
): { status: number; name: string; message: string } | undefined {
  if (error instanceof ZodError) {
    return {
      status: 400,
      name: 'InputError',
      message: zodIssueMessage(error),
    };
  }
  if (error === null || typeof error !== 'object') return undefined;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (typeof name === 'string' && typeof message === 'string') {
    const status = STATUS_BY_NAME[name];
    // A CustomErrorBase carrying a cause appends the cause's text ("; caused
    // by SqliteError: ..."), which may quote a statement or a path: only the
    // route's own words are repeated.
    const own = message.split('; caused by ')[0];
    if (status) return { status, name, message: own };
  }
  // express.json(): malformed JSON, a body over the limit, a wrong charset.
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof type === 'string' && typeof status === 'number') {
    if (type === 'entity.parse.failed') {
      return {
        status: 400,
        name: 'InputError',
        message: 'body: the request body is not valid JSON',
      };
    }
    if (type === 'entity.too.large') {
      return {
        status: 413,
        name: 'InputError',
        message: 'body: the request body is too large',
      };
    }
    if (status >= 400 && status < 500) {
      return {
        status,
        name: 'InputError',
        message: `body: the request body was refused (${type})`,
      };
    }
  }
  return undefined;
}

/**
 * The one error mapping of the Vitals routers, mounted last on each of them.
 * Known errors keep their status and their own message (400 naming the field,
 * 401, 403, 404, 409, 503 with `Retry-After`); anything else (a database or
 * file-system failure, a bug) is logged with the request it broke and
 * answered as a plain 500 that quotes no SQL, path or stack, in development
 * as in production. The body has Backstage's `ErrorResponseBody` shape, so
 * `ResponseError.fromResponse` reads it on the client.
 */
export function errorMapping(
  options: ErrorMappingOptions,
): ErrorRequestHandler {
  const { logger } = options;
  const retryAfter = String(options.defaultRetryAfterSeconds ?? 30);
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = classifyError(error);
    const status = known?.status ?? 500;
    const name = known?.name ?? 'Error';
    const message = known
      ? truncate(known.message, MAX_MESSAGE_LENGTH)
      : 'The server could not complete the request; the error is in its log.';
    if (!known) {
      logger.error(
        `${req.method} ${req.baseUrl}${req.path} failed`,
        error instanceof Error ? error : new Error(String(error)),
      );
    }
    if (status === 304) {
      res.status(304).end();
      return;
    }
    if (status === 503 && !res.getHeader('Retry-After')) {
      res.setHeader('Retry-After', retryAfter);
    }
    const body: ErrorResponseBody = {
      error: { name, message },
      request: {
        method: req.method,
        url: truncate(req.originalUrl ?? req.url, MAX_URL_LENGTH),
      },
      response: { statusCode: status },
    };
    res.status(status).json(body);
  };
}
