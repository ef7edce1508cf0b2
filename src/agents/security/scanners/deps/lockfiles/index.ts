import { posix } from 'node:path';
import type { LockfileParser } from '../package';
import { parseCargoLock } from './cargo-lock';
import { parseComposerLock } from './composer-lock';
import { parseGemfileLock } from './gemfile-lock';
import { parseGoMod } from './go-mod';
import { parseGoSum } from './go-sum';
import { parseNpmLock } from './npm-lock';
import { parsePipfileLock } from './pipfile-lock';
import { parsePnpmLock } from './pnpm-lock';
import { parsePoetryLock } from './poetry-lock';
import { parseRequirements } from './requirements';
import { parseYarnLock } from './yarn-lock';

const PARSERS_BY_BASENAME: Record<string, LockfileParser> = {
  'package-lock.json': parseNpmLock,
  'npm-shrinkwrap.json': parseNpmLock,
  'yarn.lock': parseYarnLock,
  'pnpm-lock.yaml': parsePnpmLock,
  'poetry.lock': parsePoetryLock,
  'Pipfile.lock': parsePipfileLock,
  'Cargo.lock': parseCargoLock,
  'go.mod': parseGoMod,
  'go.sum': parseGoSum,
  'Gemfile.lock': parseGemfileLock,
  'gems.locked': parseGemfileLock,
  'composer.lock': parseComposerLock,
};

/** requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements.prod.txt ... */
const REQUIREMENTS = /^(?:[\w.-]+[-_.])?requirements(?:[-_.][\w.-]+)?\.txt$/;

export function parserFor(path: string): LockfileParser | undefined {
  const base = posix.basename(path.replaceAll('\\', '/'));
  if (Object.hasOwn(PARSERS_BY_BASENAME, base)) return PARSERS_BY_BASENAME[base];
  return REQUIREMENTS.test(base) ? parseRequirements : undefined;
}

export function isLockfile(path: string): boolean {
  return parserFor(path) !== undefined;
}
