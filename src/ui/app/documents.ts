/**
 * Opening documents in the browser: the examples shipped in `public/examples/` (listed by
 * `index.json`), and laying out documents whose nodes have no positions yet (hand-written files,
 * the spec's examples) so they are readable at once.
 */
import { parseTopology, type Topology } from '../../core/schema';
import { layoutPositions, needsLayout } from '../../state/layout';
import { moveNodes } from '../../state/operations';

export interface ExampleEntry {
  file: string;
  name: string;
  summary: string;
}

/** The example a first visit opens. */
export const FIRST_EXAMPLE = 'order-events.json';

const base = () => import.meta.env.BASE_URL;

export async function fetchExampleIndex(): Promise<ExampleEntry[]> {
  const response = await fetch(`${base()}examples/index.json`);
  if (!response.ok) throw new Error(`the examples list could not be loaded (HTTP ${response.status})`);
  const list: unknown = await response.json();
  if (!Array.isArray(list)) throw new Error('the examples list is not a list');
  return list.filter(
    (e): e is ExampleEntry => typeof e === 'object' && e !== null && typeof e.file === 'string' && typeof e.name === 'string',
  );
}

/** Fetches and parses one example; errors name the file and what is wrong. */
export async function fetchExample(file: string): Promise<Topology> {
  const response = await fetch(`${base()}examples/${file}`);
  if (!response.ok) throw new Error(`examples/${file} could not be loaded (HTTP ${response.status})`);
  const parsed = parseTopology(await response.text());
  if (!parsed.ok) throw new Error(`examples/${file}: ${parsed.errors[0]!.message}`);
  return withLayout(parsed.topology);
}

/** The document with every node placed (auto layout) when some node has no position. */
export function withLayout(doc: Topology): Topology {
  return needsLayout(doc) ? moveNodes(doc, { positions: layoutPositions(doc) }) : doc;
}
