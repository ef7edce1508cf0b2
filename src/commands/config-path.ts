import { join } from 'node:path';
import { findProjectConfig } from '../config/files';
import { resolvePaths } from '../config/paths';
import { printJson } from '../ui/messages';
import { renderTable } from '../ui/table';

export default async function configPath(_args: string[], opts: { json?: boolean }): Promise<number> {
  const paths = resolvePaths();
  const all = {
    userConfig: join(paths.configDir, 'config.yaml'),
    projectConfig: findProjectConfig(process.cwd()) ?? null,
    data: paths.dataDir,
    state: paths.stateDir,
    cache: paths.cacheDir,
  };
  if (opts.json) printJson(all);
  else process.stdout.write(renderTable(['WHAT', 'PATH'], Object.entries(all).map(([k, v]) => [k, v ?? '(none)'])));
  return 0;
}
