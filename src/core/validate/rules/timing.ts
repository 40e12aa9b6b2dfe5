/**
 * Rules about time and capacity that a teacher can trip over: message streams that end before their
 * count or start after the run, and consumer groups with more members than partitions.
 */
import { DEFAULTS } from '../../schema/defaults';
import { edgesOut, quote, type ValidationContext } from '../context';

export function checkMessageTiming(ctx: ValidationContext): void {
  const duration = ctx.duration;
  for (const { node, index } of ctx.nodes.values()) {
    if (node.kind !== 'producer') continue;
    node.messages.forEach((m, i) => {
      const at = `nodes[${index}].messages[${i}]`;
      const start = m.start ?? DEFAULTS.messages.start;
      const name = `the ${m.type} stream of ${quote(node.id)}`;
      if (start >= duration) {
        ctx.report({
          code: 'messages-after-duration',
          message: `${name} starts at ${start} s, but producers emit only before the duration (${duration} s), so it sends nothing`,
          nodeIds: [node.id],
          path: `${at}.start`,
        });
        return;
      }
      const burstInRun = m.burst !== undefined && m.burst.at < duration;
      if (m.burst !== undefined && !burstInRun) {
        ctx.report({
          code: 'messages-after-duration',
          message: `${name} has a burst at ${m.burst.at} s, at or after the duration (${duration} s), so the burst is dropped`,
          nodeIds: [node.id],
          path: `${at}.burst.at`,
        });
      }
      if (m.count === undefined) return;
      const window = duration - start;
      const constant = (m.arrival ?? DEFAULTS.messages.arrival) === 'constant';
      // The k-th constant arrival is at start + k/rate (k = 0, 1, …); those before duration count.
      const fromRate = m.rate === 0 ? 0 : constant ? constantArrivals(start, m.rate, duration) : window * m.rate;
      const reachable = fromRate + (burstInRun ? m.burst!.count : 0);
      if (m.count > reachable) {
        const amount = constant ? `exactly ${reachable}` : `about ${Math.round(reachable)} on average (poisson)`;
        ctx.report({
          code: 'count-not-reached',
          message: `${name} stops at the duration (${duration} s) before its count: at ${m.rate}/s from ${start} s it sends ${amount}, not ${m.count}`,
          nodeIds: [node.id],
          path: `${at}.count`,
        });
      }
    });
  }
}

/** How many k ≥ 0 have start + k/rate < duration, computed without accumulating (spec). */
function constantArrivals(start: number, rate: number, duration: number): number {
  let k = Math.max(0, Math.ceil((duration - start) * rate));
  while (k > 0 && start + (k - 1) / rate >= duration) k--;
  while (start + k / rate < duration) k++;
  return k;
}

export function checkGroups(ctx: ValidationContext): void {
  for (const { node, index } of ctx.nodes.values()) {
    if (node.kind !== 'stream') continue;
    const partitions = node.partitions ?? DEFAULTS.stream.partitions;
    const groups = new Map<string, Set<string>>();
    const edgeIds = new Map<string, string[]>();
    for (const g of edgesOut(ctx, node.id, 'group')) {
      if (g.edge.group === undefined) continue;
      const members = groups.get(g.edge.group) ?? new Set<string>();
      members.add(g.edge.to);
      groups.set(g.edge.group, members);
      edgeIds.set(g.edge.group, [...(edgeIds.get(g.edge.group) ?? []), g.edge.id]);
    }
    for (const [group, memberSet] of groups) {
      if (memberSet.size <= partitions) continue;
      // Members sorted by id in code-unit order get partitions range-style; the rest idle (spec).
      const members = [...memberSet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const idle = members.slice(partitions);
      ctx.report({
        code: 'idle-group-members',
        message: `group ${quote(group)} on stream ${quote(node.id)} has ${members.length} members but ${partitions} partition${partitions === 1 ? '' : 's'}, so ${idle.map(quote).join(', ')} ${idle.length === 1 ? 'is' : 'are'} idle (one member per partition, as in Kafka)`,
        nodeIds: [node.id, ...idle],
        edgeIds: edgeIds.get(group) ?? [],
        path: `nodes[${index}].partitions`,
      });
    }
  }
}
