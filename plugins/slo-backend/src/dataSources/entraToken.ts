import type { AccessToken, TokenCredential } from '@azure/identity';
import { PrometheusAuthorization } from './prometheus';

/** The Entra scope of Azure Monitor managed Prometheus query endpoints (public cloud). */
export const AZURE_MONITOR_PROMETHEUS_SCOPE =
  'https://prometheus.monitor.azure.com/.default';

/** Tokens are renewed this long before they expire, so none expires in flight. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60_000;

/** After a failed early renewal, the still-valid token serves this long before the next attempt. */
const RENEWAL_RETRY_MS = 30_000;

/** Tokens remembered for redaction: the current one and a few it replaced. */
const REMEMBERED_TOKENS = 4;

export interface EntraTokenAuthorizationOptions {
  credential: TokenCredential;
  scope?: string;
  renewalMarginMs?: number;
  now?: () => number;
}

/** A credential's error as one bounded line: its class and message, never a token. */
function describeCredentialError(error: unknown): string {
  const name =
    error instanceof Error && error.name && error.name !== 'Error'
      ? `${error.name}: `
      : '';
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/\s+/g, ' ')
    .trim();
  const text = `${name}${message}`;
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

/**
 * `Authorization: Bearer` headers from an Entra `TokenCredential`. The token
 * is kept until five minutes before it expires; renewals, whether for expiry
 * or after a 401, are shared by every request waiting for one, so concurrent
 * queries cause one `getToken` call.
 */
export class EntraTokenAuthorization implements PrometheusAuthorization {
  readonly refusalHint =
    'check that its credential has the Monitoring Data Reader role on the Azure Monitor workspace, and that the scope matches the workspace’s cloud';

  private readonly credential: TokenCredential;
  private readonly scope: string;
  private readonly renewalMarginMs: number;
  private readonly now: () => number;
  private token?: AccessToken;
  private pending?: Promise<AccessToken>;
  private renewalFailedAt?: number;
  private readonly issued: string[] = [];

  constructor(options: EntraTokenAuthorizationOptions) {
    this.credential = options.credential;
    this.scope = options.scope ?? AZURE_MONITOR_PROMETHEUS_SCOPE;
    this.renewalMarginMs = options.renewalMarginMs ?? TOKEN_RENEWAL_MARGIN_MS;
    this.now = options.now ?? Date.now;
  }

  async current(): Promise<string> {
    const cached = this.token;
    if (cached && this.isFresh(cached)) return `Bearer ${cached.token}`;
    // Renewal is early on purpose: a token that has not expired yet still
    // serves while the credential cannot sign in.
    const usable =
      cached && this.now() < cached.expiresOnTimestamp ? cached : undefined;
    if (
      usable &&
      this.renewalFailedAt !== undefined &&
      this.now() - this.renewalFailedAt < RENEWAL_RETRY_MS
    ) {
      return `Bearer ${usable.token}`;
    }
    try {
      return `Bearer ${(await this.obtain()).token}`;
    } catch (e) {
      if (usable) {
        this.renewalFailedAt = this.now();
        return `Bearer ${usable.token}`;
      }
      throw e;
    }
  }

  async renew(rejected: string): Promise<string> {
    if (this.token && `Bearer ${this.token.token}` === rejected) {
      this.token = undefined;
    }
    // A request refused with an older token uses the one another renewal got.
    const cached = this.token;
    const token = cached && this.isFresh(cached) ? cached : await this.obtain();
    return `Bearer ${token.token}`;
  }

  secrets(): string[] {
    return [...this.issued];
  }

  private isFresh(token: AccessToken): boolean {
    return this.now() < token.expiresOnTimestamp - this.renewalMarginMs;
  }

  private obtain(): Promise<AccessToken> {
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async requestToken(): Promise<AccessToken> {
    let token: AccessToken | null;
    try {
      token = await this.credential.getToken(this.scope);
    } catch (e) {
      throw new Error(
        `could not get an Entra token: ${describeCredentialError(e)}`,
      );
    }
    if (!token?.token) {
      throw new Error('could not get an Entra token: the credential gave none');
    }
    this.renewalFailedAt = undefined;
    this.issued.unshift(token.token);
    this.issued.length = Math.min(this.issued.length, REMEMBERED_TOKENS);
    this.token = token;
    return token;
  }
}
