/**
 * What the analysers know about an expression's value: where it comes from and which literal text it carries.
 * Ordered by how much an attacker may control: constant < opaque < composed < input.
 */
export type Provenance = 'constant' | 'opaque' | 'composed' | 'input';

export interface ValueSummary {
  provenance: Provenance;
  /** The literal text of the value with its non-literal parts left out. */
  text: string;
  /** The literal text before the first non-literal part. */
  prefix: string;
  /** The user-input expression the value derives from, for messages. */
  source?: string;
}

const RANK: Record<Provenance, number> = { constant: 0, opaque: 1, composed: 2, input: 3 };

export const OPAQUE: ValueSummary = { provenance: 'opaque', text: '', prefix: '' };

export function constantValue(text: string): ValueSummary {
  return { provenance: 'constant', text, prefix: text };
}

export function inputValue(source: string): ValueSummary {
  return { provenance: 'input', text: '', prefix: '', source };
}

export function isConstant(value: ValueSummary): boolean {
  return value.provenance === 'constant';
}

export function isInput(value: ValueSummary): boolean {
  return value.provenance === 'input';
}

/** A string built from parts in order: concatenation, template literals, f-strings, % and format(). */
export function composedOf(parts: ValueSummary[]): ValueSummary {
  let prefix = '';
  let prefixOpen = true;
  let text = '';
  let source: string | undefined;
  let allConstant = true;
  for (const part of parts) {
    text += part.text;
    source ??= part.source;
    if (prefixOpen) prefix += part.prefix;
    if (part.provenance !== 'constant') {
      prefixOpen = false;
      allConstant = false;
    }
  }
  if (allConstant) return constantValue(text);
  return { provenance: source ? 'input' : 'composed', text, prefix, source };
}

/** One of several values (a ? b : c, a || b): as dangerous as the most dangerous alternative. */
export function eitherOf(values: ValueSummary[]): ValueSummary {
  return values.reduce((worst, value) => (RANK[value.provenance] > RANK[worst.provenance] ? value : worst));
}

/** The result of an unknown call or operation on these values: input stays input, anything else is opaque. */
export function derivedFrom(values: ValueSummary[]): ValueSummary {
  const tainted = values.find(isInput);
  return tainted ? inputValue(tainted.source ?? '') : OPAQUE;
}

/**
 * True when a URL that starts with this literal text has its scheme and host settled, so what follows can only
 * pick a path or query: "https://api.example.com/", "/profile/", "users/". "/" alone is not settled: "//evil.com".
 */
export function destinationFixed(prefix: string): boolean {
  if (/^(?:[a-z][a-z\d+.-]*:)?[/\\]{2}[^/\\?#]+[/\\?#]/i.test(prefix)) return true;
  if (/^[a-z][a-z\d+.-]*:/i.test(prefix) || /^[/\\]{2}/.test(prefix)) return false;
  if (/^[/\\]/.test(prefix)) return /^[/\\][^/\\]/.test(prefix);
  return /[/?#]/.test(prefix);
}

const SQL_SHAPE = new RegExp(
  [
    String.raw`\bselect\b[\s\S]*?\bfrom\b`,
    String.raw`\b(?:insert|replace|merge)\s+into\b`,
    String.raw`\bupdate\s+[\w."\x60[\]]+\s+set\b`,
    String.raw`\bdelete\s+from\b`,
    String.raw`\b(?:create|drop|alter|truncate)\s+(?:table|index|view|database)\b`,
    String.raw`\bwhere\s+[\w."\x60[\]]+\s*(?:[=<>]|\blike\b|\bin\b|\bis\b)`,
    String.raw`\border\s+by\b`,
  ].join('|'),
  'i',
);

/**
 * A query argument worth reporting: a string built at run time whose literal parts read as SQL (any such string
 * for raw-SQL APIs), or, where the sink surely takes SQL, user input passed as the whole statement.
 */
export function isBuiltSql(value: ValueSummary, sink: { rawApi: boolean; takesSql: boolean }): boolean {
  if (value.provenance !== 'composed' && value.provenance !== 'input') return false;
  if (sink.rawApi || SQL_SHAPE.test(value.text)) return true;
  return isInput(value) && value.text.trim() === '' && sink.takesSql;
}

/** How a message names where a value comes from. */
export function originOf(value: ValueSummary): string {
  if (value.provenance === 'input') return `user input (${value.source})`;
  if (value.provenance === 'composed') return 'a string built at run time';
  return 'a non-literal value';
}
