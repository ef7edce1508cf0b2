import type { Node } from 'oxc-parser';

/** The value of a string literal ("x" or 'x'), or undefined for any other node. */
export function stringValue(node: Node | null | undefined): string | undefined {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

/** A string written out in full: "x", 'x' or `x` without substitutions. */
export function literalString(node: Node | null | undefined): string | undefined {
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return stringValue(node);
}

/** The value of a boolean literal, or undefined for any other node. */
export function booleanValue(node: Node): boolean | undefined {
  return node.type === 'Literal' && typeof node.value === 'boolean' ? node.value : undefined;
}
