import type { Node } from 'oxc-parser';
import type { FindingCollector } from '../../../finding-collector';
import { normalisedSource } from '../source-text';
import { codeRule, type RuleName } from '../rules';
import type { Scope } from '../scope';
import { summarize } from './summarize';
import type { ValueSummary } from '../values';
import { pathOf } from './paths';

const GLOBAL_OBJECT = /^(?:window|global|globalThis|self)\./;

/** What the checks see while the walker is at a node: the file, the current scope and the module bindings. */
export class JsContext {
  /** Local names bound to modules or their members: cp -> child_process, exec -> child_process.exec. */
  readonly aliases = new Map<string, string>();
  /** Local names holding a weak hash object: h -> md5 for `const h = crypto.createHash('md5')`. */
  readonly weakHashes = new Map<string, string>();

  constructor(
    readonly text: string,
    private readonly collector: FindingCollector,
    public scope: Scope,
  ) {}

  value(node: Node | null | undefined): ValueSummary {
    return summarize(node, this.scope);
  }

  /** child_process.exec for cp.exec, exec (destructured), require('node:child_process').exec; fetch for window.fetch. */
  qualifiedName(node: Node): string | undefined {
    const path = pathOf(node);
    if (!path) return undefined;
    const [root, ...rest] = path;
    const required = /^require\((.*)\)$/.exec(root);
    const head = required ? required[1] : (this.aliases.get(root) ?? root);
    return [head, ...rest].join('.').replace(GLOBAL_OBJECT, '');
  }

  sourceOf(node: Node): string {
    return this.text.slice(node.start, node.end);
  }

  report(rule: RuleName, node: Node, message: string, matched = normalisedSource(this.sourceOf(node))): void {
    this.collector.add(codeRule('js', rule), node.start, matched, message);
  }

  maskEverywhere(secret: string): void {
    this.collector.addSecret(secret);
  }
}
