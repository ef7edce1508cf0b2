export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON Schema the provider should constrain the reply to (OpenAI json_schema strict, Ollama `format`). */
export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
}
