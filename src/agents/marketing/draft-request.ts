import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { DEFAULTS } from '../../config/schema';
import type { Context } from '../../core/context';
import { UsageError } from '../../core/errors';
import { IMAGE_TYPES } from './media-types';
import type { DraftInput } from './state';

/** X accepts images up to 5 MB. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** .biz/brand.md of the nearest folder up from cwd that has one. */
function findBrandFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, '.biz', 'brand.md');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function mediaOf(path: string, cwd: string): DraftInput['media'] {
  const abs = resolve(cwd, path);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new UsageError(`--media ${path}: no such file`);
  const mimeType = IMAGE_TYPES[extname(abs).toLowerCase()];
  if (!mimeType) throw new UsageError(`--media ${path}: only PNG, JPEG, GIF and WebP images can be attached`);
  const size = statSync(abs).size;
  if (size > MAX_IMAGE_BYTES) throw new UsageError(`--media ${path} is ${(size / 1024 / 1024).toFixed(1)} MB; X takes images up to 5 MB`);
  return { path: abs, mimeType };
}

export interface DraftRequest {
  brief: string;
  campaign?: string;
  variants?: number;
  thread?: boolean;
  media?: string;
  brand?: string;
  critique?: boolean;
  autoApproveAbove?: number;
  origin?: string;
}

/** The brand file to use: the flag, then market.brandFile, then the nearest .biz/brand.md. */
export function brandFileFor(ctx: Context, flag?: string): string | undefined {
  const named = flag ?? ctx.config.values.market?.brandFile;
  if (!named) return findBrandFile(ctx.cwd);
  const path = resolve(ctx.cwd, named);
  if (!existsSync(path)) throw new UsageError(`brand file ${named} does not exist`);
  return path;
}

/** The draft agent's input from flags (or a schedule) and config, checked before any model is asked. */
export function draftInputFrom(ctx: Context, req: DraftRequest): DraftInput {
  if (!req.brief.trim()) throw new UsageError('the brief is empty', 'e.g. biz market draft "announce our 2.0 release: faster scans, SARIF output"');
  const variants = req.variants ?? 1;
  if (!Number.isInteger(variants) || variants < 1 || variants > 5) throw new UsageError(`--variants must be a whole number from 1 to 5, not "${req.variants}"`);
  const market = ctx.config.values.market;
  const brandFile = brandFileFor(ctx, req.brand);
  return {
    brief: req.brief.trim(),
    campaign: req.campaign,
    variants,
    thread: Boolean(req.thread),
    media: req.media ? mediaOf(req.media, ctx.cwd) : undefined,
    brandFile,
    minScore: market?.minScore ?? DEFAULTS.marketMinScore,
    maxRevisions: market?.maxRevisions ?? DEFAULTS.marketMaxRevisions,
    autoApproveAbove: req.autoApproveAbove,
    critique: Boolean(req.critique),
    origin: req.origin ?? 'cli',
  };
}
