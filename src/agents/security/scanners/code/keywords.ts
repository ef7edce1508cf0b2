/**
 * Aho-Corasick over ASCII: finds which groups of keywords occur in a file's UTF-8 bytes in one pass, however many
 * keywords there are (many String.includes calls cost one pass each). Matching is case-sensitive; list the case
 * variants you need. No byte of a multi-byte character is ASCII, so none belongs to a keyword.
 */
export class KeywordMatcher {
  private readonly transitions: Int32Array;
  private readonly outputs: Int32Array;
  private readonly everything: number;

  /** groups[i] are the words of group i (at most 31 groups); scan() returns a bit mask of the groups found. */
  constructor(groups: string[][]) {
    if (groups.length > 31) throw new Error('at most 31 keyword groups');
    const trie: number[][] = [new Array<number>(128).fill(-1)];
    const output: number[] = [0];
    groups.forEach((words, group) => {
      for (const word of words) {
        let state = 0;
        for (let index = 0; index < word.length; index++) {
          const code = word.charCodeAt(index);
          if (code >= 128) throw new Error(`keyword ${word} is not ASCII`);
          if (trie[state][code] === -1) {
            trie[state][code] = trie.length;
            trie.push(new Array<number>(128).fill(-1));
            output.push(0);
          }
          state = trie[state][code];
        }
        output[state] |= 1 << group;
      }
    });
    this.transitions = new Int32Array(trie.length * 128);
    this.outputs = new Int32Array(output);
    const failure = new Int32Array(trie.length);
    const queue: number[] = [];
    for (let code = 0; code < 128; code++) {
      const next = trie[0][code];
      this.transitions[code] = next === -1 ? 0 : next;
      if (next !== -1) queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      this.outputs[state] |= this.outputs[failure[state]];
      for (let code = 0; code < 128; code++) {
        const next = trie[state][code];
        const fallback = this.transitions[failure[state] * 128 + code];
        if (next === -1) {
          this.transitions[state * 128 + code] = fallback;
        } else {
          failure[next] = fallback;
          this.transitions[state * 128 + code] = next;
          queue.push(next);
        }
      }
    }
    this.everything = (1 << groups.length) - 1;
  }

  scan(bytes: Uint8Array): number {
    const transitions = this.transitions;
    const outputs = this.outputs;
    let state = 0;
    let found = 0;
    for (let index = 0, length = bytes.length; index < length; index++) {
      const code = bytes[index];
      state = code < 128 ? transitions[(state << 7) | code] : 0;
      const output = outputs[state];
      if (output !== 0) {
        found |= output;
        if (found === this.everything) break;
      }
    }
    return found;
  }
}
