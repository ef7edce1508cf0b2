import type { LockfileContents, Package } from '../package';

/**
 * go.sum, used only when no go.mod sits beside it: modules with a content hash were downloaded to build; lines that
 * hash only a "/go.mod" belong to the module graph and are left out.
 */
export function parseGoSum(file: string, text: string): LockfileContents {
  const packages: Package[] = [];
  const warnings: LockfileContents['warnings'] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '') return;
    if (fields.length !== 3) {
      warnings.push({ file, line, message: 'cannot parse go.sum: expected "<module> <version> <hash>"' });
      return;
    }
    const [name, version] = fields as [string, string];
    if (version.endsWith('/go.mod') || seen.has(`${name} ${version}`)) return;
    seen.add(`${name} ${version}`);
    packages.push({ ecosystem: 'Go', name, version: version.replace(/^v/, ''), file, line });
  });
  return { packages, warnings };
}
