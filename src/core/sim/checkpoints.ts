/**
 * Checkpoints of a run: the engine's whole state after `steps` events, from which a run continues
 * exactly as the original did. Taken while a `Simulation` moves forward and used by its `seek`.
 * The copy is snapshot.ts's deep copy; what it shares instead of copying is the compiled model (all
 * of it) and the trace store, plus the history the engine's own classes share (see their
 * `cloneForSnapshot`).
 */
import type { CompiledModel } from '../compile/model';
import type { Engine } from './engine';
import { deepCopy, reachableFrom } from './snapshot';
import type { TraceStore } from './trace';

export interface EngineCheckpoint {
  readonly steps: number;
  /** Trace records the run had produced at that point. */
  readonly records: number;
  /** Approximate bytes the copy holds (shared history is not counted). */
  readonly bytes: number;
  readonly state: Engine;
}

const immutableCache = new WeakMap<CompiledModel, Set<object>>();
function immutableOf(model: CompiledModel, trace: TraceStore): ReadonlySet<object> {
  let set = immutableCache.get(model);
  if (!set) immutableCache.set(model, (set = reachableFrom(model)));
  return new Set<object>([...set, trace]);
}

/** A checkpoint of the engine's current state (the run goes on unchanged). */
export function takeCheckpoint(engine: Engine): EngineCheckpoint {
  const { copy, bytes } = deepCopy<Engine>(engine, immutableOf(engine.model, engine.trace));
  return { steps: engine.steps, records: engine.trace.length, bytes, state: copy };
}

/**
 * An engine continuing from `checkpoint`, writing to `trace` — the store of the run the checkpoint
 * was taken from, whose records past that point the continuation reproduces and only counts.
 */
export function resumeFrom(checkpoint: EngineCheckpoint, trace: TraceStore): Engine {
  const saved = checkpoint.state;
  const { copy } = deepCopy<Engine>(saved, immutableOf(saved.model, saved.trace));
  (copy as { trace: TraceStore }).trace = trace;
  trace.deliveries = copy.deliveries;
  trace.rewindTo(checkpoint.records);
  return copy;
}
