import { join } from 'node:path';
import { projectConfigPath, unsetConfigValue } from '../config/edit';
import { resolvePaths } from '../config/paths';
import { printInfo } from '../ui/messages';

export default async function configUnset([key]: string[], opts: { project?: boolean }): Promise<number> {
  const path = opts.project ? projectConfigPath(process.cwd()) : join(resolvePaths().configDir, 'config.yaml');
  const removed = unsetConfigValue(path, key);
  printInfo(removed ? `✓ removed ${key} from ${path}` : `${key} was not set in ${path}`);
  return 0;
}
