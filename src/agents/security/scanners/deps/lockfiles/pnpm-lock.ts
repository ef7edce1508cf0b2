import type { LockfileContents, Package } from '../package';
import { isRegistryVersion, splitNameAt } from './npm-spec';
import { readYamlLockfile } from './yaml-lockfile';


/** pnpm-lock.yaml: keys of `packages`, "/name/1.0.0_peer" (v5), "/name@1.0.0(peer@2)" (v6), "name@1.0.0" (v9). */
export function parsePnpmLock(file: string, text: string): LockfileContents {
  return readYamlLockfile(file, text, (lockfile) => {
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const { key, line } of lockfile.entries('packages')) {
      const parsed = parsePackageKey(key);
      if (!parsed || !isRegistryVersion(parsed.version)) continue;
      const id = `${parsed.name}@${parsed.version}`;
      if (seen.has(id)) continue;
      seen.add(id);
      packages.push({ ecosystem: 'npm', ...parsed, file, line });
    }
    return { packages, warnings: [] };
  });
}

function parsePackageKey(key: string): { name: string; version: string } | undefined {
  const path = key.replace(/^\//, '').replace(/\(.*$/, '');
  const modern = splitNameAt(path);
  if (modern) return { name: modern.name, version: modern.rest };
  const slash = path.lastIndexOf('/');
  if (slash <= 0) return undefined;
  return { name: path.slice(0, slash), version: (path.slice(slash + 1).split('_')[0] ?? '') };
}
