import { Command, Option } from 'commander';
import { VERSION } from './core/version';

/**
 * The whole command tree, with flags and help. Each action imports its command module on demand, so `biz --help`
 * and `biz --version` load nothing but commander.
 */
type Loader = () => Promise<unknown>;

function act(load: Loader) {
  return async (...received: unknown[]) => {
    const cmd = received[received.length - 1] as Command;
    const args = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [String(a)]));
    const { runCommand } = await import('./commands/run-command');
    process.exitCode = await runCommand(load, args, cmd.optsWithGlobals());
  };
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const jsonOption = () => new Option('--json', 'print one JSON document on stdout');

export function buildProgram(): Command {
  const program = new Command('biz')
    .description('Four AI business agents on your own machine: code, scan, market, lead.')
    .version(VERSION, '-V, --version')
    .option('--tenant <name>', 'tenant whose data and login to use (env BIZ_TENANT)')
    .option('--verbose', 'mirror the structured log on stderr')
    .option('--no-color', 'never use colour (also NO_COLOR)')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  program
    .command('scan')
    .description('scan a repository for secrets, vulnerable dependencies, dangerous code and risky infrastructure')
    .argument('[path]', 'directory to scan', '.')
    .addOption(new Option('-f, --format <formats>', 'table, md, json, sarif, gitlab-sast, gitlab-secrets, html (comma-separated)'))
    .option('-o, --output <file...>', 'write the n-th format to this file (repeatable); "-" is stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['info', 'low', 'medium', 'high', 'critical', 'none']))
    .option('--scanners <list>', 'comma-separated subset of secrets,dependencies,code,infrastructure')
    .option('--offline', 'never use the network: dependencies come from the offline OSV database')
    .option('--osv-db <dir>', 'offline OSV database directory (see biz db update)')
    .option('--history', 'also scan every commit of the git history for secrets')
    .option('--since <ref>', 'report only findings new since this git ref')
    .option('--baseline <file>', 'ignore findings whose fingerprints are in this file (biz scan --format json output)')
    .option('--compare <run>', 'show findings new and fixed since an earlier scan run')
    .option('--no-ignore', 'scan files that .gitignore excludes')
    .option('--policy <file>', 'policy file (default .biz/policy.yaml)')
    .option('--triage', 'ask the configured model to rank findings and explain likely false positives')
    .option('--model <spec>', 'model for --triage: openai:<model>, ollama:<model>')
    .option('--no-cache', 'do not use cached model or advisory responses')
    .option('--json', 'same as --format json')
    .option('--jsonl', 'stream run events as JSON lines on stdout')
    .addHelpText('after', examples('biz scan .', 'biz scan --format sarif -o biz.sarif', 'biz scan --format table,gitlab-sast -o - -o gl-sast-report.json', 'biz scan --offline --osv-db ~/osv', 'biz scan --since origin/main --fail-on medium'))
    .action(act(() => import('./commands/scan')));

  const code = program
    .command('code')
    .description('turn a requirement into a reviewed change: a new local branch, or a GitLab merge request')
    .argument('[requirement]', 'what to build or fix (or use --file / --issue)')
    .option('--file <file>', 'read the requirement from a file')
    .option('--issue <ref>', 'read the requirement from a GitLab issue: group/project#12 or its URL')
    .option('--check <command>', 'run this in the changed copy (e.g. "npm test"); failures go back to the model')
    .option('--max-attempts <n>', 'edit and check attempts before giving up (1-10)', '3')
    .option('--gitlab <project>', 'deliver as a merge request in this GitLab project (group/project)')
    .option('--push', 'push the new local branch to origin')
    .option('--branch <name>', 'name of the branch to create (default biz/<slug>)')
    .option('--allow-ignored <path...>', 'let the agent edit these git-ignored files')
    .option('-y, --yes', 'deliver without asking')
    .option('--dry-run', 'show the plan and the diff, deliver nothing')
    .option('--model <spec>', 'openai:<model>, ollama:<model>')
    .option('--max-cost <usd>', 'stop before the run would cost more than this', parseFloat)
    .option('--no-cache', 'do not use cached model responses')
    .addOption(jsonOption())
    .option('--jsonl', 'stream run events as JSON lines on stdout')
    .addHelpText('after', examples('biz code "add a --verbose flag to the CLI" --check "npm test"', 'biz code --file spec.md --dry-run', 'biz code --issue group/app#42 --gitlab group/app --yes', 'biz code undo 01jc8x3k2p'))
    .action(act(() => import('./commands/code')));
  code
    .command('undo')
    .description('remove the branch (and close the merge request) that one biz code run created, nothing else')
    .argument('<run>', 'run id or a unique prefix')
    .addOption(jsonOption())
    .action(act(() => import('./commands/code-undo')));

  const market = program.command('market').description('write posts, review them, publish to X with a Slack notice (safe from cron)');
  market
    .command('draft')
    .description('write candidate posts from a brief, check them, and put them in the review queue')
    .argument('<brief>', 'what the post is about')
    .option('--campaign <name>', 'campaign the posts belong to')
    .option('--variants <n>', 'how many candidates (1-5)', '1')
    .option('--thread', 'write a thread, split at sentence boundaries')
    .option('--media <file>', 'attach an image (PNG, JPEG, GIF, WebP; up to 5 MB)')
    .option('--brand <file>', 'brand file (default .biz/brand.md)')
    .option('--critique', "add the model's critique to each candidate's reasons")
    .option('--model <spec>', 'openai:<model>, ollama:<model>')
    .option('--max-cost <usd>', 'stop before the run would cost more than this', parseFloat)
    .option('--no-cache', 'do not use cached model responses')
    .addOption(jsonOption())
    .option('--jsonl', 'stream run events as JSON lines on stdout')
    .addHelpText('after', examples('biz market draft "announce biz 2.0: scans twice as fast" --variants 3', 'biz market draft "our SOC 2 report is out" --campaign trust --media badge.png', 'biz market draft --thread "what we learned building a scanner"'))
    .action(act(() => import('./commands/market-draft')));
  market
    .command('queue')
    .description('posts waiting for review or approved and waiting for their time')
    .option('--campaign <name>', 'only this campaign')
    .addOption(jsonOption())
    .action(act(() => import('./commands/market-queue')));
  market
    .command('approve')
    .description('approve posts for publishing, now or at a time')
    .argument('<id...>', 'post ids (see biz market queue)')
    .option('--at <time>', 'not before: 2026-12-01T09:30, 14:30 (the next one), +2h')
    .addHelpText('after', examples('biz market approve 12', 'biz market approve 12 13 --at 09:30'))
    .action(act(() => import('./commands/market-approve')));
  market
    .command('reject')
    .description('drop posts from the queue; they never go out')
    .argument('<id...>', 'post ids')
    .action(act(() => import('./commands/market-reject')));
  market
    .command('edit')
    .description('change a post in your editor (or with --text); it is checked again and goes back to review')
    .argument('<id>', 'post id')
    .option('--text <text>', 'the new text (a line "---" separates the posts of a thread)')
    .option('--file <file>', 'read the new text from a file')
    .option('--brand <file>', 'brand file (default .biz/brand.md)')
    .action(act(() => import('./commands/market-edit')));
  market
    .command('publish')
    .description('publish approved posts that are due to X, then notify Slack (the cron entry; quiet when nothing is due)')
    .option('--campaign <name>', 'only this campaign')
    .option('--dry-run', 'show what would be published and stop')
    .addOption(jsonOption())
    .option('--jsonl', 'stream run events as JSON lines on stdout')
    .addHelpText('after', examples('biz market publish', 'biz market publish --dry-run', '*/5 * * * * biz market publish   # crontab'))
    .action(act(() => import('./commands/market-publish')));
  market
    .command('history')
    .description('published posts with their links and Slack notices')
    .option('-L, --limit <n>', 'how many', '20')
    .addOption(jsonOption())
    .action(act(() => import('./commands/market-history')));
  market
    .command('connect')
    .description('store the credentials of X or Slack (checked first) in the OS keyring')
    .argument('<service>', 'x or slack')
    .option('--bearer', 'X: an OAuth 2 user access token instead of the four OAuth 1.0a values')
    .option('--channel <channel>', 'Slack: the channel notices go to')
    .option('--from-env', 'read the values from BIZ_X_* / BIZ_SLACK_TOKEN instead of asking')
    .option('--insecure-storage', 'store them in a file readable only by you instead of the OS keyring (cron)')
    .option('--no-verify', 'store without checking them against the service')
    .addHelpText('after', examples('biz market connect x', 'biz market connect slack --channel "#marketing"', 'BIZ_X_BEARER=... biz market connect x --from-env --insecure-storage'))
    .action(act(() => import('./commands/market-connect')));
  const schedule = market.command('schedule').description('recurring drafts from a brief file, on a cron expression');
  schedule
    .command('add')
    .description('draft from a brief file on a cron expression')
    .argument('<cron>', 'five fields: minute hour day-of-month month day-of-week')
    .option('--campaign <name>', 'campaign of the drafts (required)')
    .option('--brief-file <file>', 'the brief each occurrence drafts from (required)')
    .option('--variants <n>', 'candidates per occurrence (1-5)', '1')
    .option('--auto-approve-above <score>', 'approve drafts that pass every gate with at least this score')
    .addOption(jsonOption())
    .addHelpText('after', examples('biz market schedule add "0 9 * * 1-5" --campaign tips --brief-file tips.md --auto-approve-above 85'))
    .action(act(() => import('./commands/market-schedule-add')));
  schedule
    .command('list')
    .description('schedules with their last and next occurrence')
    .addOption(jsonOption())
    .action(act(() => import('./commands/market-schedule-list')));
  schedule
    .command('remove')
    .description('delete a schedule')
    .argument('<id>', 'schedule id')
    .action(act(() => import('./commands/market-schedule-remove')));
  schedule
    .command('run')
    .description('draft for every schedule that is due (the cron entry; quiet when nothing is due)')
    .addOption(jsonOption())
    .action(act(() => import('./commands/market-schedule-run')));
  schedule
    .command('install')
    .description('print the crontab line (or systemd units) that runs schedules and publishing')
    .option('--systemd', 'print a systemd user service and timer instead')
    .option('--every <minutes>', 'how often', '5')
    .action(act(() => import('./commands/market-schedule-install')));

  const lead = program.command('lead').description('turn leads into clean Salesforce records with scheduled follow-ups');
  const sequenceOptions = (cmd: Command) =>
    cmd
      .option('--sequence <name|file>', 'follow-up sequence new leads join (default: lead.sequence, else "default")')
      .option('--no-sequence', 'enrol nobody in a follow-up sequence')
      .option('--country <code>', 'country for phone numbers without a +prefix (e.g. US; default lead.defaultCountry)');
  sequenceOptions(
    lead
      .command('add')
      .description('add one lead: checked, scored, matched in Salesforce, then created or updated there')
      .option('--name <name>', 'full name (required)')
      .option('--email <email>', 'email address (required)')
      .option('--company <company>', 'company (derived from the email domain when missing)')
      .option('--title <title>', 'job title')
      .option('--phone <phone>', 'phone number (stored as E.164)')
      .option('--source <source>', 'lead source: referral, inbound, event, outbound, ...')
      .option('--owner <owner>', 'owner: a Slack member id (U...) or a name')
      .option('--notes <notes>', 'anything worth keeping'),
  )
    .option('-y, --yes', 'write to Salesforce without asking')
    .option('--dry-run', 'show what would be written and stop')
    .option('--model <spec>', 'model for the fit summary')
    .addOption(jsonOption())
    .addHelpText('after', examples('biz lead add --name "Ada Lovelace" --email ada@analytical.example --company "Analytical Engines" --title CTO --yes'))
    .action(act(() => import('./commands/lead-add')));
  sequenceOptions(
    lead
      .command('import')
      .description('import leads from CSV or JSONL, streaming; resumable with biz runs resume')
      .argument('<file>', '.csv, .tsv, .jsonl or .ndjson')
      .option('--map <col=field...>', 'map a column to a field: "E-mail Address=email" (repeatable)')
      .option('--rejects <file>', 'where rejected rows go, with the reason for each (default <file>.rejected.csv)')
      .option('--summarize', "ask the model for a fit summary of the import's best leads"),
  )
    .option('-y, --yes', 'write to Salesforce without asking')
    .option('--dry-run', 'read and check every row, keep nothing')
    .addOption(jsonOption())
    .option('--jsonl', 'stream run events as JSON lines on stdout')
    .addHelpText('after', examples('biz lead import leads.csv --dry-run', 'biz lead import export.csv --map "E-mail Address=email" --map "Org=company" --yes', 'biz runs resume 01jc8x3k2p --yes   # after a crash or a Salesforce limit'))
    .action(act(() => import('./commands/lead-import')));
  sequenceOptions(
    lead
      .command('from-text')
      .description('extract a lead from an email, a signature or notes (a file, or stdin)')
      .argument('[file]', 'file to read, or - for stdin'),
  )
    .option('-y, --yes', 'write to Salesforce without asking')
    .option('--dry-run', 'show what would be written and stop')
    .option('--model <spec>', 'openai:<model>, ollama:<model>')
    .addOption(jsonOption())
    .addHelpText('after', examples('pbpaste | biz lead from-text', 'biz lead from-text signature.txt --yes'))
    .action(act(() => import('./commands/lead-from-text')));
  lead
    .command('list')
    .description('leads kept on this machine, newest first')
    .option('--status <status>', 'local, pending, sending, synced or failed')
    .option('-L, --limit <n>', 'how many', '50')
    .addOption(jsonOption())
    .action(act(() => import('./commands/lead-list')));
  lead
    .command('show')
    .description('one lead with its score, CRM record and follow-ups')
    .argument('<lead>', 'id or email')
    .addOption(jsonOption())
    .action(act(() => import('./commands/lead-show')));
  lead
    .command('forget')
    .description("remove a person's local data (and say what remains in Salesforce)")
    .argument('<email>', 'their email address')
    .action(act(() => import('./commands/lead-forget')));
  const followups = lead
    .command('followups')
    .description('planned follow-ups')
    .option('--due', 'only those due today or earlier')
    .addOption(jsonOption())
    .action(act(() => import('./commands/lead-followups')));
  followups
    .command('run')
    .description('create the Salesforce Tasks and send the Slack reminders that are due (the cron entry)')
    .option('--dry-run', 'show what would be done and stop')
    .addOption(jsonOption())
    .action(act(() => import('./commands/lead-followups-run')));
  lead
    .command('connect')
    .description('store the credentials of Salesforce or Slack (checked first) in the OS keyring')
    .argument('<service>', 'salesforce or slack')
    .option('--instance-url <url>', 'Salesforce: the instance, e.g. https://acme.my.salesforce.com')
    .option('--channel <channel>', 'Slack: the channel reminders go to')
    .option('--from-env', 'read the values from BIZ_SALESFORCE_* / BIZ_SLACK_TOKEN instead of asking')
    .option('--insecure-storage', 'store them in a file readable only by you instead of the OS keyring (cron)')
    .option('--no-verify', 'store without checking them against the service')
    .addHelpText('after', examples('biz lead connect salesforce --instance-url https://acme.my.salesforce.com', 'biz lead connect slack --channel "#sales"'))
    .action(act(() => import('./commands/lead-connect')));

  const db = program.command('db').description('manage the offline vulnerability database');
  db.command('update')
    .description('download the OSV database for offline scans')
    .option('--ecosystems <list>', 'comma-separated OSV ecosystems', 'npm,PyPI,Go,crates.io,RubyGems,Packagist')
    .option('--osv-db <dir>', 'where to keep it (default: the cache directory)')
    .addOption(jsonOption())
    .addHelpText('after', examples('biz db update', 'biz db update --ecosystems npm,PyPI'))
    .action(act(() => import('./commands/db-update')));

  const config = program.command('config').description('read and change configuration');
  config
    .command('get')
    .description('print the value of a key and where it comes from')
    .argument('<key>')
    .addOption(jsonOption())
    .addHelpText('after', examples('biz config get models.default'))
    .action(act(() => import('./commands/config-get')));
  config
    .command('set')
    .description('set a key in the user config (or the project config with --project)')
    .argument('<key>')
    .argument('<value>')
    .option('--project', 'write .biz/config.yaml in this directory instead')
    .addHelpText('after', examples('biz config set models.default ollama:llama3.2', 'biz config set scan.failOn medium --project'))
    .action(act(() => import('./commands/config-set')));
  config
    .command('unset')
    .description('remove a key from the user config (or the project config with --project)')
    .argument('<key>')
    .option('--project', 'edit .biz/config.yaml instead')
    .action(act(() => import('./commands/config-unset')));
  config
    .command('list')
    .description('list the effective configuration with the source of each value')
    .option('--all', 'include every known key, set or not')
    .addOption(jsonOption())
    .action(act(() => import('./commands/config-list')));
  config
    .command('path')
    .description('print the config, data, state and cache paths')
    .addOption(jsonOption())
    .action(act(() => import('./commands/config-path')));

  program
    .command('doctor')
    .description('check that this machine can run biz, one line per check')
    .option('--model <spec>', 'model to test instead of the configured one')
    .addOption(jsonOption())
    .addHelpText('after', examples('biz doctor', 'biz doctor --json'))
    .action(act(() => import('./commands/doctor')));

  const runs = program.command('runs').description('list, inspect, resume and cancel agent runs');
  runs
    .command('list')
    .description('recent runs with agent, status, duration, tokens and cost')
    .option('--agent <name>', 'only this agent')
    .option('-L, --limit <n>', 'how many', '20')
    .addOption(jsonOption())
    .action(act(() => import('./commands/runs-list')));
  runs
    .command('show')
    .description('one run: status, usage, actions and events')
    .argument('<run>', 'run id or a unique prefix')
    .addOption(jsonOption())
    .action(act(() => import('./commands/runs-show')));
  runs
    .command('resume')
    .description('continue an interrupted, crashed or approval-waiting run from its last checkpoint')
    .argument('<run>', 'run id or a unique prefix')
    .option('-y, --yes', 'approve every proposed action')
    .option('--dry-run', 'show proposed actions and stop')
    .option('--model <spec>', 'model to continue with')
    .option('--max-cost <usd>', 'stop before the run would cost more than this', parseFloat)
    .option('--no-cache', 'do not use cached model responses')
    .addOption(jsonOption())
    .option('--jsonl', 'stream run events as JSON lines on stdout')
    .addHelpText('after', examples('biz runs resume 01jc8x3k2p --yes'))
    .action(act(() => import('./commands/runs-resume')));
  runs
    .command('cancel')
    .description('mark a waiting or interrupted run cancelled so it is never resumed')
    .argument('<run>', 'run id or a unique prefix')
    .action(act(() => import('./commands/runs-cancel')));

  program
    .command('login')
    .description('log in to the tenant\'s Keycloak realm with the device flow; tokens go to the OS keyring')
    .option('--issuer <url>', 'OpenID issuer URL (default: <auth.url>/realms/<tenant>)')
    .option('--client-id <id>', 'OAuth client id (default: auth.clientId)')
    .option('--scope <scope...>', 'extra scopes to request (openid and offline_access are always requested)')
    .option('--insecure-storage', 'store the tokens in a file readable only by you instead of the OS keyring')
    .addHelpText('after', examples('biz login', 'biz login --tenant acme', 'biz login --issuer https://sso.example.com/realms/acme --client-id biz-cli', 'BIZ_CLIENT_ID=ci BIZ_CLIENT_SECRET=... biz whoami   # CI: client credentials, no login'))
    .action(act(() => import('./commands/login')));
  program
    .command('logout')
    .description('revoke the tenant\'s tokens at the identity provider and delete them here')
    .addHelpText('after', examples('biz logout', 'biz logout --tenant acme'))
    .action(act(() => import('./commands/logout')));
  program
    .command('whoami')
    .description('show who is logged in: user, tenant, roles, token expiry and where the tokens are stored')
    .addOption(jsonOption())
    .addHelpText('after', examples('biz whoami', 'biz whoami --json'))
    .action(act(() => import('./commands/whoami')));

  const license = program.command('license').description('activate, show and remove the license key (Team and Enterprise plans)');
  license
    .command('activate')
    .description('verify a license key offline and store it for this user; an invalid key changes nothing (exit 4)')
    .argument('<key|@file>', 'the key, or @ and the file that holds it (@/dev/stdin reads standard input)')
    .addHelpText('after', examples('biz license activate @license.txt', 'biz license activate biz1.acme-2026.eyJpZCI6Li4ufQ.c2ln...', 'printf %s "$LICENSE" | biz license activate @/dev/stdin'))
    .action(act(() => import('./commands/license-activate')));
  license
    .command('status')
    .description("show the plan, entitlements and expiry in effect, and this machine's fingerprint (exit 4 when the key is expired or invalid)")
    .addOption(jsonOption())
    .addHelpText('after', examples('biz license status', 'biz license status --json'))
    .action(act(() => import('./commands/license-status')));
  license
    .command('deactivate')
    .description('remove the license key; biz goes back to the Community plan')
    .action(act(() => import('./commands/license-deactivate')));

  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', examples('biz completion bash > /etc/bash_completion.d/biz', 'biz completion zsh > "${fpath[1]}/_biz"', 'biz completion fish > ~/.config/fish/completions/biz.fish'))
    .action(act(() => import('./commands/completion')));

  return program;
}
