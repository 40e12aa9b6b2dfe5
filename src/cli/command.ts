/** What every CLI subcommand provides, and the I/O it may use (injected so tests can capture it). */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

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
