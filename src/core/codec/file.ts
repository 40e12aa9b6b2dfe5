/**
 * Topology files: what "Export JSON" writes, "Import" / drag-and-drop / paste read, and the CLI takes.
 * Files are pretty-printed with a stable key order (see canonical.ts) and a trailing newline, so a
 * file kept in git diffs cleanly. Reading goes through the one parse → migrate → validate path of
 * the core (`parseTopology`); nothing in a file is ever evaluated.
 */
import { parseTopology, type SchemaError, type Topology } from '../schema';
import { canonicalTopology } from './canonical';

/** The file extension Fanout writes; `.json` files are read too. */
export const TOPOLOGY_FILE_EXTENSION = '.fanout.json';

/** Serializes a topology as the text of a `.fanout.json` file. */
export function encodeTopologyFile(topology: Topology): string {
  return `${JSON.stringify(canonicalTopology(topology), null, 2)}\n`;
}

export type DecodeFileResult =
  | { ok: true; topology: Topology; migratedFrom?: number }
  | {
      ok: false;
      errors: SchemaError[];
      /** One paragraph for a dialog or the terminal: the first problems, each with its JSON path. */
      message: string;
    };

/** How many problems a summary message lists before "and n more". */
const LISTED_PROBLEMS = 5;

/**
 * Reads the text of a topology file: parse, migrate older versions, validate against schema v1.
 * A byte-order mark (some Windows editors add one) is ignored.
 */
export function decodeTopologyFile(text: string): DecodeFileResult {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseTopology(withoutBom);
  if (parsed.ok) return parsed;
  return { ok: false, errors: parsed.errors, message: summarizeErrors(parsed.errors) };
}

/** "2 problems: a; b" — the errors of a refused document as one readable message. */
export function summarizeErrors(errors: readonly SchemaError[]): string {
  if (errors.length === 0) return 'not a valid Fanout topology';
  if (errors.length === 1) return errors[0]!.message;
  const listed = errors.slice(0, LISTED_PROBLEMS).map((e) => `• ${e.message}`);
  const more = errors.length > LISTED_PROBLEMS ? [`• and ${errors.length - LISTED_PROBLEMS} more`] : [];
  return [`${errors.length} problems:`, ...listed, ...more].join('\n');
}

/**
 * The download name for a topology: its name in lower-case words joined by dashes, then
 * `.fanout.json` ("Order events: fan-out" → `order-events-fan-out.fanout.json`).
 */
export function topologyFileName(topology: Pick<Topology, 'name'>): string {
  const slug = (topology.name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'topology'}${TOPOLOGY_FILE_EXTENSION}`;
}

/**
 * Whether pasted text is meant as a topology (so a paste of it imports the document rather than
 * being ignored): a JSON object that mentions the Fanout format. Such text is then decoded and
 * validated like a file; this check only decides whether to try.
 */
export function looksLikeTopologyText(text: string): boolean {
  const trimmed = text.trimStart();
  return (trimmed.startsWith('{') || trimmed.startsWith('\ufeff{')) && trimmed.includes('fanout/topology');
}
