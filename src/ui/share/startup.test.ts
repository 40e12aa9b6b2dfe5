import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment } from '../../core/codec/link';
import { hasShareFragment, isEmbedFragment } from './startup';

const doc = { format: 'fanout/topology' as const, version: 1 as const, nodes: [], edges: [] };

describe('share links at start-up', () => {
  it('knows an embed link before decoding it, exactly as the decoder does', () => {
    for (const options of [{}, { embed: true }, { mode: 'simulate' as const }, { mode: 'simulate' as const, embed: true }]) {
      const fragment = `#${encodeShareFragment(doc, options)}`;
      const decoded = decodeShareFragment(fragment);
      expect(isEmbedFragment(fragment)).toBe(decoded.ok && decoded.options.embed === true);
    }
    expect(isEmbedFragment('#t1.AAAA&embed=true')).toBe(true);
    expect(isEmbedFragment('#t1.AAAA&embed')).toBe(false);
    expect(isEmbedFragment('#t1.AAAA&embedded=1')).toBe(false);
    expect(isEmbedFragment('#t1.AAAA&embed=10')).toBe(false);
  });

  it('ignores an empty fragment', () => {
    expect(hasShareFragment('')).toBe(false);
    expect(hasShareFragment('#')).toBe(false);
    expect(hasShareFragment('#t1.x')).toBe(true);
  });
});
