import { Annotation } from '@langchain/langgraph';
import { z } from 'zod';
import { ActionChannels } from '../runtime/actions';

export const leadInput = z.object({
  mode: z.enum(['add', 'text', 'import']),
  /** add: the fields from the flags. */
  raw: z.record(z.string(), z.string()).optional(),
  /** text: an email, a signature or notes. */
  text: z.string().optional(),
  /** import: absolute path, --map, and where rejected rows go. */
  file: z.string().optional(),
  map: z.record(z.string(), z.string()).default({}),
  rejectsFile: z.string().optional(),
  /** import --dry-run: read and check every row, keep nothing. */
  check: z.boolean().default(false),
  defaultCountry: z.string().optional(),
  /** Absolute path of the follow-up sequence file new leads are enrolled in. */
  sequenceFile: z.string().optional(),
  /** Salesforce was connected when the run started: leads are matched and written there. */
  crm: z.boolean(),
  bulkThreshold: z.number().int().positive(),
  /** Ask the model for a fit summary of each new lead (always for add and from-text when a model answers). */
  summarize: z.boolean().default(false),
});
export type LeadInput = z.infer<typeof leadInput>;

export const extractedSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
});

export const summarySchema = z.object({ summary: z.string() });

export interface ImportCounts {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

export interface SyncOutcome {
  created: number;
  updated: number;
  attached: number;
  failed: number;
  followUps: number;
}

export const LeadState = Annotation.Root({
  input: Annotation<LeadInput>(),
  /** text mode: what the parser and the model found. */
  raw: Annotation<Record<string, string>>({ reducer: (_a, b) => b, default: () => ({}) }),
  /** add and text: the lead's local id. */
  leadId: Annotation<number | undefined>({ reducer: (_a, b) => b, default: () => undefined }),
  counts: Annotation<ImportCounts>({ reducer: (_a, b) => b, default: () => ({ read: 0, accepted: 0, rejected: 0, duplicates: 0 }) }),
  ...ActionChannels,
});
export type LeadStateType = typeof LeadState.State;
