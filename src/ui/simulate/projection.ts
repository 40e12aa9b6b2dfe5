/**
 * A projection's read model beside the source of truth, per entity key, at a moment of the run
 * (pure, from the page's trace). The source of truth is every event that has happened by then and
 * is on its way to the projection (its message was created and some delivery of it reaches the
 * projection during the run); the view is what the projection has applied (`project` records).
 * Where they differ, the read model lags: the eventual consistency the class should see.
 */
import { TRACE_TYPES } from '../../core/sim';
import type { TraceView } from './trace-view';

const DELIVER = TRACE_TYPES.indexOf('deliver');
const PROJECT = TRACE_TYPES.indexOf('project');

export interface ProjectionRow {
  key: string;
  /** Events of this key that have happened. */
  truth: number;
  /** Events of this key the read model has applied. */
  applied: number;
  lastTruthType: string | null;
  lastAppliedType: string | null;
  /** Age of the oldest event not applied yet (s), or null when up to date. */
  oldestUnapplied: number | null;
}

export function projectionRows(trace: TraceView, node: number, upTo: number): ProjectionRow[] {
  const now = upTo > 0 ? trace.t.at(upTo - 1) : 0;
  const destined = new Set<number>();
  for (let i = 0; i < trace.records; i++) if (trace.type.at(i) === DELIVER && trace.node.at(i) === node) destined.add(trace.msg.at(i));
  const applied = new Set<number>();
  for (let i = 0; i < upTo; i++) if (trace.type.at(i) === PROJECT && trace.node.at(i) === node) applied.add(trace.msg.at(i));
  const rows = new Map<string, ProjectionRow>();
  const sorted = [...destined].sort((a, b) => a - b);
  for (const m of sorted) {
    if (trace.msgCreated[m]! > now) continue;
    const key = trace.messageKey(m) ?? '(no key)';
    let row = rows.get(key);
    if (!row) {
      row = { key, truth: 0, applied: 0, lastTruthType: null, lastAppliedType: null, oldestUnapplied: null };
      rows.set(key, row);
    }
    row.truth++;
    row.lastTruthType = trace.messageType(m);
    if (applied.has(m)) {
      row.applied++;
      row.lastAppliedType = trace.messageType(m);
    } else if (row.oldestUnapplied === null) row.oldestUnapplied = now - trace.msgCreated[m]!;
  }
  return [...rows.values()].sort((a, b) => (b.truth - b.applied) - (a.truth - a.applied) || a.key.localeCompare(b.key, 'en', { numeric: true }));
}
