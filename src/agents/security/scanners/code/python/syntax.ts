import type { SyntaxNode } from '@lezer/common';

/** Helpers over @lezer/python's concrete syntax tree: node text is always a slice of the source. */

export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}

export interface Arguments {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
}

/** The ArgList of a call split into positional and keyword arguments; *args and **kwargs are left out. */
export function argumentsOf(call: SyntaxNode, text: string): Arguments {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  const list = call.getChild('ArgList');
  if (!list) return { positional, keywords };
  const children = childrenOf(list);
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (child.name === '*' || child.name === '**') {
      index++;
    } else if (child.name === 'VariableName' && children[index + 1]?.name === 'AssignOp') {
      keywords.set(textOf(child, text), children[index + 2]);
      index += 2;
    } else if (!['(', ')', ',', 'for', 'in', 'if', 'Comment'].includes(child.name) && !child.type.isError) {
      positional.push(child);
    }
  }
  return { positional, keywords };
}

export function textOf(node: SyntaxNode, text: string): string {
  return text.slice(node.from, node.to);
}

/** a.b.c as ["a", "b", "c"]; subscripts with a string key count as a segment, other subscripts end the path. */
export function pathOf(node: SyntaxNode, text: string): string[] | undefined {
  if (node.name === 'VariableName') return [textOf(node, text)];
  if (node.name === 'ParenthesizedExpression') {
    const inner = node.firstChild?.nextSibling;
    return inner ? pathOf(inner, text) : undefined;
  }
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const objectPath = object && pathOf(object, text);
  if (!objectPath) return undefined;
  const property = node.getChild('PropertyName');
  if (property) return [...objectPath, textOf(property, text)];
  const key = node.getChild('String');
  const value = key ? stringValue(key, text) : undefined;
  return value === undefined ? objectPath : [...objectPath, value];
}

/** The value of a plain (non-f) string literal, escapes decoded; undefined for anything else. */
export function stringValue(node: SyntaxNode, text: string): string | undefined {
  if (node.name === 'ContinuedString') {
    let value = '';
    for (const part of childrenOf(node)) {
      const piece = stringValue(part, text);
      if (piece === undefined) return undefined;
      value += piece;
    }
    return value;
  }
  if (node.name !== 'String') return undefined;
  const literal = splitLiteral(textOf(node, text));
  return literal.raw ? literal.body : unescapePython(literal.body);
}

/** A string literal's prefix letters, quote and body: rb'x' -> { raw: true, body: "x" }. */
export function splitLiteral(source: string): { raw: boolean; body: string; open: number; close: number } {
  const prefix = /^[a-zA-Z]*/.exec(source)![0];
  const rest = source.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? 3 : 1;
  const open = prefix.length + quote;
  const close = source.length - quote;
  return { raw: /r/i.test(prefix), body: source.slice(open, Math.max(open, close)), open, close };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '0': '\0', '\\': '\\', "'": "'", '"': '"', '\n': '' };

function unescapePython(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (whole, escape: string) => {
    if (/^[xuU]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    if (/^[0-7]+$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return SIMPLE_ESCAPES[escape] ?? whole;
  });
}

export function isTrue(node: SyntaxNode | undefined, text: string): boolean {
  return node?.name === 'Boolean' && textOf(node, text) === 'True';
}

export function isFalse(node: SyntaxNode | undefined, text: string): boolean {
  return node?.name === 'Boolean' && textOf(node, text) === 'False';
}
