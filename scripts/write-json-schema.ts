/**
 * `npm run schema`: writes the JSON Schema of topology v1, generated from the zod schema, to
 * public/schema/topology.v1.json (served at /schema/topology.v1.json). Run it after changing
 * src/core/schema; a unit test fails while the committed file is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { topologyJsonSchemaText } from '../src/core/schema/json-schema';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../public/schema/topology.v1.json');
const text = topologyJsonSchemaText();
let previous: string | undefined;
try {
  previous = readFileSync(target, 'utf8');
} catch {
  previous = undefined;
}
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, text);
console.log(`${previous === text ? 'unchanged' : 'wrote'} ${target} (${text.length} bytes)`);
