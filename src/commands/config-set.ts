import { projectConfigPath, setConfigValue } from '../config/edit';
import { join } from 'node:path';
import { resolvePaths } from '../config/paths';
import { printInfo } from '../ui/messages';

export default async function configSet([key, value]: string[], opts: { project?: boolean }): Promise<number> {
  const path = opts.project ? projectConfigPath(process.cwd()) : join(resolvePaths().configDir, 'config.yaml');
  setConfigValue(path, key, value);
  printInfo(`✓ set ${key} in ${path}`);
  return 0;
}
