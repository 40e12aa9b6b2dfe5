import { describe, expect, it } from 'vitest';
import { NODE_SIZE } from '../../state/layout';
import { freeSpotNear } from './Palette';

describe('freeSpotNear', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpotNear([], { x: 5, y: 5 })).toEqual({ x: 5, y: 5 });
  });
  it('never places a node over another one', () => {
    const nodes = Array.from({ length: 9 }, (_, i) => ({ id: `q${i}`, kind: 'queue' as const, position: { x: (i % 3) * 230, y: Math.floor(i / 3) * 90 } }));
    const spot = freeSpotNear(nodes, { x: 230, y: 90 });
    for (const n of nodes) {
      const apart = Math.abs(n.position.x - spot.x) >= NODE_SIZE.width + 16 || Math.abs(n.position.y - spot.y) >= NODE_SIZE.height + 16;
      expect(apart).toBe(true);
    }
  });
});

describe('freeSpotNear prefers the right', () => {
  it('puts the second node to the right of the first', () => {
    const spot = freeSpotNear([{ id: 'a', kind: 'queue', position: { x: 0, y: 0 } }], { x: 0, y: 0 });
    expect(spot.y).toBe(0);
    expect(spot.x).toBeGreaterThan(NODE_SIZE.width);
  });
});
