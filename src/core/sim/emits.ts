/**
 * Consumers' emits (spec, "Consumer behaviour"): on success or when a delivery is dead-lettered, each
 * emit is sent with its probability, as a new message caused by the delivery's message — its key
 * is the cause's unless the emit names one (`key`, or `keys` drawn from the consumer's generator),
 * and routing-key lists cycle per emit.
 */
import type { Engine } from './engine';
import * as T from './trace';

/** Sends the consumer's emits for `on` (each with its probability), caused by delivery `d`. */
export function emitMessages(e: Engine, node: number, d: number, on: 'success' | 'dead-letter'): void {
  const c = e.consumers[node]!;
  const spec = e.model.nodes[node]!;
  const cause = e.deliveries.msg[d]!;
  for (let i = 0; i < spec.emits.length; i++) {
    const em = spec.emits[i]!;
    if (em.on !== on) continue;
    if (em.probability < 1 && !(c.emitRng.next() < em.probability)) continue;
    let key = e.messages.keyOf(cause);
    if (em.key !== null) key = e.intern(em.key);
    else if (em.keys > 0) key = e.intern(`k${c.emitRng.nextInt(em.keys)}`);
    const counter = e.emitCounters[node]!;
    const cycle = counter[i] ?? 0;
    counter[i] = cycle + 1;
    const rk = e.intern(em.routingKeys[cycle % em.routingKeys.length]!);
    const msg = e.createMessage(e.internType(em.type), key, rk, cause, node, em.category === 'command' ? 1 : 0);
    e.stats[node]!.emitted++;
    e.record(T.T_EMIT, node, -1, msg, d, 0);
    e.sendFrom(node, msg, d);
  }
}
