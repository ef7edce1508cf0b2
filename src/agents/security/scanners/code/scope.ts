import type { ValueSummary } from './values';

/** What local names hold, per function: enough for intra-function taint and for constants folded into sinks. */
export class Scope {
  private readonly bindings = new Map<string, ValueSummary>();

  constructor(private readonly parent?: Scope) {}

  child(): Scope {
    return new Scope(this);
  }

  enclosing(): Scope | undefined {
    return this.parent;
  }

  bind(name: string, value: ValueSummary): void {
    this.bindings.set(name, value);
  }

  lookup(name: string): ValueSummary | undefined {
    return this.bindings.get(name) ?? this.parent?.lookup(name);
  }
}
