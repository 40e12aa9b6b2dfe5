import { describe, expect, it } from 'vitest';
import { nodeSchema } from '../../../core/schema';
import { friendlyMessage, getIn, setIn, validateEdit, wholeObjectEditable } from './editable';

describe('setIn / getIn', () => {
  it('sets deep values immutably, creating objects on the way', () => {
    const node = { id: 'q', kind: 'queue' };
    const next = setIn(node, ['retry', 'maxAttempts'], 3);
    expect(next).toEqual({ id: 'q', kind: 'queue', retry: { maxAttempts: 3 } });
    expect(node).toEqual({ id: 'q', kind: 'queue' });
    expect(getIn(next, ['retry', 'maxAttempts'])).toBe(3);
  });
  it('removes a field with undefined, and objects it leaves empty', () => {
    const node = { id: 'c', kind: 'consumer', failure: { probability: 0.3 } };
    expect(setIn(node, ['failure', 'probability'], undefined)).toEqual({ id: 'c', kind: 'consumer' });
  });
  it('removes list items', () => {
    expect(setIn({ messages: [{ a: 1 }, { a: 2 }] }, ['messages', 0], undefined)).toEqual({ messages: [{ a: 2 }] });
  });
});

describe('validateEdit', () => {
  const queue = { id: 'q', kind: 'queue' };
  it('accepts a valid change', () => {
    expect(validateEdit(nodeSchema, queue, { ...queue, visibilityTimeout: 30 })).toBeUndefined();
  });
  it('refuses a change that breaks the schema, with a readable message', () => {
    expect(validateEdit(nodeSchema, queue, { ...queue, visibilityTimeout: -1 })).toBe('must be more than 0');
    expect(validateEdit(nodeSchema, queue, { ...queue, capacity: 2.5 })).toMatch(/whole number|int/);
  });
  it('catches cross-field rules (uniform max ≥ min)', () => {
    const consumer = { id: 'c', kind: 'consumer', processingTime: { dist: 'uniform', min: 1, max: 2 } };
    expect(validateEdit(nodeSchema, consumer, { ...consumer, processingTime: { dist: 'uniform', min: 3, max: 2 } })).toMatch(/max must be ≥ min/);
  });
  it('does not block edits because of an older problem elsewhere', () => {
    const broken = { id: 'q', kind: 'queue', capacity: 0 };
    expect(validateEdit(nodeSchema, broken, { ...broken, fifo: true })).toBeUndefined();
  });
});

describe('friendlyMessage', () => {
  it('rewords zod messages for a form', () => {
    expect(friendlyMessage('Too small: expected number to be >=1')).toBe('must be at least 1');
    expect(friendlyMessage('Too big: expected number to be <=1')).toBe('must be at most 1');
    expect(friendlyMessage('Invalid input: expected number, received string')).toBe('expected a number');
  });
});

describe('wholeObjectEditable', () => {
  function editableOf(value: unknown) {
    const state = { value, writes: [] as unknown[] };
    const ed = {
      get value() {
        return state.value;
      },
      key: 'node:p',
      set(path: readonly (string | number)[], next: unknown) {
        const candidate = setIn(state.value, path, next);
        const problem = validateEdit(nodeSchema, state.value, candidate);
        if (problem) return problem;
        state.value = candidate;
        state.writes.push(candidate);
        return undefined;
      },
    };
    return { state, burst: wholeObjectEditable(ed, ['messages', 0, 'burst'], { at: 0, count: 100 }) };
  }
  const producer = { id: 'p', kind: 'producer', messages: [{ type: 'E', rate: 1 }] };

  it('a burst time typed alone makes a whole burst (the plain path is refused with the size error)', () => {
    const { state, burst } = editableOf(producer);
    expect(setIn(producer, ['messages', 0, 'burst', 'at'], 5)).toMatchObject({ messages: [{ burst: { at: 5 } }] });
    expect(validateEdit(nodeSchema, producer, setIn(producer, ['messages', 0, 'burst', 'at'], 5))).toBeDefined();
    expect(burst.set(['messages', 0, 'burst', 'at'], 5)).toBeUndefined();
    expect(getIn(state.value, ['messages', 0, 'burst'])).toEqual({ at: 5, count: 100 });
  });
  it('a size typed alone starts the burst at 0; later edits keep the other field', () => {
    const { state, burst } = editableOf(producer);
    expect(burst.set(['messages', 0, 'burst', 'count'], 40)).toBeUndefined();
    expect(getIn(state.value, ['messages', 0, 'burst'])).toEqual({ at: 0, count: 40 });
    expect(burst.set(['messages', 0, 'burst', 'at'], 12)).toBeUndefined();
    expect(getIn(state.value, ['messages', 0, 'burst'])).toEqual({ at: 12, count: 40 });
  });
  it('clearing either field removes the burst; invalid values are still refused; other paths pass through', () => {
    const { state, burst } = editableOf({ ...producer, messages: [{ type: 'E', rate: 1, burst: { at: 3, count: 9 } }] });
    expect(burst.set(['messages', 0, 'burst', 'count'], 0)).toMatch(/at least 1/);
    expect(burst.set(['messages', 0, 'burst', 'count'], undefined)).toBeUndefined();
    expect(getIn(state.value, ['messages', 0])).toEqual({ type: 'E', rate: 1 });
    expect(burst.set(['messages', 0, 'rate'], 4)).toBeUndefined();
    expect(getIn(state.value, ['messages', 0, 'rate'])).toBe(4);
  });
});
