import type { CallExpression, Node } from 'oxc-parser';
import type { Scope } from '../scope';
import {
  OPAQUE,
  composedOf,
  constantValue,
  derivedFrom,
  eitherOf,
  inputValue,
  isInput,
  type ValueSummary,
} from '../values';
import { inputDepth, pathOf } from './paths';

/** Calls whose result no longer carries the attacker's text: numbers, booleans, escaped or validated strings. */
const SANITIZER = /^(?:parseInt|parseFloat|Number|Boolean|isNaN|encodeURIComponent|escape\w*|\w*[eE]scape\w*|quote|sanitize\w*|\w*[sS]anitize\w*|validate\w*|is[A-Z]\w*|basename)$/;
const REQUEST_ACCESSORS = new Set(['get', 'header', 'param']);

/** The value of a path that names user input, or undefined: req.query.id, process.argv[2], location.href. */
export function inputAt(path: string[]): ValueSummary | undefined {
  const depth = inputDepth(path);
  return depth > 0 ? inputValue(path.join('.')) : undefined;
}

export function summarize(node: Node | null | undefined, scope: Scope): ValueSummary {
  if (!node) return OPAQUE;
  switch (node.type) {
    case 'Literal':
      if ('regex' in node) return OPAQUE;
      return constantValue(node.value === null ? '' : String(node.value));
    case 'TemplateLiteral': {
      const parts: ValueSummary[] = [];
      node.quasis.forEach((quasi, index) => {
        parts.push(constantValue(quasi.value.cooked ?? quasi.value.raw));
        if (index < node.expressions.length) parts.push(summarize(node.expressions[index], scope));
      });
      return composedOf(parts);
    }
    case 'BinaryExpression':
      if (node.operator === '+') return composedOf([summarize(node.left, scope), summarize(node.right, scope)]);
      return OPAQUE;
    case 'ConditionalExpression':
      return eitherOf([summarize(node.consequent, scope), summarize(node.alternate, scope)]);
    case 'LogicalExpression':
      return eitherOf([summarize(node.left, scope), summarize(node.right, scope)]);
    case 'AssignmentExpression':
      return summarize(node.right, scope);
    case 'SequenceExpression':
      return summarize(node.expressions[node.expressions.length - 1], scope);
    case 'ChainExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'ParenthesizedExpression':
      return summarize(node.expression, scope);
    case 'AwaitExpression':
      return summarize(node.argument, scope);
    case 'Identifier':
      return scope.lookup(node.name) ?? (node.name === 'undefined' ? constantValue('') : (inputAt([node.name]) ?? OPAQUE));
    case 'MemberExpression': {
      const path = pathOf(node);
      const input = path && inputAt(path);
      if (input) return input;
      const object = summarize(node.object, scope);
      return isInput(object) ? object : OPAQUE;
    }
    case 'CallExpression':
      return summarizeCall(node, scope);
    case 'ArrayExpression':
      return derivedFrom(node.elements.map((element) => summarize(element, scope)));
    case 'ObjectExpression':
      return derivedFrom(node.properties.map((property) => (property.type === 'Property' ? summarize(property.value, scope) : OPAQUE)));
    default:
      return OPAQUE;
  }
}

function summarizeCall(node: CallExpression, scope: Scope): ValueSummary {
  const callee = node.callee;
  const calleePath = pathOf(callee);
  const method = calleePath?.[calleePath.length - 1];
  if (method && SANITIZER.test(method)) return OPAQUE;
  const args = node.arguments.map((argument) => summarize(argument, scope));
  if (callee.type !== 'MemberExpression') return derivedFrom(args);
  const receiverPath = pathOf(callee.object);
  if (receiverPath?.length === 1 && (receiverPath[0] === 'req' || receiverPath[0] === 'request') && method && REQUEST_ACCESSORS.has(method)) {
    return inputValue(`${receiverPath[0]}.${method}()`);
  }
  const receiver = summarize(callee.object, scope);
  if (method === 'concat' || method === 'format') return composedOf(method === 'concat' ? [receiver, ...args] : args);
  return derivedFrom([receiver, ...args]);
}
