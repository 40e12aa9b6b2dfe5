/**
 * Numbered migrations: migration n turns a version-n document into version n+1. A document made by
 * an older Fanout is migrated step by step up to TOPOLOGY_VERSION before it meets the schema; one
 * made by a newer Fanout is refused as such, never as "unknown field".
 *
 * To add version 2: bump TOPOLOGY_VERSION, add `1: (doc) => ({ ...doc, version: 2, … })` to
 * MIGRATIONS, and add a fixture of a version-1 file to the migration tests.
 */
import { TOPOLOGY_VERSION } from '../document';

/** A raw JSON object, before validation. */
export type RawDocument = Record<string, unknown>;
export type Migration = (doc: RawDocument) => RawDocument;

/** Version 1 is the first published version, so there is nothing to migrate yet. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationOutcome =
  | { ok: true; document: RawDocument; migratedFrom?: number }
  | { ok: false; message: string; path: string; found: unknown };

/**
 * Brings a raw document to `target` (default: the current version) through `migrations`.
 * Documents without a usable integer `version` are left for the schema to report.
 */
export function migrateDocument(
  doc: RawDocument,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target: number = TOPOLOGY_VERSION,
): MigrationOutcome {
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: true, document: doc };
  if (version > target) {
    return {
      ok: false,
      path: 'version',
      found: version,
      message: `this document is version ${version}, made by a newer Fanout; this one reads up to version ${target}. Update Fanout to open it.`,
    };
  }
  if (version < 1) {
    return { ok: false, path: 'version', found: version, message: `version must be 1 or more (found ${version})` };
  }
  let current = doc;
  for (let v = version; v < target; v++) {
    const step = migrations[v];
    if (!step) {
      return { ok: false, path: 'version', found: version, message: `no migration from version ${v} to ${v + 1}` };
    }
    current = step(current);
    if (current.version !== v + 1) {
      return { ok: false, path: 'version', found: current.version, message: `migration ${v} did not produce version ${v + 1}` };
    }
  }
  return version === target ? { ok: true, document: current } : { ok: true, document: current, migratedFrom: version };
}
