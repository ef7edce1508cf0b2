import type { LockfileContents, Package } from '../package';
import { isJsonObject, stringField, type JsonDocument, type JsonObject } from '../json-lines';
import { readJsonLockfile } from './json-lockfile';
import { isRegistryVersion } from './npm-spec';

const ALIAS = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/;

/** package-lock.json and npm-shrinkwrap.json: the `packages` map (v2, v3) or nested `dependencies` (v1). */
export function parseNpmLock(file: string, text: string): LockfileContents {
  return readJsonLockfile(file, text, (root, doc) => {
    const packages: Package[] = [];
    const add = (name: string, version: string | undefined, line: number | undefined): void => {
      if (version && isRegistryVersion(version)) packages.push({ ecosystem: 'npm', name, version, file, line: line ?? 1 });
    };
    if (isJsonObject(root.packages)) readPackagesMap(root.packages, doc, add);
    else if (isJsonObject(root.dependencies)) readDependencyTree(root.dependencies, doc, add);
    return { packages, warnings: [] };
  });
}

type Add = (name: string, version: string | undefined, line: number | undefined) => void;

function readPackagesMap(map: JsonObject, doc: JsonDocument, add: Add): void {
  for (const [path, entry] of Object.entries(map)) {
    const installed = path.lastIndexOf('node_modules/');
    // "" is the project itself; paths without node_modules/ are workspace sources; links point at those.
    if (installed < 0 || !isJsonObject(entry) || entry.link === true) continue;
    const name = stringField(entry, 'name') ?? path.slice(installed + 'node_modules/'.length);
    add(name, stringField(entry, 'version'), doc.keyLine(map, path));
  }
}

function readDependencyTree(dependencies: JsonObject, doc: JsonDocument, add: Add): void {
  for (const [name, entry] of Object.entries(dependencies)) {
    if (!isJsonObject(entry)) continue;
    const version = stringField(entry, 'version');
    const alias = version ? ALIAS.exec(version) : null;
    if (alias) add(alias[1] as string, alias[2], doc.keyLine(dependencies, name));
    else add(name, version, doc.keyLine(dependencies, name));
    if (isJsonObject(entry.dependencies)) readDependencyTree(entry.dependencies, doc, add);
  }
}
