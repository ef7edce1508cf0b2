/**
 * A JSON parser that remembers the line of every object key and array item, so lockfile findings can point at the
 * line that declares a package. Objects have no prototype, so a "__proto__" key is plain data.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface JsonDocument {
  value: JsonValue;
  /** Line of `key` inside `object`, 1-based. */
  keyLine(object: JsonObject, key: string): number | undefined;
  /** Line where the `index`-th item of `array` starts, 1-based. */
  itemLine(array: JsonValue[], index: number): number | undefined;
}

/** Lines ride along on each container under a symbol: invisible to Object.entries, and far lighter than WeakMaps. */
const LINES = Symbol('lines');
type WithLines<T, L> = T & { [LINES]?: L };

export function parseJsonWithLines(text: string): JsonDocument {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  const fail = (what: string): never => {
    throw new JsonSyntaxError(`invalid JSON: ${what} at line ${line}`, line);
  };

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      at++;
    }
  };

  const readString = (): string => {
    let end = text.indexOf('"', at + 1);
    for (;;) {
      if (end < 0) fail('unterminated string');
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
    const raw = text.slice(at, end + 1);
    at = end + 1;
    if (raw.includes('\n')) fail('unterminated string');
    if (!raw.includes('\\')) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return fail('bad escape in string');
    }
  };

  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

  const readValue = (): JsonValue => {
    skipSpace();
    const c = text[at];
    if (c === '{') return readObject();
    if (c === '[') return readArray();
    if (c === '"') return readString();
    literal.lastIndex = at;
    const match = literal.exec(text);
    if (!match) return fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
    at += match[0].length;
    return JSON.parse(match[0]) as JsonValue;
  };

  const expect = (char: string, what: string): void => {
    skipSpace();
    if (text[at] !== char) fail(`expected ${what}`);
    at++;
  };

  const readObject = (): JsonObject => {
    const object = Object.create(null) as WithLines<JsonObject, Record<string, number>>;
    const lines = Object.create(null) as Record<string, number>;
    object[LINES] = lines;
    at++;
    skipSpace();
    if (text[at] === '}') {
      at++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail('expected a quoted key');
      const keyAt = line;
      const key = readString();
      expect(':', "':' after a key");
      object[key] = readValue();
      lines[key] = keyAt;
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      expect('}', "',' or '}'");
      return object;
    }
  };

  const readArray = (): JsonValue[] => {
    const array: WithLines<JsonValue[], number[]> = [];
    const lines: number[] = [];
    array[LINES] = lines;
    at++;
    skipSpace();
    if (text[at] === ']') {
      at++;
      return array;
    }
    for (;;) {
      skipSpace();
      lines.push(line);
      array.push(readValue());
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      expect(']', "',' or ']'");
      return array;
    }
  };

  const value = readValue();
  skipSpace();
  if (at < text.length) fail('unexpected text after the document');
  return {
    value,
    keyLine: (object, key) => (object as WithLines<JsonObject, Record<string, number>>)[LINES]?.[key],
    itemLine: (array, index) => (array as WithLines<JsonValue[], number[]>)[LINES]?.[index],
  };
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}
