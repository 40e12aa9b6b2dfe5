/**
 * The clipboard fragment: what copy puts on the system clipboard and paste reads back, as a small
 * JSON object `{"format": "fanout/fragment", nodes, edges, faults?}`. Paste goes through the zod
 * node, edge and fault schemas so a fragment from another tab (or any text someone pastes) can
 * never put an invalid node in the document.
 */
import { z } from 'zod';
import { edgeSchema, faultSchema, nodeSchema } from '../core/schema';
import type { Fault, TopologyEdge, TopologyNode } from '../core/schema';
import { formatPath } from '../core/schema/parse';

export const FRAGMENT_FORMAT = 'fanout/fragment';

export interface Fragment {
  format: typeof FRAGMENT_FORMAT;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  faults?: Fault[];
}

const fragmentSchema = z.strictObject({
  format: z.literal(FRAGMENT_FORMAT),
  nodes: z.array(nodeSchema).max(10_000),
  edges: z.array(edgeSchema).max(50_000),
  faults: z.array(faultSchema).max(10_000).optional(),
});

export type FragmentParse = { ok: true; fragment: Fragment } | { ok: false; message: string };

/** Text for the clipboard. */
export function encodeFragment(fragment: Fragment): string {
  return JSON.stringify(fragment);
}

/**
 * Reads clipboard text. Text that is not a fragment at all says so plainly; a fragment with a bad
 * node names the path (`nodes[0].concurrency: …`).
 */
export function parseFragment(text: string): FragmentParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the clipboard holds no Fanout nodes (it is not JSON)' };
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== FRAGMENT_FORMAT) {
    return { ok: false, message: 'the clipboard holds no Fanout nodes (copy some nodes first)' };
  }
  const parsed = fragmentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = formatPath(issue.path);
    return { ok: false, message: `the copied nodes are not valid: ${where ? `${where}: ` : ''}${issue.message}` };
  }
  const data = parsed.data;
  const fragment: Fragment = { format: FRAGMENT_FORMAT, nodes: data.nodes, edges: data.edges };
  if (data.faults && data.faults.length > 0) fragment.faults = data.faults;
  return { ok: true, fragment };
}
