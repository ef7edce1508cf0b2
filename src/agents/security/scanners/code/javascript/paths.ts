import type { MemberExpression, Node } from 'oxc-parser';
import { stringValue } from './literals';

/** a.b["c"] as ["a", "b", "c"]; require("m").x as ["require(m)", "x"]; undefined for anything computed. */
export function pathOf(node: Node): string[] | undefined {
  switch (node.type) {
    case 'Identifier':
      return [node.name];
    case 'ThisExpression':
      return ['this'];
    case 'MemberExpression': {
      const object = pathOf(node.object);
      const property = propertyName(node);
      return object && property !== undefined ? [...object, property] : undefined;
    }
    case 'CallExpression': {
      const module = requiredModule(node);
      return module === undefined ? undefined : [`require(${module})`];
    }
    case 'ChainExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return pathOf(node.expression);
    case 'SequenceExpression':
      return pathOf(node.expressions[node.expressions.length - 1]);
    default:
      return undefined;
  }
}

export function propertyName(node: MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return stringValue(node.property);
}

/** The name of an object key or class field when it is written out: `a: 1`, `"a": 1`, `#a = 1`. */
export function keyName(key: Node, computed: boolean): string | undefined {
  if ((key.type === 'Identifier' || key.type === 'PrivateIdentifier') && !computed) return key.name;
  return stringValue(key);
}

/** The module of require("m") or require("node:m"), without the node: prefix. */
export function requiredModule(node: Node): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const module = stringValue(node.arguments[0]);
  return module === undefined ? undefined : normaliseModule(module);
}

export function normaliseModule(name: string): string {
  return name.replace(/^node:/, '');
}

const REQUEST_INPUTS = new Set(['query', 'body', 'params', 'headers', 'cookies', 'signedCookies', 'originalUrl', 'url', 'files']);
const KOA_INPUTS = new Set(['request', 'query', 'params', 'headers', 'cookies', 'querystring']);
const LAMBDA_INPUTS = new Set(['body', 'queryStringParameters', 'pathParameters', 'multiValueQueryStringParameters', 'headers']);
const DOCUMENT_INPUTS = new Set(['URL', 'documentURI', 'location', 'referrer', 'baseURI']);

/** How many leading segments of a path name user input (req.query, process.argv, ...); 0 when it is not input. */
export function inputDepth(path: string[]): number {
  const [root, first] = path;
  if (first === undefined) return root === 'location' ? 1 : 0;
  if ((root === 'req' || root === 'request') && REQUEST_INPUTS.has(first)) return 2;
  if (root === 'ctx' && KOA_INPUTS.has(first)) return 2;
  if (root === 'event' && LAMBDA_INPUTS.has(first)) return 2;
  if (root === 'process' && first === 'argv') return 2;
  if (root === 'location') return 1;
  if (root === 'document' && DOCUMENT_INPUTS.has(first)) return 2;
  if (root === 'window' && first === 'location') return 2;
  return 0;
}

/** Functions of every form: declarations, expressions, arrows, and the values of methods and accessors. */
export function isFunction(node: Node): boolean {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration';
}
