import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type {
  DrDrillOutcome,
  DrReadinessSummary,
  DrStatus,
} from '@vitals/plugin-compliance-common';

/** The DR summaries of every service, or why they could not be had. */
export type DrSummaries =
  | {
      available: true;
      summaries: Map<string, DrReadinessSummary>;
      evaluatedAt: string | null;
    }
  | { available: false; error: string };

const STATUSES: readonly DrStatus[] = [
  'ready',
  'at-risk',
  'not-ready',
  'unknown',
];
const OUTCOMES: readonly DrDrillOutcome[] = ['success', 'partial', 'failed'];

function asStatus(value: unknown): DrStatus {
  return STATUSES.includes(value as DrStatus) ? (value as DrStatus) : 'unknown';
}

/**
 * A cell of the DR overview is `{ role, status }`; older builds of the
 * DR-readiness plugin sent the status alone.
 */
function cellStatus(cell: unknown): { role?: string; status: DrStatus } {
  if (typeof cell === 'string') return { status: asStatus(cell) };
  if (cell && typeof cell === 'object') {
    const { role, status } = cell as { role?: unknown; status?: unknown };
    return {
      role: typeof role === 'string' ? role : undefined,
      status: asStatus(status),
    };
  }
  return { status: 'unknown' };
}

/** Turns one row of `GET /api/dr-readiness/overview` into what the compliance checks need. */
export function summaryFromOverviewRow(
  row: Record<string, any>,
  evaluatedAt: string | null,
): DrReadinessSummary {
  const cells: Record<string, unknown> =
    row.cells && typeof row.cells === 'object' ? row.cells : {};
  let secondaryRegion: string | null =
    typeof row.secondaryRegion === 'string' && row.secondaryRegion
      ? row.secondaryRegion
      : null;
  if (!secondaryRegion) {
    const byRole = Object.entries(cells).find(
      ([, cell]) => cellStatus(cell).role === 'secondary',
    );
    secondaryRegion = byRole?.[0] ?? null;
  }
  const secondaryStatus = secondaryRegion
    ? cellStatus(cells[secondaryRegion]).status
    : 'unknown';
  const drill = row.lastDrill;
  const lastDrill =
    drill &&
    typeof drill === 'object' &&
    typeof drill.performedAt === 'string' &&
    OUTCOMES.includes(drill.outcome)
      ? { performedAt: drill.performedAt, outcome: drill.outcome }
      : null;
  return {
    secondaryRegion,
    secondaryStatus,
    lastDrill,
    ...(evaluatedAt ? { evaluatedAt } : {}),
  };
}

const MAX_WAIT_MS = 30_000;

/**
 * Reads the DR-readiness overview with the plugin's own service credentials.
 * A 503 with a short Retry-After (the DR plugin's first evaluation is still
 * running) is waited out a few times; any other failure makes the DR-based
 * controls `unknown` for this evaluation, with the reason recorded.
 */
export class DrReadinessClient {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
      sleep?: (ms: number) => Promise<void>;
      maxAttempts?: number;
    },
  ) {}

  async fetchSummaries(): Promise<DrSummaries> {
    const doFetch = this.options.fetch ?? fetch;
    const sleep =
      this.options.sleep ??
      ((ms: number) => new Promise(resolve => setTimeout(resolve, ms)));
    const attempts = this.options.maxAttempts ?? 3;
    let lastError = 'not attempted';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let response: Response;
      try {
        const baseUrl = await this.options.discovery.getBaseUrl('dr-readiness');
        const { token } = await this.options.auth.getPluginRequestToken({
          onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
          targetPluginId: 'dr-readiness',
        });
        response = await doFetch(`${baseUrl}/overview`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(20_000),
        });
      } catch (error) {
        lastError = `the DR-readiness plugin could not be reached: ${
          (error as Error).message
        }`;
        break;
      }
      if (response.ok) {
        try {
          const body = (await response.json()) as {
            items?: unknown;
            evaluatedAt?: unknown;
          };
          if (!Array.isArray(body.items)) {
            return {
              available: false,
              error: 'the DR-readiness overview has no items array',
            };
          }
          const evaluatedAt =
            typeof body.evaluatedAt === 'string' ? body.evaluatedAt : null;
          if (body.items.length === 0 && evaluatedAt === null) {
            lastError =
              'the DR-readiness plugin has not evaluated any service yet';
            break;
          }
          const summaries = new Map<string, DrReadinessSummary>();
          for (const row of body.items) {
            if (row && typeof row === 'object' && 'entityRef' in row) {
              const ref = String((row as any).entityRef).toLocaleLowerCase(
                'en-US',
              );
              summaries.set(
                ref,
                summaryFromOverviewRow(row as Record<string, any>, evaluatedAt),
              );
            }
          }
          return { available: true, summaries, evaluatedAt };
        } catch (error) {
          return {
            available: false,
            error: `the DR-readiness overview is not valid JSON: ${
              (error as Error).message
            }`,
          };
        }
      }
      if (response.status === 404) {
        lastError =
          'the DR-readiness plugin is not installed (its overview answered 404)';
        break;
      }
      lastError =
        `the DR-readiness overview answered ${response.status} ${response.statusText}`.trim();
      const retryAfter = Number(response.headers.get('retry-after'));
      if (
        response.status === 503 &&
        attempt < attempts &&
        Number.isFinite(retryAfter) &&
        retryAfter * 1000 <= MAX_WAIT_MS
      ) {
        await sleep(Math.max(1000, retryAfter * 1000));
        continue;
      }
      break;
    }
    this.options.logger.warn(
      `DR readiness unavailable; DR-based HIPAA controls are unknown this evaluation: ${lastError}`,
    );
    return { available: false, error: lastError };
  }
}
