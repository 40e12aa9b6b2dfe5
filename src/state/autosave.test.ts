import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEY, decodeEnvelope, encodeEnvelope, KEPT_ASIDE_PREFIX, loadAutosave, saveAutosave, startAutosave, type StorageLike } from './autosave';
import { addNode, emptyDocument } from './operations';
import { createFanoutStore } from './store';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failWrites: Error | null = null;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw this.failWrites;
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const doc = addNode(emptyDocument('Saved'), { node: { id: 'q', kind: 'queue', position: { x: 1, y: 2 } } });
const when = new Date('2026-01-02T03:04:05.000Z');

describe('autosave envelope', () => {
  it('round-trips a document', () => {
    const text = encodeEnvelope(doc, when);
    expect(JSON.parse(text)).toMatchObject({ app: 'fanout', savedAt: '2026-01-02T03:04:05.000Z' });
    expect(decodeEnvelope(text)).toEqual({ kind: 'restored', document: doc, savedAt: '2026-01-02T03:04:05.000Z' });
  });
  it('reports nothing saved', () => {
    expect(decodeEnvelope(null)).toEqual({ kind: 'empty' });
  });
  it('reports corrupt JSON, foreign data and an invalid document', () => {
    expect(decodeEnvelope('{"app":"fanout",')).toMatchObject({ kind: 'unreadable', reason: 'corrupt' });
    expect(decodeEnvelope('{"hello":1}')).toMatchObject({ kind: 'unreadable', reason: 'corrupt', message: /not a Fanout save/ });
    const bad = JSON.stringify({ app: 'fanout', savedAt: 'x', document: { ...doc, nodes: [{ id: 'q', kind: 'queue', fifo: 'yes' }] } });
    expect(decodeEnvelope(bad)).toMatchObject({ kind: 'unreadable', reason: 'corrupt', message: /nodes\[0\]\.fifo/ });
  });
  it('recognises a save made by a newer Fanout', () => {
    const newer = JSON.stringify({ app: 'fanout', savedAt: 'x', document: { ...doc, version: 2 } });
    expect(decodeEnvelope(newer)).toMatchObject({ kind: 'unreadable', reason: 'newer', message: /newer Fanout/ });
  });
});

describe('loadAutosave keeps unreadable saves aside', () => {
  it('copies a corrupt save under its own key instead of deleting it', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, '{broken');
    const outcome = loadAutosave(storage, when);
    expect(outcome).toMatchObject({ kind: 'unreadable', keptAsideAs: `${KEPT_ASIDE_PREFIX}2026-01-02T03:04:05.000Z` });
    expect(storage.getItem(`${KEPT_ASIDE_PREFIX}2026-01-02T03:04:05.000Z`)).toBe('{broken');
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
  });
  it('leaves the original in place when it cannot be copied', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, '{broken');
    storage.failWrites = new Error('QuotaExceededError');
    const outcome = loadAutosave(storage, when);
    expect(outcome.storageError).toMatch(/could not be kept aside/);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe('{broken');
  });
  it('says when storage is unavailable', () => {
    expect(loadAutosave(null, when).storageError).toMatch(/unavailable/);
  });
  it('restores a valid save', () => {
    const storage = new MemoryStorage();
    expect(saveAutosave(storage, doc, when)).toEqual({ ok: true });
    expect(loadAutosave(storage, when)).toMatchObject({ kind: 'restored', document: doc });
  });
  it('names a full storage', () => {
    const storage = new MemoryStorage();
    const quota = new Error('The quota has been exceeded.');
    quota.name = 'QuotaExceededError';
    storage.failWrites = quota;
    expect(saveAutosave(storage, doc, when)).toEqual({ ok: false, message: 'browser storage is full' });
  });
});

describe('startAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  it('debounces writes and reports failures once, then the recovery', () => {
    const storage = new MemoryStorage();
    const store = createFanoutStore();
    const reports: string[] = [];
    const stop = startAutosave(store, storage, { delayMs: 500, report: (m) => reports.push(m), now: () => when });
    store.getState().edit((d) => addNode(d, { node: { id: 'a', kind: 'queue' } }));
    store.getState().edit((d) => addNode(d, { node: { id: 'b', kind: 'queue' } }));
    vi.advanceTimersByTime(499);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(decodeEnvelope(storage.getItem(AUTOSAVE_KEY))).toMatchObject({ kind: 'restored', document: { nodes: [{ id: 'a' }, { id: 'b' }] } });

    storage.failWrites = new Error('disk on fire');
    store.getState().edit((d) => addNode(d, { node: { id: 'c', kind: 'queue' } }));
    vi.advanceTimersByTime(500);
    store.getState().edit((d) => addNode(d, { node: { id: 'd', kind: 'queue' } }));
    vi.advanceTimersByTime(500);
    expect(reports).toEqual([expect.stringMatching(/Autosave failed: disk on fire/)]);
    storage.failWrites = null;
    store.getState().select({ nodes: ['a'] }); // not a document change: no save
    store.getState().edit((d) => addNode(d, { node: { id: 'e', kind: 'queue' } }));
    vi.advanceTimersByTime(500);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatch(/works again/);
    stop();
  });

  it('writes a save still waiting for its delay at once when the page goes away', () => {
    const storage = new MemoryStorage();
    const store = createFanoutStore();
    let leave: (() => void) | null = null;
    const stop = startAutosave(store, storage, {
      delayMs: 500,
      report: () => {},
      now: () => when,
      onLeave: (saveNow) => {
        leave = saveNow;
        return () => (leave = null);
      },
    });
    store.getState().edit((d) => addNode(d, { node: { id: 'late', kind: 'queue' } }));
    vi.advanceTimersByTime(100);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    leave!();
    expect(decodeEnvelope(storage.getItem(AUTOSAVE_KEY))).toMatchObject({ kind: 'restored', document: { nodes: [{ id: 'late' }] } });
    stop();
    expect(leave).toBeNull();
  });
});
