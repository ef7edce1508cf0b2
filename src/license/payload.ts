import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });

/** The signed content of a key. Dates are ISO 8601 instants; the machine is a fingerprint from machine.ts. */
export const licensePayloadSchema = z.strictObject({
  id: z.string().min(1).max(128),
  customer: z.string().min(1).max(200),
  plan: z.enum(['team', 'enterprise']),
  entitlements: z.array(z.string().min(1).max(64)).max(64),
  seats: z.number().int().min(1),
  issuedAt: instant,
  notBefore: instant,
  expiresAt: instant,
  graceDays: z.number().int().min(0).max(365),
  machine: z.string().regex(/^[0-9a-f]{64}$/, 'a machine fingerprint is 64 hex digits').optional(),
  requiredIssuer: z.url().optional(),
});

export type LicensePayload = z.infer<typeof licensePayloadSchema>;

/** "plan: Invalid option" style text for the first few problems. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
    .join('; ');
}
