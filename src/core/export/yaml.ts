/**
 * A small YAML emitter for JSON data (objects, arrays, strings, finite numbers, booleans, null), so
 * the AsyncAPI export can be YAML without a YAML dependency. Safe by construction: YAML 1.2 is a
 * superset of JSON, and every string that is not unmistakably a plain word is written as a JSON
 * string (a valid YAML double-quoted scalar), so no label can become a number, a boolean, a key, a
 * comment, an anchor or a tag. Keys follow the same rule.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Plain scalars YAML 1.1 or 1.2 readers might take for something other than a string. */
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|nan|inf|\.nan|\.inf|-\.inf|\+\.inf)$/i;
/** Letters first, then letters, digits and a few safe punctuation marks; no ": " or " #". */
const PLAIN = /^[A-Za-z_$][A-Za-z0-9_$./-]*(?: [A-Za-z0-9_$./-]+)*$/;

/** A string as a YAML scalar: plain when unambiguous, else JSON-quoted. */
export function yamlScalar(text: string): string {
  return PLAIN.test(text) && !RESERVED.test(text) && text.length <= 200 ? text : JSON.stringify(text);
}

function scalar(value: Json): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('YAML export: numbers must be finite');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return yamlScalar(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (!Array.isArray(value) && Object.keys(value).length === 0) return '{}';
  return undefined;
}

function emit(value: Json, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const inline = scalar(item);
      if (inline !== undefined) {
        lines.push(`${indent}- ${inline}`);
        continue;
      }
      // A nested block under "- ": its first line shares the dash's line.
      const nested: string[] = [];
      emit(item, `${indent}  `, nested);
      lines.push(`${indent}- ${nested[0]!.slice(indent.length + 2)}`, ...nested.slice(1));
    }
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, Json>)) {
    if (item === undefined) continue;
    const inline = scalar(item);
    if (inline !== undefined) lines.push(`${indent}${yamlScalar(key)}: ${inline}`);
    else {
      lines.push(`${indent}${yamlScalar(key)}:`);
      emit(item, `${indent}  `, lines);
    }
  }
}

/** YAML text of a JSON object, two-space indented, with a trailing newline. */
export function toYaml(value: Record<string, unknown>): string {
  const lines: string[] = [];
  emit(JSON.parse(JSON.stringify(value)) as Json, '', lines);
  return `${lines.join('\n')}\n`;
}
