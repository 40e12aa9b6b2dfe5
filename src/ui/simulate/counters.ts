/**
 * Which live counters each node kind shows on the canvas during Simulate, from the run's result at
 * the step shown (the same object `fanout simulate --json` prints at the end) and the node's live
 * contents. Headline counters are always shown; the others appear once they are non-zero, so a
 * node's card stays readable.
 */
import type { NodeResult } from '../../core/sim';
import type { NodeOverlay } from '../../state/store';
import type { NodeLiveState } from '../../worker/protocol';

type Counter = [label: string, value: number, always: boolean];

function num(r: NodeResult | undefined, field: string): number {
  const v = r?.[field];
  return typeof v === 'number' ? v : 0;
}

/** Counters of one node, in display order. */
export function countersFor(kind: string, r: NodeResult | undefined, live: NodeLiveState | undefined): Counter[] {
  const n = (f: string) => num(r, f);
  switch (kind) {
    case 'producer':
      return [
        ['published', n('published'), true],
        ['rejected', n('rejected'), false],
      ];
    case 'topic':
    case 'webhook':
      return [
        ['received', n('received'), true],
        ['retried', n('retried'), kind === 'webhook'],
        ['dead-lettered', n('deadLettered'), kind === 'webhook'],
        ['discarded', n('discarded'), false],
        ['timeouts', n('timeouts'), false],
      ];
    case 'exchange':
      return [
        ['received', n('received'), true],
        ['unroutable', n('unroutable'), false],
      ];
    case 'queue':
      return [
        ['depth', live?.ready ?? 0, true],
        ['received', n('received'), true],
        ['retried', n('retried'), true],
        ['dead-lettered', n('deadLettered'), false],
        ['timeouts', n('timeouts'), false],
        ['discarded', n('discarded'), false],
        ['rejected', n('rejected'), false],
      ];
    case 'stream':
      return [
        ['received', n('received'), true],
        ['retried', n('retried'), false],
        ['dead-lettered', n('deadLettered'), false],
        ['discarded', n('discarded'), false],
      ];
    case 'consumer':
    case 'projection':
      return [
        ['in flight', (live?.running ?? 0) + (live?.buffered ?? 0), true],
        ['received', n('received'), true],
        ['acked', n('acked'), true],
        ['failed', n('failed'), true],
        ['duplicates', n('duplicatesSkipped') + n('duplicatesProcessed'), false],
        ['abandoned', n('abandoned'), false],
        ['stale reads', n('staleReads'), kind === 'projection' && n('reads') > 0],
      ];
    case 'eventstore':
      return [
        ['appended', n('appended'), true],
        ['entities', n('entities'), true],
      ];
    case 'deadletter':
      return [
        ['holds', live?.held ?? 0, true],
        ['received', n('received'), false],
        ['redriven', n('redriven'), false],
      ];
    default:
      return [];
  }
}

/** The canvas overlay of one node: its counters and a state word (down, busy, backlog, idle). */
export function overlayFor(kind: string, r: NodeResult | undefined, live: NodeLiveState | undefined): NodeOverlay {
  const counters: Record<string, number> = {};
  for (const [label, value, always] of countersFor(kind, r, live)) if (always || value > 0) counters[label] = value;
  let state: NodeOverlay['state'] = 'idle';
  if (live?.down) state = 'down';
  else if ((live?.ready ?? 0) > 0 || (live?.buffered ?? 0) > 0) state = 'backlog';
  else if ((live?.running ?? 0) > 0) state = 'busy';
  return { counters, state };
}
