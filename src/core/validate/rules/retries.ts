/**
 * Rules about retries, dead letters and timeouts: where exhausted messages go (spec, "Retry and
 * visibility"; SQS redrive and SNS delivery policies in messaging-semantics §3).
 */
import { DEFAULTS } from '../../schema/defaults';
import type { Distribution } from '../../schema/document';
import { edgesOut, quote, type ValidationContext } from '../context';

/** The mean of a duration distribution, in seconds. */
export function meanOf(d: Distribution): number {
  if (typeof d === 'number') return d;
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal': {
      // p99 = median · e^(2.3263 σ): the 99th percentile of the standard normal is 2.3263.
      const sigma = Math.log(d.p99 / d.median) / 2.326_347_874;
      return d.median * Math.exp((sigma * sigma) / 2);
    }
  }
}

export function checkRetries(ctx: ValidationContext): void {
  for (const { node, index } of ctx.nodes.values()) {
    if (node.kind !== 'queue' && node.kind !== 'topic' && node.kind !== 'stream' && node.kind !== 'webhook') continue;
    const at = `nodes[${index}]`;
    const deadLetters = edgesOut(ctx, node.id, 'deadLetter');
    if (node.kind === 'webhook') {
      const schedule = node.schedule ?? DEFAULTS.webhook.schedule;
      if (schedule.length > 0 && deadLetters.length === 0) {
        ctx.report({
          code: 'retry-without-deadletter',
          message: `webhook ${quote(node.id)} makes up to ${schedule.length + 1} attempts${node.schedule ? '' : " (Svix's schedule)"} but has no deadLetter edge, so an event that exhausts them is discarded`,
          nodeIds: [node.id],
          path: node.schedule ? `${at}.schedule` : at,
        });
      }
      continue;
    }
    if (deadLetters.length === 0) {
      if (node.retry && node.retry.maxAttempts > 1) {
        ctx.report({
          code: 'retry-without-deadletter',
          message: `${node.kind} ${quote(node.id)} retries up to ${node.retry.maxAttempts} attempts but has no deadLetter edge, so a message that exhausts them is discarded`,
          nodeIds: [node.id],
          path: `${at}.retry.maxAttempts`,
        });
      }
      if (node.kind === 'stream') {
        for (const group of edgesOut(ctx, node.id, 'group')) {
          const retry = group.edge.retry;
          if (retry && retry.maxAttempts > 1) {
            ctx.report({
              code: 'retry-without-deadletter',
              message: `group ${quote(group.edge.group ?? '')} on stream ${quote(node.id)} retries up to ${retry.maxAttempts} attempts, but the stream has no deadLetter edge, so a record that exhausts them is skipped and lost`,
              nodeIds: [node.id, group.edge.to],
              edgeIds: [group.edge.id],
              path: `edges[${group.index}].retry.maxAttempts`,
            });
          }
        }
      }
    } else if (node.kind === 'queue' && !node.retry && !(node.capacity !== undefined && node.overflow === 'drop-head')) {
      // (A full queue with drop-head overflow dead-letters its oldest ready message over this edge.)
      ctx.report({
        code: 'deadletter-edge-unused',
        message: `queue ${quote(node.id)} has a deadLetter edge to ${quote(deadLetters[0]!.edge.to)} but no retry policy, so it retries without limit and never dead-letters (SQS without maxReceiveCount)`,
        nodeIds: [node.id, deadLetters[0]!.edge.to],
        edgeIds: deadLetters.map((e) => e.edge.id),
        path: `${at}.retry`,
      });
    }
    if (node.kind === 'queue') {
      const timeout = node.visibilityTimeout ?? DEFAULTS.queue.visibilityTimeout;
      for (const consume of edgesOut(ctx, node.id, 'consume')) {
        const consumer = ctx.nodes.get(consume.edge.to)?.node;
        if (!consumer || (consumer.kind !== 'consumer' && consumer.kind !== 'projection')) continue;
        const mean = meanOf(consumer.processingTime ?? DEFAULTS.consumer.processingTime);
        if (mean > timeout) {
          ctx.report({
            code: 'visibility-timeout-short',
            message: `${consumer.kind} ${quote(consumer.id)} takes ${round(mean)} s on average, longer than the visibility timeout of queue ${quote(node.id)} (${timeout} s), so messages time out and are handed out again while still being processed`,
            nodeIds: [node.id, consumer.id],
            edgeIds: [consume.edge.id],
            path: node.visibilityTimeout === undefined ? at : `${at}.visibilityTimeout`,
          });
        }
      }
    }
  }
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
