import { saveServiceSecret, type ServiceName, type ServiceSecret } from '../auth/service-credentials';
import type { Context } from '../core/context';
import { UsageError } from '../core/errors';
import { printInfo, printWarning } from '../ui/messages';

interface ConnectFlags {
  fromEnv?: boolean;
  bearer?: boolean;
  channel?: string;
  instanceUrl?: string;
  insecureStorage?: boolean;
  verify?: boolean; // --no-verify sets false
}

interface Field {
  key: string;
  label: string;
  env: string;
  secret: boolean;
}

const X_OAUTH1: Field[] = [
  { key: 'appKey', label: 'API key (consumer key)', env: 'BIZ_X_API_KEY', secret: true },
  { key: 'appSecret', label: 'API key secret', env: 'BIZ_X_API_SECRET', secret: true },
  { key: 'accessToken', label: 'access token', env: 'BIZ_X_ACCESS_TOKEN', secret: true },
  { key: 'accessSecret', label: 'access token secret', env: 'BIZ_X_ACCESS_SECRET', secret: true },
];
const X_OAUTH2: Field[] = [{ key: 'bearer', label: 'OAuth 2 user access token', env: 'BIZ_X_BEARER', secret: true }];
const SLACK: Field[] = [{ key: 'token', label: 'bot token (xoxb-...)', env: 'BIZ_SLACK_TOKEN', secret: true }];
const SALESFORCE_TOKEN: Field[] = [{ key: 'accessToken', label: 'access token', env: 'BIZ_SALESFORCE_TOKEN', secret: true }];
const SALESFORCE_CLIENT: Field[] = [
  { key: 'clientId', label: 'connected app consumer key', env: 'BIZ_SALESFORCE_CLIENT_ID', secret: false },
  { key: 'clientSecret', label: 'connected app consumer secret', env: 'BIZ_SALESFORCE_CLIENT_SECRET', secret: true },
  { key: 'refreshToken', label: 'refresh token (empty for the client credentials flow)', env: 'BIZ_SALESFORCE_REFRESH_TOKEN', secret: true },
];

function fieldsFor(service: ServiceName, flags: ConnectFlags, env: NodeJS.ProcessEnv): Field[] {
  if (service === 'x') return flags.bearer || (flags.fromEnv && env.BIZ_X_BEARER) ? X_OAUTH2 : X_OAUTH1;
  if (service === 'slack') return SLACK;
  return env.BIZ_SALESFORCE_TOKEN && flags.fromEnv ? SALESFORCE_TOKEN : SALESFORCE_CLIENT;
}

async function readFields(ctx: Context, fields: Field[], fromEnv: boolean): Promise<ServiceSecret> {
  const secret: ServiceSecret = {};
  if (fromEnv) {
    for (const f of fields) if (ctx.env[f.env]) secret[f.key] = ctx.env[f.env]!;
    const missing = fields.filter((f) => !secret[f.key] && f.key !== 'refreshToken');
    if (missing.length > 0) throw new UsageError(`--from-env: ${missing.map((f) => f.env).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`);
    return secret;
  }
  if (!ctx.output.interactive) throw new UsageError('no terminal to ask for the credentials in', `Set ${fields.map((f) => f.env).join(', ')} and run again with --from-env`);
  const { input, password } = await import('@inquirer/prompts');
  for (const f of fields) {
    const ask = f.secret ? password : input;
    const value = (await ask({ message: `${f.label}:`, ...(f.secret ? { mask: '*' } : {}) }, { output: process.stderr })).trim();
    if (value) secret[f.key] = value;
    else if (f.key !== 'refreshToken') throw new UsageError(`the ${f.label} is required`);
  }
  return secret;
}

/** Checks the credentials against the service before they are kept; returns who they belong to. */
async function verify(ctx: Context, service: ServiceName, secret: ServiceSecret, settings: Record<string, string>): Promise<string> {
  const { DEFAULTS } = await import('../config/schema');
  if (service === 'x') {
    const [{ createXClient }, { xCredentialsOf }] = await Promise.all([import('../integrations/x/client'), import('../integrations/connections')]);
    const client = await createXClient({ apiUrl: ctx.config.values.x?.apiUrl ?? DEFAULTS.xApiUrl, credentials: xCredentialsOf(secret) });
    return `@${(await client.me()).username}`;
  }
  if (service === 'slack') {
    const { createSlackClient } = await import('../integrations/slack/client');
    const client = await createSlackClient({ apiUrl: ctx.config.values.slack?.apiUrl ?? DEFAULTS.slackApiUrl, token: secret.token });
    const who = await client.authTest();
    return `${who.user} in ${who.team}`;
  }
  const [{ connectSalesforce }, { salesforceAuthOf }] = await Promise.all([import('../integrations/salesforce'), import('../integrations/connections')]);
  const sf = await connectSalesforce({
    instanceUrl: settings.instanceUrl,
    loginUrl: ctx.config.values.salesforce?.loginUrl ?? DEFAULTS.salesforceLoginUrl,
    apiVersion: ctx.config.values.salesforce?.apiVersion ?? DEFAULTS.salesforceApiVersion,
    auth: salesforceAuthOf(secret),
  });
  await sf.findByEmail(['biz-connect-check@example.invalid']);
  return settings.instanceUrl ?? 'Salesforce';
}

const SERVICE_NAMES: Record<ServiceName, string> = { x: 'X', slack: 'Slack', salesforce: 'Salesforce' };

/** `biz market connect x|slack`, `biz lead connect salesforce|slack`: ask, verify, store in the OS keyring. */
export function connectCommand(allowed: ServiceName[]) {
  return async ([name]: string[], flags: ConnectFlags, context: () => Promise<Context>): Promise<number> => {
    const service = name as ServiceName;
    if (!allowed.includes(service)) throw new UsageError(`cannot connect "${name}" here`, `Choose one of: ${allowed.join(', ')}`);
    const ctx = await context();
    const settings: Record<string, string> = {};
    if (flags.channel) settings.channel = flags.channel;
    if (service === 'salesforce') {
      const instanceUrl = flags.instanceUrl ?? ctx.config.values.salesforce?.instanceUrl ?? ctx.env.BIZ_SALESFORCE_URL;
      if (instanceUrl) settings.instanceUrl = instanceUrl;
    }
    const secret = await readFields(ctx, fieldsFor(service, flags, ctx.env), Boolean(flags.fromEnv));
    if (service === 'salesforce' && secret.accessToken && !settings.instanceUrl) throw new UsageError('an access token needs the instance URL', 'Pass --instance-url https://acme.my.salesforce.com');
    let who = '';
    if (flags.verify !== false) {
      try {
        who = await verify(ctx, service, secret, settings);
      } catch (err) {
        const e = err as Error & { hint?: string };
        throw new UsageError(`${SERVICE_NAMES[service]} did not accept these credentials: ${e.message}`, e.hint ?? 'Nothing was stored. Check them and connect again.');
      }
    }
    const storage = await saveServiceSecret(ctx.config.paths, ctx.tenant, service, secret, {
      insecureStorage: Boolean(flags.insecureStorage),
      onKeyringUnavailable: (reason) => printWarning(`the OS keyring cannot be used (${reason}); the credentials go to a file only you can read`),
      settings,
    });
    printInfo(`${SERVICE_NAMES[service]} connected${who ? ` as ${who}` : ''}; credentials kept in ${storage === 'keyring' ? 'the OS keyring' : 'a file readable only by you'}`);
    return 0;
  };
}
