/** SOQL text: quoted literals and IN lists cut to a size Salesforce accepts. */

/** A SOQL string literal: backslash, quote and control characters escaped. */
export function literal(value: string): string {
  const escaped = value.replace(/[\\'\n\r\t\b\f"]/g, (c) => `\\${{ '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f' }[c] ?? c}`);
  return `'${escaped}'`;
}

/**
 * Splits values into IN lists of at most `maxItems` values and `maxChars` characters of literals, so that each query
 * stays far below SOQL's 100,000 characters and the URL limit of the query resource.
 */
export function inLists(values: string[], maxItems: number, maxChars: number): string[][] {
  const lists: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const value of values) {
    const size = literal(value).length + 1;
    if (current.length > 0 && (current.length >= maxItems || chars + size > maxChars)) {
      lists.push(current);
      current = [];
      chars = 0;
    }
    current.push(value);
    chars += size;
  }
  if (current.length > 0) lists.push(current);
  return lists;
}
