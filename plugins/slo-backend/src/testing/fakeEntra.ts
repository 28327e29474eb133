import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import type {
  AccessToken,
  GetTokenOptions,
  TokenCredential,
} from '@azure/identity';

/**
 * A `TokenCredential` standing in for Entra: it issues random tokens valid
 * for `lifetimeMs` on the test's clock, records every `getToken`, and can be
 * made to fail or to answer slowly.
 */
export class FakeEntraCredential implements TokenCredential {
  readonly calls: string[][] = [];
  private readonly expiries = new Map<string, number>();
  failWith?: Error;
  /** Holds every getToken until the test releases it. */
  gate?: Promise<void>;

  constructor(
    private readonly clock: () => number,
    private readonly lifetimeMs = 60 * 60_000,
  ) {}

  async getToken(
    scopes: string | string[],
    _options?: GetTokenOptions,
  ): Promise<AccessToken> {
    this.calls.push(Array.isArray(scopes) ? scopes : [scopes]);
    await this.gate;
    if (this.failWith) throw this.failWith;
    const token = `entra-${randomBytes(24).toString('base64url')}`;
    const expiresOnTimestamp = this.clock() + this.lifetimeMs;
    this.expiries.set(token, expiresOnTimestamp);
    return { token, expiresOnTimestamp, tokenType: 'Bearer' };
  }

  /** Every token issued so far, newest last. */
  get issued(): string[] {
    return [...this.expiries.keys()];
  }

  /** Whether a workspace would accept this token now: issued here, not expired, not revoked. */
  accepts(token: string): boolean {
    const expiry = this.expiries.get(token);
    return expiry !== undefined && this.clock() < expiry;
  }

  /** Ends a token's validity at once, as a revocation or clock skew would. */
  expire(token: string) {
    if (this.expiries.has(token)) this.expiries.set(token, -Infinity);
  }
}

/**
 * A local stand-in for an Azure Monitor workspace's query endpoint: it
 * answers 401 unless the request carries `Authorization: Bearer <token>` for
 * a token the credential accepts, and forwards everything else to
 * `upstream` (a real Prometheus) or to `answer`.
 */
export async function startFakeWorkspace(options: {
  credential: FakeEntraCredential;
  upstream?: string;
  answer?: (
    req: http.IncomingMessage,
    body: string,
    res: http.ServerResponse,
  ) => void;
  /** Runs before each authorized request is answered. */
  beforeForward?: (token: string, index: number) => void;
}) {
  const seen: Array<{ authorized: boolean; authorization?: string }> = [];
  let forwarded = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
      if (!match || !options.credential.accepts(match[1])) {
        seen.push({
          authorized: false,
          authorization: req.headers.authorization,
        });
        res.statusCode = 401;
        res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
        res.end();
        return;
      }
      options.beforeForward?.(match[1], forwarded++);
      seen.push({
        authorized: true,
        authorization: req.headers.authorization,
      });
      if (options.answer) {
        options.answer(req, body, res);
        return;
      }
      try {
        const upstream = await fetch(`${options.upstream}${req.url}`, {
          method: req.method,
          headers: {
            'content-type':
              req.headers['content-type'] ??
              'application/x-www-form-urlencoded',
          },
          body: req.method === 'POST' ? body : undefined,
        });
        res.statusCode = upstream.status;
        res.setHeader(
          'content-type',
          upstream.headers.get('content-type') ?? 'application/json',
        );
        res.end(await upstream.text());
      } catch (e) {
        res.statusCode = 502;
        res.end(String(e));
      }
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
