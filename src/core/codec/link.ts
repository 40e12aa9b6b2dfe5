/**
 * Share links: a whole topology (seed included — it lives in `simulation.seed`) in the URL fragment,
 * so a teacher can paste one link into a chat and every student opens the same diagram and run.
 * The fragment never reaches a server (RFC 3986 §3.5), so nothing is uploaded anywhere.
 *
 * Fragment: `<codec>.<payload>[&mode=simulate][&embed=1]`, e.g. `#t1.jVLLbtsw…&mode=simulate`.
 * The codec prefix is versioned and every decoder ever shipped stays in `LINK_DECODERS`, so a link
 * made today keeps opening in every later Fanout (a frozen fixture link per prefix is tested).
 *
 * Codec `t1`: the document without its editor-only `ui` objects and with node positions rounded to
 * whole pixels (both only cost length; neither changes what is simulated), keys in canonical order,
 * compact JSON → UTF-8 → raw DEFLATE (RFC 1951, fflate level 9) → base64url without padding.
 *
 * Decoding is defensive: the fragment length and the inflated size are capped (a deflate bomb stops
 * at the cap, inflating in small steps), the JSON goes through the one parse → migrate → validate
 * path (`parseTopologyValue`) and nothing is evaluated. Every failure is a sentence for the user.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { parseTopologyValue, type Topology } from '../schema';
import { Base64Error, fromBase64Url, toBase64Url } from './base64url';
import { canonicalTopology } from './canonical';
import { summarizeErrors } from './file';

/** The codec new links are made with. */
export const CURRENT_LINK_CODEC = 't1';
/** Where the CLI's links point when no `--base` is given: the dev server (`npm start`). */
export const DEFAULT_LINK_BASE = 'http://127.0.0.1:5173/';
/** Above this many characters a link is shown with a warning: some chat tools and mail clients cut it. */
export const WARN_LINK_LENGTH = 8_000;
/** Above this many characters no link is made: the file is offered instead. */
export const MAX_LINK_LENGTH = 32_000;
/** Longest fragment accepted when opening a link (a link we make is never longer). */
export const MAX_FRAGMENT_LENGTH = MAX_LINK_LENGTH;
/** Largest inflated document accepted from a link, in bytes (the file import's text limit). */
export const MAX_INFLATED_BYTES = 5_000_000;
/**
 * Most bytes a QR code holds (version 40, error correction L, byte mode: ISO/IEC 18004 table 7).
 * Longer links cannot be a QR code at all.
 */
export const QR_MAX_BYTES = 2_953;

/** How the app opens a link. */
export interface ShareOptions {
  /** `simulate`: open with the player rather than the editor. Default `design`. */
  mode?: 'design' | 'simulate';
  /** Read-only canvas and player only, for iframes. */
  embed?: boolean;
}

export type ShareErrorReason =
  | 'empty'
  | 'too-long'
  | 'malformed'
  | 'unknown-codec'
  | 'bad-base64'
  | 'truncated'
  | 'corrupt'
  | 'too-large'
  | 'bad-json'
  | 'invalid';

export type ShareDecodeResult =
  | { ok: true; topology: Topology; options: ShareOptions; codec: string; migratedFrom?: number }
  | { ok: false; reason: ShareErrorReason; error: string };

class LinkError extends Error {
  constructor(
    readonly reason: ShareErrorReason,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * The document as codec t1 carries it: no `ui` objects (document, nodes, edges) and integer
 * positions. What is simulated is unchanged.
 */
export function toLinkDocument(topology: Topology): Topology {
  const { ui: _ui, ...doc } = topology;
  return {
    ...doc,
    nodes: topology.nodes.map((node) => {
      const { ui: _nodeUi, ...rest } = node;
      if (!rest.position) return rest;
      // `|| 0` turns -0 into 0, which JSON would do anyway.
      return { ...rest, position: { x: Math.round(rest.position.x) || 0, y: Math.round(rest.position.y) || 0 } };
    }) as Topology['nodes'],
    edges: topology.edges.map((edge) => {
      const { ui: _edgeUi, ...rest } = edge;
      return rest;
    }),
  };
}

/** Deflate raw, level 9, over compact canonical JSON of the link document. */
function encodeT1(topology: Topology): string {
  const json = JSON.stringify(canonicalTopology(toLinkDocument(topology)));
  return toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

function optionsSuffix(options: ShareOptions): string {
  let out = '';
  if (options.mode === 'simulate') out += '&mode=simulate';
  if (options.embed) out += '&embed=1';
  return out;
}

/** The fragment (without `#`) that carries `topology` with the current codec. */
export function encodeShareFragment(topology: Topology, options: ShareOptions = {}): string {
  return `${CURRENT_LINK_CODEC}.${encodeT1(topology)}${optionsSuffix(options)}`;
}

/** `base` without any fragment of its own, then `#` and the share fragment. */
export function buildShareLink(topology: Topology, base: string = DEFAULT_LINK_BASE, options: ShareOptions = {}): string {
  const hash = base.indexOf('#');
  return `${hash >= 0 ? base.slice(0, hash) : base}#${encodeShareFragment(topology, options)}`;
}

export type LinkLengthVerdict = 'ok' | 'long' | 'too-long';

/** ok ≤ 8,000 characters < long ≤ 32,000 < too-long. */
export function judgeLinkLength(length: number): LinkLengthVerdict {
  if (length > MAX_LINK_LENGTH) return 'too-long';
  if (length > WARN_LINK_LENGTH) return 'long';
  return 'ok';
}

export type CreateLinkResult =
  | { ok: true; link: string; length: number; verdict: 'ok' | 'long'; fitsQr: boolean; warning?: string }
  | { ok: false; length: number; verdict: 'too-long'; error: string };

/**
 * The share link for `topology`, or a refusal when it would be longer than MAX_LINK_LENGTH: what
 * the share dialog shows and what the CLI prints. Both call this, so both make the same link.
 */
export function createShareLink(
  topology: Topology,
  base: string = DEFAULT_LINK_BASE,
  options: ShareOptions = {},
): CreateLinkResult {
  const link = buildShareLink(topology, base, options);
  const length = link.length;
  const verdict = judgeLinkLength(length);
  if (verdict === 'too-long') {
    return {
      ok: false,
      length,
      verdict,
      error: `This diagram makes a ${length.toLocaleString('en')}-character link, longer than the ${MAX_LINK_LENGTH.toLocaleString('en')} that browsers and chat tools handle reliably. Share the file instead (Export JSON).`,
    };
  }
  // The link is ASCII, so its length is its byte count.
  const fitsQr = length <= QR_MAX_BYTES;
  if (verdict === 'long') {
    return {
      ok: true,
      link,
      length,
      verdict,
      fitsQr,
      warning: `This link is ${length.toLocaleString('en')} characters long: some chat tools and mail clients cut links over ${WARN_LINK_LENGTH.toLocaleString('en')}. If it arrives broken, share the file instead.`,
    };
  }
  return { ok: true, link, length, verdict, fitsQr };
}

// ---------------------------------------------------------------------------------------------
// Decoding

const TRUNCATED_MESSAGE = 'the link is incomplete or damaged: its data ends too early (was it cut off when copied?)';

/** Inflates raw DEFLATE in 1 KB steps, stopping as soon as the output passes `limit` bytes. */
export function inflateCapped(compressed: Uint8Array, limit: number = MAX_INFLATED_BYTES): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) {
      throw new LinkError(
        'too-large',
        `the link unpacks to more than ${(limit / 1e6).toFixed(0)} MB, far more than any diagram: it is not a Fanout link (or a hostile one), so it was not opened`,
      );
    }
    chunks.push(chunk);
    if (final) finished = true;
  });
  const STEP = 1024;
  // The data ran out before the end of the compressed stream: the usual cause is a link cut off
  // when copied, but any base64 text that is not a Fanout link can end the same way (the stream
  // cannot tell), so the message names both.
  try {
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
    for (let i = 0; i < compressed.length; i += STEP) {
      inflater.push(compressed.subarray(i, i + STEP), i + STEP >= compressed.length);
    }
  } catch (error) {
    if (error instanceof LinkError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/unexpected EOF/i.test(message)) {
      throw new LinkError('truncated', TRUNCATED_MESSAGE);
    }
    throw new LinkError('corrupt', `the link's data is damaged and cannot be unpacked (${message})`);
  }
  if (!finished) throw new LinkError('truncated', TRUNCATED_MESSAGE);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function decodeT1(payload: string): unknown {
  if (payload === '') throw new LinkError('truncated', 'the link has no diagram after "t1." (was it cut off when copied?)');
  let compressed: Uint8Array;
  try {
    compressed = fromBase64Url(payload);
  } catch (error) {
    if (error instanceof Base64Error) {
      // A payload whose length is impossible lost its last character(s).
      if (/length/.test(error.message)) throw new LinkError('truncated', `the link is incomplete: ${error.message} (was it cut off when copied?)`);
      throw new LinkError('bad-base64', `the link is damaged: ${error.message}`);
    }
    throw error;
  }
  const text = strFromU8(inflateCapped(compressed));
  try {
    return JSON.parse(text);
  } catch {
    throw new LinkError('bad-json', 'the link unpacks to something that is not JSON, so it is not a Fanout diagram');
  }
}

/**
 * Every link codec ever shipped, by prefix. Never remove or change an entry: old links must keep
 * opening. A new codec gets a new prefix, a decoder here and a frozen fixture link in the tests.
 */
export const LINK_DECODERS: Readonly<Record<string, (payload: string) => unknown>> = {
  t1: decodeT1,
};

function parseOptions(parts: readonly string[]): ShareOptions {
  const options: ShareOptions = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = eq >= 0 ? part.slice(0, eq) : part;
    const value = eq >= 0 ? part.slice(eq + 1) : '';
    // Unknown options are ignored: a later Fanout may add some, and the diagram is still right.
    if (name === 'mode' && (value === 'simulate' || value === 'design')) options.mode = value;
    // Exactly the forms the page checks before decoding (isEmbedFragment), so both always agree.
    if (name === 'embed' && (value === '1' || value === 'true')) options.embed = true;
  }
  return options;
}

/**
 * Opens a share fragment (`location.hash`, with or without `#`). Returns the validated topology and
 * the link's options, or a reason and a sentence saying what is wrong. Whitespace (line breaks
 * added by mail clients) is ignored.
 */
export function decodeShareFragment(fragment: string): ShareDecodeResult {
  try {
    let text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
    if (text.length > MAX_FRAGMENT_LENGTH) {
      throw new LinkError(
        'too-long',
        `the link is ${text.length.toLocaleString('en')} characters long; Fanout makes links of at most ${MAX_LINK_LENGTH.toLocaleString('en')}, so it was not opened`,
      );
    }
    text = text.replace(/\s+/g, '');
    if (text === '') throw new LinkError('empty', 'the link carries no diagram (nothing after "#")');
    const [head = '', ...optionParts] = text.split('&');
    const dot = head.indexOf('.');
    if (dot < 0) {
      throw new LinkError('malformed', 'this is not a Fanout share link: it should look like "#t1.…" after the address');
    }
    const codec = head.slice(0, dot);
    const decoder = LINK_DECODERS[codec];
    if (!decoder) {
      const known = Object.keys(LINK_DECODERS).join(', ');
      throw new LinkError(
        'unknown-codec',
        /^t\d+$/.test(codec)
          ? `this link was made by a newer Fanout (link format "${codec.slice(0, 20)}"; this one reads ${known}). Update Fanout to open it.`
          : `this is not a Fanout share link (unknown link format "${codec.slice(0, 20)}"; expected one of ${known})`,
      );
    }
    const value = decoder(head.slice(dot + 1));
    const parsed = parseTopologyValue(value);
    if (!parsed.ok) {
      throw new LinkError('invalid', `the link's diagram is not a valid Fanout topology: ${summarizeErrors(parsed.errors)}`);
    }
    const result: ShareDecodeResult = { ok: true, topology: parsed.topology, options: parseOptions(optionParts), codec };
    if (parsed.migratedFrom !== undefined) result.migratedFrom = parsed.migratedFrom;
    return result;
  } catch (error) {
    if (error instanceof LinkError) return { ok: false, reason: error.reason, error: error.message };
    return { ok: false, reason: 'corrupt', error: `the link could not be opened (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The fragment part of a full link or of a bare fragment. */
export function fragmentOf(linkOrFragment: string): string {
  const hash = linkOrFragment.indexOf('#');
  return hash >= 0 ? linkOrFragment.slice(hash + 1) : linkOrFragment;
}
