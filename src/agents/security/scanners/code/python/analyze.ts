import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { FindingCollector } from '../../../finding-collector';
import { Scope } from '../scope';
import { OPAQUE, composedOf, derivedFrom, type ValueSummary } from '../values';
import { assignedValueOf, checkAssignment, checkDictionary, targetsOf } from './assignments';
import { checkCall, weakHashOf } from './calls';
import { PyContext } from './context';
import { childrenOf } from './syntax';

const SCOPES = new Set(['FunctionDefinition', 'LambdaExpression']);
const PARAMETER_STARTS = new Set(['(', ',', '*', '**', '/']);

/**
 * Valid Python that @lezer/python 1.1 marks with an empty error node: a bare `yield` (`x = yield`) and a float with a trailing
 * dot (`20.`, read as a member access with the name missing).
 */
function isGrammarGap(error: SyntaxNode): boolean {
  if (error.from !== error.to) return false;
  const parent = error.parent;
  if (error.prevSibling?.name === 'yield') return true;
  return parent?.name === 'MemberExpression' && parent.firstChild?.name === 'Number';
}

/** Offset of the first syntax error, or undefined when the file parsed cleanly. */
function firstErrorOf(tree: Tree): number | undefined {
  let error: number | undefined;
  tree.iterate({
    enter: (ref) => {
      if (error !== undefined) return false;
      if (ref.type.isError && !isGrammarGap(ref.node)) error = ref.from;
      return undefined;
    },
  });
  return error;
}

type PythonOutcome = { ok: true } | { ok: false; errorOffset: number };

/** Parses a Python file and runs every check over it, tracking what names hold per function. */
export function analyzePython(path: string, text: string, collector: FindingCollector): PythonOutcome {
  const tree = parser.parse(text);
  const errorOffset = firstErrorOf(tree);
  if (errorOffset !== undefined) return { ok: false, errorOffset };
  const context = new PyContext(path, text, collector, new Scope());
  let functionDepth = 0;
  tree.iterate({
    enter: (ref) => {
      switch (ref.name) {
        case 'ImportStatement':
          bindImports(ref.node, context);
          return false;
        case 'FunctionDefinition':
        case 'LambdaExpression':
          functionDepth++;
          context.scope = context.scope.child();
          bindParameters(ref.node, context);
          return undefined;
        case 'AssignStatement':
          checkAssignment(ref.node, context, functionDepth === 0);
          return undefined;
        case 'CallExpression':
          checkCall(ref.node, context);
          return undefined;
        case 'ForStatement':
          bindLoopTargets(ref.node, context);
          return undefined;
        case 'DictionaryExpression':
          checkDictionary(ref.node, context);
          return undefined;
        case 'MemberExpression':
          if (context.qualifiedName(ref.node) === 'ssl._create_unverified_context') {
            context.report('tls-verification-disabled', ref.node, 'ssl._create_unverified_context() builds a context that accepts any certificate.');
          }
          return undefined;
        default:
          return undefined;
      }
    },
    leave: (ref) => {
      if (SCOPES.has(ref.name)) {
        functionDepth--;
        context.scope = context.scope.enclosing() ?? context.scope;
      } else if (ref.name === 'AssignStatement' || ref.name === 'NamedExpression') {
        bindAssignment(ref.node, context);
      } else if (ref.name === 'UpdateStatement') {
        bindUpdate(ref.node, context);
      }
    },
  });
  return { ok: true };
}

function bindImports(statement: SyntaxNode, context: PyContext): void {
  const tokens = childrenOf(statement).map((child) => ({ name: child.name, text: context.textOf(child) }));
  const importAt = tokens.findIndex((token) => token.name === 'import');
  const from = tokens[0]?.name === 'from' ? tokens.slice(1, importAt).map((token) => token.text).join('') : undefined;
  const entries: string[][] = [[]];
  for (const token of tokens.slice(importAt + 1)) {
    if (token.name === ',') entries.push([]);
    else if (token.name === 'VariableName' || token.name === '.' || token.name === 'as') entries[entries.length - 1].push(token.text);
  }
  for (const entry of entries) {
    const asAt = entry.indexOf('as');
    const dotted = (asAt === -1 ? entry : entry.slice(0, asAt)).join('');
    if (!dotted) continue;
    const local = asAt === -1 ? dotted.split('.')[0] : entry[asAt + 1];
    const qualified = from !== undefined ? `${from}.${dotted}` : asAt === -1 ? local : dotted;
    if (local) context.imports.set(local, qualified);
  }
}

function bindParameters(definition: SyntaxNode, context: PyContext): void {
  const list = definition.getChild('ParamList');
  if (!list) return;
  let previous: string | undefined = definition.name === 'LambdaExpression' ? ',' : undefined;
  for (const child of childrenOf(list)) {
    if (child.name === 'VariableName' && (previous === undefined || PARAMETER_STARTS.has(previous))) {
      context.scope.bind(context.textOf(child), OPAQUE);
    }
    previous = child.name;
  }
}

function bindTarget(target: SyntaxNode, value: ValueSummary, context: PyContext): void {
  if (target.name === 'VariableName') context.scope.bind(context.textOf(target), value);
}

function bindAssignment(statement: SyntaxNode, context: PyContext): void {
  const valueNode = assignedValueOf(statement);
  const targets = targetsOf(statement);
  const value = valueNode ? context.value(valueNode) : OPAQUE;
  const single = targets.length === 1 ? value : derivedFrom([value]);
  for (const target of targets) bindTarget(target, single, context);
  const algorithm = valueNode && weakHashOf(valueNode, context);
  if (algorithm && targets.length === 1) context.weakHashes.set(context.textOf(targets[0]), algorithm);
}

function bindUpdate(statement: SyntaxNode, context: PyContext): void {
  const [target] = targetsOf(statement);
  const added = assignedValueOf(statement);
  if (target?.name === 'VariableName') bindTarget(target, composedOf([context.value(target), context.value(added)]), context);
}

function bindLoopTargets(loop: SyntaxNode, context: PyContext): void {
  const children = childrenOf(loop);
  const inAt = children.findIndex((child) => child.name === 'in');
  if (inAt === -1) return;
  const iterated = derivedFrom([context.value(children[inAt + 1])]);
  for (const target of children.slice(1, inAt)) bindTarget(target, iterated, context);
}
