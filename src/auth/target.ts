import type { Context } from '../core/context';
import { UsageError } from '../core/errors';

/** Where a tenant logs in: the realm's issuer URL and the OAuth client biz uses there. */
export interface AuthTarget {
  tenant: string;
  issuer: string;
  clientId: string;
  /** Plain-http issuer allowed: a loopback address, or an http URL the user passed with --issuer. */
  allowHttp: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** `--issuer` wins; otherwise the Keycloak base URL from config (auth.url) plus `/realms/<tenant>`. */
export function resolveAuthTarget(ctx: Context, flags: { issuer?: string; clientId?: string } = {}): AuthTarget {
  const auth = ctx.config.values.auth;
  const base = auth?.url;
  if (!flags.issuer && !base) {
    throw new UsageError('no identity provider is configured', 'Set the Keycloak base URL: biz config set auth.url https://sso.example.com (or BIZ_AUTH_URL), or pass --issuer.');
  }
  const issuer = (flags.issuer ?? `${base!.replace(/\/+$/, '')}/realms/${encodeURIComponent(ctx.tenant)}`).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new UsageError(`--issuer ${issuer} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`issuer ${issuer} must be an http(s) URL`);
  const allowHttp = url.protocol === 'http:' && (isLoopbackHost(url.hostname) || Boolean(flags.issuer));
  if (url.protocol === 'http:' && !allowHttp) {
    throw new UsageError(`refusing the plain-http issuer ${issuer}: tokens would cross the network unencrypted`, 'Use an https URL, or pass it with --issuer if you really mean it.');
  }
  const clientId = flags.clientId ?? auth?.clientId;
  if (!clientId) {
    throw new UsageError('no OAuth client id is configured', 'Set it: biz config set auth.clientId <client> (or BIZ_AUTH_CLIENT_ID), or pass --client-id.');
  }
  return { tenant: ctx.tenant, issuer, clientId, allowHttp };
}

/** The OS keyring account of a tenant's login: "<tenant>@<issuer host>". */
export function keyringAccount(target: Pick<AuthTarget, 'tenant' | 'issuer'>): string {
  return `${target.tenant}@${new URL(target.issuer).host}`;
}
