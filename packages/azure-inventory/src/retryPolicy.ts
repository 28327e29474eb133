/**
 * When to repeat a failed Azure request and how long to wait first. Pure: the
 * clock and the jitter are inputs.
 */
export interface RetrySettings {
  /** Repeats after the first attempt; `4` means at most 5 attempts. */
  maxRetries: number;
  /** First backoff delay; doubles per attempt. */
  baseDelayMs: number;
  /** Ceiling of the exponential backoff. */
  maxDelayMs: number;
  /**
   * Longest `Retry-After` that is waited out. Resource Manager's throttling
   * windows are seconds to a minute; a longer wait would stall the whole
   * refresh, so the request is reported as failed instead.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  maxRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * 408 and 429, and the 5xx that mean "try again": 501 (not implemented) and
 * 505 (HTTP version) never succeed on a repeat.
 */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 ||
    status === 429 ||
    (status >= 500 && status <= 599 && status !== 501 && status !== 505)
  );
}

/** Network failures worth repeating (Node error codes and the SDKs' send error). */
const RETRYABLE_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ESOCKETTIMEDOUT',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
]);

export function isRetryableErrorCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_ERROR_CODES.has(code);
}

/** The throttling headers of a response, as received. */
export interface ThrottlingHeaders {
  'retry-after'?: string | null;
  'retry-after-ms'?: string | null;
  'x-ms-retry-after-ms'?: string | null;
}

/**
 * How long the server asked to wait, in milliseconds: `retry-after-ms` and
 * `x-ms-retry-after-ms` (Azure's millisecond variants) first, then
 * `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), relative
 * to `nowMs`. Undefined when absent or unparseable.
 */
export function parseRetryAfter(
  headers: ThrottlingHeaders,
  nowMs: number,
): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms'] as const) {
    const value = headers[name]?.trim();
    if (value && /^\d+(\.\d+)?$/.test(value)) {
      return Math.round(Number(value));
    }
  }
  const retryAfter = headers['retry-after']?.trim();
  if (!retryAfter) {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(retryAfter)) {
    return Math.round(Number(retryAfter) * 1000);
  }
  // HTTP dates always name the month; without a letter, Date.parse would
  // accept numbers such as "-5" as years.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
}

export interface RetryDecisionInput {
  /** The 1-based number of the attempt that just failed. */
  attempt: number;
  /** The response status; absent for a network error. */
  status?: number;
  /** The parsed `Retry-After`, when the response had one. */
  retryAfterMs?: number;
  /** A number in [0, 1) spreading concurrent retries apart. */
  jitter: number;
}

/**
 * Milliseconds to wait before the next attempt, or `undefined` to give up:
 * the attempts are spent, the status is final, or the server asked for a
 * longer wait than {@link RetrySettings.maxRetryAfterMs}. A server's
 * `Retry-After` is honoured exactly; otherwise the delay is exponential,
 * `min(maxDelay, base × 2^(attempt−1))`, scaled by 0.5 + jitter/2.
 */
export function retryDelayMs(
  input: RetryDecisionInput,
  settings: RetrySettings,
): number | undefined {
  if (input.attempt > settings.maxRetries) {
    return undefined;
  }
  if (input.status !== undefined && !isRetryableStatus(input.status)) {
    return undefined;
  }
  if (input.retryAfterMs !== undefined) {
    return input.retryAfterMs > settings.maxRetryAfterMs
      ? undefined
      : input.retryAfterMs;
  }
  const exponential = Math.min(
    settings.maxDelayMs,
    settings.baseDelayMs * 2 ** (input.attempt - 1),
  );
  return Math.round(exponential * (0.5 + input.jitter / 2));
}
