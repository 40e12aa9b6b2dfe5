/**
 * Rules about RabbitMQ binding keys (messaging-semantics §1.1–1.2): keys a fanout exchange ignores,
 * wildcards RabbitMQ takes literally, empty words, and bindings no routing key ever matches.
 */
import { edgesIn, edgesOut, quote, type ValidationContext } from '../context';
import { topicWords } from '../../sim/topic-match';
import { bindingMatches, type SentMessage } from '../routing';

export function checkBindings(ctx: ValidationContext, sent: readonly SentMessage[]): void {
  const routingKeysInto = routingKeysByExchange(ctx, sent);
  for (const { node, index } of ctx.nodes.values()) {
    if (node.kind !== 'exchange') continue;
    const keys = routingKeysInto.get(node.id);
    const binds = edgesOut(ctx, node.id, 'bind');
    if (keys && binds.length > 0 && edgesOut(ctx, node.id, 'alternate').length === 0) {
      const lost = [...keys].filter((rk) => !binds.some((b) => bindingMatches(node, b.edge, rk)));
      if (lost.length > 0) {
        ctx.report({
          code: 'unroutable-messages',
          message: `exchange ${quote(node.id)} gets messages with routing key ${lost.slice(0, 5).map(quote).join(', ')}${lost.length > 5 ? ', …' : ''} that match no binding, and it has no alternate edge, so they are dropped (RabbitMQ drops unroutable messages)`,
          nodeIds: [node.id],
          path: `nodes[${index}]`,
        });
      }
    }
    for (const bind of edgesOut(ctx, node.id, 'bind')) {
      const { edge, index } = bind;
      const key = edge.bindingKey;
      if (key === undefined) continue;
      const at = `edges[${index}].bindingKey`;
      const ids = { nodeIds: [node.id, edge.to], edgeIds: [edge.id] };
      if (node.exchangeType === 'fanout') {
        ctx.report({
          code: 'binding-key-ignored',
          message: `edge ${quote(edge.id)}: exchange ${quote(node.id)} is fanout, which copies every message to every bound queue; the binding key ${quote(key)} is ignored`,
          ...ids,
          path: at,
        });
        continue;
      }
      const words = topicWords(key);
      if (node.exchangeType === 'direct') {
        if (words.some((w) => w === '*' || w === '#')) {
          ctx.report({
            code: 'binding-key-literal-wildcard',
            message: `edge ${quote(edge.id)}: exchange ${quote(node.id)} is direct, so ${quote(key)} matches only the routing key ${quote(key)} itself; wildcards work on topic exchanges`,
            ...ids,
            path: at,
          });
        }
      } else {
        const literal = words.filter((w) => w !== '*' && w !== '#' && (w.includes('*') || w.includes('#')));
        if (literal.length > 0) {
          ctx.report({
            code: 'binding-key-literal-wildcard',
            message: `edge ${quote(edge.id)}: in the binding key ${quote(key)}, ${literal.map(quote).join(', ')} ${literal.length === 1 ? 'is a literal word' : 'are literal words'}: RabbitMQ treats * and # as wildcards only when they are a whole word`,
            ...ids,
            path: at,
          });
        }
        if (words.some((w) => w === '')) {
          ctx.report({
            code: 'binding-key-empty-word',
            message: `edge ${quote(edge.id)}: the binding key ${quote(key)} has an empty word (a leading, trailing or doubled "."), which matches only an empty word in the routing key`,
            ...ids,
            path: at,
          });
        }
      }
      if (keys && keys.size > 0 && ![...keys].some((rk) => bindingMatches(node, edge, rk))) {
        const shown = [...keys].slice(0, 5).map(quote).join(', ');
        ctx.report({
          code: 'binding-never-matches',
          message: `edge ${quote(edge.id)}: the binding key ${quote(key)} matches none of the routing keys sent to exchange ${quote(node.id)} (${shown}${keys.size > 5 ? ', …' : ''}), so ${quote(edge.to)} gets nothing through it`,
          ...ids,
          path: at,
        });
      }
    }
  }
}

/** Every routing key some sender may publish to each exchange (over its publish edges and filters). */
function routingKeysByExchange(ctx: ValidationContext, sent: readonly SentMessage[]): Map<string, Set<string>> {
  const bySender = new Map<string, SentMessage[]>();
  for (const m of sent) bySender.set(m.sender, [...(bySender.get(m.sender) ?? []), m]);
  const out = new Map<string, Set<string>>();
  for (const { node } of ctx.nodes.values()) {
    if (node.kind !== 'exchange') continue;
    const keys = new Set<string>();
    for (const publish of edgesIn(ctx, node.id, 'publish')) {
      for (const m of bySender.get(publish.edge.from) ?? []) {
        if (publish.edge.filter && !publish.edge.filter.types.includes(m.type)) continue;
        for (const rk of m.routingKeys) keys.add(rk);
      }
    }
    out.set(node.id, keys);
  }
  return out;
}
