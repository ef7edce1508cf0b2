import { Annotation } from '@langchain/langgraph';
import { z } from 'zod';
import { ActionChannels } from '../runtime/actions';

export const codeInput = z.object({
  requirement: z.string().min(1),
  source: z.string(), // where the requirement came from: "argument", a file path, or an issue URL
  repo: z.string(), // absolute path of the repository root
  base: z.string().regex(/^[0-9a-f]{40}$/), // the commit the change is made against
  check: z.string().optional(),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  deliver: z.enum(['local', 'gitlab']),
  push: z.boolean().default(false),
  gitlab: z.object({ url: z.string(), project: z.string() }).optional(),
  branch: z.string().optional(),
  allowIgnored: z.array(z.string()).default([]),
  repoMapChars: z.number().int().positive().default(24_000),
});
export type CodeInput = z.infer<typeof codeInput>;

export const planSchema = z.object({
  goal: z.string(),
  why: z.string(),
  acceptanceCriteria: z.array(z.string()),
  filesToRead: z.array(z.string()),
  filesToChange: z.array(z.string()),
  risks: z.array(z.string()),
  questions: z.array(z.string()),
});
export type Plan = z.infer<typeof planSchema>;

export interface CheckResult {
  command: string;
  exitCode: number | null;
  passed: boolean;
  output: string; // the tail of stdout and stderr
}

/** A changed file relative to the base commit: before is null for a new file. */
export interface ChangedFile {
  path: string;
  before: string | null;
  after: string;
}

export const CodeState = Annotation.Root({
  input: Annotation<CodeInput>(),
  worktree: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
  plan: Annotation<Plan | undefined>({ reducer: (_a, b) => b, default: () => undefined }),
  clarifications: Annotation<{ question: string; answer: string }[]>({ reducer: (_a, b) => b, default: () => [] }),
  attempts: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  feedback: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
  touched: Annotation<string[]>({ reducer: (a, b) => [...new Set([...a, ...b])], default: () => [] }),
  changes: Annotation<ChangedFile[]>({ reducer: (_a, b) => b, default: () => [] }),
  check: Annotation<CheckResult | undefined>({ reducer: (_a, b) => b, default: () => undefined }),
  diff: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
  ...ActionChannels,
});
export type CodeStateType = typeof CodeState.State;
