import { describe, expect, it } from 'vitest';
import type { Topology } from '../../core/schema';
import { describeEdit } from './edit-announcer';

const doc = (nodes: Topology['nodes'], edges: Topology['edges'] = []): Topology => ({ format: 'fanout/topology', version: 1, nodes, edges });
const q = { id: 'q', kind: 'queue' as const, label: 'Orders' };
const c = { id: 'c', kind: 'consumer' as const };

describe('describeEdit', () => {
  it('names one added or removed node, counts several, and leaves field edits and renames silent', () => {
    expect(describeEdit(doc([q]), doc([q, c]))).toBe('Added Consumer “c”.');
    expect(describeEdit(doc([q, c]), doc([q]))).toBe('Removed Consumer “c”.');
    expect(describeEdit(doc([]), doc([q, c]))).toBe('Added 2 nodes.');
    expect(describeEdit(doc([q]), doc([{ ...q, capacity: 3 }]))).toBe('');
    expect(describeEdit(doc([q, c]), doc([q, { ...c, id: 'c2' }]))).toBe('');
  });
  it('says what was connected; edges that go with their node are part of that removal', () => {
    const e = { id: 'e', from: 'q', to: 'c' };
    expect(describeEdit(doc([q, c]), doc([q, c], [e]))).toBe('Connected Orders to c.');
    expect(describeEdit(doc([q, c], [e]), doc([q, c]))).toBe('Removed the edge from Orders to c.');
    expect(describeEdit(doc([q, c], [e]), doc([q]))).toBe('Removed Consumer “c”.');
  });
});
