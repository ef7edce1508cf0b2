import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface BizPaths {
  configDir: string; // user config.yaml
  dataDir: string; // databases, per tenant
  stateDir: string; // logs
  cacheDir: string; // downloads such as the offline OSV database
}

/** XDG base directories; BIZ_HOME moves every path under one folder (tests and portable installs use it). */
export function resolvePaths(env: NodeJS.ProcessEnv = process.env): BizPaths {
  if (env.BIZ_HOME) {
    const home = env.BIZ_HOME;
    return {
      configDir: join(home, 'config'),
      dataDir: join(home, 'data'),
      stateDir: join(home, 'state'),
      cacheDir: join(home, 'cache'),
    };
  }
  const home = homedir();
  return {
    configDir: join(env.XDG_CONFIG_HOME || join(home, '.config'), 'biz'),
    dataDir: join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'biz'),
    stateDir: join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'biz'),
    cacheDir: join(env.XDG_CACHE_HOME || join(home, '.cache'), 'biz'),
  };
}

export function tenantDataDir(paths: BizPaths, tenant: string): string {
  return join(paths.dataDir, 'tenants', tenant);
}

/** The nearest `.biz/config.yaml` from cwd upwards. */
export function findProjectConfig(cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    const candidate = join(dir, '.biz', 'config.yaml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
