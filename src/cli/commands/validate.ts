/**
 * `fanout validate FILE [--json]`: the same checks as the editor's Problems panel, for teachers
 * preparing material and for architecture checks in CI. Schema errors and validator errors exit 1;
 * warnings and info alone exit 0, so a pipeline fails only on a topology that cannot run.
 */
import { decodeTopologyFile } from '../../core/codec/file';
import type { SchemaError } from '../../core/schema';
import { DIAGNOSTICS, hasErrors, validateTopology, type Diagnostic, type DiagnosticCode, type Severity } from '../../core/validate';
import type { CliCommand, CliIO } from '../command';

const HELP = `Usage: npm run --silent fanout -- validate FILE [--json]

Checks FILE (a Fanout topology, .fanout.json or .json): first against the format (schema v1),
then as a whole (edges that fit their nodes, flows that lead somewhere, retries, routing, loops).

Prints one line per problem, errors first:
  FILE: path: message                                  (the file breaks the format)
  FILE: error|warning|info [code] path: message (nodes: …)

Options:
  --json      print {"file", "ok", "errors": [schema errors], "diagnostics": [...]} and nothing else
  -h, --help  this help

Exit codes: 0 valid (warnings and info allowed), 1 invalid topology or unreadable file, 2 usage error.`;

/** What `--json` prints: stable field names, for CI scripts. */
export interface ValidateReport {
  file: string;
  /** No schema error and no diagnostic of severity error. */
  ok: boolean;
  errors: SchemaError[];
  diagnostics: Diagnostic[];
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): { file: string; json: boolean } {
  let file: string | undefined;
  let json = false;
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`one FILE at a time (found "${file}" and "${arg}")`);
  }
  if (file === undefined) throw new UsageError('missing FILE');
  return { file, json };
}

/** Checks the text of a topology file; the CLI's whole logic, without I/O. */
export function validateText(file: string, text: string): ValidateReport {
  const decoded = decodeTopologyFile(text);
  if (!decoded.ok) return { file, ok: false, errors: decoded.errors, diagnostics: [] };
  const diagnostics = validateTopology(decoded.topology);
  return { file, ok: !hasErrors(diagnostics), errors: [], diagnostics };
}

/** The human-readable report: one line per problem, a help line per code, a summary. */
export function formatReport(report: ValidateReport): string {
  const { file } = report;
  if (report.errors.length > 0) {
    const lines = report.errors.map((e) =>
      e.line !== undefined ? `${file}:${e.line}:${e.column}: ${e.message}` : `${file}: ${e.message.startsWith(e.path) ? e.message : `${e.path || 'document'}: ${e.message}`}`,
    );
    const n = report.errors.length;
    lines.push(`${file}: not a valid Fanout topology (${n} problem${n === 1 ? '' : 's'} with the format; nothing else was checked)`);
    return lines.join('\n');
  }
  const lines: string[] = [];
  const helped = new Set<DiagnosticCode>();
  for (const d of report.diagnostics) {
    const involved = [
      d.nodeIds.length ? `nodes: ${d.nodeIds.join(', ')}` : '',
      d.edgeIds.length ? `edges: ${d.edgeIds.join(', ')}` : '',
    ].filter(Boolean);
    lines.push(`${file}: ${d.severity} [${d.code}] ${d.path || 'document'}: ${d.message}${involved.length ? ` (${involved.join('; ')})` : ''}`);
    if (!helped.has(d.code)) {
      helped.add(d.code);
      lines.push(`    ${DIAGNOSTICS[d.code].help}`);
    }
  }
  const count = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary =
    report.diagnostics.length === 0
      ? 'valid: no problems found'
      : `${report.ok ? 'valid' : 'invalid'}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
  lines.push(`${file}: ${summary}`);
  return lines.join('\n');
}

function run(args: string[], io: CliIO): number {
  let parsed: { file: string; json: boolean };
  try {
    parsed = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`fanout validate: ${error.message}\n\n${HELP}`);
    return 2;
  }
  const { file, json } = parsed;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : error instanceof Error ? error.message : String(error);
    const message = `cannot read ${file}: ${reason}`;
    io.err(`fanout validate: ${message}`);
    if (json) {
      const report: ValidateReport = { file, ok: false, errors: [{ path: '', expected: 'a readable file', found: reason, message }], diagnostics: [] };
      io.out(JSON.stringify(report, null, 2));
    }
    return 1;
  }
  const report = validateText(file, text);
  // The report is the product of this command, so it goes to stdout whether or not it finds errors.
  io.out(json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a topology file: schema errors, then diagnostics (exit 1 on errors)',
  help: HELP,
  run,
};
