/**
 * Where each service's endpoint and credentials come from: the environment first (CI and cron), then what
 * `biz market connect` / `biz lead connect` stored. Nothing here loads an SDK.
 */
import { loadService, type ServiceName, type ServiceSecret } from '../auth/service-credentials';
import { DEFAULTS } from '../config/schema';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { registerSecret } from '../core/redact';
import type { SalesforceAuth, SalesforceOptions } from './salesforce/types';
import type { XCredentials } from './x/client';

export interface XConnection {
  apiUrl: string;
  credentials: XCredentials;
  from: 'environment' | 'credential store';
}

export interface SlackConnection {
  apiUrl: string;
  token: string;
  /** slack.channel (BIZ_SLACK_CHANNEL), else the channel given to `connect slack --channel`. */
  channel?: string;
  from: 'environment' | 'credential store';
}

function envSecret(ctx: Context, names: string[]): ServiceSecret | undefined {
  const values = names.map((n) => ctx.env[n]);
  if (values.every((v) => !v)) return undefined;
  const missing = names.filter((n) => !ctx.env[n]);
  if (missing.length > 0) throw new UsageError(`${missing.join(', ')} must be set too when ${names.filter((n) => ctx.env[n]).join(', ')} is set`);
  values.forEach((v) => registerSecret(v));
  return Object.fromEntries(names.map((n) => [n, ctx.env[n]!]));
}

const stored = (ctx: Context, service: ServiceName) => loadService(ctx.config.paths, ctx.tenant, service);

export function xCredentialsOf(secret: ServiceSecret): XCredentials {
  if (secret.bearer) return { kind: 'oauth2', bearer: secret.bearer };
  return { kind: 'oauth1', appKey: secret.appKey, appSecret: secret.appSecret, accessToken: secret.accessToken, accessSecret: secret.accessSecret };
}

export async function xConnection(ctx: Context): Promise<XConnection | undefined> {
  const apiUrl = ctx.config.values.x?.apiUrl ?? DEFAULTS.xApiUrl;
  if (ctx.env.BIZ_X_BEARER) {
    registerSecret(ctx.env.BIZ_X_BEARER);
    return { apiUrl, credentials: { kind: 'oauth2', bearer: ctx.env.BIZ_X_BEARER }, from: 'environment' };
  }
  const env = envSecret(ctx, ['BIZ_X_API_KEY', 'BIZ_X_API_SECRET', 'BIZ_X_ACCESS_TOKEN', 'BIZ_X_ACCESS_SECRET']);
  if (env) {
    const credentials = xCredentialsOf({ appKey: env.BIZ_X_API_KEY, appSecret: env.BIZ_X_API_SECRET, accessToken: env.BIZ_X_ACCESS_TOKEN, accessSecret: env.BIZ_X_ACCESS_SECRET });
    return { apiUrl, credentials, from: 'environment' };
  }
  const saved = await stored(ctx, 'x');
  return saved && { apiUrl, credentials: xCredentialsOf(saved.secret), from: 'credential store' };
}

export async function slackConnection(ctx: Context): Promise<SlackConnection | undefined> {
  const apiUrl = ctx.config.values.slack?.apiUrl ?? DEFAULTS.slackApiUrl;
  const channel = ctx.config.values.slack?.channel;
  if (ctx.env.BIZ_SLACK_TOKEN) {
    registerSecret(ctx.env.BIZ_SLACK_TOKEN);
    return { apiUrl, token: ctx.env.BIZ_SLACK_TOKEN, channel, from: 'environment' };
  }
  const saved = await stored(ctx, 'slack');
  return saved?.secret.token ? { apiUrl, token: saved.secret.token, channel: channel ?? saved.settings.channel, from: 'credential store' } : undefined;
}

export function salesforceAuthOf(secret: ServiceSecret): SalesforceAuth {
  if (secret.accessToken) return { kind: 'token', accessToken: secret.accessToken };
  if (secret.refreshToken) return { kind: 'refresh', clientId: secret.clientId, clientSecret: secret.clientSecret, refreshToken: secret.refreshToken };
  return { kind: 'client-credentials', clientId: secret.clientId, clientSecret: secret.clientSecret };
}

function salesforceEnv(ctx: Context): ServiceSecret | undefined {
  const e = ctx.env;
  if (e.BIZ_SALESFORCE_TOKEN) return { accessToken: e.BIZ_SALESFORCE_TOKEN };
  if (!e.BIZ_SALESFORCE_CLIENT_ID && !e.BIZ_SALESFORCE_CLIENT_SECRET && !e.BIZ_SALESFORCE_REFRESH_TOKEN) return undefined;
  if (!e.BIZ_SALESFORCE_CLIENT_ID) throw new UsageError('BIZ_SALESFORCE_CLIENT_ID must be set with BIZ_SALESFORCE_CLIENT_SECRET or BIZ_SALESFORCE_REFRESH_TOKEN');
  if (!e.BIZ_SALESFORCE_REFRESH_TOKEN && !e.BIZ_SALESFORCE_CLIENT_SECRET) throw new UsageError('BIZ_SALESFORCE_CLIENT_ID needs BIZ_SALESFORCE_CLIENT_SECRET (client credentials) or BIZ_SALESFORCE_REFRESH_TOKEN');
  const secret: ServiceSecret = { clientId: e.BIZ_SALESFORCE_CLIENT_ID };
  if (e.BIZ_SALESFORCE_CLIENT_SECRET) secret.clientSecret = e.BIZ_SALESFORCE_CLIENT_SECRET;
  if (e.BIZ_SALESFORCE_REFRESH_TOKEN) secret.refreshToken = e.BIZ_SALESFORCE_REFRESH_TOKEN;
  return secret;
}

export async function salesforceConnection(ctx: Context): Promise<(SalesforceOptions & { from: 'environment' | 'credential store' }) | undefined> {
  const config = ctx.config.values.salesforce;
  const env = salesforceEnv(ctx);
  const saved = env ? { secret: env, settings: {} as Record<string, string> } : await stored(ctx, 'salesforce');
  if (!saved) return undefined;
  Object.entries(saved.secret).forEach(([field, value]) => field !== 'clientId' && registerSecret(value));
  const auth = salesforceAuthOf(saved.secret);
  const instanceUrl = config?.instanceUrl ?? saved.settings.instanceUrl;
  if (auth.kind === 'token' && !instanceUrl) throw new UsageError('a Salesforce access token needs the instance URL', 'Set BIZ_SALESFORCE_URL (or salesforce.instanceUrl) to e.g. https://acme.my.salesforce.com');
  return {
    instanceUrl,
    loginUrl: config?.loginUrl ?? saved.settings.loginUrl ?? DEFAULTS.salesforceLoginUrl,
    apiVersion: config?.apiVersion ?? DEFAULTS.salesforceApiVersion,
    auth,
    from: env ? 'environment' : 'credential store',
  };
}
