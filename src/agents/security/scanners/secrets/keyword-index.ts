/**
 * Aho-Corasick automaton over a file's UTF-8 bytes, ASCII letters case-folded (gitleaks' keyword prefilter): one
 * pass finds every occurrence of every keyword, where one indexOf per keyword would read the file once per keyword.
 * No byte of a multi-byte character is ASCII, so the bytes hold exactly the occurrences the decoded text holds.
 */
export class KeywordIndex {
  /** Byte -> alphabet class; 0 for bytes in no keyword. */
  private readonly classOf = new Uint8Array(256);
  private readonly width: number;
  /** Every way each keyword can be written in bytes, with the keyword's index. */
  private readonly spellings: { keyword: number; bytes: Buffer }[];
  /**
   * Transition table. Targets are premultiplied by `width`, and negated where a keyword ends, so the hot loop
   * learns both the next state and whether to report from a single load.
   */
  private readonly next: Int32Array;
  /** Spellings ending in each state, indexed by state number. */
  private readonly outputs: number[][];

  constructor(readonly keywords: readonly string[]) {
    this.spellings = keywords.flatMap((keyword, index) => spellingsOf(keyword).map((bytes) => ({ keyword: index, bytes })));
    let classes = 1;
    for (const { bytes } of this.spellings) {
      for (const byte of bytes) {
        if (this.classOf[byte] !== 0) continue;
        this.classOf[byte] = classes;
        if (byte >= 0x41 && byte <= 0x5a) this.classOf[byte | 0x20] = classes;
        if (byte >= 0x61 && byte <= 0x7a) this.classOf[byte & ~0x20] = classes;
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

  /** Byte offsets of every occurrence, per keyword (same order as the constructor's list); undefined when absent. */
  find(bytes: Uint8Array): (number[] | undefined)[] {
    const found: (number[] | undefined)[] = new Array(this.keywords.length);
    const { classOf, next } = this;
    const length = bytes.length;
    let state = 0;
    for (let i = 0; i < length; i++) {
      state = next[state + classOf[bytes[i]]];
      if (state < 0) {
        state = -state;
        this.record(found, state, i);
      }
    }
    return found;
  }

  private record(found: (number[] | undefined)[], state: number, at: number): void {
    for (const s of this.outputs[state / this.width]) {
      const { keyword, bytes } = this.spellings[s];
      (found[keyword] ??= []).push(at - bytes.length + 1);
    }
  }

  private buildTrie(): { children: Int32Array[]; ends: number[][] } {
    const children = [new Int32Array(this.width).fill(-1)];
    const ends: number[][] = [[]];
    this.spellings.forEach(({ bytes }, s) => {
      let node = 0;
      for (const byte of bytes) {
        const c = this.classOf[byte];
        if (children[node][c] === -1) {
          children[node][c] = children.length;
          children.push(new Int32Array(this.width).fill(-1));
          ends.push([]);
        }
        node = children[node][c];
      }
      ends[node].push(s);
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

/**
 * The UTF-8 spellings of a keyword in any case. ASCII letters fold through their shared alphabet class; a keyword
 * with other cased characters is spelled once per combination of their lower and upper case.
 */
function spellingsOf(keyword: string): Buffer[] {
  let forms = [''];
  for (const ch of keyword) {
    const lower = ch.toLowerCase();
    const cases = ch.charCodeAt(0) < 128 ? [ch] : [...new Set([lower, lower.toUpperCase()])];
    forms = forms.flatMap((prefix) => cases.map((c) => prefix + c));
  }
  return forms.map((form) => Buffer.from(form, 'utf8'));
}
