import { AutomatonLoop } from './automaton-loop';

/**
 * Aho-Corasick automaton over a file's UTF-8 bytes (gitleaks' keyword prefilter, also the code scanner's): one pass
 * finds every occurrence of every keyword, where one indexOf per keyword would read the file once per keyword.
 * Letters match in either case unless the index is case-sensitive. No byte of a multi-byte character is ASCII, so
 * the bytes hold exactly the occurrences the decoded text holds.
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
  private readonly loop: AutomatonLoop;

  constructor(
    readonly keywords: readonly string[],
    { caseSensitive = false } = {},
  ) {
    const spell = caseSensitive ? (keyword: string) => [Buffer.from(keyword, 'utf8')] : spellingsOf;
    this.spellings = keywords.flatMap((keyword, index) => spell(keyword).map((bytes) => ({ keyword: index, bytes })));
    let classes = 1;
    for (const { bytes } of this.spellings) {
      for (const byte of bytes) {
        if (this.classOf[byte] !== 0) continue;
        this.classOf[byte] = classes;
        if (!caseSensitive && byte >= 0x41 && byte <= 0x5a) this.classOf[byte | 0x20] = classes;
        if (!caseSensitive && byte >= 0x61 && byte <= 0x7a) this.classOf[byte & ~0x20] = classes;
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
    this.loop = new AutomatonLoop(this.classOf, this.next);
  }

  /** Byte offsets of every occurrence, per keyword (same order as the constructor's list); undefined when absent. */
  find(bytes: Uint8Array): (number[] | undefined)[] {
    const { outputs, spellings, width } = this;
    const found: (number[] | undefined)[] = new Array<undefined>(this.keywords.length).fill(undefined);
    const marks = this.loop.scan(bytes);
    for (let m = 0; m < marks.length; m += 2) {
      for (const s of outputs[(marks[m] / width) | 0]) {
        const { keyword, bytes: spelling } = spellings[s];
        (found[keyword] ??= []).push(marks[m + 1] - spelling.length + 1);
      }
    }
    return found;
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
