import { loadConfig, type LoadedConfig } from '../config/load';
import { DEFAULTS } from '../config/schema';
import { tenantDataDir } from '../config/paths';
import { openStore, type Store } from '../store';
import { createLogger, type Logger } from './logger';
import { registerSecret } from './redact';

export interface GlobalFlags {
  tenant?: string;
  verbose?: boolean;
  json?: boolean;
  jsonl?: boolean;
  color?: boolean; // commander's --no-color sets false
  model?: string;
  cache?: boolean; // --no-cache sets false
  maxCost?: number;
  yes?: boolean;
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface OutputMode {
  json: boolean;
  jsonl: boolean;
  color: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  interactive: boolean; // may we prompt?
}

/** What every command gets (DESIGN.md): config, store, logger, models, identity, license, tenant. */
export interface Context {
  config: LoadedConfig;
  tenant: string;
  logger: Logger;
  output: OutputMode;
  flags: GlobalFlags;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C: long work stops at the next safe point and records where it was. */
  signal: AbortSignal;
  /** Opened on first use, so commands that need no store never create one. */
  store(): Store;
  close(): void;
}

export function outputMode(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): OutputMode {
  const stdoutIsTTY = Boolean(process.stdout.isTTY);
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  return {
    json: Boolean(flags.json),
    jsonl: Boolean(flags.jsonl),
    color: flags.color !== false && !env.NO_COLOR && stdoutIsTTY,
    stdoutIsTTY,
    stderrIsTTY,
    interactive: Boolean(process.stdin.isTTY) && stderrIsTTY && !env.CI,
  };
}

export async function createContext(flags: GlobalFlags, configFlags: Record<string, unknown> = {}): Promise<Context> {
  const env = process.env;
  const cwd = process.cwd();
  const config = await loadConfig({ cwd, env, flags: { tenant: flags.tenant, 'models.default': flags.model, 'models.maxCostUsd': flags.maxCost, ...configFlags } });
  registerSecret(env.OPENAI_API_KEY);
  for (const [name, value] of Object.entries(env)) if (/^BIZ_.*(TOKEN|SECRET|KEY|PASSWORD)/.test(name)) registerSecret(value);
  const tenant = config.values.tenant ?? DEFAULTS.tenant;
  const logger = createLogger({ stateDir: config.paths.stateDir, level: config.values.log?.level, mirror: flags.verbose, fields: { tenant } });
  let store: Store | undefined;
  return {
    config,
    tenant,
    logger,
    output: outputMode(flags, env),
    flags,
    env,
    cwd,
    signal: flags.signal ?? new AbortController().signal,
    store() {
      store ??= openStore(tenantDataDir(config.paths, tenant));
      return store;
    },
    close() {
      store?.close();
    },
  };
}

