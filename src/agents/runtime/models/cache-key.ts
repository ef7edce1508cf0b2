import { createHash } from 'node:crypto';
import type { ChatMessage, JsonSchemaFormat } from './messages';
import type { ModelSpec } from './spec';

export interface CacheKeyParts {
  spec: ModelSpec;
  endpoint: string;
  messages: ChatMessage[];
  jsonSchema?: JsonSchemaFormat;
  temperature?: number;
  maxTokens?: number;
}

/** sha256 over everything that shapes the answer; the version prefix lets a format change invalidate old entries. */
export function responseCacheKey(parts: CacheKeyParts): string {
  const material = JSON.stringify([
    'biz-model-cache-v1',
    parts.spec.provider,
    parts.spec.model,
    parts.endpoint,
    parts.messages.map((m) => [m.role, m.content]),
    parts.jsonSchema ?? null,
    parts.temperature ?? null,
    parts.maxTokens ?? null,
  ]);
  return createHash('sha256').update(material).digest('hex');
}
