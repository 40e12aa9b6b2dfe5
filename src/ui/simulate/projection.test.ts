import { describe, expect, it } from 'vitest';
import { TRACE_TYPES } from '../../core/sim';
import { projectionRows } from './projection';
import { exampleTopology, traceViewOf } from './test-support';

describe('projection beside its source of truth', () => {
  const { trace } = traceViewOf(exampleTopology('order-events'), 7);
  const view = trace.nodes.findIndex((n) => n.id === 'order-view');

  it('is up to date at the end of a run where every delivery was acked', () => {
    const rows = projectionRows(trace, view, trace.records);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.applied).toBe(r.truth);
    const total = rows.reduce((a, r) => a + r.truth, 0);
    expect(total).toBe(273); // every OrderPlaced and PaymentSucceeded reaches the view (CLI: received 273)
  });

  it('lags just after an event reached the projection and before it was applied', () => {
    const deliver = TRACE_TYPES.indexOf('deliver');
    let i = 0;
    while (!(trace.type.at(i) === deliver && trace.node.at(i) === view)) i++;
    const rows = projectionRows(trace, view, i + 1);
    const behind = rows.filter((r) => r.applied < r.truth);
    expect(behind.length).toBe(1);
    expect(behind[0]!.key).toBe(trace.messageKey(trace.msg.at(i)));
    expect(behind[0]!.oldestUnapplied).toBeGreaterThanOrEqual(0);
  });
});
