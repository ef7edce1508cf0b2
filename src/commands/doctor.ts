import { accessSync, constants, mkdirSync } from 'node:fs';
import { tenantDataDir } from '../config/paths';
import type { Context } from '../core/context';
import { printJson } from '../ui/messages';
import { doctorModelCheck } from '../agents/runtime/models/doctor-check';
import { currentIdentity } from '../auth/session';
import { licenseState } from '../license/entitlements';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

const MIN_NODE = [20, 19];

function nodeCheck(): Check {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'node', status: 'ok', detail: `Node ${process.versions.node}` }
    : { name: 'node', status: 'fail', detail: `Node ${process.versions.node} is too old`, fix: `Install Node ${MIN_NODE.join('.')} or newer.` };
}

function dataDirCheck(ctx: Context): Check {
  const dir = tenantDataDir(ctx.config.paths, ctx.tenant);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return { name: 'data dir', status: 'ok', detail: `${dir} is writable` };
  } catch (err) {
    return { name: 'data dir', status: 'fail', detail: `${dir}: ${(err as Error).message}`, fix: 'Fix its permissions, or set BIZ_HOME to a writable directory.' };
  }
}

function storeCheck(ctx: Context): Check {
  try {
    const { db } = ctx.store();
    const integrity = db.pragma('quick_check', { simple: true });
    const version = db.pragma('user_version', { simple: true });
    const mode = db.pragma('journal_mode', { simple: true });
    if (integrity !== 'ok') return { name: 'sqlite', status: 'fail', detail: `integrity check: ${integrity}`, fix: 'Restore the newest biz.db.backup-* file beside the database.' };
    return { name: 'sqlite', status: 'ok', detail: `schema ${version}, ${mode} journal, integrity ok` };
  } catch (err) {
    return { name: 'sqlite', status: 'fail', detail: (err as Error).message, fix: 'See the message; BIZ_HOME moves the store elsewhere.' };
  }
}

function licenseCheck(ctx: Context): Check {
  const license = licenseState(ctx);
  const status: CheckStatus = license.status === 'expired' || license.status === 'invalid' ? 'fail' : license.status === 'expiring' || license.status === 'grace' ? 'warn' : 'ok';
  return { name: 'license', status, detail: license.message, fix: status === 'ok' ? undefined : 'Renew the key and run biz license activate, or biz license deactivate for the Community plan.' };
}

async function loginCheck(ctx: Context): Promise<Check> {
  const required = Boolean(ctx.config.values.auth?.required);
  try {
    const identity = await currentIdentity(ctx);
    if (identity) {
      const until = new Date(identity.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
      return { name: 'login', status: 'ok', detail: `${identity.username} in tenant ${identity.tenant} (${identity.source}), roles ${identity.roles.join(', ') || 'none'}, token valid until ${until} UTC` };
    }
    return required
      ? { name: 'login', status: 'fail', detail: 'not logged in, and auth.required is set', fix: 'Run biz login.' }
      : { name: 'login', status: 'ok', detail: 'not logged in (not required for local use)' };
  } catch (err) {
    return { name: 'login', status: required ? 'fail' : 'warn', detail: (err as Error).message, fix: (err as { hint?: string }).hint ?? 'Run biz login.' };
  }
}

/** Where each agent's services get their credentials from, without calling them (`connect` checks them). */
async function connectionsCheck(ctx: Context): Promise<Check> {
  const { salesforceConnection, slackConnection, xConnection } = await import('../integrations/connections');
  try {
    const [x, slack, salesforce] = await Promise.all([xConnection(ctx), slackConnection(ctx), salesforceConnection(ctx)]);
    const parts = [
      `X: ${x ? `from the ${x.from}` : 'not connected'}`,
      `Slack: ${slack ? `from the ${slack.from}${slack.channel ? `, channel ${slack.channel}` : ', no channel set'}` : 'not connected'}`,
      `Salesforce: ${salesforce ? `from the ${salesforce.from}` : 'not connected'}`,
    ];
    return { name: 'services', status: 'ok', detail: parts.join('; ') };
  } catch (err) {
    return { name: 'services', status: 'warn', detail: (err as Error).message, fix: (err as { hint?: string }).hint ?? 'Connect them again: biz market connect, biz lead connect.' };
  }
}

export default async function doctor(_args: string[], opts: { json?: boolean }, context: () => Promise<Context>): Promise<number> {
  let checks: Check[];
  try {
    const ctx = await context();
    checks = [nodeCheck(), dataDirCheck(ctx), storeCheck(ctx), await doctorModelCheck(ctx), licenseCheck(ctx), await loginCheck(ctx), await connectionsCheck(ctx)];
  } catch (err) {
    checks = [nodeCheck(), { name: 'config', status: 'fail', detail: (err as Error).message, fix: (err as { hint?: string }).hint }];
  }
  if (opts.json) printJson({ ok: checks.every((c) => c.status !== 'fail'), checks });
  else {
    for (const c of checks) {
      process.stdout.write(`${c.status.padEnd(4)}  ${c.name.padEnd(8)}  ${c.detail}\n`);
      if (c.fix && c.status !== 'ok') process.stdout.write(`${''.padEnd(16)}fix: ${c.fix}\n`);
    }
  }
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}
