import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../../../core/errors';
import type { Lead } from './lead';

export const STEP_TYPES = ['email', 'call', 'task', 'check-in'] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** What {{...}} may name in a subject or description; {{firstName|there}} gives a fallback for a missing value. */
const PLACEHOLDERS = ['firstName', 'lastName', 'fullName', 'company', 'title', 'owner'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

const stepSchema = z.strictObject({
  day: z.int().min(0).max(365),
  type: z.enum(STEP_TYPES),
  subject: z.string().trim().min(1),
  description: z.string().default(''),
});
const sequenceSchema = z.strictObject({ name: z.string().trim().min(1), steps: z.array(stepSchema).min(1) });

export type SequenceStep = z.infer<typeof stepSchema>;
export type Sequence = z.infer<typeof sequenceSchema>;

export interface PlannedFollowUp {
  /** 1-based, in the order of the file. */
  step: number;
  type: StepType;
  subject: string;
  description: string;
  /** YYYY-MM-DD, never a Saturday or Sunday. */
  due: string;
}

/** A follow-up sequence file; every error names the file, the line and the field. */
export function loadSequence(path: string): Sequence {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read sequence ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const syntax = doc.errors[0];
  if (syntax) throw new UsageError(`${path}:${syntax.linePos?.[0].line ?? 1}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  const at = (fieldPath: PropertyKey[]) => `${path}:${lineOf(doc, lineCounter, fieldPath)}: ${fieldName(fieldPath)}`;

  const parsed = sequenceSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const fieldPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    throw new UsageError(`${at(fieldPath)}: ${issue.message}`, `Steps have: day (0 or more), type (${STEP_TYPES.join(', ')}), subject, description.`);
  }
  parsed.data.steps.forEach((step, i) => {
    for (const field of ['subject', 'description'] as const) {
      for (const [, name] of step[field].matchAll(PLACEHOLDER)) {
        if (!PLACEHOLDERS.includes(name as Placeholder)) {
          throw new UsageError(`${at(['steps', i, field])}: unknown placeholder {{${name}}}`, `Placeholders: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}; {{firstName|there}} gives a fallback.`);
        }
      }
    }
  });
  return parsed.data;
}

/** The line of a field, or of the nearest enclosing node when the field is missing. */
function lineOf(doc: Document, lineCounter: LineCounter, fieldPath: PropertyKey[]): number {
  for (let n = fieldPath.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(fieldPath.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return 1;
}

const fieldName = (fieldPath: PropertyKey[]) =>
  fieldPath.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(top level)';

/** A lead's steps with dates: start plus each step's day, a Saturday or Sunday moved to the Monday after. */
export function planFollowUps(sequence: Sequence, start: Date, lead: Lead): PlannedFollowUp[] {
  const values: Record<Placeholder, string | undefined> = {
    firstName: lead.firstName,
    lastName: lead.lastName,
    fullName: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
    company: lead.company,
    title: lead.title,
    owner: lead.owner,
  };
  const fill = (template: string) => template.replace(PLACEHOLDER, (_m, name: string, fallback?: string) => values[name as Placeholder] || (fallback ?? '').trim());
  return sequence.steps.map((step, i) => ({
    step: i + 1,
    type: step.type,
    subject: fill(step.subject),
    description: fill(step.description),
    due: workday(start, step.day),
  }));
}

/** The local calendar day `days` after `start`, as YYYY-MM-DD, moved off a weekend. */
function workday(start: Date, days: number): string {
  const date = new Date(start.getFullYear(), start.getMonth(), start.getDate() + days);
  const weekday = date.getDay();
  if (weekday === 6) date.setDate(date.getDate() + 2);
  if (weekday === 0) date.setDate(date.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
