import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type ParsedNode, type Scalar } from 'yaml';
import type { ScanWarning, SourceFile } from '../../findings';

export type YamlNode = ParsedNode;

export interface YamlEntry {
  key: string;
  keyNode: YamlNode;
  value: YamlNode | null;
}

/** Read access to one parsed YAML document: aliases resolved, `<<` merge keys applied, offsets into the file. */
export class YamlDoc {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
  ) {}

  get root(): YamlNode | null {
    return this.resolve(this.doc.contents);
  }

  resolve(node: YamlNode | null | undefined): YamlNode | null {
    if (!node) return null;
    return isAlias(node) ? ((node.resolve(this.doc) as YamlNode | undefined) ?? null) : node;
  }

  /**
   * A mapping's entries, its own first, then those merged in with `<<`; empty for anything but a mapping. Each
   * mapping is merged once, so aliases that fan out (a "billion laughs" file) cost no more than the text they are in.
   */
  entries(node: YamlNode | null | undefined, merged: Set<YamlNode> = new Set()): YamlEntry[] {
    const map = this.resolve(node);
    if (!isMap(map) || merged.has(map)) return [];
    merged.add(map);
    const own: YamlEntry[] = [];
    const inherited: YamlEntry[] = [];
    for (const pair of map.items) {
      const keyNode = pair.key as YamlNode;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const value = (pair.value as YamlNode | null) ?? null;
      if (key === '<<') {
        const sources = isSeq(this.resolve(value)) ? this.items(value) : [value];
        for (const source of sources) inherited.push(...this.entries(source, merged));
      } else {
        own.push({ key, keyNode, value: this.resolve(value) });
      }
    }
    const seen = new Set(own.map((e) => e.key));
    return [...own, ...inherited.filter((e) => !seen.has(e.key) && seen.add(e.key))];
  }

  get(node: YamlNode | null | undefined, key: string): YamlEntry | undefined {
    return this.entries(node).find((e) => e.key === key);
  }

  /** Follows a path of keys: `at(pod, 'spec', 'template')`. */
  at(node: YamlNode | null | undefined, ...keys: string[]): YamlNode | null {
    let current = this.resolve(node);
    for (const key of keys) current = this.get(current, key)?.value ?? null;
    return current;
  }

  items(node: YamlNode | null | undefined): YamlNode[] {
    const seq = this.resolve(node);
    return isSeq(seq) ? seq.items.map((item) => this.resolve(item as YamlNode)).filter((item): item is YamlNode => item !== null) : [];
  }

  /** A scalar's value as text (numbers and booleans included); undefined for null, mappings and sequences. */
  str(node: YamlNode | null | undefined): string | undefined {
    const scalar = this.resolve(node);
    if (!isScalar(scalar) || scalar.value === null || scalar.value === undefined) return undefined;
    return String((scalar as Scalar).value);
  }

  isMap(node: YamlNode | null | undefined): boolean {
    return isMap(this.resolve(node));
  }

  offset(node: YamlNode | null | undefined): number {
    return node?.range?.[0] ?? 0;
  }

  /** The node as written in the file, and where. */
  source(node: YamlNode): { start: number; text: string } {
    const [start, end] = node.range;
    return { start, text: this.text.slice(start, end) };
  }
}

/** YAML 1.1 booleans as Kubernetes (go-yaml) reads them. */
export function yamlBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(?:true|yes|on|y)$/i.test(value)) return true;
  if (/^(?:false|no|off|n)$/i.test(value)) return false;
  return undefined;
}

/** Every document of a YAML stream; a document with syntax errors is reported with its line and left out. */
export function parseYamlDocuments(file: SourceFile, warn: (warning: ScanWarning) => void): YamlDoc[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter, prettyErrors: false });
  const usable: YamlDoc[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const line = lineCounter.linePos(error.pos[0]).line;
      warn({ file: file.path, line, message: `invalid YAML: ${error.message.split('\n')[0]}` });
      continue;
    }
    usable.push(new YamlDoc(doc, file.text));
  }
  return usable;
}
