import { z } from 'zod';
import type { RunContext } from '../../runtime/context';
import type { TriageNote } from '../report-model';
import type { ScanStateType } from '../state';

const MAX_FINDINGS = 200;

const triageSchema = z.object({
  findings: z.array(
    z.object({
      id: z.number().int(),
      rank: z.number().int(),
      likelyFalsePositive: z.boolean(),
      note: z.string(),
    }),
  ),
});

/**
 * --triage: the model ranks findings and explains likely false positives. It only annotates: every finding stays
 * in the report whatever the model says.
 */
export function triageNode(ctx: RunContext) {
  return async (state: ScanStateType): Promise<Partial<ScanStateType>> => {
    const findings = state.report?.findings.slice(0, MAX_FINDINGS) ?? [];
    if (findings.length === 0) return {};
    const model = await ctx.model();
    const listing = findings
      .map((f, id) => `${id}. [${f.severity}] ${f.ruleId} ${f.file}:${f.line} ${f.message}${f.snippet ? `\n   ${f.snippet}` : ''}`)
      .join('\n');
    const reply = await model.invoke(
      [
        {
          role: 'system',
          content:
            'You triage static-analysis findings for a security engineer. Rank them by real risk (1 = fix first). Mark a finding likelyFalsePositive only with a concrete reason visible in the snippet or path (test fixture, placeholder, dead code). Be brief: one sentence per note.',
        },
        { role: 'user', content: `Findings:\n${listing}\n\nReturn every finding id exactly once.` },
      ],
      { schema: triageSchema, name: 'triage' },
    );
    const notes: TriageNote[] = [];
    for (const t of (reply.parsed as z.infer<typeof triageSchema>).findings) {
      const f = findings[t.id];
      if (f) notes.push({ fingerprint: f.fingerprint, rank: t.rank, likelyFalsePositive: t.likelyFalsePositive, note: t.note });
    }
    return { triageNotes: notes.sort((a, b) => a.rank - b.rank) };
  };
}
