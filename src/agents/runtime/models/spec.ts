import { UsageError } from '../../../core/errors';

export type ModelProvider = 'openai' | 'ollama';

/** Which model to talk to: `openai:gpt-4o-mini`, `ollama:llama3.2`, or a bare name meaning OpenAI. */
export interface ModelSpec {
  provider: ModelProvider;
  model: string;
}

const PROVIDERS: readonly ModelProvider[] = ['openai', 'ollama'];

export const MODEL_SPEC_FORMS =
  'openai:<model> (e.g. openai:gpt-4o-mini, also for OpenAI-compatible servers), ollama:<model> (e.g. ollama:llama3.2), or a bare OpenAI model name (e.g. gpt-4o)';

export function parseModelSpec(spec: string): ModelSpec {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(':');
  if (colon === -1) return checked({ provider: 'openai', model: trimmed }, spec);
  const provider = trimmed.slice(0, colon);
  if (!isProvider(provider)) throw new UsageError(`unknown model provider "${provider}" in "${spec}"`, `use ${MODEL_SPEC_FORMS}`);
  return checked({ provider, model: trimmed.slice(colon + 1).trim() }, spec);
}

export function formatModelSpec(spec: ModelSpec): string {
  return `${spec.provider}:${spec.model}`;
}

function isProvider(value: string): value is ModelProvider {
  return (PROVIDERS as readonly string[]).includes(value);
}

function checked(parsed: ModelSpec, spec: string): ModelSpec {
  if (!parsed.model) throw new UsageError(`no model name in "${spec}"`, `use ${MODEL_SPEC_FORMS}`);
  return parsed;
}
