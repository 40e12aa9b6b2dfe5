/**
 * A message's journey from the page's trace: the message, every message it caused (transitively,
 * by causation id), and every record about them in trace order — publish, fan-out copies, each
 * attempt with its retry delay, ack or dead-letter. Pure (no React), tested beside it.
 */
import { TRACE_TYPES, type TraceRecord } from '../../core/sim';
import type { TraceView } from './trace-view';

export interface Journey {
  root: number;
  /** The root and its descendants, in id order. */
  messages: number[];
  records: TraceRecord[];
  /** Node indices in order of first appearance (the sequence view's lanes). */
  lanes: number[];
  truncated: boolean;
}

/** Records beyond this are left out of the view (a message that caused thousands). */
export const JOURNEY_LIMIT = 400;

export function buildJourney(trace: TraceView, root: number, upTo = trace.records): Journey {
  const family = new Set<number>([root]);
  // Causes always have lower ids than what they cause: one pass in id order finds every descendant.
  for (let m = root + 1; m < trace.messages; m++) if (family.has(trace.msgCause[m]!)) family.add(m);
  const records: TraceRecord[] = [];
  const lanes: number[] = [];
  const seenLane = new Set<number>();
  const addLane = (n: number) => {
    if (n >= 0 && !seenLane.has(n)) {
      seenLane.add(n);
      lanes.push(n);
    }
  };
  let truncated = false;
  for (let i = 0; i < upTo; i++) {
    const msg = trace.msg.at(i);
    if (msg < 0 || !family.has(msg)) continue;
    if (records.length >= JOURNEY_LIMIT) {
      truncated = true;
      break;
    }
    const r = trace.record(i);
    records.push(r);
    if (r.edge >= 0 && (r.type === 'publish' || r.type === 'route')) {
      addLane(trace.edges[r.edge]!.from);
      addLane(trace.edges[r.edge]!.to);
    } else addLane(r.node);
  }
  return { root, messages: [...family].sort((a, b) => a - b), records, lanes, truncated };
}

/** Whether a record type moves a message between two nodes (an arrow in the sequence view). */
export function isArrow(r: TraceRecord): boolean {
  return r.edge >= 0 && (r.type === 'publish' || r.type === 'route' || r.type === 'deadletter');
}

export const TERMINAL = new Set<(typeof TRACE_TYPES)[number]>(['ack', 'deadletter', 'discard', 'unroutable', 'reject']);
