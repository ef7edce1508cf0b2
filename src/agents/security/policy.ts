import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { lineOf, readYamlFile } from '../../config/files';
import { UsageError } from '../../core/errors';

const severity = z.enum(['info', 'low', 'medium', 'high', 'critical', 'none']);

const ignoreEntry = z
  .object({
    rules: z.array(z.string().min(1)).min(1).optional(),
    paths: z.array(z.string().min(1)).min(1).optional(),
    fingerprints: z.array(z.string().min(1)).min(1).optional(),
    reason: z.string().min(3, 'every ignore needs a reason'),
    expires: z.union([z.iso.date(), z.date()]).optional(),
  })
  .strict()
  .refine((e) => e.rules || e.paths || e.fingerprints, 'an ignore needs rules, paths or fingerprints');

export const PROFILES = ['owasp-top10', 'cwe-top25'] as const;

const policySchema = z
  .object({
    failOn: severity.optional(),
    profiles: z.array(z.enum(PROFILES)).optional(),
    requiredFiles: z.array(z.string().min(1)).optional(),
    ignore: z.array(ignoreEntry).optional(),
  })
  .strict();

export type Policy = z.infer<typeof policySchema> & { file?: string };
export type PolicyIgnore = NonNullable<Policy['ignore']>[number];

/** `.biz/policy.yaml` (or --policy FILE). No file means an empty policy; a bad one names file, line and key. */
export function loadPolicy(root: string, explicit?: string): Policy {
  const path = explicit ?? join(root, '.biz', 'policy.yaml');
  if (!existsSync(path)) {
    if (explicit) throw new UsageError(`policy file ${explicit} does not exist`);
    return {};
  }
  const file = readYamlFile(path);
  const result = policySchema.safeParse(file.doc.toJSON() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue.path.join('.');
    throw new UsageError(`${path}:${lineOf(file, issue.path as (string | number)[])}: ${key ? `${key}: ` : ''}${issue.message}`, 'See the policy section of the README.');
  }
  return { ...result.data, file: path };
}

export function ignoreExpired(entry: PolicyIgnore, now: Date): boolean {
  if (!entry.expires) return false;
  const end = entry.expires instanceof Date ? entry.expires : new Date(`${entry.expires}T23:59:59Z`);
  return end.getTime() < now.getTime();
}
