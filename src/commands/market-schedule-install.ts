import { resolve } from 'node:path';
import type { Context } from '../core/context';

/** The launcher this process was started from, so cron runs the same biz with the same node. */
function command(ctx: Context, args: string): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const tenant = ctx.tenant !== 'default' ? ` --tenant ${quote(ctx.tenant)}` : '';
  return `${quote(process.execPath)} ${quote(resolve(process.argv[1]))}${tenant} ${args}`;
}

/** Prints (never installs) a crontab block or systemd user units that run schedules and publishing every few minutes. */
export default async function marketScheduleInstall(_args: string[], flags: { systemd?: boolean; every?: string }, context: () => Promise<Context>): Promise<number> {
  const ctx = await context();
  const every = Number(flags.every ?? 5);
  const log = resolve(ctx.config.paths.stateDir, 'market-cron.log');
  const tick = `cd ${ctx.cwd} && { ${command(ctx, 'market schedule run')}; ${command(ctx, 'market publish')}; }`;
  if (flags.systemd) {
    process.stdout.write(`# ~/.config/systemd/user/biz-market.service
[Unit]
Description=biz marketing: draft scheduled posts, publish the approved ones

[Service]
Type=oneshot
WorkingDirectory=${ctx.cwd}
ExecStart=/bin/sh -c '${command(ctx, 'market schedule run')}; ${command(ctx, 'market publish')}'

# ~/.config/systemd/user/biz-market.timer
[Unit]
Description=Run biz-market.service every ${every} minutes

[Timer]
OnCalendar=*:0/${every}
Persistent=true

[Install]
WantedBy=timers.target

# then: systemctl --user daemon-reload && systemctl --user enable --now biz-market.timer
`);
    return 0;
  }
  process.stdout.write(`# biz marketing: draft scheduled posts, then publish the approved ones that are due (add with: crontab -e)
# cron has no desktop keyring: connect X and Slack with --insecure-storage, or set BIZ_X_* and BIZ_SLACK_TOKEN here
*/${every} * * * * ${tick} >> ${log} 2>&1
`);
  return 0;
}
