/** What every CLI subcommand provides, and the I/O it may use (injected so tests can capture it). */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { decodeTopologyFile } from '../core/codec/file';
import type { Topology } from '../core/schema';

export interface CliIO {
  /** Standard output, one call per block (a newline is appended). */
  out(text: string): void;
  /** Standard error. */
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, content: string): void;
  /** Appends to a file (large outputs are written in pieces; optional for test doubles). */
  appendFile?(path: string, content: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Returns the exit code: 0 done, 1 invalid topology or file, 2 usage error. */
  run(args: string[], io: CliIO): Promise<number> | number;
}

export const nodeIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, content) => writeFileSync(path, content),
  appendFile: (path, content) => appendFileSync(path, content),
};

/**
 * Reads and decodes the topology FILE a command was given. On failure it has already told the user
 * what is wrong (unreadable file, or each schema error with its path) and returns undefined: the
 * command then exits 1, as the spec's exit codes say.
 */
export function readTopologyArgument(command: string, file: string, io: CliIO): Topology | undefined {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    io.err(`fanout ${command}: cannot read ${file}: ${reason}`);
    return undefined;
  }
  const decoded = decodeTopologyFile(text);
  if (!decoded.ok) {
    io.err(`${file}: not a valid Fanout topology\n${decoded.errors.map((e) => `  ${file}: ${e.message}`).join('\n')}`);
    return undefined;
  }
  return decoded.topology;
}
