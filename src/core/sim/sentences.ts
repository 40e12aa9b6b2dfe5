/**
 * Trace records as plain sentences for the event log ("Email service failed OrderPlaced #42
 * (attempt 2 of 3); retry in 4 s"). Pure: everything it needs comes through `SentenceContext`, which
 * `Simulation.sentenceContext()` provides (or the UI builds from transferred tables).
 */
import type { TraceRecord } from './trace';

export interface SentenceContext {
  /** What sentences call node i (label or id). */
  nodeName(node: number): string;
  /** The node an edge leads to, −1 if unknown. */
  edgeTarget(edge: number): number;
  /** "OrderPlaced #42". */
  messageLabel(msg: number): string;
  /** The causing message id, −1. */
  causeOf(msg: number): number;
  /** Attempt budget of the path an edge leads a delivery over (Infinity: unlimited or unknown). */
  maxAttempts(edge: number): number;
  /** Routing key of a message. */
  routingKey(msg: number): string;
  /** The record after `index`, if any (a nack followed by its retry reads as one sentence). */
  recordAfter?(index: number): TraceRecord | undefined;
  /** The record before `index`, if any (the ack of a skipped duplicate says so). */
  recordBefore?(index: number): TraceRecord | undefined;
}

/** "4 s", "0.25 s", "1.5 ms"; at most 3 decimals. */
export function formatSeconds(s: number): string {
  if (s === 0) return '0 s';
  if (s < 0.001) return `${trim(s * 1000, 3)} ms`;
  return `${trim(s, 3)} s`;
}

function trim(x: number, decimals: number): string {
  return String(Number(x.toFixed(decimals)));
}

function attemptText(ctx: SentenceContext, rec: TraceRecord): string {
  const max = rec.edge >= 0 ? ctx.maxAttempts(rec.edge) : Infinity;
  return Number.isFinite(max) ? `attempt ${rec.attempt} of ${max}` : `attempt ${rec.attempt}`;
}

/** The sentence for one record. */
export function describeRecord(rec: TraceRecord, ctx: SentenceContext): string {
  const node = rec.node >= 0 ? ctx.nodeName(rec.node) : 'the system';
  const m = rec.msg >= 0 ? ctx.messageLabel(rec.msg) : '';
  const to = rec.edge >= 0 ? ctx.edgeTarget(rec.edge) : -1;
  const toName = to >= 0 ? ctx.nodeName(to) : '';
  switch (rec.type) {
    case 'publish':
      return `${node} published ${m}${toName ? ` to ${toName}` : ''}`;
    case 'route':
      return `${node} routed ${m} to ${toName}`;
    case 'enqueue':
      return `${m} is waiting in ${node}`;
    case 'deliver':
      return `${node} received ${m} (${attemptText(ctx, rec)})`;
    case 'ack': {
      const before = ctx.recordBefore?.(rec.index);
      if (before && before.type === 'duplicate' && before.delivery === rec.delivery) return `${node} acknowledged ${m} without processing it again`;
      return `${node} processed ${m} and acknowledged it`;
    }
    case 'nack': {
      const next = ctx.recordAfter?.(rec.index);
      const base = `${node} failed ${m} (${attemptText(ctx, rec)})`;
      if (next && next.type === 'retry' && next.delivery === rec.delivery && next.value !== undefined) {
        return `${base}; retry in ${formatSeconds(next.value)}`;
      }
      return base;
    }
    case 'timeout':
      return `${node} got no acknowledgement for ${m} in time (${attemptText(ctx, rec)})`;
    case 'retry':
      return `${node} will hand out ${m} again in ${formatSeconds(rec.value ?? 0)} (attempt ${rec.attempt} next)`;
    case 'deadletter':
      return `${m} was dead-lettered into ${node} after ${rec.attempt} attempt${rec.attempt === 1 ? '' : 's'}`;
    case 'discard':
      return `${node} discarded ${m}: it is lost`;
    case 'unroutable':
      return `${node} could not route ${m} (routing key "${rec.msg >= 0 ? ctx.routingKey(rec.msg) : ''}"): no binding matches`;
    case 'reject':
      return `${node} rejected ${m}`;
    case 'duplicate':
      return `${node} recognised ${m} as a duplicate and skipped it`;
    case 'emit': {
      const cause = rec.msg >= 0 ? ctx.causeOf(rec.msg) : -1;
      return `${node} emitted ${m}${cause >= 0 ? ` (caused by ${ctx.messageLabel(cause)})` : ''}`;
    }
    case 'project':
      return `${node} applied ${m} to its read model`;
    case 'read':
      return rec.value !== undefined && rec.value >= 0
        ? `A read of ${node} returned stale data (${formatSeconds(rec.value)} behind)`
        : `A read of ${node} returned up-to-date data`;
    case 'append':
      return `${node} appended ${m} (entity version ${rec.attempt})`;
    case 'redrive':
      return `${node} sent ${m} back for another round of attempts`;
    case 'down':
      return `${node} went down`;
    case 'up':
      return `${node} is back up`;
  }
}
