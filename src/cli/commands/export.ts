/**
 * `fanout export FILE --to url|mermaid|asyncapi`: the same exports as the app's Share and Export
 * menus, from the same core functions, so a link printed here is exactly the link the app makes.
 */
import { DEFAULT_LINK_BASE, createShareLink, type ShareOptions } from '../../core/codec/link';
import { toAsyncApiText } from '../../core/export/asyncapi';
import { toMermaid } from '../../core/export/mermaid';
import { readTopologyArgument, type CliCommand, type CliIO } from '../command';

const TARGETS = ['url', 'mermaid', 'asyncapi'] as const;
type Target = (typeof TARGETS)[number];

const HELP = `Usage: npm run --silent fanout -- export FILE --to url|mermaid|asyncapi [options]

Prints FILE (a Fanout topology, .fanout.json) in another form:
  --to url        the share link the app makes for this document (seed included)
  --to mermaid    a Mermaid flowchart (paste into https://mermaid.live or a markdown file)
  --to asyncapi   an AsyncAPI 3.0 document

Options:
  --base URL        where the link opens (default ${DEFAULT_LINK_BASE}, the dev server of npm start)
  --mode simulate   the link opens in Simulate mode
  --embed           the link opens the read-only embed view (for iframes)
  --format yaml|json  AsyncAPI output format (default yaml)
  --out PATH        write to PATH instead of standard output
  -h, --help        this help

Exit codes: 0 done, 1 invalid topology or file (or a link too long to share), 2 usage error.`;

interface ExportArgs {
  file: string;
  to: Target;
  base: string;
  options: ShareOptions;
  format: 'yaml' | 'json';
  out?: string;
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): ExportArgs {
  let file: string | undefined;
  let to: string | undefined;
  let base = DEFAULT_LINK_BASE;
  let format: string | undefined;
  let out: string | undefined;
  const options: ShareOptions = {};
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const take = () => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    if (flag === '--to') to = take();
    else if (flag === '--base') base = take();
    else if (flag === '--format') format = take();
    else if (flag === '--out') out = take();
    else if (flag === '--mode') {
      const mode = take();
      if (mode !== 'simulate' && mode !== 'design') throw new UsageError(`--mode must be simulate or design (found "${mode}")`);
      if (mode === 'simulate') options.mode = 'simulate';
    } else if (flag === '--embed') options.embed = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`only one FILE, found "${file}" and "${arg}"`);
  }
  if (file === undefined) throw new UsageError('missing FILE');
  if (to === undefined) throw new UsageError('missing --to url|mermaid|asyncapi');
  if (!(TARGETS as readonly string[]).includes(to)) throw new UsageError(`--to must be one of ${TARGETS.join(', ')} (found "${to}")`);
  if (format !== undefined && to !== 'asyncapi') throw new UsageError('--format applies to --to asyncapi only');
  if (format !== undefined && format !== 'yaml' && format !== 'json') throw new UsageError(`--format must be yaml or json (found "${format}")`);
  if (to !== 'url' && (options.mode || options.embed || base !== DEFAULT_LINK_BASE)) {
    throw new UsageError('--base, --mode and --embed apply to --to url only');
  }
  if (to === 'url') {
    let parsed: URL;
    try {
      parsed = new URL(base);
    } catch {
      throw new UsageError(`--base must be an absolute URL such as ${DEFAULT_LINK_BASE} (found "${base}")`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new UsageError(`--base must be an http or https URL (found "${base}")`);
    }
  }
  const result: ExportArgs = { file, to: to as Target, base, options, format: (format as 'yaml' | 'json' | undefined) ?? 'yaml' };
  if (out !== undefined) result.out = out;
  return result;
}

function run(args: string[], io: CliIO): number {
  let parsed: ExportArgs;
  try {
    parsed = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`fanout export: ${error.message}\n\n${HELP}`);
    return 2;
  }
  const topology = readTopologyArgument('export', parsed.file, io);
  if (!topology) return 1;
  let output: string;
  if (parsed.to === 'url') {
    const link = createShareLink(topology, parsed.base, parsed.options);
    if (!link.ok) {
      io.err(`${parsed.file}: ${link.error}`);
      return 1;
    }
    if (link.warning) io.err(`warning: ${link.warning}`);
    output = `${link.link}\n`;
  } else if (parsed.to === 'mermaid') output = toMermaid(topology);
  else output = toAsyncApiText(topology, parsed.format);

  if (parsed.out !== undefined) {
    try {
      io.writeFile(parsed.out, output);
    } catch (error) {
      io.err(`fanout export: cannot write ${parsed.out}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    return 0;
  }
  io.out(output.endsWith('\n') ? output.slice(0, -1) : output);
  return 0;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'print a topology as a share link, a Mermaid flowchart or an AsyncAPI 3.0 document',
  help: HELP,
  run,
};
