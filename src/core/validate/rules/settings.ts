/**
 * Settings that have no effect where they are, so a teacher who tunes them sees nothing change:
 * a topic's retry without a subscription that pushes to a consumer, a stream's retry that every
 * group overrides, and `ackLoss` on a consumer that reads only streams (spec: "not on streams").
 */
import { edgesIn, edgesOut, quote, type ValidationContext } from '../context';

export function checkIgnoredSettings(ctx: ValidationContext): void {
  for (const { node, index } of ctx.nodes.values()) {
    const at = `nodes[${index}]`;
    if (node.kind === 'topic' && node.retry) {
      const subscriptions = edgesOut(ctx, node.id, 'subscribe');
      const pushes = subscriptions.some((e) => {
        const kind = ctx.nodes.get(e.edge.to)?.node.kind;
        return kind === 'consumer' || kind === 'projection';
      });
      if (subscriptions.length > 0 && !pushes) {
        ctx.report({
          code: 'setting-ignored',
          message: `topic ${quote(node.id)}'s retry applies only to subscriptions that push straight to a consumer; its subscribers are queues and event stores, which retry by their own settings`,
          nodeIds: [node.id],
          path: `${at}.retry`,
        });
      }
    }
    if (node.kind === 'stream' && node.retry) {
      const groups = edgesOut(ctx, node.id, 'group');
      if (groups.length > 0 && groups.every((g) => g.edge.retry !== undefined)) {
        ctx.report({
          code: 'setting-ignored',
          message: `stream ${quote(node.id)}'s retry is overridden by the retry of every group edge, so it never applies`,
          nodeIds: [node.id],
          edgeIds: groups.map((g) => g.edge.id),
          path: `${at}.retry`,
        });
      }
    }
    if ((node.kind === 'consumer' || node.kind === 'projection') && (node.ackLoss ?? 0) > 0) {
      const inlets = edgesIn(ctx, node.id);
      if (inlets.length > 0 && inlets.every((e) => e.kind === 'group')) {
        ctx.report({
          code: 'setting-ignored',
          message: `${node.kind} ${quote(node.id)} reads only from streams, where progress is committed by offset, not acknowledged: its ackLoss has no effect`,
          nodeIds: [node.id],
          path: `${at}.ackLoss`,
        });
      }
    }
  }
}
