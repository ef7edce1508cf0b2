/**
 * Finds the shapes that make a backtracking regex engine take exponential time: an unbounded repetition whose body
 * can match the same text in more than one way. Two such shapes are recognised:
 *   - a repeated item inside a repeated group where the rest of the group cannot tell iterations apart:
 *     (a+)+, (.*)*, (\w+\s?)+ - but not (a+b)+ or ([a-z]+\.)+, where a separator ends each iteration;
 *   - alternatives of a repeated group that overlap: (a|aa)+, (\d|\w)*, (x|x)+.
 * Works on JavaScript and Python pattern syntax; a pattern it cannot parse is reported as safe.
 */

type Others = 'none' | 'some' | 'all';

/** A set of characters: exact for ASCII, approximate beyond it. */
interface CharSet {
  ascii: Uint32Array;
  others: Others;
}

type RegexNode =
  | { kind: 'chars'; set: CharSet; literal?: string; start: number; end: number }
  | { kind: 'assertion'; start: number; end: number }
  | { kind: 'group'; alternatives: RegexNode[][]; zeroWidth: boolean; start: number; end: number }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number; start: number; end: number };

function emptySet(): CharSet {
  return { ascii: new Uint32Array(4), others: 'none' };
}

function addRange(set: CharSet, from: number, to: number): void {
  for (let code = from; code <= Math.min(to, 127); code++) set.ascii[code >> 5] |= 1 << (code & 31);
  if (to > 127) set.others = set.others === 'all' ? 'all' : 'some';
}

function setOf(ranges: [number, number][], others: Others = 'none'): CharSet {
  const set = emptySet();
  for (const [from, to] of ranges) addRange(set, from, to);
  set.others = others;
  return set;
}

function negate(set: CharSet): CharSet {
  const negated = emptySet();
  for (let index = 0; index < 4; index++) negated.ascii[index] = ~set.ascii[index];
  negated.others = set.others === 'none' ? 'all' : set.others === 'all' ? 'none' : 'some';
  return negated;
}

function unionInto(target: CharSet, source: CharSet): void {
  for (let index = 0; index < 4; index++) target.ascii[index] |= source.ascii[index];
  if (source.others === 'all' || target.others === 'all') target.others = 'all';
  else if (source.others === 'some') target.others = 'some';
}

function intersects(a: CharSet, b: CharSet): boolean {
  for (let index = 0; index < 4; index++) if (a.ascii[index] & b.ascii[index]) return true;
  // Beyond ASCII only "all" is known to overlap: \s and \w both reach some non-ASCII characters, but not the same.
  return (a.others === 'all' && b.others !== 'none') || (b.others === 'all' && a.others !== 'none');
}

const code = (char: string) => char.charCodeAt(0);
const DIGIT = (): CharSet => setOf([[48, 57]], 'some');
const WORD = (): CharSet => setOf([[48, 57], [65, 90], [95, 95], [97, 122]], 'some');
const SPACE = (): CharSet => setOf([[9, 13], [32, 32]], 'some');
const ANY = (): CharSet => negate(setOf([[10, 10], [13, 13]]));

class PatternParser {
  private position = 0;

  constructor(private readonly pattern: string) {}

  parse(): RegexNode {
    const alternatives = this.alternatives();
    if (this.position < this.pattern.length) throw new Error('unbalanced parenthesis');
    return { kind: 'group', alternatives, zeroWidth: false, start: 0, end: this.pattern.length };
  }

  private alternatives(): RegexNode[][] {
    const alternatives = [this.sequence()];
    while (this.pattern[this.position] === '|') {
      this.position++;
      alternatives.push(this.sequence());
    }
    return alternatives;
  }

  private sequence(): RegexNode[] {
    const items: RegexNode[] = [];
    while (this.position < this.pattern.length && this.pattern[this.position] !== '|' && this.pattern[this.position] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return items;
  }

  private quantified(atom: RegexNode): RegexNode {
    const rest = this.pattern.slice(this.position, this.position + 24);
    let min: number;
    let max: number;
    let length = 1;
    const braces = /^\{(\d*)(,?)(\d*)\}/.exec(rest);
    if (rest[0] === '*') [min, max] = [0, Infinity];
    else if (rest[0] === '+') [min, max] = [1, Infinity];
    else if (rest[0] === '?') [min, max] = [0, 1];
    else if (braces && (braces[1] || braces[3])) {
      min = braces[1] ? Number(braces[1]) : 0;
      max = braces[2] ? (braces[3] ? Number(braces[3]) : Infinity) : min;
      length = braces[0].length;
    } else return atom;
    this.position += length;
    if (this.pattern[this.position] === '?' || this.pattern[this.position] === '+') this.position++;
    return this.quantified({ kind: 'repeat', body: atom, min, max, start: atom.start, end: this.position });
  }

  private atom(): RegexNode {
    const start = this.position;
    const char = this.pattern[this.position++];
    const chars = (set: CharSet, literal?: string): RegexNode => ({ kind: 'chars', set, literal, start, end: this.position });
    switch (char) {
      case '(':
        return this.group(start);
      case '[':
        return chars(this.charClass());
      case '.':
        return chars(ANY());
      case '^':
      case '$':
        return { kind: 'assertion', start, end: this.position };
      case '\\': {
        const escaped = this.escape();
        return escaped === 'assertion' ? { kind: 'assertion', start, end: this.position } : chars(escaped.set, escaped.literal);
      }
      default:
        return chars(setOf([[code(char), code(char)]]), char);
    }
  }

  private group(start: number): RegexNode {
    let zeroWidth = false;
    const head = /^\?(?:[:=!>]|<[=!]|P?<[A-Za-z_]\w*>|#[^)]*|P=\w+|[A-Za-z-]*:?)/.exec(this.pattern.slice(this.position));
    if (head) {
      this.position += head[0].length;
      const marker = head[0];
      if (/^\?(?:[=!]|<[=!])$/.test(marker)) zeroWidth = true;
      else if (marker.startsWith('?#') || /^\?[A-Za-z-]*$/.test(marker)) {
        this.expect(')');
        return { kind: 'assertion', start, end: this.position };
      } else if (marker.startsWith('?P=')) {
        this.expect(')');
        return { kind: 'chars', set: ANY(), start, end: this.position };
      }
    }
    const alternatives = this.alternatives();
    this.expect(')');
    return { kind: 'group', alternatives, zeroWidth, start, end: this.position };
  }

  private expect(char: string): void {
    if (this.pattern[this.position] !== char) throw new Error(`expected ${char}`);
    this.position++;
  }

  private charClass(): CharSet {
    const negated = this.pattern[this.position] === '^';
    if (negated) this.position++;
    const set = emptySet();
    let first = true;
    while (this.position < this.pattern.length && (this.pattern[this.position] !== ']' || first)) {
      first = false;
      const from = this.classMember();
      if (this.pattern[this.position] === '-' && this.pattern[this.position + 1] !== ']' && from.literal !== undefined) {
        this.position++;
        const to = this.classMember();
        if (to.literal === undefined) {
          unionInto(set, from.set);
          unionInto(set, to.set);
          addRange(set, code('-'), code('-'));
        } else addRange(set, code(from.literal), code(to.literal));
      } else unionInto(set, from.set);
    }
    this.expect(']');
    return negated ? negate(set) : set;
  }

  private classMember(): { set: CharSet; literal?: string } {
    const char = this.pattern[this.position++];
    if (char !== '\\') return { set: setOf([[code(char), code(char)]]), literal: char };
    const escaped = this.escape();
    return escaped === 'assertion' ? { set: setOf([[8, 8]]), literal: '\b' } : escaped;
  }

  private escape(): { set: CharSet; literal?: string } | 'assertion' {
    const char = this.pattern[this.position++];
    if (char === undefined) throw new Error('trailing backslash');
    const literal = (value: string) => ({ set: setOf([[code(value), code(value)]]), literal: value });
    const hex = (digits: number) => {
      const match = new RegExp(`^[0-9a-fA-F]{${digits}}`).exec(this.pattern.slice(this.position));
      if (!match) return literal(char);
      this.position += digits;
      return literal(String.fromCharCode(parseInt(match[0], 16)));
    };
    switch (char) {
      case 'd':
        return { set: DIGIT() };
      case 'D':
        return { set: negate(DIGIT()) };
      case 'w':
        return { set: WORD() };
      case 'W':
        return { set: negate(WORD()) };
      case 's':
        return { set: SPACE() };
      case 'S':
        return { set: negate(SPACE()) };
      case 'b':
      case 'B':
      case 'A':
      case 'Z':
      case 'z':
      case 'G':
        return 'assertion';
      case 'n':
        return literal('\n');
      case 'r':
        return literal('\r');
      case 't':
        return literal('\t');
      case 'f':
        return literal('\f');
      case 'v':
        return literal('\v');
      case 'x':
        return hex(2);
      case 'u':
        if (this.pattern[this.position] === '{') {
          const end = this.pattern.indexOf('}', this.position);
          if (end === -1) throw new Error('unterminated \\u{');
          this.position = end + 1;
          return { set: setOf([], 'some') };
        }
        return hex(4);
      case 'p':
      case 'P':
      case 'k':
      case 'N': {
        if (/[{<]/.test(this.pattern[this.position] ?? '')) {
          const end = this.pattern.indexOf(this.pattern[this.position] === '{' ? '}' : '>', this.position);
          if (end === -1) throw new Error('unterminated escape');
          this.position = end + 1;
        }
        // Unicode properties are not modelled: treated as some characters that overlap nothing known.
        return { set: char === 'k' ? ANY() : setOf([], 'some') };
      }
      case 'c':
        this.position++;
        return { set: setOf([[0, 31]]) };
      default:
        if (/[1-9]/.test(char)) {
          while (/\d/.test(this.pattern[this.position] ?? '')) this.position++;
          return { set: ANY() };
        }
        return literal(char === '0' ? '\0' : char);
    }
  }
}

function nullable(node: RegexNode): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'assertion':
      return true;
    case 'group':
      return node.zeroWidth || node.alternatives.some((sequence) => sequence.every(nullable));
    case 'repeat':
      return node.min === 0 || nullable(node.body);
  }
}

/** Every character the node can consume. */
function consumed(node: RegexNode, into: CharSet = emptySet()): CharSet {
  if (node.kind === 'chars') unionInto(into, node.set);
  else if (node.kind === 'repeat') consumed(node.body, into);
  else if (node.kind === 'group' && !node.zeroWidth) for (const sequence of node.alternatives) for (const item of sequence) consumed(item, into);
  return into;
}

function isEmptySet(set: CharSet): boolean {
  return set.others === 'none' && set.ascii.every((word) => word === 0);
}

function containsUnboundedRepeat(node: RegexNode): boolean {
  if (node.kind === 'repeat') return (node.max === Infinity && !isEmptySet(consumed(node.body))) || containsUnboundedRepeat(node.body);
  if (node.kind === 'group' && !node.zeroWidth) return node.alternatives.some((sequence) => sequence.some(containsUnboundedRepeat));
  return false;
}

/** A repeated item that the rest of its iteration cannot separate from the next iteration's copy of it. */
function hasNestedAmbiguity(sequence: RegexNode[]): boolean {
  return sequence.some((item, index) => {
    if (!containsUnboundedRepeat(item)) return false;
    const chars = consumed(item);
    return sequence.every((other, otherIndex) => otherIndex === index || nullable(other) || intersects(consumed(other), chars));
  });
}

function literalOf(sequence: RegexNode[]): string | undefined {
  let text = '';
  for (const item of sequence) {
    if (item.kind !== 'chars' || item.literal === undefined) return undefined;
    text += item.literal;
  }
  return text;
}

/** True when a word is the concatenation of two or more of the given words. */
function splitsIntoWords(word: string, words: string[]): boolean {
  const pieces = words.filter((candidate) => candidate.length > 0 && candidate.length < word.length);
  const reachable = new Array<boolean>(word.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 1; end <= word.length; end++) {
    reachable[end] = pieces.some((piece) => end >= piece.length && reachable[end - piece.length] && word.startsWith(piece, end - piece.length));
  }
  return reachable[word.length];
}

function hasOverlappingAlternatives(alternatives: RegexNode[][], pattern: string): boolean {
  if (alternatives.length < 2) return false;
  const sources = alternatives.map((sequence) => sequence.map((item) => pattern.slice(item.start, item.end)).join(''));
  if (new Set(sources).size < sources.length) return true;
  const singles = alternatives.filter((sequence) => sequence.length === 1 && sequence[0].kind === 'chars').map((sequence) => consumed(sequence[0]));
  for (let a = 0; a < singles.length; a++) for (let b = a + 1; b < singles.length; b++) if (intersects(singles[a], singles[b])) return true;
  const literals = alternatives.map(literalOf);
  if (literals.some((literal) => literal === undefined)) return false;
  const words = literals as string[];
  return words.some((word) => splitsIntoWords(word, words));
}

function* repeats(node: RegexNode): Generator<Extract<RegexNode, { kind: 'repeat' }>> {
  if (node.kind === 'repeat') {
    yield node;
    yield* repeats(node.body);
  } else if (node.kind === 'group') for (const sequence of node.alternatives) for (const item of sequence) yield* repeats(item);
}

/** The first fragment of the pattern that can backtrack exponentially, or undefined when there is none. */
export function redosFragment(pattern: string): string | undefined {
  let tree: RegexNode;
  try {
    tree = new PatternParser(pattern).parse();
  } catch {
    return undefined;
  }
  for (const repeat of repeats(tree)) {
    if (repeat.max !== Infinity) continue;
    const body = repeat.body;
    const alternatives = body.kind === 'group' && !body.zeroWidth ? body.alternatives : [[body]];
    if (alternatives.some(hasNestedAmbiguity) || hasOverlappingAlternatives(alternatives, pattern)) {
      return pattern.slice(repeat.start, repeat.end);
    }
  }
  return undefined;
}
