/**
 * The one-line summaries on nodes ("2/s OrderPlaced", "retry ×5 exp", "2 workers · 30% fail") and
 * the labels on edges ("order.*", "group billing"). Pure functions of the node or edge, so the
 * canvas can memoize them per object.
 */
import type { Distribution, RetryPolicy, TopologyEdge, TopologyNode } from '../../core/schema';
import type { EdgeKind } from '../../core/rules/edges';

/** "0.3 s", "exp 0.3 s", "0.1–0.5 s", "ln 0.2/1 s". */
export function formatDistribution(d: Distribution): string {
  if (typeof d === 'number') return `${fmt(d)} s`;
  switch (d.dist) {
    case 'constant':
      return `${fmt(d.value)} s`;
    case 'exponential':
      return `~${fmt(d.mean)} s`;
    case 'uniform':
      return `${fmt(d.min)}–${fmt(d.max)} s`;
    case 'lognormal':
      return `${fmt(d.median)} s p99 ${fmt(d.p99)}`;
  }
}

/** "retry ×5 exp", "retry ×3 fixed", "no retry" (1 attempt). */
export function formatRetry(retry: RetryPolicy): string {
  if (retry.maxAttempts <= 1) return 'no retry';
  const backoff = retry.backoff ? (retry.backoff.type === 'exponential' ? ' exp' : ' fixed') : '';
  const jitter = retry.backoff?.jitter && retry.backoff.jitter !== 'none' ? ` ${retry.backoff.jitter} jitter` : '';
  return `retry ×${retry.maxAttempts}${backoff}${jitter}`;
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(3)));
}

function pct(p: number): string {
  return `${fmt(p * 100)}%`;
}

function consumerParts(node: Extract<TopologyNode, { kind: 'consumer' | 'projection' }>): string[] {
  const parts: string[] = [];
  const c = node.concurrency ?? 1;
  parts.push(`${c} worker${c === 1 ? '' : 's'}`);
  if (node.processingTime !== undefined) parts.push(formatDistribution(node.processingTime));
  const f = node.failure;
  if (f) {
    if (f.probability) parts.push(`${pct(f.probability)} fail`);
    if (f.firstAttempts) parts.push(`fails ×${f.firstAttempts}`);
    if (f.types?.length || f.keys?.length) parts.push('poison');
  }
  if (node.idempotent) parts.push('idempotent');
  if (node.ackLoss) parts.push(`${pct(node.ackLoss)} ack loss`);
  if (node.emits?.length) parts.push(`→ ${node.emits.map((e) => e.type).join(', ')}`);
  return parts;
}

/** The key settings of a node, in a few words. */
export function nodeSummary(node: TopologyNode): string {
  switch (node.kind) {
    case 'producer': {
      if (node.messages.length === 0) return 'no messages';
      const parts = node.messages.slice(0, 2).map((m) => `${fmt(m.rate)}/s ${m.type}${m.category === 'command' ? ' (cmd)' : ''}`);
      if (node.messages.length > 2) parts.push(`+${node.messages.length - 2}`);
      return parts.join(' · ');
    }
    case 'topic':
      return node.retry ? `fan-out · ${formatRetry(node.retry)}` : 'fan-out';
    case 'queue': {
      const parts: string[] = [];
      if (node.fifo) parts.push('FIFO');
      parts.push(node.retry ? formatRetry(node.retry) : 'retry until retention');
      if (node.capacity) parts.push(`cap ${node.capacity}`);
      return parts.join(' · ');
    }
    case 'exchange':
      return `${node.exchangeType} exchange`;
    case 'stream': {
      const p = node.partitions ?? 1;
      const parts = [`${p} partition${p === 1 ? '' : 's'}`];
      if (node.retry) parts.push(formatRetry(node.retry));
      return parts.join(' · ');
    }
    case 'webhook': {
      const n = node.schedule?.length ?? 7;
      return `${n + 1} attempts · timeout ${fmt(node.timeout ?? 15)} s`;
    }
    case 'consumer':
      return consumerParts(node).join(' · ');
    case 'projection': {
      const parts = consumerParts(node);
      if (node.readRate) parts.push(`${fmt(node.readRate)} reads/s`);
      return parts.join(' · ');
    }
    case 'eventstore':
      return 'append-only log';
    case 'deadletter':
      return node.redrive?.length ? `redrive ×${node.redrive.length}` : 'holds exhausted deliveries';
  }
}

/** Short label shown on an edge: its key field, or its kind when the kind is not obvious from the line style. */
export function edgeLabel(edge: TopologyEdge, kind: EdgeKind | undefined): string | undefined {
  const parts: string[] = [];
  if (kind === 'bind') parts.push(edge.bindingKey === undefined ? 'no key' : edge.bindingKey === '' ? '(empty key)' : edge.bindingKey);
  if (kind === 'group') parts.push(`group ${edge.group ?? '?'}`);
  if (kind === 'alternate') parts.push('alternate');
  if (kind === 'deadLetter') parts.push('dead letter');
  if (edge.filter) parts.push(`only ${edge.filter.types.join(', ') || 'nothing'}`);
  if (edge.latency !== undefined) parts.push(formatDistribution(edge.latency));
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
