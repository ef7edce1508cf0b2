import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from '../../runtime/context';
import { applyChanges, formatFailuresForModel, parseEdits, planEdits } from '../edits';
import type { CodeStateType } from '../state';
import { promptTemplate } from '../../runtime/templates';

const MAX_FILE_CHARS = 60_000;

function filesForModel(worktree: string, paths: string[]): string {
  const parts: string[] = [];
  for (const path of [...new Set(paths)]) {
    const abs = join(worktree, path);
    if (!existsSync(abs) || !statSync(abs).isFile()) continue;
    const text = readFileSync(abs, 'utf8');
    parts.push(`${path}\n\`\`\`\n${text.length > MAX_FILE_CHARS ? `${text.slice(0, MAX_FILE_CHARS)}\n… (truncated)` : text}\n\`\`\``);
  }
  return parts.join('\n\n') || '(no existing files requested)';
}

/**
 * The model answers with edit blocks; they are parsed and applied to the scratch checkout all or nothing. A
 * failure goes back to the model with the closest lines (aider's reflection), within the attempt budget.
 */
export function generateNode(ctx: RunContext) {
  return async (state: CodeStateType): Promise<Partial<CodeStateType>> => {
    const { input, plan, worktree } = state;
    const attempts = state.attempts + 1;
    const model = await ctx.model();
    const request = [
      `Plan:\n${JSON.stringify(plan, null, 2)}`,
      state.clarifications.length ? `Answers to your questions:\n${state.clarifications.map((c) => `Q: ${c.question}\nA: ${c.answer}`).join('\n')}` : '',
      `Current files:\n${filesForModel(worktree, [...plan!.filesToRead, ...plan!.filesToChange, ...state.touched])}`,
      state.feedback ? `Your previous attempt did not work:\n${state.feedback}\nAnswer again with corrected edit blocks.` : '',
    ].filter(Boolean);
    const reply = await model.invoke([
      { role: 'system', content: promptTemplate('coding-generate') },
      { role: 'user', content: `Requirement:\n${input.requirement}\n\n${request.join('\n\n')}` },
    ]);
    const parsed = parseEdits(reply.text);
    if (parsed.errors.length > 0 || parsed.edits.length === 0) {
      const problems = parsed.errors.length ? parsed.errors.map((e) => `- ${e.message}`).join('\n') : '- no edit blocks found';
      return { attempts, feedback: `The edit blocks could not be read:\n${problems}` };
    }
    const planned = await planEdits(worktree, parsed.edits, { allowIgnored: input.allowIgnored });
    if (!planned.ok) return { attempts, feedback: formatFailuresForModel(planned.failures) };
    await applyChanges(worktree, planned.changes);
    return { attempts, feedback: '', touched: planned.changes.map((c) => c.path) };
  };
}
