import type { AssignmentExpression, Node, ObjectProperty, RegExpLiteral } from 'oxc-parser';
import { maskSecret } from '../../secrets/mask';
import { credentialKind, looksLikeCredential } from '../credentials';
import { redosFragment } from '../redos';
import { describe } from '../source-text';
import { isConstant, originOf } from '../values';
import type { JsContext } from './context';
import { booleanValue, literalString } from './literals';
import { isFunction, keyName, pathOf, propertyName } from './paths';

/** false or its minified form !1. */
function isFalse(node: Node): boolean {
  if (node.type === 'UnaryExpression') return node.operator === '!' && node.argument.type === 'Literal' && node.argument.value === 1;
  return booleanValue(node) === false;
}

/** `name = "value"` in any form: declarations, assignments, object properties, class fields. */
export function checkCredential(name: string | undefined, value: Node | null | undefined, at: Node, context: JsContext): void {
  const kind = name === undefined ? undefined : credentialKind(name);
  const secret = literalString(value);
  if (!kind || secret === undefined || !looksLikeCredential(secret, name!, kind)) return;
  context.maskEverywhere(secret);
  context.report('hardcoded-credential', at, `"${name}" is set to a hard-coded ${kind} in the source.`, `${name}=${maskSecret(secret)}`);
}

export function checkProperty(property: ObjectProperty, context: JsContext): void {
  const key = keyName(property.key, property.computed);
  if (key === undefined) return;
  const value = property.value;
  if (key === '$where' && !isFunction(value)) {
    const summary = context.value(value);
    if (!isConstant(summary)) context.report('nosql-where', property, `$where runs ${originOf(summary)} as JavaScript inside MongoDB.`);
  } else if (key === 'rejectUnauthorized' && isFalse(value)) {
    context.report('tls-verification-disabled', property, 'rejectUnauthorized: false accepts any TLS certificate.');
  } else if (key === 'NODE_TLS_REJECT_UNAUTHORIZED') {
    checkTlsEnvironment(value, property, context);
  } else {
    checkCredential(key, value, property, context);
  }
}

function checkTlsEnvironment(value: Node, at: Node, context: JsContext): void {
  const summary = context.value(value);
  if (isConstant(summary) && summary.text === '0') {
    context.report('tls-verification-disabled', at, 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole process.');
  }
}

export function checkAssignment(assignment: AssignmentExpression, context: JsContext): void {
  if (assignment.operator !== '=') return;
  const target = assignment.left;
  const name =
    target.type === 'Identifier'
      ? target.name
      : target.type === 'MemberExpression'
        ? propertyName(target)
        : undefined;
  const path = pathOf(target);
  if (path?.length === 3 && path[0] === 'process' && path[1] === 'env' && path[2] === 'NODE_TLS_REJECT_UNAUTHORIZED') {
    checkTlsEnvironment(assignment.right, assignment, context);
  } else if (name === 'rejectUnauthorized' && isFalse(assignment.right)) {
    context.report('tls-verification-disabled', assignment, 'rejectUnauthorized = false accepts any TLS certificate.');
  } else {
    checkCredential(name, assignment.right, assignment, context);
  }
}

export function checkRegexLiteral(literal: RegExpLiteral, context: JsContext): void {
  const fragment = redosFragment(literal.regex.pattern);
  if (fragment) context.report('redos', literal, `The pattern's ${describe(fragment)} can backtrack exponentially on a crafted input.`);
}
