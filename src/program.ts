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
