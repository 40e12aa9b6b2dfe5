/**
 * What happens when a delivery reaches a node: a broker that is down rejects it (counted on the
 * sender); a topic or webhook fans it out to matching subscriptions/endpoints; an exchange routes it
 * by binding (RabbitMQ matching, one copy per queue, alternate edge or `unroutable`); a stream
 * appends it to a partition for every group; an event store appends it and feeds its catch-up
 * subscriptions; a queue enqueues it; a consumer gets it pushed; a dead-letter node holds it.
 * At a fan-out the first copy continues the delivery and each further copy is a new delivery.
 */
import type { CompiledNode } from '../compile/model';
import type { Engine } from './engine';
import { partitionForKey } from './murmur2';
import { S_ACKED, S_DEADLETTERED, S_DISCARDED, S_LOG, S_REJECTED, S_UNROUTABLE } from './tables';
import * as T from './trace';
import { pushAttempt } from './push';
import { enqueue } from './queues';
import { appendToGroups } from './streams';

export function arrive(eng: Engine, d: number, edge: number): void {
  const m = eng.model;
  const e = m.edges[edge]!;
  const to = m.nodes[e.to]!;
  eng.lastChange = eng.now;
  switch (to.kind) {
    case 'consumer':
    case 'projection':
      pushAttempt(eng, d, eng.pushPathOfEdge[edge]!, edge);
      return;
    case 'deadletter':
      arriveAtDeadLetter(eng, d, to, edge);
      return;
    default:
      break;
  }
  if (eng.down[to.index]) {
    eng.terminate(d, S_REJECTED);
    eng.stats[e.from]!.rejected++;
    eng.record(T.T_REJECT, to.index, edge, eng.deliveries.msg[d]!, d, 0);
    return;
  }
  const st = eng.stats[to.index]!;
  st.received++;
  switch (to.kind) {
    case 'queue':
      enqueue(eng, eng.queues[eng.queueOf[to.index]!]!, d, edge);
      return;
    case 'topic':
    case 'webhook':
      fanOut(eng, d, to, to.kind === 'topic' ? 'subscribe' : 'endpoint');
      return;
    case 'exchange':
      route(eng, d, to);
      return;
    case 'stream':
      appendToStream(eng, d, to, edge);
      return;
    case 'eventstore':
      appendToStore(eng, d, to, edge);
      return;
  }
}

/** Topic and webhook: one delivery per matching subscription / endpoint; the first continues `d`. */
export function fanOut(eng: Engine, d: number, node: CompiledNode, kind: 'subscribe' | 'endpoint'): void {
  const msg = eng.deliveries.msg[d]!;
  let type: string | null = null;
  let first = true;
  const targets: number[] = [];
  for (const ei of node.out) {
    const e = eng.model.edges[ei]!;
    if (e.kind !== kind) continue;
    if (e.filter !== null) {
      type ??= eng.types[eng.messages.type[msg]!]!;
      if (!e.filter.has(type)) continue;
    }
    targets.push(ei);
  }
  if (targets.length === 0) {
    eng.stats[node.index]!.discarded++;
    eng.terminate(d, S_DISCARDED);
    eng.record(T.T_DISCARD, node.index, -1, msg, d, 0);
    return;
  }
  for (const ei of targets) {
    const copy = first ? d : eng.copyDelivery(d);
    first = false;
    eng.record(T.T_ROUTE, node.index, ei, msg, copy, 0);
    eng.sendOverEdge(copy, ei);
  }
}

/** Exchange routing: at most one copy per queue; unroutable → alternate edge or counted. */
export function route(eng: Engine, d: number, node: CompiledNode): void {
  const msg = eng.deliveries.msg[d]!;
  const rk = eng.strings[eng.messages.routingKey[msg]!]!;
  const targets: number[] = [];
  const seenQueues: number[] = [];
  for (const ei of node.out) {
    const e = eng.model.edges[ei]!;
    if (e.kind !== 'bind' || seenQueues.includes(e.to)) continue;
    if (eng.bindingMatchers[ei]!(rk)) {
      targets.push(ei);
      seenQueues.push(e.to);
    }
  }
  if (targets.length === 0) {
    const alt = eng.alternateEdge[node.index]!;
    if (alt >= 0) {
      eng.record(T.T_ROUTE, node.index, alt, msg, d, 0);
      eng.sendOverEdge(d, alt);
    } else {
      eng.stats[node.index]!.unroutable++;
      eng.terminate(d, S_UNROUTABLE);
      eng.record(T.T_UNROUTABLE, node.index, -1, msg, d, 0);
    }
    return;
  }
  let first = true;
  for (const ei of targets) {
    const copy = first ? d : eng.copyDelivery(d);
    first = false;
    eng.record(T.T_ROUTE, node.index, ei, msg, copy, 0);
    eng.sendOverEdge(copy, ei);
  }
}

export function appendToStream(eng: Engine, d: number, node: CompiledNode, edge: number): void {
  const s = eng.streams[node.index]!;
  const msg = eng.deliveries.msg[d]!;
  const key = eng.messages.keyOf(msg);
  let p: number;
  if (key >= 0) {
    let cached = s.partitionOfKey.get(key);
    if (cached === undefined) {
      cached = partitionForKey(eng.strings[key]!, node.partitions);
      s.partitionOfKey.set(key, cached);
    }
    p = cached;
  } else p = s.roundRobin++ % node.partitions;
  s.counts[p]!++;
  if (s.groups.length === 0) {
    // Nobody reads the stream: the broker's acknowledgement of the append ends the delivery.
    eng.deliveries.node[eng.deliveries.slot[d]!] = node.index;
    eng.record(T.T_ENQUEUE, node.index, edge, msg, d, 0);
    eng.terminate(d, S_ACKED);
    return;
  }
  eng.deliveries.state[d] = S_LOG;
  appendToGroups(eng, s, d, p, edge);
}

export function appendToStore(eng: Engine, d: number, node: CompiledNode, edge: number): void {
  const store = eng.stores[node.index]!;
  const msg = eng.deliveries.msg[d]!;
  const key = eng.messages.keyOf(msg);
  let events = store.entities.get(key);
  if (!events) {
    store.entities.set(key, (events = []));
    store.appendedAt.set(key, []);
  }
  events.push(msg);
  store.appendedAt.get(key)!.push(eng.now);
  if (events.length > store.maxVersion) store.maxVersion = events.length;
  eng.stats[node.index]!.appended++;
  eng.deliveries.node[eng.deliveries.slot[d]!] = node.index;
  eng.record(T.T_APPEND, node.index, edge, msg, d, events.length);
  eng.terminate(d, S_ACKED);
  // Catch-up subscriptions: every appended event, in append order.
  const type = eng.types[eng.messages.type[msg]!]!;
  for (const ei of node.out) {
    const e = eng.model.edges[ei]!;
    if (e.kind !== 'subscribe' || (e.filter !== null && !e.filter.has(type))) continue;
    const copy = eng.copyDelivery(d);
    eng.record(T.T_ROUTE, node.index, ei, msg, copy, 0);
    eng.sendOverEdge(copy, ei);
  }
}

export function arriveAtDeadLetter(eng: Engine, d: number, node: CompiledNode, edge: number): void {
  const st = eng.stats[node.index]!;
  st.received++;
  const msg = eng.deliveries.msg[d]!;
  const slot = eng.deliveries.slot[d]!;
  // Where a redrive sends it back: set by the broker that dead-lettered it, else (an exchange's
  // alternate edge) the node the edge comes from.
  if (eng.deliveries.origin[slot]! < 0) eng.deliveries.origin[slot] = eng.model.edges[edge]!.from;
  eng.deliveries.node[slot] = node.index;
  eng.held[node.index]!.push(d);
  eng.heldLatency[node.index]!.push(eng.now - eng.messages.created[msg]!);
  eng.terminate(d, S_DEADLETTERED);
  eng.record(T.T_DEADLETTER, node.index, edge, msg, d, eng.deliveries.attempts[eng.deliveries.slot[d]!]!);
}
