/** Topology schema v1: types, parsing with readable errors, defaults and migrations. */
export * from './document';
export * from './nodes';
export * from './edges';
export * from './primitives';
export { DEFAULTS } from './defaults';
export * from './parse';
export { migrateDocument, MIGRATIONS, type Migration, type RawDocument } from './migrations';
export { findJsonSyntaxError, lineAndColumn } from './json-position';
