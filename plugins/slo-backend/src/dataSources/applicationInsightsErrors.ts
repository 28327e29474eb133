/** Reading the Log Analytics query API's answers: errors, throttling, bodies. */

export function retryAfterOf(headers: {
  get(name: string): string | undefined | null;
}): number | undefined {
  for (const [header, factor] of [
    ['retry-after-ms', 1],
    ['x-ms-retry-after-ms', 1],
    ['retry-after', 1000],
  ] as const) {
    const value = headers.get(header);
    if (value === undefined || value === null || value === '') continue;
    const number = Number(value);
    if (Number.isFinite(number)) return Math.max(0, number * factor);
    const date = Date.parse(value);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return undefined;
}

export interface RestErrorLike {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
  details?: unknown;
  response?: { headers: { get(name: string): string | undefined } };
}

export function isRestError(e: unknown): e is RestErrorLike {
  return (
    e instanceof Error &&
    (e.name === 'RestError' || typeof (e as any).statusCode === 'number')
  );
}

/** Every code of an error and its nested inner errors and details. */
export function errorCodes(info: unknown, depth = 0): string[] {
  if (!info || typeof info !== 'object' || depth > 6) return [];
  const record = info as Record<string, unknown>;
  const own = typeof record.code === 'string' ? [record.code] : [];
  const details = Array.isArray(record.details) ? record.details : [];
  return [
    ...own,
    ...errorCodes(record.innererror, depth + 1),
    ...details.flatMap(d => errorCodes(d, depth + 1)),
  ];
}

/**
 * Azure's own words for an error: the innermost message (the one that says
 * what is wrong with the query, e.g. "Query could not be parsed at '=' on
 * line [1,32]"), after the outer one when they differ.
 */
export function errorMessages(info: unknown): string {
  const messages: string[] = [];
  let current: any = info;
  for (let depth = 0; current && depth < 6; depth++) {
    if (typeof current.message === 'string' && current.message.trim()) {
      messages.push(current.message.trim());
    }
    current =
      current.innererror ??
      (Array.isArray(current.details) ? current.details[0] : undefined);
  }
  const unique = [...new Set(messages)];
  if (unique.length <= 2) return unique.join(': ');
  return `${unique[0]}: ${unique[unique.length - 1]}`;
}

export const THROTTLING = /throttl|toomanyrequests/i;

export function describeCode(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name does not resolve';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      if (
        code &&
        /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)
      )
        return `the TLS handshake failed (${code}); set ca for a private certificate authority`;
      return code ? `network error ${code}` : 'network error';
  }
}
