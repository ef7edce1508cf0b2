import { VISITOR_KEYS, type File, type Node } from '@babel/types';
import type { FindingCollector } from '../report';
import { Scope } from '../scope';
import { OPAQUE, composedOf, eitherOf, type ValueSummary } from '../values';
import { checkAssignment, checkCredential, checkProperty, checkRegexLiteral } from './assignments';
import { checkCall, weakAlgorithmOf } from './calls';
import { JsContext } from './context';
import { isFunction, keyName, normaliseModule, pathOf, requiredModule } from './paths';
import { inputAt, summarize } from './summarize';

/** Walks a parsed JavaScript or TypeScript file in source order, tracking what names hold, and runs every check. */
export function analyzeJavaScript(ast: File, text: string, collector: FindingCollector): void {
  const context = new JsContext(text, collector, new Scope());
  visit(ast.program, context);
}

function visit(node: Node, context: JsContext): void {
  if (isFunction(node)) {
    visitFunction(node as Extract<Node, { params: unknown }>, context);
    return;
  }
  switch (node.type) {
    case 'ImportDeclaration':
      bindImport(node, context);
      return;
    case 'VariableDeclarator':
      if (node.init) visit(node.init, context);
      bindDeclarator(node.id, node.init, context);
      checkCredential(node.id.type === 'Identifier' ? node.id.name : undefined, node.init, node, context);
      return;
    case 'AssignmentExpression':
      visitChildren(node, context);
      checkAssignment(node, context);
      bindAssignment(node, context);
      return;
    case 'CallExpression':
    case 'NewExpression':
      checkCall(node, context);
      break;
    case 'ObjectProperty':
      checkProperty(node, context);
      break;
    case 'ClassProperty':
      checkCredential(keyName(node.key, node.computed), node.value, node, context);
      break;
    case 'ClassPrivateProperty':
      checkCredential(node.key.id.name, node.value, node, context);
      break;
    case 'RegExpLiteral':
      checkRegexLiteral(node, context);
      return;
    case 'ObjectPattern':
    case 'ArrayPattern':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSDeclareFunction':
      return;
  }
  visitChildren(node, context);
}

function visitChildren(node: Node, context: JsContext): void {
  const record = node as unknown as Record<string, Node | Node[] | null | undefined>;
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const child = record[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item) visit(item, context);
    } else if (child) {
      visit(child, context);
    }
  }
}

function visitFunction(node: Extract<Node, { params: unknown }>, context: JsContext): void {
  const outer = context.scope;
  context.scope = outer.child();
  for (const param of node.params) bindPattern(param, OPAQUE, context);
  visitChildren(node, context);
  context.scope = outer;
}

/** Binds every name a declaration or destructuring pattern introduces. */
function bindPattern(pattern: Node, value: ValueSummary, context: JsContext, sourcePath?: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      context.scope.bind(pattern.name, value);
      return;
    case 'AssignmentPattern':
      bindPattern(pattern.left, eitherOf([value, summarize(pattern.right, context.scope)]), context, sourcePath);
      return;
    case 'RestElement':
    case 'TSParameterProperty':
      bindPattern(pattern.type === 'RestElement' ? pattern.argument : pattern.parameter, value, context);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) bindPattern(element, value, context);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        if (property.type === 'RestElement') {
          bindPattern(property, value, context);
          continue;
        }
        const key = keyName(property.key, property.computed);
        const path = sourcePath && key !== undefined ? [...sourcePath, key] : undefined;
        bindPattern(property.value, (path && inputAt(path)) ?? value, context, path);
      }
      return;
  }
}

function bindDeclarator(id: Node, init: Node | null | undefined, context: JsContext): void {
  if (id.type === 'Identifier' && init) bindModuleAlias(id.name, init, context);
  if (id.type === 'ObjectPattern' && init) {
    const module = requiredModule(init) ?? aliasedModule(init, context);
    if (module !== undefined) {
      for (const property of id.properties) {
        const key = property.type === 'ObjectProperty' ? keyName(property.key, property.computed) : undefined;
        if (key !== undefined && property.type === 'ObjectProperty' && property.value.type === 'Identifier') {
          context.aliases.set(property.value.name, `${module}.${key}`);
        }
      }
    }
  }
  bindPattern(id, init ? summarize(init, context.scope) : OPAQUE, context, init ? pathOf(init) : undefined);
}

function aliasedModule(node: Node, context: JsContext): string | undefined {
  const path = pathOf(node);
  return path && (context.aliases.has(path[0]) || path[0].startsWith('require(')) ? context.qualifiedName(node) : undefined;
}

/** const cp = require('child_process'); const run = cp.exec; const execP = promisify(cp.exec); const h = createHash('md5'). */
function bindModuleAlias(name: string, init: Node, context: JsContext): void {
  const promisified =
    init.type === 'CallExpression' && /(?:^|\.)promisify$/.test(context.qualifiedName(init.callee) ?? '') ? init.arguments[0] : undefined;
  const target = promisified ?? init;
  const module = requiredModule(target) ?? aliasedModule(target, context);
  if (module !== undefined) context.aliases.set(name, module);
  const algorithm = weakAlgorithmOf(init, context);
  if (algorithm) context.weakHashes.set(name, algorithm);
}

function bindImport(node: Extract<Node, { type: 'ImportDeclaration' }>, context: JsContext): void {
  const module = normaliseModule(node.source.value);
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      context.aliases.set(specifier.local.name, `${module}.${imported}`);
    } else {
      context.aliases.set(specifier.local.name, module);
    }
  }
}

function bindAssignment(node: Extract<Node, { type: 'AssignmentExpression' }>, context: JsContext): void {
  if (node.left.type === 'Identifier' && node.operator === '+=') {
    context.scope.bind(node.left.name, composedOf([summarize(node.left, context.scope), summarize(node.right, context.scope)]));
    return;
  }
  if (node.operator === '=' && (node.left.type === 'Identifier' || node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern')) {
    bindPattern(node.left, summarize(node.right, context.scope), context, pathOf(node.right));
  }
}
