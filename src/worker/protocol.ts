/**
 * The messages between the page and the simulation worker (`sim.worker.ts`). One run at a time is
 * current; every message carries the `runId` it belongs to so late answers of a cancelled or
 * replaced run are dropped by the page.
 *
 * Trace records travel in {@link TraceSlice}s: struct-of-arrays columns copied out of the engine's
 * chunks into blocks of {@link TRACE_BLOCK} records and posted with a transfer list, so the page
 * receives them without a structured-clone copy and keeps them as they are.
 * A *step* is one simulation event that wrote at least one trace record (events that change nothing
 * visible — a timer that finds nothing to do — are folded into the next step, so "Step forward"
 * never looks stuck).
 */
import type { Topology } from '../core/schema';
import type { SimResult } from '../core/sim';

/** A node of the compiled run, in the engine's node order (trace `node` columns index this list). */
export interface RunNodeInfo {
  id: string;
  name: string;
  kind: string;
}

/** An edge of the compiled run, in the engine's edge order. */
export interface RunEdgeInfo {
  id: string;
  from: number;
  to: number;
  kind: string;
  /** Attempt budget of the path this edge hands deliveries out over (null: unlimited or n/a). */
  maxAttempts: number | null;
  /** The edge has a latency: a message crossing it is on it for a while (drawn there while paused). */
  latency?: boolean;
}

/**
 * Records are stored on the page in blocks of `TRACE_BLOCK` records, each kept exactly as the worker
 * sent it: the page never copies record columns. Copying into page-side arrays made the main thread
 * touch ~35 MB of fresh memory during a 1M-record run — page faults that dominated its long tasks.
 */
export const TRACE_BLOCK_BITS = 13;
export const TRACE_BLOCK = 1 << TRACE_BLOCK_BITS;
export const TRACE_BLOCK_MASK = TRACE_BLOCK - 1;

/**
 * The columns of records `first … first+length-1` of one block (`first` is a multiple of
 * `TRACE_BLOCK`; `length` ≤ `TRACE_BLOCK`). A block that is not full yet is sent again, longer,
 * with the next slice; the page replaces its copy.
 */
export interface RecordBlock {
  first: number;
  t: Float64Array;
  type: Uint8Array;
  /** Node index or −1. */
  node: Int32Array;
  /** Edge index or −1 (retry and read records have none). */
  edge: Int32Array;
  msg: Int32Array;
  delivery: Int32Array;
  attempt: Uint16Array;
  /** A retry's delay, a read's lag; NaN for every other record. */
  value: Float64Array;
}

/**
 * Records `start … start+count-1` are new in this slice (`blocks` carry them, in order, together
 * with the earlier records of the first block), and the steps and messages they complete.
 */
export interface TraceSlice {
  start: number;
  count: number;
  blocks: RecordBlock[];
  /** Steps completed in this slice: the record count after each one… */
  stepRecordEnd: Int32Array;
  /** …and the engine's event index after it (what `Simulation.seek` takes). */
  stepEvent: Int32Array;
  /** Messages `messageStart …` created up to this slice. */
  messageStart: number;
  msgType: Int32Array;
  msgKey: Int32Array;
  msgRoutingKey: Int32Array;
  msgCreated: Float64Array;
  msgCause: Int32Array;
  msgSender: Int32Array;
  msgCommand: Uint8Array;
  /** Strings new since the last slice (the message tables index the run's growing string list). */
  newStrings: string[];
}

/** Counters and contents of one node at a step (a slim `Simulation.state()` node). */
export interface NodeLiveState {
  down: boolean;
  /** Queue: ready messages (depth). */
  ready?: number;
  /** Consumer/projection: attempts running now. */
  running?: number;
  /** Consumer/projection: pushed copies waiting for a slot. */
  buffered?: number;
  /** Dead-letter node: deliveries it holds. */
  held?: number;
}

export interface EntityAnswer {
  storeId: string;
  keys: (string | null)[];
  key: string | null;
  /** `appended`: when the store appended it; `created`: when it was emitted. */
  events: { id: number; type: string; created: number; appended: number; cause: number }[];
  state: { version: number; lastType: string | null; updatedAt: number | null; countsByType: Record<string, number> } | null;
}

export type ToWorker =
  | { type: 'start'; runId: number; topology: Topology; seed: number }
  | { type: 'cancel'; runId: number }
  /** The result and node states after `step` steps (0 = before anything happened). */
  | { type: 'state'; runId: number; requestId: number; step: number }
  /** An event store's entity keys and, for `key`, its events and replayed state, at `step`. */
  | { type: 'entity'; runId: number; requestId: number; step: number; storeId: string; key: string | null };

export type FromWorker =
  /** `maxEvents`: the run's bound on trace records (the page reserves its columns once). */
  | { type: 'compiled'; runId: number; nodes: RunNodeInfo[]; edges: RunEdgeInfo[]; name: string; maxEvents: number }
  | { type: 'progress'; runId: number; slice: TraceSlice }
  | { type: 'done'; runId: number; result: SimResult; steps: number; records: number; cancelled: boolean; computeMs: number }
  | { type: 'state'; runId: number; requestId: number; step: number; time: number; result: SimResult; nodes: Record<string, NodeLiveState>; costMs: number }
  | { type: 'entity'; runId: number; requestId: number; answer: EntityAnswer }
  /** The run could not start (compile error) or failed; `where` says which request. */
  | { type: 'error'; runId: number; where: 'start' | 'run' | 'state' | 'entity'; message: string };

/** The buffers of a slice, for postMessage's transfer list. */
export function sliceBuffers(s: TraceSlice): ArrayBuffer[] {
  const columns: (Int32Array | Float64Array | Uint8Array | Uint16Array)[] = [s.stepRecordEnd, s.stepEvent, s.msgType, s.msgKey, s.msgRoutingKey, s.msgCreated, s.msgCause, s.msgSender, s.msgCommand];
  for (const b of s.blocks) columns.push(b.t, b.type, b.node, b.edge, b.msg, b.delivery, b.attempt, b.value);
  return columns.map((a) => a.buffer as ArrayBuffer);
}
