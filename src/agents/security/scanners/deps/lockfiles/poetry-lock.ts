import type { LockfileContents, Package } from '../package';
import { readTomlPackages, tomlString } from './toml-packages';

/** poetry.lock: [[package]] name and version, from PyPI or a PyPI-style index. */
export function parsePoetryLock(file: string, text: string): LockfileContents {
  return readTomlPackages(file, text, (tables) => {
    const packages: Package[] = [];
    for (const { fields, line } of tables) {
      const name = tomlString(fields, 'name');
      const version = tomlString(fields, 'version');
      const source = fields.source as { type?: unknown } | undefined;
      // Packages installed from a directory, file or git checkout are not PyPI releases.
      if (name && version && (source === undefined || source.type === 'legacy')) {
        packages.push({ ecosystem: 'PyPI', name, version, file, line });
      }
    }
    return { packages, warnings: [] };
  });
}
