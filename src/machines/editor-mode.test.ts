import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { editorModeMachine } from './editor-mode';

describe('editor mode machine', () => {
  it('starts in design and enters simulate only for a valid document', () => {
    const actor = createActor(editorModeMachine).start();
    expect(actor.getSnapshot().value).toBe('design');
    actor.send({ type: 'SIMULATE', hasErrors: true });
    expect(actor.getSnapshot().value).toBe('design');
    actor.send({ type: 'SIMULATE', hasErrors: false });
    expect(actor.getSnapshot().value).toBe('simulate');
    actor.send({ type: 'DESIGN' });
    expect(actor.getSnapshot().value).toBe('design');
  });
});
