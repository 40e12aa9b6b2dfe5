/**
 * The migration mechanism, exercised with a fake table (v1 → v2 → v3) because version 1 is the only
 * real version so far: older documents are brought up step by step, newer ones refused as "made by
 * a newer Fanout".
 */
import { describe, expect, it } from 'vitest';
import { migrateDocument, MIGRATIONS, type Migration } from './migrations';
import { parseTopologyValue } from './parse';
import { TOPOLOGY_VERSION } from './document';

/** Version 2 renamed `nodes[].label` to `title`; version 3 moved `title` back and added `tags`. */
const FAKE: Record<number, Migration> = {
  1: (doc) => ({
    ...doc,
    version: 2,
    nodes: (doc.nodes as Record<string, unknown>[]).map(({ label, ...rest }) => (label === undefined ? rest : { ...rest, title: label })),
  }),
  2: (doc) => ({
    ...doc,
    version: 3,
    tags: [],
    nodes: (doc.nodes as Record<string, unknown>[]).map(({ title, ...rest }) => (title === undefined ? rest : { ...rest, label: title })),
  }),
};

const v1 = () => ({ format: 'fanout/topology', version: 1, nodes: [{ id: 'a', kind: 'queue', label: 'A' }], edges: [] });

describe('migrateDocument', () => {
  it('migrates v1 → v2 → v3 in order and reports where it started', () => {
    const out = migrateDocument(v1(), FAKE, 3);
    expect(out).toEqual({
      ok: true,
      migratedFrom: 1,
      document: { format: 'fanout/topology', version: 3, tags: [], nodes: [{ id: 'a', kind: 'queue', label: 'A' }], edges: [] },
    });
  });

  it('runs only the steps a document needs', () => {
    const v2 = { ...v1(), version: 2, nodes: [{ id: 'a', kind: 'queue', title: 'A' }] };
    const out = migrateDocument(v2, FAKE, 3);
    expect(out).toMatchObject({ ok: true, migratedFrom: 2, document: { version: 3, nodes: [{ label: 'A' }] } });
  });

  it('leaves a current document untouched (same object, no migratedFrom)', () => {
    const doc = { ...v1(), version: 3 };
    const out = migrateDocument(doc, FAKE, 3);
    expect(out).toEqual({ ok: true, document: doc });
    if (out.ok) expect(out.document).toBe(doc);
  });

  it('refuses a newer document as made by a newer Fanout', () => {
    const out = migrateDocument({ ...v1(), version: 4 }, FAKE, 3);
    expect(out).toMatchObject({ ok: false, path: 'version', found: 4 });
    if (!out.ok) expect(out.message).toMatch(/version 4, made by a newer Fanout; this one reads up to version 3/);
  });

  it('says which step is missing from the table', () => {
    const out = migrateDocument(v1(), { 1: FAKE[1]! }, 3);
    expect(out).toMatchObject({ ok: false, message: 'no migration from version 2 to 3' });
  });

  it('catches a migration that forgets to bump the version', () => {
    const out = migrateDocument(v1(), { 1: (d) => ({ ...d }) }, 2);
    expect(out).toMatchObject({ ok: false, message: 'migration 1 did not produce version 2' });
  });

  it('leaves a version that is not an integer to the schema', () => {
    expect(migrateDocument({ version: '1' }, FAKE, 3)).toEqual({ ok: true, document: { version: '1' } });
    expect(migrateDocument({ version: 0 }, FAKE, 3)).toMatchObject({ ok: false, path: 'version' });
  });
});

describe('the real table', () => {
  it('is empty at version 1 and complete up to the current version', () => {
    expect(TOPOLOGY_VERSION).toBe(1);
    for (let v = 1; v < TOPOLOGY_VERSION; v++) expect(MIGRATIONS[v], `migration ${v}`).toBeDefined();
  });

  it('is what parseTopologyValue uses: a newer document is refused before the schema sees it', () => {
    const doc = { ...v1(), version: TOPOLOGY_VERSION + 1, someFieldFromTheFuture: true };
    const result = parseTopologyValue(doc);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'version' }] });
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.message).toMatch(/newer Fanout/);
      expect(result.errors[0]!.message).not.toMatch(/unknown field/);
    }
  });
});
