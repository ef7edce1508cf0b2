import type { SyntaxNode } from '@lezer/common';
import { OPAQUE, composedOf, constantValue, derivedFrom, eitherOf, inputValue, isInput, type ValueSummary } from '../values';
import type { PyContext } from './context';
import { argumentsOf, childrenOf, pathOf, splitLiteral, stringValue } from './syntax';

const REQUEST_INPUTS = new Set([
  'args',
  'form',
  'values',
  'json',
  'cookies',
  'headers',
  'data',
  'files',
  'get_json',
  'GET',
  'POST',
  'COOKIES',
  'META',
  'FILES',
  'body',
  'query_params',
  'path_params',
]);
const INPUT_CALLS = new Set(['input', 'raw_input']);
/** Calls whose result no longer carries the attacker's text: numbers, booleans, escaped or validated strings. */
const SANITIZER =
  /(?:^|\.)(?:int|float|bool|len|abs|quote|quote_plus|escape|secure_filename|clean|is_safe_url|url_has_allowed_host_and_scheme|basename|literal_eval)$/;

/** The value of a path that names user input: request.args, self.request.GET, sys.argv; undefined otherwise. */
function inputAt(path: string[], context: PyContext): ValueSummary | undefined {
  const start = path[0] === 'self' ? 1 : 0;
  const root = path[start];
  const rootName = context.imports.get(root) ?? root;
  const isRequest = root === 'request' || rootName === 'flask.request';
  if (isRequest && REQUEST_INPUTS.has(path[start + 1])) return inputValue(path.slice(0, start + 2).join('.'));
  if (rootName === 'sys' && path[start + 1] === 'argv') return inputValue('sys.argv');
  if (rootName === 'sys.argv') return inputValue('sys.argv');
  return undefined;
}

export function summarize(node: SyntaxNode | null | undefined, context: PyContext): ValueSummary {
  if (!node) return OPAQUE;
  switch (node.name) {
    case 'String':
    case 'ContinuedString': {
      const value = stringValue(node, context.text);
      return value === undefined ? composedOf(childrenOf(node).map((part) => summarize(part, context))) : constantValue(value);
    }
    case 'FormatString':
      return summarizeFormatString(node, context);
    case 'Number':
    case 'Boolean':
    case 'None':
      return constantValue(context.textOf(node));
    case 'ParenthesizedExpression':
    case 'AwaitExpression':
      return summarize(node.firstChild?.nextSibling, context);
    case 'ConditionalExpression': {
      const [consequent, , , , alternate] = childrenOf(node);
      return eitherOf([summarize(consequent, context), summarize(alternate, context)]);
    }
    case 'BinaryExpression':
      return summarizeBinary(node, context);
    case 'VariableName':
      return context.scope.lookup(context.textOf(node)) ?? inputAt([context.textOf(node)], context) ?? OPAQUE;
    case 'MemberExpression': {
      const path = pathOf(node, context.text);
      const input = path && inputAt(path, context);
      if (input) return input;
      const object = summarize(node.firstChild, context);
      return isInput(object) ? object : OPAQUE;
    }
    case 'CallExpression':
      return summarizeCall(node, context);
    case 'ArrayExpression':
    case 'TupleExpression':
    case 'SetExpression':
    case 'DictionaryExpression':
      return derivedFrom(childrenOf(node).map((child) => summarize(child, context)));
    default:
      return OPAQUE;
  }
}

function summarizeFormatString(node: SyntaxNode, context: PyContext): ValueSummary {
  const source = context.textOf(node);
  const { open, close } = splitLiteral(source);
  const parts: ValueSummary[] = [];
  let position = open;
  for (const replacement of node.getChildren('FormatReplacement')) {
    parts.push(constantValue(source.slice(position, replacement.from - node.from)));
    const expression = replacement.firstChild?.nextSibling;
    parts.push(summarize(expression, context));
    position = replacement.to - node.from;
  }
  parts.push(constantValue(source.slice(position, close)));
  return composedOf(parts);
}

function summarizeBinary(node: SyntaxNode, context: PyContext): ValueSummary {
  const [left, operator, right] = childrenOf(node);
  const operatorText = operator ? context.textOf(operator) : '';
  if (operatorText === '+') return composedOf([summarize(left, context), summarize(right, context)]);
  if (operatorText === 'or' || operatorText === 'and') return eitherOf([summarize(left, context), summarize(right, context)]);
  if (operatorText === '%') {
    const template = summarize(left, context);
    return template.provenance === 'constant' ? formatted(template.text, /%(?!%)/, [summarize(right, context)]) : derivedFrom([template, summarize(right, context)]);
  }
  return OPAQUE;
}

/** "... %s ..." % x and "... {} ...".format(x): the template's text, cut where the first value goes in. */
function formatted(template: string, placeholder: RegExp, values: ValueSummary[]): ValueSummary {
  const match = placeholder.exec(template);
  const cut = match ? match.index : template.length;
  return composedOf([constantValue(template.slice(0, cut)), ...values, constantValue(template.slice(cut))]);
}

function summarizeCall(node: SyntaxNode, context: PyContext): ValueSummary {
  const callee = node.firstChild;
  if (!callee) return OPAQUE;
  const name = context.qualifiedName(callee) ?? '';
  if (SANITIZER.test(name)) return OPAQUE;
  if (INPUT_CALLS.has(name)) return inputValue(`${name}()`);
  const { positional, keywords } = argumentsOf(node, context.text);
  const args = [...positional, ...keywords.values()].map((argument) => summarize(argument, context));
  if (callee.name !== 'MemberExpression') return derivedFrom(args);
  const receiver = summarize(callee.firstChild, context);
  const method = callee.getChild('PropertyName');
  if (method && context.textOf(method) === 'format' && receiver.provenance === 'constant') return formatted(receiver.text, /\{/, args);
  return derivedFrom([receiver, ...args]);
}
