/**
 * Partitions that keyed records never reach. Kafka places a keyed record by murmur2 of its key
 * (messaging-semantics §2.1), so a fixed key, or fewer keys than partitions, leaves partitions empty
 * and the group members that own them idle — a classic surprise. Only certain cases are reported:
 * every sender into the stream is a producer whose streams all carry `key` or `keys`.
 */
import { partitionForKey } from '../../sim/murmur2';
import { DEFAULTS } from '../../schema/defaults';
import { edgesIn, quote, type ValidationContext } from '../context';

/** Above this many keys, every partition is reached in practice; not worth hashing them all. */
const MAX_KEYS_CHECKED = 10_000;

export function checkPartitionUse(ctx: ValidationContext): void {
  for (const { node, index } of ctx.nodes.values()) {
    if (node.kind !== 'stream') continue;
    const partitions = node.partitions ?? DEFAULTS.stream.partitions;
    if (partitions < 2) continue;
    const publishes = edgesIn(ctx, node.id, 'publish');
    if (publishes.length === 0) continue;
    const keys = new Set<string>();
    let certain = true;
    for (const publish of publishes) {
      const sender = ctx.nodes.get(publish.edge.from)?.node;
      if (!sender || sender.kind !== 'producer') {
        certain = false;
        break;
      }
      for (const m of sender.messages) {
        if (publish.edge.filter && !publish.edge.filter.types.includes(m.type)) continue;
        if (m.key !== undefined) keys.add(m.key);
        else if (m.keys !== undefined && m.keys <= MAX_KEYS_CHECKED) for (let k = 0; k < m.keys; k++) keys.add(`k${k}`);
        else certain = false;
      }
    }
    if (!certain || keys.size === 0) continue;
    const used = new Set<number>();
    for (const key of keys) {
      used.add(partitionForKey(key, partitions));
      if (used.size === partitions) break;
    }
    if (used.size === partitions) continue;
    const empty = [...Array(partitions).keys()].filter((p) => !used.has(p));
    const shownKeys = [...keys].slice(0, 4).map(quote).join(', ');
    ctx.report({
      code: 'partitions-unused',
      message: `stream ${quote(node.id)} has ${partitions} partitions, but its ${keys.size === 1 ? `only key ${shownKeys} lands` : `${keys.size} keys (${shownKeys}${keys.size > 4 ? ', …' : ''}) land`} in ${used.size === 1 ? 'partition' : 'partitions'} ${[...used].sort((a, b) => a - b).join(', ')}: partition${empty.length === 1 ? '' : 's'} ${empty.slice(0, 10).join(', ')}${empty.length > 10 ? ', …' : ''} stay${empty.length === 1 ? 's' : ''} empty, and the members that own ${empty.length === 1 ? 'it' : 'them'} idle`,
      nodeIds: [node.id, ...publishes.map((p) => p.edge.from)],
      path: `nodes[${index}].partitions`,
    });
  }
}
