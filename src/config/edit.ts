import { join } from 'node:path';
import { UsageError } from '../core/errors';
import { writeFileAtomic } from './atomic-write';
import { readYamlFile } from './files';
import { assertKnownKey, coerceValue } from './load';
import { configSchema } from './schema';

/** Changes one key of a config file, validating the whole result first: a bad value is never written. */
function editFile(path: string, key: string, change: (doc: ReturnType<typeof readYamlFile>['doc'], parts: string[]) => void): void {
  assertKnownKey(key);
  const file = readYamlFile(path);
  change(file.doc, key.split('.'));
  const result = configSchema.safeParse(file.doc.toJSON() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${key}: ${issue.message}`, `Nothing was written to ${path}.`);
  }
  writeFileAtomic(path, file.doc.toString());
}

export function setConfigValue(path: string, key: string, raw: string): void {
  const value = coerceValue(key, raw);
  editFile(path, key, (doc, parts) => {
    if (doc.contents === null) doc.contents = doc.createNode({});
    doc.setIn(parts, value);
  });
}

export function unsetConfigValue(path: string, key: string): boolean {
  let removed = false;
  editFile(path, key, (doc, parts) => {
    removed = doc.hasIn(parts) && doc.deleteIn(parts);
    // Drop parents left empty, so `unset` leaves no `models: {}` behind.
    for (let n = parts.length - 1; n > 0; n--) {
      const parent = doc.getIn(parts.slice(0, n)) as { items?: unknown[] } | undefined;
      if (parent?.items?.length === 0) doc.deleteIn(parts.slice(0, n));
    }
  });
  return removed;
}

export function projectConfigPath(cwd: string): string {
  return join(cwd, '.biz', 'config.yaml');
}
