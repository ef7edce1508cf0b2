import type { LockfileContents, Package } from '../package';
import { isJsonObject, stringField } from '../json-lines';
import { readJsonLockfile } from './json-lockfile';

/** composer.lock: `packages` and `packages-dev`; branch checkouts (dev-main) are not releases. */
export function parseComposerLock(file: string, text: string): LockfileContents {
  return readJsonLockfile(file, text, (root, doc) => {
    const packages: Package[] = [];
    for (const group of ['packages', 'packages-dev']) {
      const list = root[group];
      if (!Array.isArray(list)) continue;
      list.forEach((entry, index) => {
        if (!isJsonObject(entry)) return;
        const name = stringField(entry, 'name');
        const version = stringField(entry, 'version')?.replace(/^v/i, '');
        if (!name || !version || !/^\d/.test(version)) return;
        const line = doc.keyLine(entry, 'name') ?? doc.itemLine(list, index) ?? 1;
        packages.push({ ecosystem: 'Packagist', name, version, file, line });
      });
    }
    return { packages, warnings: [] };
  });
}
