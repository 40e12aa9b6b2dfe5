/**
 * Rules about what is connected to what: senders with nowhere to send, receivers nothing reaches,
 * brokers whose messages pile up or vanish, and a topology with nothing to simulate.
 */
import { edgesIn, edgesOut, quote, type ValidationContext } from '../context';

const BROKERS = new Set(['topic', 'queue', 'exchange', 'stream', 'webhook', 'eventstore']);

export function checkWiring(ctx: ValidationContext): void {
  let somethingToSimulate = false;
  for (const { node, index } of ctx.nodes.values()) {
    const at = `nodes[${index}]`;
    const ids = { nodeIds: [node.id] };
    const inbound = edgesIn(ctx, node.id);
    switch (node.kind) {
      case 'producer': {
        if (node.messages.length === 0) {
          ctx.report({
            code: 'producer-no-messages',
            message: `producer ${quote(node.id)} has no message streams, so it sends nothing`,
            ...ids,
            path: `${at}.messages`,
          });
        }
        const publishes = edgesOut(ctx, node.id, 'publish').length > 0;
        if (!publishes) {
          ctx.report({
            code: 'producer-no-outlet',
            message: `producer ${quote(node.id)} has no publish edge, so its messages go nowhere`,
            ...ids,
            path: at,
          });
        }
        if (node.messages.length > 0 && publishes) somethingToSimulate = true;
        break;
      }
      case 'consumer':
      case 'projection': {
        if (inbound.length === 0) {
          ctx.report({
            code: 'consumer-no-inlet',
            message: `${node.kind} ${quote(node.id)} has no inbound edge, so it never receives a message`,
            ...ids,
            path: at,
          });
        }
        const publishes = edgesOut(ctx, node.id, 'publish');
        const emits = node.emits ?? [];
        if (emits.length > 0 && publishes.length === 0) {
          ctx.report({
            code: 'emits-without-outlet',
            message: `${node.kind} ${quote(node.id)} emits ${emits.map((e) => e.type).join(', ')} but has no publish edge, so they go nowhere`,
            ...ids,
            path: `${at}.emits`,
          });
        }
        if (emits.length === 0 && publishes.length > 0) {
          ctx.report({
            code: 'outlet-without-emits',
            message: `${node.kind} ${quote(node.id)} has a publish edge to ${quote(publishes[0]!.edge.to)} but declares no emits, so it sends nothing there`,
            ...ids,
            edgeIds: publishes.map((e) => e.edge.id),
            path: `${at}.emits`,
          });
        }
        break;
      }
      case 'deadletter': {
        const feeds = inbound.filter((e) => e.kind === 'deadLetter' || e.kind === 'alternate');
        if (feeds.length === 0) {
          if (node.redrive && node.redrive.length > 0) {
            ctx.report({
              code: 'redrive-without-source',
              message: `dead-letter node ${quote(node.id)} has a redrive, but nothing dead-letters to it, so there is nothing to send back`,
              ...ids,
              path: `${at}.redrive`,
            });
          } else {
            ctx.report({
              code: 'deadletter-unconnected',
              message: `dead-letter node ${quote(node.id)} has no deadLetter or alternate edge into it`,
              ...ids,
              path: at,
            });
          }
        }
        break;
      }
      default:
        break;
    }
    if (BROKERS.has(node.kind)) checkBroker(ctx, node.id, node.kind, at, inbound.length > 0);
  }
  if (!somethingToSimulate) {
    ctx.report({
      code: 'nothing-to-simulate',
      message:
        ctx.topology.nodes.some((n) => n.kind === 'producer')
          ? 'no producer has both a message stream and a publish edge, so a run would send nothing'
          : 'there is no producer, so a run would send nothing',
      path: 'nodes',
    });
  }
}

function checkBroker(ctx: ValidationContext, id: string, kind: string, at: string, hasInlet: boolean): void {
  const ids = { nodeIds: [id] };
  if (!hasInlet) {
    ctx.report({
      code: 'no-inlet',
      message: `nothing sends to ${kind === 'eventstore' ? 'event store' : kind} ${quote(id)}: no edge leads into it`,
      ...ids,
      path: at,
    });
    // What follows is about messages that reach it: with none arriving, "they pile up" or "they
    // reach no one" would contradict the finding above.
    return;
  }
  const out = edgesOut(ctx, id);
  const has = (k: string) => out.some((e) => e.kind === k);
  switch (kind) {
    case 'queue':
      if (!has('consume')) {
        ctx.report({
          code: 'queue-unconsumed',
          message: `queue ${quote(id)} has no consumer, so its messages pile up until retention expires`,
          ...ids,
          path: at,
        });
      }
      break;
    case 'stream':
      if (!has('group')) {
        ctx.report({
          code: 'stream-unread',
          message: `stream ${quote(id)} has no consumer group reading it, so its records are stored and never processed`,
          ...ids,
          path: at,
        });
      }
      break;
    case 'topic':
      if (!has('subscribe')) {
        ctx.report({
          code: 'no-receivers',
          message: `topic ${quote(id)} has no subscriptions, so what is published to it reaches no one (SNS drops it)`,
          ...ids,
          path: at,
        });
      }
      break;
    case 'exchange':
      if (!has('bind') && !has('alternate')) {
        ctx.report({
          code: 'no-receivers',
          message: `exchange ${quote(id)} has no bindings, so every message is unroutable and dropped (RabbitMQ)`,
          ...ids,
          path: at,
        });
      }
      break;
    case 'webhook':
      if (!has('endpoint')) {
        ctx.report({
          code: 'no-receivers',
          message: `webhook ${quote(id)} has no endpoint, so its events are delivered to no one`,
          ...ids,
          path: at,
        });
      }
      break;
    default:
      break;
  }
}
