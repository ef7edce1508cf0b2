import type { LockfileContents, Package } from '../package';
import { isJsonObject, stringField } from '../json-lines';
import { readJsonLockfile } from './json-lockfile';

/** Pipfile.lock: `default` and `develop`, each pinned "==x"; VCS and path entries carry no version. */
export function parsePipfileLock(file: string, text: string): LockfileContents {
  return readJsonLockfile(file, text, (root, doc) => {
    const packages: Package[] = [];
    for (const group of ['default', 'develop']) {
      const section = root[group];
      if (!isJsonObject(section)) continue;
      for (const [name, entry] of Object.entries(section)) {
        const pin = isJsonObject(entry) ? /^===?(.+)$/.exec(stringField(entry, 'version') ?? '') : null;
        if (pin) packages.push({ ecosystem: 'PyPI', name, version: pin[1] as string, file, line: doc.keyLine(section, name) ?? 1 });
      }
    }
    return { packages, warnings: [] };
  });
}
