/**
 * The validator: everything the schema cannot check because it needs the whole graph — ids that
 * must be unique, edges that must fit their nodes, flows that lead nowhere, retries that discard,
 * commands with several handlers, loops. Each finding is a coded diagnostic from the one table in
 * ./codes.ts, with a JSON path to the offending field, so the Problems panel, the node badges and
 * `fanout validate` all say the same thing.
 *
 * Pure and deterministic: the same topology gives the same diagnostics in the same order.
 */
import { DEFAULTS } from '../schema/defaults';
import type { Topology } from '../schema/document';
import { DIAGNOSTICS, type DiagnosticCode, type Severity } from './codes';
import { buildContext, type Finding } from './context';
import { checkBindings } from './rules/bindings';
import { checkQueueCapacity } from './rules/capacity';
import { checkCommands, checkEmitCycles, checkFilters } from './rules/messages';
import { checkRetries } from './rules/retries';
import { checkPartitionUse } from './rules/partitions';
import { checkIgnoredSettings } from './rules/settings';
import { checkDuplicateIds, checkEdges, checkFaults } from './rules/structure';
import { checkGroups, checkMessageTiming } from './rules/timing';
import { checkWiring } from './rules/wiring';
import { sentMessages } from './routing';

export { DIAGNOSTICS, DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticInfo, type Severity } from './codes';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** One sentence naming the nodes or edges involved and what happens. */
  message: string;
  nodeIds: string[];
  edgeIds: string[];
  /** JSON path of the offending field, like `edges[3].kind` or `nodes[2].retry.maxAttempts`; "" for the document. */
  path: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Checks a schema-valid topology as a whole. Returns diagnostics sorted by severity (errors, then
 * warnings, then info), in rule order within a severity. Safe on any schema-valid input, including
 * edges to missing nodes and duplicate ids.
 */
export function validateTopology(topology: Topology): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (f: Finding) => {
    found.push({
      code: f.code,
      severity: DIAGNOSTICS[f.code].severity,
      message: f.message,
      nodeIds: f.nodeIds ?? [],
      edgeIds: f.edgeIds ?? [],
      path: f.path,
    });
  };
  const duration = topology.simulation?.duration ?? DEFAULTS.simulation.duration;
  const ctx = buildContext(topology, duration, report);
  checkDuplicateIds(ctx);
  checkEdges(ctx);
  checkFaults(ctx);
  checkWiring(ctx);
  checkRetries(ctx);
  checkQueueCapacity(ctx);
  checkIgnoredSettings(ctx);
  checkMessageTiming(ctx);
  checkGroups(ctx);
  checkPartitionUse(ctx);
  const sent = sentMessages(ctx);
  checkBindings(ctx, sent);
  checkCommands(ctx, sent);
  checkEmitCycles(ctx, sent);
  checkFilters(ctx, sent);
  return found
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.i - b.i)
    .map(({ d }) => d);
}

/** Whether any diagnostic is an error (the simulator refuses such a topology). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
