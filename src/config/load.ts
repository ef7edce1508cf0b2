import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ZodMiniBoolean, ZodMiniNumber, type core } from 'zod/mini';
import { UsageError } from '../core/errors';
import { findProjectConfig, resolvePaths, type BizPaths } from './paths';
import { configSchema, ENV_KEYS, leafKeys, type BizConfig } from './schema';

export type ConfigSource = 'flag' | 'env' | 'project' | 'user';

export interface LoadedConfig {
  values: BizConfig;
  /** Where each set leaf key came from: "flag", "env:OPENAI_BASE_URL", or a file path. */
  origins: Map<string, string>;
  paths: BizPaths;
  userFile: string;
  projectFile?: string;
}

type Tree = Record<string, unknown>;

export function getPath(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree);
}

function setPath(tree: Tree, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    if (!node[part] || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Tree;
  }
  node[parts[parts.length - 1]] = value;
}

function leaves(tree: unknown, prefix = ''): [string, unknown][] {
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) return prefix ? [[prefix, tree]] : [];
  return Object.entries(tree as Tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Throws for a key biz does not know, suggesting the closest ones (a different case, or the same last word). */
export function assertKnownKey(key: string): void {
  const keys = [...leafKeys().keys()];
  if (keys.includes(key)) return;
  const last = key.split('.').pop()!.toLowerCase();
  const close = keys.filter((k) => k.toLowerCase() === key.toLowerCase() || k.split('.').pop()!.toLowerCase() === last);
  throw new UsageError(
    `unknown config key "${key}"`,
    close.length ? `Did you mean ${close.map((k) => `"${k}"`).join(' or ')}?` : `Run 'biz config list --all' to see every key.`,
  );
}

/** Turns a string (from the environment or `config set`) into the key's type. */
export function coerceValue(key: string, raw: string): unknown {
  assertKnownKey(key);
  const type = leafKeys().get(key);
  if (type instanceof ZodMiniBoolean) {
    const v = raw.trim().toLowerCase();
    return ['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off'].includes(v) ? false : raw;
  }
  if (type instanceof ZodMiniNumber) {
    const n = Number(raw);
    return raw.trim() === '' || Number.isNaN(n) ? raw : n;
  }
  return raw;
}

function describeIssue(issue: core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

async function validateFile(path: string): Promise<Tree> {
  // Imported here, not above, so that a machine without config files never loads the YAML parser.
  const { lineOf, readYamlFile } = await import('./files');
  const file = readYamlFile(path);
  const data = (file.doc.toJSON() ?? {}) as Tree;
  const result = configSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue.path.join('.');
    const line = lineOf(file, issue.path as (string | number)[]);
    throw new UsageError(
      `${path}:${line}: ${key ? `${key}: ` : ''}${describeIssue(issue)}`,
      `Fix it with 'biz config set <key> <value>' or edit the file.`,
    );
  }
  return data;
}

function validateLayer(layer: Tree, origins: Map<string, string>): void {
  const result = configSchema.safeParse(layer);
  if (result.success) return;
  const issue = result.error.issues[0];
  const key = issue.path.join('.');
  const origin = origins.get(key) ?? 'configuration';
  throw new UsageError(`${origin}: ${key}: ${describeIssue(issue)}`);
}

/** Precedence: flags > environment > project .biz/config.yaml > user config.yaml (DESIGN.md). */
export async function loadConfig(opts: { cwd?: string; env?: NodeJS.ProcessEnv; flags?: Record<string, unknown> } = {}): Promise<LoadedConfig> {
  const env = opts.env ?? process.env;
  const paths = resolvePaths(env);
  const userFile = join(paths.configDir, 'config.yaml');
  const projectFile = findProjectConfig(opts.cwd ?? process.cwd());

  const merged: Tree = {};
  const origins = new Map<string, string>();
  const apply = (layer: Tree, origin: (key: string) => string) => {
    for (const [key, value] of leaves(layer)) {
      if (value === undefined) continue;
      setPath(merged, key, value);
      origins.set(key, origin(key));
    }
  };

  if (existsSync(userFile)) apply(await validateFile(userFile), () => userFile);
  if (projectFile) apply(await validateFile(projectFile), () => projectFile);

  const envLayer: Tree = {};
  const envOrigins = new Map<string, string>();
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    setPath(envLayer, key, coerceValue(key, raw));
    envOrigins.set(key, `environment variable ${name}`);
  }
  validateLayer(envLayer, envOrigins);
  apply(envLayer, (key) => envOrigins.get(key) ?? 'env');

  const flagLayer: Tree = {};
  for (const [key, value] of Object.entries(opts.flags ?? {})) if (value !== undefined) setPath(flagLayer, key, value);
  validateLayer(flagLayer, new Map(leaves(flagLayer).map(([k]) => [k, `flag for ${k}`])));
  apply(flagLayer, () => 'flag');

  return { values: configSchema.parse(merged), origins, paths, userFile, projectFile };
}
