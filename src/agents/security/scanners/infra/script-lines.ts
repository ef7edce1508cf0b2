import type { YamlDoc, YamlNode } from './yaml-view';

export interface ScriptLine {
  text: string;
  /** Where the line is written in the file; the scalar's start when quoting makes the source differ from the value. */
  offset: number;
}

/**
 * The lines of a script given as a YAML string or a (nested) list of strings. A list reached twice through aliases
 * is read once: its findings would land on the same lines.
 */
export function scriptLines(doc: YamlDoc, node: YamlNode | null, seen: Set<YamlNode> = new Set()): ScriptLine[] {
  const resolved = doc.resolve(node);
  if (!resolved || seen.has(resolved)) return [];
  seen.add(resolved);
  const items = doc.items(resolved);
  if (items.length > 0) return items.flatMap((item) => scriptLines(doc, item, seen));
  const value = doc.str(resolved);
  if (value === undefined) return [];
  const source = doc.source(resolved);
  const lines: ScriptLine[] = [];
  let searchFrom = 0;
  for (const text of value.split('\n')) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const at = source.text.indexOf(trimmed, searchFrom);
    if (at !== -1) searchFrom = at + trimmed.length;
    lines.push({ text, offset: source.start + (at === -1 ? 0 : at) });
  }
  return lines;
}
