/**
 * Checkpoints of the engine: a copy of its whole state at one event, from which a run continues
 * exactly as the original did. `Simulation.seek` restores the nearest checkpoint before the target
 * and replays only the events after it (the deterministic replay is the other half: a run is a
 * pure function of topology, seed and options, so the events after a checkpoint are the same).
 *
 * The copy is generic — every object, array, Map, Set and typed array reachable from the engine is
 * copied, keeping prototypes and shared references — so new engine state is captured without
 * changes here. What is immutable for a run (the compiled model, functions) is shared.
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
    if (this.shared.has(source)) return value;
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
      const out = this.remember(source, new Array<unknown>(source.length));
      for (let i = 0; i < source.length; i++) out[i] = this.copy(source[i]);
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
    const out = this.remember(source, Object.create(Object.getPrototypeOf(source) as object | null) as Record<string, unknown>);
    const fields = source as Record<string, unknown>;
    for (const key of Object.keys(fields)) out[key] = this.copy(fields[key]);
    this.bytes += 8 * Object.keys(fields).length + 16;
    return out;
  }
}

/** A deep copy of `value`, sharing the objects in `shared`; also returns its approximate size. */
export function deepCopy<T>(value: T, shared: ReadonlySet<object>): { copy: T; bytes: number } {
  const ctx = new CloneContext(shared);
  const copy = ctx.copy(value);
  return { copy, bytes: ctx.bytes };
}
