import { ModelUnavailableError } from '../../runtime/models';
import type { RunContext } from '../../runtime/context';
import { promptTemplate } from '../../runtime/templates';
import { extractLeadFromText } from '../leads/from-text';
import { extractedSchema, type LeadStateType } from '../state';

/**
 * from-text: the deterministic parser takes what is certain (email, phone, a signature's name and title); the
 * model fills what is left. What the parser found always wins over the model.
 */
export function extractNode(ctx: RunContext) {
  return async (state: LeadStateType): Promise<Partial<LeadStateType>> => {
    const text = state.input.text ?? '';
    const { fields, found } = extractLeadFromText(text);
    const certain = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1])));
    if (certain.email && (certain.name || certain.lastName) && certain.company) return { raw: certain };
    let model;
    try {
      model = await ctx.model();
    } catch (err) {
      if (!(err instanceof ModelUnavailableError)) throw err;
      throw new ModelUnavailableError(`the text gives ${found.length ? found.join(', ') : 'no field with certainty'}; a model is needed for the rest (${err.message})`, err.hint);
    }
    const reply = await model.invoke(
      [
        { role: 'system', content: promptTemplate('lead-extract') },
        { role: 'user', content: `${text}\n\nAlready found with certainty: ${JSON.stringify(certain)}` },
      ],
      { schema: extractedSchema, name: 'lead', temperature: 0 },
    );
    const guessed = Object.fromEntries(Object.entries(reply.parsed!).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
    return { raw: { ...guessed, ...certain } };
  };
}
