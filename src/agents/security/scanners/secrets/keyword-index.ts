/**
 * Aho-Corasick automaton over ASCII-case-folded text (gitleaks' keyword prefilter): one pass over the text finds
 * every occurrence of every keyword, where one indexOf per keyword would read the text once per keyword.
 */
export class KeywordIndex {
  private readonly lengths: number[];
  /** Character code -> alphabet class; 0 for characters in no keyword. */
  private readonly classOf = new Uint16Array(65536);
  private readonly width: number;
  /**
   * Transition table. Targets are premultiplied by `width`, and negated where a keyword ends, so the hot loop
   * learns both the next state and whether to report from a single load.
   */
  private readonly next: Int32Array;
  /** Keywords ending in each state, indexed by state number. */
  private readonly outputs: number[][];

  constructor(readonly keywords: readonly string[]) {
    this.lengths = keywords.map((k) => k.length);
    let classes = 1;
    for (const keyword of keywords) {
      for (const ch of keyword) {
        const lower = ch.toLowerCase();
        const code = lower.charCodeAt(0);
        if (this.classOf[code] !== 0) continue;
        this.classOf[code] = classes;
        this.classOf[lower.toUpperCase().charCodeAt(0)] = classes;
        classes++;
      }
    }
    this.width = classes;
    const trie = this.buildTrie();
    this.next = new Int32Array(trie.children.length * classes);
    this.outputs = trie.ends;
    this.linkFailures(trie);
    for (let i = 0; i < this.next.length; i++) {
      if (this.outputs[this.next[i] / classes].length > 0) this.next[i] = -this.next[i];
    }
  }

  /** Start offsets of every occurrence, per keyword (same order as the constructor's list); undefined when absent. */
  find(text: string): (number[] | undefined)[] {
    const found: (number[] | undefined)[] = new Array(this.keywords.length);
    const { classOf, next } = this;
    const length = text.length;
    let state = 0;
    for (let i = 0; i < length; i++) {
      state = next[state + classOf[text.charCodeAt(i)]];
      if (state < 0) {
        state = -state;
        this.record(found, state, i);
      }
    }
    return found;
  }

  private record(found: (number[] | undefined)[], state: number, at: number): void {
    for (const k of this.outputs[state / this.width]) (found[k] ??= []).push(at - this.lengths[k] + 1);
  }

  private buildTrie(): { children: Int32Array[]; ends: number[][] } {
    const children = [new Int32Array(this.width).fill(-1)];
    const ends: number[][] = [[]];
    this.keywords.forEach((keyword, k) => {
      let node = 0;
      for (const ch of keyword) {
        const c = this.classOf[ch.charCodeAt(0)];
        if (children[node][c] === -1) {
          children[node][c] = children.length;
          children.push(new Int32Array(this.width).fill(-1));
          ends.push([]);
        }
        node = children[node][c];
      }
      ends[node].push(k);
    });
    return { children, ends };
  }

  /** Breadth-first: every missing transition follows the failure link, so matching never backtracks. */
  private linkFailures({ children, ends }: { children: Int32Array[]; ends: number[][] }): void {
    const w = this.width;
    const fail = new Int32Array(children.length);
    const queue: number[] = [];
    for (let c = 1; c < w; c++) {
      const child = children[0][c];
      if (child !== -1) {
        this.next[c] = child * w;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      ends[node].push(...ends[fail[node]]);
      for (let c = 1; c < w; c++) {
        const child = children[node][c];
        const viaFailure = this.next[fail[node] * w + c];
        if (child === -1) {
          this.next[node * w + c] = viaFailure;
        } else {
          fail[child] = viaFailure / w;
          this.next[node * w + c] = child * w;
          queue.push(child);
        }
      }
    }
  }
}
