import { visitorKeys, type ArrowFunctionExpression, type Function as FunctionNode, type ImportDeclaration, type AssignmentExpression, type Node, type ObjectProperty, type Program } from 'oxc-parser';
import type { FindingCollector } from '../../../finding-collector';
import { Scope } from '../scope';
import { OPAQUE, composedOf, eitherOf, type ValueSummary } from '../values';
import { checkAssignment, checkCredential, checkProperty, checkRegexLiteral } from './assignments';
import { checkCall, weakAlgorithmOf } from './calls';
import { JsContext } from './context';
import { keyName, normaliseModule, pathOf, requiredModule } from './paths';
import { inputAt, summarize } from './summarize';

/** Walks a parsed JavaScript or TypeScript file in source order, tracking what names hold, and runs every check. */
export function analyzeJavaScript(program: Program, text: string, collector: FindingCollector): void {
  const context = new JsContext(text, collector, new Scope());
  visit(program, context);
}

function visit(node: Node, context: JsContext): void {
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      visitFunction(node, context);
      return;
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
    case 'Property':
      // Patterns return below before their properties are reached: this is an object literal's property.
      checkProperty(node as ObjectProperty, context);
      break;
    case 'PropertyDefinition':
    case 'AccessorProperty':
      checkCredential(keyName(node.key, node.computed), node.value, node, context);
      break;
    case 'Literal':
      if ('regex' in node) checkRegexLiteral(node, context);
      return;
    // An identifier's children are its decorators (always none) and its type annotation (skipped below).
    case 'Identifier':
    case 'ObjectPattern':
    case 'ArrayPattern':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSDeclareFunction':
    case 'TSTypeAnnotation':
    case 'TSTypeParameterDeclaration':
    case 'TSTypeParameterInstantiation':
      return;
  }
  visitChildren(node, context);
}

/** The child keys of each node type, in source order (a Map: node types are looked up once per node). */
const CHILD_KEYS = new Map(Object.entries(visitorKeys));

function visitChildren(node: Node, context: JsContext): void {
  const keys = CHILD_KEYS.get(node.type);
  if (keys === undefined) return;
  const record = node as unknown as Record<string, Node | (Node | null)[] | null | undefined>;
  for (let index = 0; index < keys.length; index++) {
    const child = record[keys[index]];
    if (!child) continue;
    if (Array.isArray(child)) {
      for (let item = 0; item < child.length; item++) {
        const element = child[item];
        if (element) visit(element, context);
      }
    } else {
      visit(child, context);
    }
  }
}

function visitFunction(node: FunctionNode | ArrowFunctionExpression, context: JsContext): void {
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
        const key = property.type === 'Property' ? keyName(property.key, property.computed) : undefined;
        if (key !== undefined && property.type === 'Property' && property.value.type === 'Identifier') {
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

function bindImport(node: ImportDeclaration, context: JsContext): void {
  const module = normaliseModule(node.source.value);
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Literal' ? specifier.imported.value : specifier.imported.name;
      context.aliases.set(specifier.local.name, `${module}.${imported}`);
    } else {
      context.aliases.set(specifier.local.name, module);
    }
  }
}

function bindAssignment(node: AssignmentExpression, context: JsContext): void {
  if (node.left.type === 'Identifier' && node.operator === '+=') {
    context.scope.bind(node.left.name, composedOf([summarize(node.left, context.scope), summarize(node.right, context.scope)]));
    return;
  }
  if (node.operator === '=' && (node.left.type === 'Identifier' || node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern')) {
    bindPattern(node.left, summarize(node.right, context.scope), context, pathOf(node.right));
  }
}
