import { Annotation } from '@langchain/langgraph';
import { z } from 'zod';
import { ActionChannels } from '../runtime/actions';
import type { Brand } from './quality/brand';

export const draftInput = z.object({
  brief: z.string().min(1),
  campaign: z.string().optional(),
  variants: z.number().int().min(1).max(5).default(1),
  thread: z.boolean().default(false),
  media: z.object({ path: z.string(), mimeType: z.string() }).optional(),
  /** Absolute path of the brand file, when there is one. */
  brandFile: z.string().optional(),
  minScore: z.number().int().min(0).max(100),
  maxRevisions: z.number().int().min(0).max(5),
  /** Drafts that pass every gate and score at least this are approved at once (schedules only). */
  autoApproveAbove: z.number().int().min(0).max(100).optional(),
  critique: z.boolean().default(false),
  /** Who asked: "cli" or "schedule <id>". */
  origin: z.string().default('cli'),
});
export type DraftInput = z.infer<typeof draftInput>;

/** What the model writes for one candidate post. */
export const candidateSchema = z.object({
  text: z.string(),
  link: z.string().nullable(),
  mediaAlt: z.string().nullable(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const candidatesSchema = z.object({ candidates: z.array(candidateSchema) });

export const critiqueSchema = z.object({ critiques: z.array(z.object({ verdict: z.enum(['good', 'weak', 'off-brand']), note: z.string() })) });

/** A candidate with its posts (one, or a thread) and its quality check. */
export interface ScoredCandidate extends Candidate {
  parts: string[];
  hashtags: string[];
  score: number;
  passed: boolean;
  reasons: string[];
}

export interface QueuedPost {
  id: number;
  status: 'review' | 'approved';
  score: number;
  passed: boolean;
  reasons: string[];
  parts: string[];
}

export const DraftState = Annotation.Root({
  input: Annotation<DraftInput>(),
  brand: Annotation<Brand>(),
  recent: Annotation<{ id: string; text: string }[]>({ reducer: (_a, b) => b, default: () => [] }),
  candidates: Annotation<ScoredCandidate[]>({ reducer: (_a, b) => b, default: () => [] }),
  revisions: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  queued: Annotation<QueuedPost[]>({ reducer: (_a, b) => b, default: () => [] }),
});
export type DraftStateType = typeof DraftState.State;

export const publishInput = z.object({
  campaign: z.string().optional(),
  /** Epoch ms the command saw as "now": what is due is decided once, so a resumed run publishes the same set. */
  now: z.number().int(),
  slackChannel: z.string().optional(),
});
export type PublishInput = z.infer<typeof publishInput>;

export const PublishState = Annotation.Root({
  input: Annotation<PublishInput>(),
  ...ActionChannels,
});
export type PublishStateType = typeof PublishState.State;
