/**
 * How the inspector edits: every field change builds a candidate (the node, edge or document with
 * that one value changed), validates it with the zod schema, and writes it only when the change
 * introduces no schema issue. Otherwise the issue's message is shown beside the field and the
 * document keeps its last valid value. Problems that already existed elsewhere do not block edits.
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import { edgeSchema, nodeSchema, topologySchema, type Topology, type TopologyEdge, type TopologyNode } from '../../../core/schema';
import { formatPath } from '../../../core/schema/parse';
import { updateEdge, updateNode } from '../../../state/operations';
import { useFanoutStore } from '../../store-context';

export type Path = readonly (string | number)[];

/** Something the inspector edits: its current value, and a setter returning an error message or undefined. */
export interface Editable<T = unknown> {
  value: T;
  set(path: Path, next: unknown): string | undefined;
  /** Unique per edited object: fields key their drafts on it. */
  key: string;
}

export function getIn(value: unknown, path: Path): unknown {
  let cur = value;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An immutable copy of `root` with `path` set to `next`. `undefined` removes the field, and objects
 * left empty by a removal are removed too (an empty `failure: {}` means nothing).
 */
export function setIn<T>(root: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path;
  const container: unknown = root ?? (typeof head === 'number' ? [] : {});
  const child = setIn((container as Record<string | number, unknown>)[head as string | number], rest, next);
  if (Array.isArray(container)) {
    const copy = container.slice();
    if (child === undefined) copy.splice(head as number, 1);
    else copy[head as number] = child;
    return copy as T;
  }
  const copy: Record<string, unknown> = { ...(container as Record<string, unknown>) };
  if (child === undefined || (isPlainObject(child) && Object.keys(child).length === 0 && rest.length > 0)) delete copy[head as string];
  else copy[head as string] = child;
  return copy as T;
}

/**
 * For an object whose fields are all required (a producer's `burst`: `at` and `count`), edited as
 * separate inputs: filling one input while the object is absent creates the whole object, the
 * other fields from `defaults`, and clearing any input removes the object. Without this, typing a
 * burst time alone was refused with the size's error ("expected a number") beside the time.
 */
export function wholeObjectEditable<T>(ed: Editable<T>, base: Path, defaults: Record<string, unknown>): Editable<T> {
  return {
    value: ed.value,
    key: ed.key,
    set(path, next) {
      const inside = path.length === base.length + 1 && base.every((part, i) => path[i] === part);
      if (!inside) return ed.set(path, next);
      if (next === undefined) return ed.set(base, undefined);
      const current = getIn(ed.value, base);
      const field = path[base.length] as string;
      return ed.set(base, { ...defaults, ...(isPlainObject(current) ? current : {}), [field]: next });
    },
  };
}

function issueKeys(schema: z.ZodType, value: unknown): Map<string, string> {
  const result = schema.safeParse(value);
  const keys = new Map<string, string>();
  if (result.success) return keys;
  for (const issue of result.error.issues) keys.set(`${formatPath(issue.path)}|${issue.message}`, friendlyMessage(issue.message));
  return keys;
}

/** zod's wording, made a little friendlier for a form. */
export function friendlyMessage(message: string): string {
  return message
    .replace(/^Invalid input: expected (\w+), received (\w+)/, 'expected a $1')
    .replace(/^Too small: expected number to be >=?(.+)$/, (_, n) => `must be ${message.includes('>=') ? 'at least' : 'more than'} ${n.trim()}`)
    .replace(/^Too big: expected number to be <=?(.+)$/, (_, n) => `must be ${message.includes('<=') ? 'at most' : 'less than'} ${n.trim()}`)
    .replace(/^Invalid input: expected int, received number$/, 'must be a whole number')
    .replace(/^Too small: expected string to have >=1 characters$/, 'must not be empty')
    .replace(/^Too big: expected string to have <=(\d+) characters$/, 'at most $1 characters');
}

/** The message of the first issue `after` has that `before` did not, or undefined when the edit is clean. */
export function validateEdit(schema: z.ZodType, before: unknown, after: unknown): string | undefined {
  const old = issueKeys(schema, before);
  for (const [key, message] of issueKeys(schema, after)) if (!old.has(key)) return message;
  return undefined;
}

/** Editing one node of the document. */
export function useNodeEditable(node: TopologyNode): Editable<TopologyNode> {
  const store = useFanoutStore();
  return useMemo(
    () => ({
      value: node,
      key: `node:${node.id}`,
      set(path, next) {
        const current = store.getState().document.nodes.find((n) => n.id === node.id);
        if (!current) return 'this node no longer exists';
        const candidate = setIn(current, path, next);
        const problem = validateEdit(nodeSchema, current, candidate);
        if (problem) return problem;
        store.getState().edit((d) => updateNode(d, { node: candidate }), { coalesce: `${node.id}:${path.join('.')}` });
        return undefined;
      },
    }),
    [store, node],
  );
}

export function useEdgeEditable(edge: TopologyEdge): Editable<TopologyEdge> {
  const store = useFanoutStore();
  return useMemo(
    () => ({
      value: edge,
      key: `edge:${edge.id}`,
      set(path, next) {
        const current = store.getState().document.edges.find((e) => e.id === edge.id);
        if (!current) return 'this edge no longer exists';
        const candidate = setIn(current, path, next);
        const problem = validateEdit(edgeSchema, current, candidate);
        if (problem) return problem;
        store.getState().edit((d) => updateEdge(d, { edge: candidate }), { coalesce: `${edge.id}:${path.join('.')}` });
        return undefined;
      },
    }),
    [store, edge],
  );
}

/**
 * Editing document-level fields. `view` is what the fields display (any part of the document:
 * name, simulation, faults…); writes always apply to the store's current document.
 */
export function useDocumentEditable(view: Partial<Topology>): Editable<Partial<Topology>> {
  const store = useFanoutStore();
  return useMemo(
    () => ({
      value: view,
      key: 'document',
      set(path, next) {
        const current = store.getState().document;
        const candidate = setIn(current, path, next);
        const problem = validateEdit(topologySchema, current, candidate);
        if (problem) return problem;
        store.getState().edit(() => candidate, { coalesce: `document:${path.join('.')}` });
        return undefined;
      },
    }),
    [store, view],
  );
}
