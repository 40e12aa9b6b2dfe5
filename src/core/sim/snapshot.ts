/**
 * Checkpoints of the engine: a copy of its whole state at one event, from which a run continues
 * exactly as the original did. `Simulation.seek` restores the nearest checkpoint before the target
 * and replays only the events after it (the deterministic replay is the other half: a run is a
 * pure function of topology, seed and options, so the events after a checkpoint are the same).
 *
 * The copy is generic — every object, array, Map, Set and typed array reachable from the engine is
 * copied, keeping shared references — so new engine state is captured without changes here. What is
 * immutable is shared: the compiled model (all of it), frozen objects, functions.
 *
 * Copies must have the same V8 hidden classes as the originals, or the engine's optimised code
 * turns polymorphic after a resume and every later run in the thread is slower (measured about
 * 2.5×; `checkpoint-shapes.test.ts` checks this with `%HaveSameMap`). So class instances are made by
 * their own constructor (the engine's runtime records are classes for this reason, see runtime.ts),
 * and arrays are built by push at a literal per element kind (see `emptyArrayFor`).
 *
 * History that only grows is shared instead of copied, which keeps a checkpoint's size near the
 * live state rather than the run's length: a class marks itself with `cloneForSnapshot`, and
 * returns a copy that reuses its append-only columns. Rows past the copy's count may then be
 * written again by a continuation from that checkpoint; they are written with the values they
 * already hold, because the continuation is the same deterministic run.
 */

/** Implemented by classes that copy themselves for a checkpoint (sharing append-only columns). */
export interface SnapshotCloneable {
  cloneForSnapshot(ctx: CloneContext): unknown;
}

const isSmall = (v: unknown) => typeof v === 'number' && (v | 0) === v && !Object.is(v, -0) && v >= -(2 ** 30) && v < 2 ** 30;

// Three array literals, each only ever given one kind of element. V8 records at each literal the
// elements kinds its arrays went through (integers → doubles → any) and starts later arrays from it
// there, so a copy built at one shared literal became an "any" array even for integers, with another
// hidden class than the engine's integer arrays. (slice() keeps a kind too, but not in optimised
// code that has seen several.) Engine arrays are built by push from `[]`, so their kind follows
// their values, as these copies' do.
/** An empty array for small integers (also the partition logs a resumed checkpoint rebuilds). */
export function smallIntArray(): number[] {
  return [];
}
function numberArray(): unknown[] {
  return [];
}
function anyArray(): unknown[] {
  return [];
}
function emptyArrayFor(source: readonly unknown[]): unknown[] {
  let numbers = true;
  for (const v of source) {
    if (typeof v !== 'number') return anyArray();
    if (!isSmall(v)) numbers = false;
  }
  return numbers ? smallIntArray() : numberArray();
}

/** One deep copy in progress: what was copied (identity is preserved) and what is shared. */
export class CloneContext {
  private readonly copies = new Map<object, unknown>();
  /** Approximate bytes this copy allocated (typed arrays exactly, other values roughly). */
  bytes = 0;

  constructor(private readonly shared: ReadonlySet<object>) {}

  /** The copy of `value` (the same copy for the same object, so shared references stay shared). */
  copy<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value; // primitives and functions (immutable for a run)
    const source = value as unknown as object;
    if (this.shared.has(source) || Object.isFrozen(source)) return value; // immutable: shared
    const done = this.copies.get(source);
    if (done !== undefined) return done as T;
    return this.copyObject(source) as T;
  }

  /** Records the copy of `source` before its fields are copied (cycles). */
  remember<T extends object>(source: object, copy: T): T {
    this.copies.set(source, copy);
    return copy;
  }

  private copyObject(source: object): unknown {
    if (ArrayBuffer.isView(source)) {
      const view = source as unknown as { slice(): ArrayBufferView };
      const out = view.slice();
      this.bytes += out.byteLength;
      return this.remember(source, out);
    }
    if (typeof (source as Partial<SnapshotCloneable>).cloneForSnapshot === 'function') {
      return (source as SnapshotCloneable).cloneForSnapshot(this);
    }
    if (Array.isArray(source)) {
      // Read through slice(), a builtin that leaves `source` as it is. Read here directly, the
      // engine's own arrays changed: once this function is optimised, its element reads have seen
      // integer, double and object arrays, and V8 moves each array read there to the most general
      // of those kinds first — so taking a checkpoint turned the live engine's integer arrays into
      // object arrays, unlike its copies (and unlike a run without checkpoints).
      const items = source.slice();
      const out = this.remember(source, emptyArrayFor(items));
      for (let i = 0; i < items.length; i++) out.push(this.copy(items[i] as unknown));
      this.bytes += 8 * source.length + 16;
      return out;
    }
    if (source instanceof Map) {
      const out = this.remember(source, new Map<unknown, unknown>());
      for (const [k, v] of source) out.set(this.copy(k), this.copy(v));
      this.bytes += 32 * source.size + 16;
      return out;
    }
    if (source instanceof Set) {
      const out = this.remember(source, new Set<unknown>());
      for (const v of source) out.add(this.copy(v));
      this.bytes += 16 * source.size + 16;
      return out;
    }
    // A class instance is made by its own constructor (every class of the engine's state can be
    // constructed without arguments), a plain object as a literal: the copy then has the original's
    // hidden class, and the engine's optimised code keeps running at full speed on it.
    const proto = Object.getPrototypeOf(source) as { constructor?: new () => object } | null;
    const blank: object = proto === null ? Object.create(null) : proto === Object.prototype ? {} : new proto.constructor!();
    const out = this.remember(source, blank as Record<string, unknown>);
    const fields = source as Record<string, unknown>;
    const keys = Object.keys(fields);
    for (const key of keys) out[key] = this.copy(fields[key]);
    this.bytes += 8 * keys.length + 16;
    return out;
  }
}

/** Every object reachable from `root` (to share an immutable structure in a copy). */
export function reachableFrom(root: object): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) continue;
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
  }
  return seen;
}

/** A deep copy of `value`, sharing the objects in `shared`; also returns its approximate size. */
export function deepCopy<T>(value: T, shared: ReadonlySet<object>): { copy: T; bytes: number } {
  const ctx = new CloneContext(shared);
  const copy = ctx.copy(value);
  return { copy, bytes: ctx.bytes };
}
