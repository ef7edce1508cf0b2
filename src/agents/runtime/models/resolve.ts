import { DEFAULT_OLLAMA_HOST, ollamaHost, type ModelEndpoints } from './endpoints';
import { ModelUnavailableError } from './errors';
import { parseModelSpec, type ModelSpec } from './spec';

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
const PREFERRED_OLLAMA_MODEL = 'llama3.2';
const OLLAMA_PROBE_TIMEOUT_MS = 500;

export interface ResolveModelOptions extends ModelEndpoints {
  /** `--model` / models.default. */
  spec?: string;
  /** The names of the models installed at an Ollama host, or undefined when nothing answers there. */
  probeOllama?: (host: string) => Promise<string[] | undefined>;
}

/** The model to use: the spec when given; else OpenAI when a key is set; else a local Ollama that answers. */
export async function resolveModel(options: ResolveModelOptions): Promise<ModelSpec> {
  if (options.spec) return parseModelSpec(options.spec);
  if (options.openaiApiKey) return { provider: 'openai', model: DEFAULT_OPENAI_MODEL };
  const host = ollamaHost(options);
  const installed = await (options.probeOllama ?? listOllamaModels)(host);
  if (installed === undefined) {
    throw new ModelUnavailableError(
      `no model configured: OPENAI_API_KEY is not set and no Ollama answers at ${host}`,
      `set OPENAI_API_KEY (or pass --model openai:<model> with OPENAI_BASE_URL for an OpenAI-compatible server), ` +
        `or run Ollama at OLLAMA_HOST (default ${DEFAULT_OLLAMA_HOST}) with a model pulled (ollama pull ${PREFERRED_OLLAMA_MODEL})`,
    );
  }
  const model = pickOllamaModel(installed);
  if (!model) {
    throw new ModelUnavailableError(
      `Ollama at ${host} has no models installed`,
      `run: ollama pull ${PREFERRED_OLLAMA_MODEL} (or set OPENAI_API_KEY to use OpenAI)`,
    );
  }
  return { provider: 'ollama', model };
}

/** llama3.2 when installed (under any tag), else the first model listed. */
export function pickOllamaModel(installed: string[]): string | undefined {
  return installed.find((name) => name === PREFERRED_OLLAMA_MODEL || name.startsWith(`${PREFERRED_OLLAMA_MODEL}:`)) ?? installed[0];
}

/** GET /api/tags with a short timeout: the installed model names, or undefined when Ollama is not there. */
export async function listOllamaModels(host: string): Promise<string[] | undefined> {
  try {
    const response = await fetch(`${host}/api/tags`, { signal: AbortSignal.timeout(OLLAMA_PROBE_TIMEOUT_MS) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { models?: { name?: unknown }[] };
    return (body.models ?? []).map((m) => m.name).filter((name): name is string => typeof name === 'string');
  } catch {
    return undefined;
  }
}
