/**
 * Queues that cannot keep up: when messages arrive faster than the queue's consumers can finish
 * them (utilisation ρ = λ / (c·μ) ≥ 1), the queue grows for as long as messages arrive and waiting
 * times grow with the run length (messaging-semantics §5: there is no steady state).
 *
 * Both sides are estimated so that a warning is never a false alarm: the arrival rate counts only
 * producers' own streams (not consumers' emits), and only where their route is certain; the service
 * rate assumes every attempt succeeds at the mean processing time and that a consumer shared by
 * several inlets gives all its slots to this queue.
 */
import { DEFAULTS } from '../../schema/defaults';
import { edgesOut, quote, type ValidationContext } from '../context';
import { pathsOfSent } from '../routing';
import { meanOf } from './retries';

export function checkQueueCapacity(ctx: ValidationContext): void {
  const arrivals = new Map<string, number>();
  for (const { node } of ctx.nodes.values()) {
    if (node.kind !== 'producer') continue;
    for (const m of node.messages) {
      const start = m.start ?? DEFAULTS.messages.start;
      const window = ctx.duration - start;
      if (m.rate <= 0 || window <= 0) continue;
      const rate = m.count === undefined ? m.rate : Math.min(m.rate, m.count / window);
      const routingKeys = m.routingKey === undefined ? [DEFAULTS.messages.routingKey] : typeof m.routingKey === 'string' ? [m.routingKey] : [...new Set(m.routingKey)];
      const paths = pathsOfSent(ctx, { sender: node.id, type: m.type, routingKeys, category: 'event', path: '', probability: 1 });
      const counted = new Set<string>();
      for (const p of paths) {
        if (!p.key.startsWith('queue:') || counted.has(p.key)) continue;
        // With several routing keys cycled, only some reach a given binding: not certain, skip.
        if (routingKeys.length > 1 && p.trail.some((id) => ctx.nodes.get(id)?.node.kind === 'exchange')) continue;
        counted.add(p.key);
        const queueId = p.key.slice('queue:'.length);
        arrivals.set(queueId, (arrivals.get(queueId) ?? 0) + rate);
      }
    }
  }
  for (const [queueId, lambda] of arrivals) {
    const entry = ctx.nodes.get(queueId);
    if (!entry) continue;
    let capacity = 0;
    const consumers: string[] = [];
    for (const consume of edgesOut(ctx, queueId, 'consume')) {
      const c = ctx.nodes.get(consume.edge.to)?.node;
      if (!c || (c.kind !== 'consumer' && c.kind !== 'projection')) continue;
      const mean = meanOf(c.processingTime ?? DEFAULTS.consumer.processingTime);
      if (mean <= 0) {
        capacity = Infinity;
        break;
      }
      capacity += (c.concurrency ?? DEFAULTS.consumer.concurrency) / mean;
      consumers.push(c.id);
    }
    if (consumers.length === 0 || capacity === Infinity || lambda < capacity) continue;
    const rho = lambda / capacity;
    ctx.report({
      code: 'queue-overloaded',
      message: `queue ${quote(queueId)} receives about ${round(lambda)} messages/s, but its consumers (${consumers.join(', ')}) finish at most ${round(capacity)}/s: utilisation ρ = ${round(rho)} ≥ 1, so the queue grows for as long as messages arrive`,
      nodeIds: [queueId, ...consumers],
      path: `nodes[${entry.index}]`,
    });
  }
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}
