import type { SyntaxNode } from '@lezer/common';
import { maskSecret } from '../../secrets/mask';
import { credentialKind, looksLikeCredential } from '../credentials';
import type { PyContext } from './context';
import { childrenOf, isFalse, isTrue, pathOf, stringValue } from './syntax';

const SETTINGS_FILE = /(?:^|\/)settings\.py$|(?:^|\/)settings\/(?!.*(?:dev|local|test))[^/]+\.py$/;

/** `name = "value"` in any form: assignments, keyword arguments, dictionary entries. */
export function checkCredential(name: string, value: SyntaxNode | undefined, at: SyntaxNode, context: PyContext): void {
  const kind = credentialKind(name);
  const secret = kind && value ? stringValue(value, context.text) : undefined;
  if (!kind || secret === undefined || !looksLikeCredential(secret, name, kind)) return;
  context.maskEverywhere(secret);
  context.report('hardcoded-credential', at, `"${name}" is set to a hard-coded ${kind} in the source.`, `${name}=${maskSecret(secret)}`);
}

/** The names an assignment writes, each as its last segment: x, self.password -> password, a, b. */
export function targetsOf(statement: SyntaxNode): SyntaxNode[] {
  const children = childrenOf(statement);
  const lastOperator = children.findLastIndex((child) => child.name === 'AssignOp' || child.name === 'UpdateOp');
  return children.slice(0, lastOperator).filter((child) => child.name === 'VariableName' || child.name === 'MemberExpression');
}

export function assignedValueOf(statement: SyntaxNode): SyntaxNode | undefined {
  const children = childrenOf(statement);
  const lastOperator = children.findLastIndex((child) => child.name === 'AssignOp' || child.name === 'UpdateOp');
  const values = children.slice(lastOperator + 1).filter((child) => child.name !== ',');
  return values.length === 1 ? values[0] : undefined;
}

export function checkAssignment(statement: SyntaxNode, context: PyContext, atModuleLevel: boolean): void {
  const value = assignedValueOf(statement);
  for (const target of targetsOf(statement)) {
    const path = pathOf(target, context.text);
    const name = path?.[path.length - 1];
    if (!name) continue;
    if ((name === 'check_hostname' || name === 'verify') && target.name === 'MemberExpression' && isFalse(value, context.text)) {
      context.report('tls-verification-disabled', statement, `${context.textOf(target)} = False turns off TLS verification.`);
    } else if (name === 'verify_mode' && value && /(?:^|\.)CERT_NONE$/.test(context.qualifiedName(value) ?? '')) {
      context.report('tls-verification-disabled', statement, `${context.textOf(target)} = CERT_NONE accepts any TLS certificate.`);
    } else if (name === 'DEBUG' && atModuleLevel && target.name === 'VariableName' && isTrue(value, context.text) && SETTINGS_FILE.test(context.path)) {
      context.report('debug-enabled', statement, 'DEBUG = True in Django settings shows settings, source and SQL on error pages.');
    } else {
      checkCredential(name, value, statement, context);
    }
  }
}

/** {"password": "..."} entries. */
export function checkDictionary(dictionary: SyntaxNode, context: PyContext): void {
  const children = childrenOf(dictionary);
  for (let index = 0; index + 2 < children.length; index++) {
    if (children[index + 1].name !== ':') continue;
    const key = stringValue(children[index], context.text);
    if (key !== undefined) checkCredential(key, children[index + 2], children[index], context);
  }
}
