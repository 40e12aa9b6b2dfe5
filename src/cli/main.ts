/**
 * `fanout` — the command line over the core: validate, simulate and export topology files.
 * Runs from the TypeScript sources with tsx (`npm run --silent fanout -- …`), no build step.
 * Each command lives in ./commands/<name>.ts and is listed in COMMANDS below.
 */
import type { CliCommand, CliIO } from './command';
import { nodeIO } from './command';
import { exportCommand } from './commands/export';
import { simulateCommand } from './commands/simulate';
import { validateCommand } from './commands/validate';

/** Registered subcommands, in the order `--help` lists them. */
const COMMANDS: CliCommand[] = [validateCommand, simulateCommand, exportCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 8);
  return [
    'fanout — design and simulate event-driven architectures from the command line',
    '',
    'Usage: npm run --silent fanout -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `fanout <command> --help` for the options of one command.',
    'Exit codes: 0 done, 1 invalid topology or file, 2 usage error.',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`fanout: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  return command.run(rest, io);
}

const isMain = process.argv[1] !== undefined && /main\.ts$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2), nodeIO).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`fanout: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
