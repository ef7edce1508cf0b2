import type { LockfileContents, Package } from '../package';
import { isRegistryVersion, splitNameAt } from './npm-spec';
import { fieldOf, readYamlLockfile } from './yaml-lockfile';

const LOCAL_PROTOCOL = /^(file|link|portal|workspace):/;

/** yarn.lock: the classic v1 format, or berry (v2+), which is YAML with a __metadata entry. */
export function parseYarnLock(file: string, text: string): LockfileContents {
  return /^__metadata:/m.test(text) ? parseBerry(file, text) : parseClassic(file, text);
}

function parseClassic(file: string, text: string): LockfileContents {
  const packages: Package[] = [];
  const warnings: LockfileContents['warnings'] = [];
  const lines = text.split(/\r?\n/);
  let entry: { name: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    if (!/^\s/.test(raw)) {
      entry = undefined;
      if (!raw.endsWith(':')) {
        warnings.push({ file, line, message: 'cannot parse lockfile: expected "<package>@<range>:"' });
        return;
      }
      const firstSpec = (raw.slice(0, -1).split(',')[0] ?? '').trim().replace(/^"|"$/g, '');
      if (LOCAL_PROTOCOL.test(splitNameAt(firstSpec)?.rest ?? '')) return;
      const name = classicPackageName(firstSpec);
      if (name) entry = { name, line };
      else warnings.push({ file, line, message: `cannot parse lockfile: bad package spec ${JSON.stringify(firstSpec)}` });
      return;
    }
    const version = /^ {2}version:? "?([^"\s]+)"?\s*$/.exec(raw)?.[1];
    if (entry && version && isRegistryVersion(version)) {
      packages.push({ ecosystem: 'npm', name: entry.name, version, file, line: entry.line });
      entry = undefined;
    }
  });
  return { packages, warnings };
}

/** The package a v1 spec installs, following "alias@npm:real@range". */
function classicPackageName(spec: string): string | undefined {
  const parts = splitNameAt(spec);
  if (!parts) return undefined;
  if (parts.rest.startsWith('npm:')) return splitNameAt(parts.rest.slice(4))?.name ?? parts.rest.slice(4);
  return parts.name;
}

function parseBerry(file: string, text: string): LockfileContents {
  return readYamlLockfile(file, text, (lockfile) => {
    const packages: Package[] = [];
    for (const { key, value, line } of lockfile.entries()) {
      if (key === '__metadata') continue;
      const name = berryRegistryName(fieldOf(value, 'resolution') ?? '');
      const version = fieldOf(value, 'version');
      if (name && version && isRegistryVersion(version)) packages.push({ ecosystem: 'npm', name, version, file, line });
    }
    return { packages, warnings: [] };
  });
}

/** "lodash@npm:4.17.21" gives lodash; a patch of a registry package gives that package; other protocols nothing. */
function berryRegistryName(resolution: string): string | undefined {
  const parts = splitNameAt(resolution);
  if (!parts) return undefined;
  if (parts.rest.startsWith('npm:')) return parts.name;
  if (parts.rest.startsWith('patch:')) {
    const patched = decodeURIComponent(parts.rest.slice('patch:'.length).split('#')[0] ?? '');
    return berryRegistryName(patched);
  }
  return undefined;
}
