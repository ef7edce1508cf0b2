import type { LockfileContents, Package } from '../package';
import { readTomlPackages, tomlString } from './toml-packages';

/** Cargo.lock: crates from a registry; path and git crates (no source, or git+) are not crates.io releases. */
export function parseCargoLock(file: string, text: string): LockfileContents {
  return readTomlPackages(file, text, (tables) => {
    const packages: Package[] = [];
    for (const { fields, line } of tables) {
      const name = tomlString(fields, 'name');
      const version = tomlString(fields, 'version');
      const source = tomlString(fields, 'source') ?? '';
      if (name && version && /^(registry|sparse)\+/.test(source)) {
        packages.push({ ecosystem: 'crates.io', name, version, file, line });
      }
    }
    return { packages, warnings: [] };
  });
}
