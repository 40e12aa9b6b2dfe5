import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { runControlMachine, type RunControlEvent } from './runControl';

function run(...events: RunControlEvent['type'][]) {
  const actor = createActor(runControlMachine).start();
  const seen: string[] = [];
  for (const type of events) {
    actor.send({ type } as RunControlEvent);
    seen.push(String(actor.getSnapshot().value));
  }
  return seen;
}

describe('run control machine', () => {
  it('starts idle', () => {
    expect(createActor(runControlMachine).start().getSnapshot().value).toBe('idle');
  });

  it('plays, pauses, resumes and finishes', () => {
    expect(run('PLAY', 'PAUSE', 'PLAY', 'END')).toEqual(['running', 'paused', 'running', 'finished']);
  });

  it('a step or a scrub pauses a running player and keeps an idle one stopped', () => {
    expect(run('SEEK')).toEqual(['paused']);
    expect(run('PLAY', 'SEEK')).toEqual(['running', 'paused']);
  });

  it('run to end finishes from any non-final state; stepping back from the end pauses', () => {
    expect(run('RUN_TO_END', 'SEEK')).toEqual(['finished', 'paused']);
    expect(run('PLAY', 'RUN_TO_END')).toEqual(['running', 'finished']);
  });

  it('reset returns to idle from running, paused and finished, and is ignored when idle', () => {
    expect(run('PLAY', 'RESET')).toEqual(['running', 'idle']);
    expect(run('SEEK', 'RESET')).toEqual(['paused', 'idle']);
    expect(run('RUN_TO_END', 'RESET')).toEqual(['finished', 'idle']);
    expect(run('RESET')).toEqual(['idle']);
  });

  it('pause is ignored unless running; play from finished starts over', () => {
    expect(run('PAUSE')).toEqual(['idle']);
    expect(run('RUN_TO_END', 'PAUSE', 'PLAY')).toEqual(['finished', 'finished', 'running']);
  });
});
