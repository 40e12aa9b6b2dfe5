import { describe, expect, it } from 'vitest';
import { encodeFragment, parseFragment, type Fragment } from './fragment';

const fragment: Fragment = {
  format: 'fanout/fragment',
  nodes: [
    { id: 'q', kind: 'queue', position: { x: 1, y: 2 }, retry: { maxAttempts: 3 } },
    { id: 'c', kind: 'consumer', concurrency: 2 },
  ],
  edges: [{ id: 'e', from: 'q', to: 'c', kind: 'consume' }],
};

describe('clipboard fragment', () => {
  it('round-trips', () => {
    expect(parseFragment(encodeFragment(fragment))).toEqual({ ok: true, fragment });
  });
  it('says plainly when the clipboard holds something else', () => {
    expect(parseFragment('hello')).toEqual({ ok: false, message: 'the clipboard holds no Fanout nodes (it is not JSON)' });
    expect(parseFragment('{"format":"fanout/topology"}')).toMatchObject({ ok: false, message: /copy some nodes first/ });
  });
  it('refuses an invalid node and names where', () => {
    const bad = { ...fragment, nodes: [{ id: 'q', kind: 'queue', concurrency: 2 }] };
    const result = parseFragment(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^the copied nodes are not valid: nodes\[0\]/);
  });
  it('refuses unknown top-level fields and a bad edge', () => {
    expect(parseFragment(JSON.stringify({ ...fragment, extra: 1 })).ok).toBe(false);
    expect(parseFragment(JSON.stringify({ ...fragment, edges: [{ id: 'e', from: 'q', to: 'c', kind: 'teleport' }] })).ok).toBe(false);
  });
});
