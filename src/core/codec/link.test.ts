import { deflateSync, strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../schema';
import { arbitraryTopology } from './arbitrary-topology';
import { toBase64Url } from './base64url';
import {
  DEFAULT_LINK_BASE,
  LINK_DECODERS,
  MAX_LINK_LENGTH,
  WARN_LINK_LENGTH,
  buildShareLink,
  createShareLink,
  decodeShareFragment,
  encodeShareFragment,
  fragmentOf,
  inflateCapped,
  judgeLinkLength,
  toLinkDocument,
  type ShareErrorReason,
} from './link';
import { fixtureTopology, namedTexts, noisyTopology } from './test-support';

const texts = import.meta.glob<string>(['./__fixtures__/*.json', '/public/examples/*.json'], {
  eager: true,
  query: '?raw',
  import: 'default',
});
const examples = namedTexts(texts, ['frozen-links.json', '/index.json']);
const frozen = JSON.parse(Object.entries(texts).find(([path]) => path.endsWith('/frozen-links.json'))![1]) as {
  codec: string;
  source: string;
  fragment: string;
  options: object;
  topology: Topology;
}[];
const orderEvents = fixtureTopology(examples.find((e) => e.name === 'order-events.json')!.text, 'order-events');

/** A payload as codec t1 would carry it, for hostile links made by hand. */
const t1 = (json: string) => `t1.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;

describe('share links', () => {
  for (const { name, text } of examples) {
    it(`round-trips ${name} through a link`, () => {
      const topology = fixtureTopology(text, name);
      const link = buildShareLink(topology);
      const decoded = decodeShareFragment(fragmentOf(link));
      if (!decoded.ok) throw new Error(decoded.error);
      expect(decoded.topology).toEqual(toLinkDocument(topology));
      expect(decoded.options).toEqual({});
      console.log(`link length ${String(link.length).padStart(6)}  ${name}`);
    });
  }

  it('keeps order-events under 1,500 characters with the default base', () => {
    const link = buildShareLink(orderEvents);
    expect(link.startsWith(`${DEFAULT_LINK_BASE}#t1.`)).toBe(true);
    expect(link.length).toBeLessThanOrEqual(1_500);
  });

  it('keeps the shipped order-events example (first-visit design, with its notes) under 1,500 characters', () => {
    const shipped = examples.find((e) => e.name === 'public/examples/order-events.json')!;
    const link = buildShareLink(fixtureTopology(shipped.text, shipped.name));
    expect(link.length).toBeLessThanOrEqual(1_500);
  });

  it('keeps the seed and drops only ui and sub-pixel positions', () => {
    const all = fixtureTopology(examples.find((e) => e.name === 'all-kinds.json')!.text, 'all-kinds');
    const decoded = decodeShareFragment(encodeShareFragment(all));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.topology.simulation?.seed).toBe(12345);
    expect(decoded.topology.ui).toBeUndefined();
    const shop = decoded.topology.nodes.find((n) => n.id === 'shop')!;
    expect(shop.position).toEqual({ x: 10, y: -21 });
    expect(shop.ui).toBeUndefined();
    expect(shop.notes).toBe('Line one\nLine two');
  });

  it('decode(encode(doc)) equals the link form of doc, and doc itself when it has no ui (property)', () => {
    fc.assert(
      fc.property(arbitraryTopology(), fc.boolean(), fc.boolean(), (doc, simulate, embed) => {
        const options = { ...(simulate ? { mode: 'simulate' as const } : {}), ...(embed ? { embed: true } : {}) };
        const decoded = decodeShareFragment(encodeShareFragment(doc, options));
        if (!decoded.ok) throw new Error(decoded.error);
        expect(decoded.topology).toEqual(toLinkDocument(doc));
        expect(decoded.options).toEqual(options);
        const linkForm = toLinkDocument(doc);
        const again = decodeShareFragment(encodeShareFragment(linkForm));
        if (!again.ok) throw new Error(again.error);
        expect(again.topology).toEqual(linkForm);
      }),
      { numRuns: 200 },
    );
  });

  it('makes the same link for the same document', () => {
    expect(buildShareLink(orderEvents)).toBe(buildShareLink(structuredClone(orderEvents)));
  });

  it('replaces the base URL fragment and carries the options', () => {
    const link = buildShareLink(orderEvents, 'https://example.org/fanout/#old', { mode: 'simulate', embed: true });
    expect(link).toMatch(/^https:\/\/example\.org\/fanout\/#t1\.[A-Za-z0-9_-]+&mode=simulate&embed=1$/);
    const decoded = decodeShareFragment(`#${fragmentOf(link)}`);
    expect(decoded.ok && decoded.options).toEqual({ mode: 'simulate', embed: true });
  });

  it('reads embed only as embed=1 or embed=true', () => {
    const fragment = encodeShareFragment(orderEvents);
    for (const [suffix, embed] of [['&embed=1', true], ['&embed=true', true], ['&embed', undefined], ['&embed=0', undefined], ['&embed=yes', undefined]] as const) {
      const decoded = decodeShareFragment(fragment + suffix);
      expect(decoded.ok && decoded.options.embed, suffix).toBe(embed);
    }
  });

  it('ignores whitespace that mail clients insert and options it does not know', () => {
    const fragment = encodeShareFragment(orderEvents);
    const wrapped = `${fragment.slice(0, 70)}\n ${fragment.slice(70)}&utm_source=chat`;
    const decoded = decodeShareFragment(wrapped);
    expect(decoded.ok).toBe(true);
  });

  it('judges link lengths: warn above 8,000, refuse above 32,000', () => {
    expect(judgeLinkLength(WARN_LINK_LENGTH)).toBe('ok');
    expect(judgeLinkLength(WARN_LINK_LENGTH + 1)).toBe('long');
    expect(judgeLinkLength(MAX_LINK_LENGTH)).toBe('long');
    expect(judgeLinkLength(MAX_LINK_LENGTH + 1)).toBe('too-long');

    const small = createShareLink(orderEvents);
    expect(small).toMatchObject({ ok: true, verdict: 'ok', fitsQr: true });

    const long = createShareLink(noisyTopology(80));
    expect(long.ok && long.verdict).toBe('long');
    expect(long.ok && long.fitsQr).toBe(false);
    expect(long.ok && long.warning).toMatch(/characters long/);

    const tooLong = createShareLink(noisyTopology(300));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) {
      expect(tooLong.length).toBeGreaterThan(MAX_LINK_LENGTH);
      expect(tooLong.error).toMatch(/Share the file instead/);
    }
  });
});

describe('frozen links keep opening', () => {
  it('has a frozen link for every codec', () => {
    for (const codec of Object.keys(LINK_DECODERS)) expect(frozen.some((f) => f.codec === codec)).toBe(true);
  });
  for (const fixture of frozen) {
    it(`${fixture.codec}: ${fixture.source}`, () => {
      const decoded = decodeShareFragment(fixture.fragment);
      if (!decoded.ok) throw new Error(decoded.error);
      expect(decoded.codec).toBe(fixture.codec);
      expect(decoded.topology).toEqual(fixture.topology);
      expect(decoded.options).toEqual(fixture.options);
    });
  }
});

const realFragment = encodeShareFragment(orderEvents);
const payload = realFragment.slice(3);

/** [what, fragment, expected reason, pattern of the message]. */
const MALFORMED_LINKS: [string, string, ShareErrorReason, RegExp][] = [
  ['an empty fragment', '', 'empty', /no diagram/],
  ['a lone #', '#', 'empty', /no diagram/],
  ['an ordinary anchor', '#introduction', 'malformed', /not a Fanout share link/],
  ['an unknown codec', 'zz9.abcd', 'unknown-codec', /unknown link format "zz9"/],
  ['a newer codec', `t9.${payload}`, 'unknown-codec', /made by a newer Fanout/],
  ['no payload', 't1.', 'truncated', /no diagram after "t1\."/],
  ['a bad base64 character', `t1.${payload.slice(0, 10)}$${payload.slice(11)}`, 'bad-base64', /character 11 \("\$"\) is not a base64url character/],
  ['standard base64 with + and /', `t1.${payload.slice(0, 10)}+/${payload.slice(12)}`, 'bad-base64', /not a base64url character/],
  ['a non-ASCII character', `t1.${payload.slice(0, 5)}é${payload.slice(6)}`, 'bad-base64', /U\+00E9/],
  ['cut in half', realFragment.slice(0, Math.floor(realFragment.length / 2)), 'truncated', /incomplete/],
  ['one character short of a possible length', `t1.${payload.slice(0, payload.length - (payload.length % 4 === 1 ? 0 : ((payload.length % 4) + 3) % 4))}`, 'truncated', /incomplete/],
  ['random bytes instead of deflate', `t1.${toBase64Url(Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) & 255))}`, 'corrupt', /damaged/],
  ['deflate of plain text', t1('hello, world'), 'bad-json', /not JSON/],
  ['deflate of a JSON list', t1('[1,2,3]'), 'invalid', /expected a topology object, found a list of 3/],
  ['deflate of JSON null', t1('null'), 'invalid', /found null/],
  ['deflate of a JSON string', t1('"fanout/topology"'), 'invalid', /expected a topology object/],
  ['JSON of the wrong shape', t1('{"nodes":"many"}'), 'invalid', /format: missing/],
  ['a valid-looking document with a bad node', t1('{"format":"fanout/topology","version":1,"nodes":[{"id":"a","kind":"queue","fifo":"yes"}],"edges":[]}'), 'invalid', /nodes\[0\]\.fifo \(node "a"\): expected a boolean, found "yes"/],
  ['a document of a newer version', t1('{"format":"fanout/topology","version":7,"nodes":[],"edges":[]}'), 'invalid', /version 7, made by a newer Fanout/],
  ['a deflate bomb (20 MB of zeros in a 27,000-character link)', `t1.${toBase64Url(deflateSync(new Uint8Array(20_000_000), { level: 9 }))}`, 'too-large', /more than 5 MB/],
  ['a 6 MB JSON payload that compresses well', t1(`{"format":"fanout/topology","version":1,"name":"${' '.repeat(6_000_000)}","nodes":[],"edges":[]}`), 'too-large', /more than 5 MB/],
  ['a fragment over the length limit', `t1.${'A'.repeat(MAX_LINK_LENGTH + 10)}`, 'too-long', /at most 32,000/],
  ['a 5 MB fragment', `t1.${'A'.repeat(5_000_000)}`, 'too-long', /not opened/],
  ['invalid UTF-8 inside', `t1.${toBase64Url(deflateSync(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])))}`, 'bad-json', /not JSON/],
];

describe('malformed, truncated and hostile links are refused with a message', () => {
  it(`has at least 20 cases (has ${MALFORMED_LINKS.length})`, () => expect(MALFORMED_LINKS.length).toBeGreaterThanOrEqual(20));
  for (const [what, fragment, reason, pattern] of MALFORMED_LINKS) {
    it(what, () => {
      const result = decodeShareFragment(fragment);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(pattern);
        expect(result.reason).toBe(reason);
      }
    });
  }

  it('every truncation of a real link is refused, never decoded to something else', () => {
    for (let cut = 0; cut < realFragment.length; cut += 7) {
      const result = decodeShareFragment(realFragment.slice(0, cut));
      expect(result.ok, `cut at ${cut}`).toBe(false);
    }
  });

  it('stops inflating at the cap instead of allocating the whole bomb', () => {
    const bomb = deflateSync(new Uint8Array(20_000_000));
    expect(() => inflateCapped(bomb, 1_000_000)).toThrow(/more than 1 MB/);
    expect(inflateCapped(deflateSync(new Uint8Array(1000))).length).toBe(1000);
  });
});
