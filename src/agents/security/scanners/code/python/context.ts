import type { SyntaxNode } from '@lezer/common';
import type { FindingCollector } from '../../../finding-collector';
import { normalisedSource } from '../source-text';
import { codeRule, type RuleName } from '../rules';
import type { Scope } from '../scope';
import type { ValueSummary } from '../values';
import { summarize } from './summarize';
import { pathOf, textOf } from './syntax';

/** What the checks see while the walker is at a node: the file, the current scope and the imports. */
export class PyContext {
  /** Local names bound by imports: osp -> os.path, loads -> pickle.loads. */
  readonly imports = new Map<string, string>();
  /** Local names holding a weak hash object: h -> md5 for `h = hashlib.md5()`. */
  readonly weakHashes = new Map<string, string>();

  constructor(
    readonly path: string,
    readonly text: string,
    private readonly collector: FindingCollector,
    public scope: Scope,
  ) {}

  value(node: SyntaxNode | null | undefined): ValueSummary {
    return summarize(node, this);
  }

  textOf(node: SyntaxNode): string {
    return textOf(node, this.text);
  }

  /** pickle.loads for `from pickle import loads; loads(...)`, os.path.join for `import os.path as osp; osp.join`. */
  qualifiedName(node: SyntaxNode): string | undefined {
    const path = pathOf(node, this.text);
    if (!path) return undefined;
    const [root, ...rest] = path;
    return [this.imports.get(root) ?? root, ...rest].join('.');
  }

  report(rule: RuleName, node: SyntaxNode, message: string, matched = normalisedSource(this.textOf(node))): void {
    this.collector.add(codeRule('py', rule), node.from, matched, message);
  }

  maskEverywhere(secret: string): void {
    this.collector.addSecret(secret);
  }
}
