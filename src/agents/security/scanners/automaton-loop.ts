/**
 * The hot loop of KeywordIndex, in WebAssembly: stepping a table-driven automaton over bytes runs two to three times
 * faster there than in JavaScript, where each step pays bounds checks on three typed arrays. The tables live at
 * fixed addresses, in bytes: a byte's column, 4 times its class, at CLASSES + 2 * byte; a transition at
 * NEXT + state + column, the state being a byte offset into the table too, negated where a keyword ends. Each step
 * is then one addition and one load away from the next. The function, assembled by hand below:
 *
 *   (func (export "run") (param $p i32) (param $end i32) (param $state i32) (param $base i32)
 *                        (param $out i32) (param $outEnd i32) (result i32)
 *     block $exit
 *       (br_if $exit (i32.ge_u $p $end))
 *       loop $step
 *         $state = i32.load offset=NEXT ($state + i32.load16_u offset=CLASSES (2 * i32.load8_u($p)))
 *         if ($state < 0)                              ;; a keyword ends here: write (state, offset) at $out
 *           $state = -$state
 *           i32.store($out, $state >> 2)  i32.store offset=4($out, $p - $base)
 *           $out += 8
 *           if ($out >= $outEnd) { $p += 1; br $exit }  ;; full: the caller takes the marks and calls again
 *         end
 *         $p += 1
 *         (br_if $step (i32.lt_u $p $end))
 *       end
 *     end
 *     i32.store(0, $p)  i32.store offset=4(0, $state)   ;; where to resume
 *     $out)
 */

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the WebAssembly global this module uses (the project's TypeScript libraries do not declare it). */
interface Wasm {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { run: (...args: number[]) => number } };
}

const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly?: Wasm };

const I32 = 0x7f;
const OP = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d, get: 0x20, set: 0x21, tee: 0x22,
  load: 0x28, load8u: 0x2d, load16u: 0x2f, store: 0x36, const: 0x41, ltS: 0x48, ltU: 0x49, geU: 0x4f,
  add: 0x6a, sub: 0x6b, shl: 0x74, shrU: 0x76, void: 0x40,
};
const [P, END, STATE, BASE, OUT, OUT_END] = [0, 1, 2, 3, 4, 5];
const CLASSES = 16; // after the two words where `run` leaves its position and state
const NEXT = CLASSES + 2 * 256;
/** Memory arguments: alignment (as a power of two) and a constant offset, both LEB128. */
const at = (align: number, offset: number) => [align, ...leb128(offset)];

const BODY = [
  OP.block, OP.void,
  OP.get, P, OP.get, END, OP.geU, OP.brIf, 0,
  OP.loop, OP.void,
  OP.get, STATE, OP.get, P, OP.load8u, ...at(0, 0), OP.const, 1, OP.shl, OP.load16u, ...at(1, CLASSES), OP.add,
  OP.load, ...at(2, NEXT), OP.tee, STATE,
  OP.const, 0, OP.ltS, OP.if, OP.void,
  OP.const, 0, OP.get, STATE, OP.sub, OP.set, STATE,
  OP.get, OUT, OP.get, STATE, OP.const, 2, OP.shrU, OP.store, ...at(2, 0),
  OP.get, OUT, OP.get, P, OP.get, BASE, OP.sub, OP.store, ...at(2, 4),
  OP.get, OUT, OP.const, 8, OP.add, OP.tee, OUT, OP.get, OUT_END, OP.geU, OP.if, OP.void,
  OP.get, P, OP.const, 1, OP.add, OP.set, P, OP.br, 3,
  OP.end,
  OP.end,
  OP.get, P, OP.const, 1, OP.add, OP.tee, P, OP.get, END, OP.ltU, OP.brIf, 0,
  OP.end,
  OP.end,
  OP.const, 0, OP.get, P, OP.store, ...at(2, 0),
  OP.const, 0, OP.get, STATE, OP.store, ...at(2, 4),
  OP.get, OUT,
  OP.end,
];

function section(id: number, content: number[]): number[] {
  return [id, ...leb128(content.length), ...content];
}

function leb128(n: number): number[] {
  const bytes = [];
  do {
    bytes.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return bytes;
}

const name = (text: string) => [...leb128(text.length), ...Buffer.from(text)];

const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [1, 0x60, 6, ...Array<number>(6).fill(I32), 1, I32]),
  ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]),
  ...section(3, [1, 0]),
  ...section(7, [1, ...name('run'), 0x00, 0]),
  ...section(10, [1, ...leb128(BODY.length + 1), 0, ...BODY]),
]);

let compiled: object | undefined;

function webAssembly(): Wasm {
  if (!wasm) throw new Error('content scanning needs WebAssembly, which this Node.js process has turned off (--jitless)');
  return wasm;
}

const PAGE = 64 * 1024;
const MARK_PAIRS = 16 * 1024;

/**
 * One automaton's tables in a memory of their own, and room after them for the marks and for the bytes scanned.
 * The automaton is KeywordIndex's: a column per byte, and targets premultiplied by the number of columns.
 */
export class AutomatonLoop {
  private readonly memory: WasmMemory;
  private readonly run: (...args: number[]) => number;
  private readonly marks: number;
  private readonly input: number;
  /** Marks of a file with more than fit in memory at once, gathered batch by batch. */
  private overflow: Int32Array = new Int32Array(0);

  constructor(classOf: Uint8Array, next: Int32Array) {
    this.marks = NEXT + next.byteLength;
    this.input = this.marks + MARK_PAIRS * 8;
    const api = webAssembly();
    this.memory = new api.Memory({ initial: Math.ceil(this.input / PAGE) + 1 });
    const columns = new Uint16Array(this.memory.buffer, CLASSES, 256);
    for (let byte = 0; byte < 256; byte++) columns[byte] = 4 * classOf[byte];
    const targets = new Int32Array(this.memory.buffer, NEXT, next.length);
    for (let i = 0; i < next.length; i++) targets[i] = 4 * next[i];
    compiled ??= new api.Module(MODULE_BYTES);
    this.run = new api.Instance(compiled, { env: { memory: this.memory } }).exports.run;
  }

  /**
   * Steps the automaton over the bytes from its start state: where keywords end, as pairs of state and offset, in
   * order. Valid until the next scan.
   */
  scan(bytes: Uint8Array): Int32Array {
    const shortBy = this.input + bytes.length - this.memory.buffer.byteLength;
    if (shortBy > 0) this.memory.grow(Math.ceil(shortBy / PAGE));
    new Uint8Array(this.memory.buffer, this.input, bytes.length).set(bytes);
    const end = this.input + bytes.length;
    const marksEnd = this.marks + MARK_PAIRS * 8;
    let p = this.input;
    let state = 0;
    let kept = 0;
    for (;;) {
      const out = this.run(p, end, state, this.input, this.marks, marksEnd);
      const batch = new Int32Array(this.memory.buffer, this.marks, (out - this.marks) / 4);
      [p, state] = new Int32Array(this.memory.buffer, 0, 2);
      if (p >= end && kept === 0) return batch;
      if (kept + batch.length > this.overflow.length) this.overflow = grown(this.overflow, kept + batch.length);
      this.overflow.set(batch, kept);
      kept += batch.length;
      if (p >= end) return this.overflow.subarray(0, kept);
    }
  }
}

function grown(array: Int32Array, atLeast: number): Int32Array {
  const larger = new Int32Array(Math.max(atLeast, 2 * array.length));
  larger.set(array);
  return larger;
}
