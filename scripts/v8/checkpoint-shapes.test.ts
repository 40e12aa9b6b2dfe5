/**
 * A resumed checkpoint must be made of objects with the same hidden classes as the original run's
 * (V8 maps): otherwise the engine's optimised code turns polymorphic and every later run in the
 * thread slows down (measured: about 2.5×). Checked in a child Node with `%HaveSameMap`, run
 * single-threaded so that V8 optimises at the same moments every time: with background compilation,
 * whether optimised code had already changed an array's elements kind when it was compared depended
 * on timing, and the test failed on some runs only.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./resume-shapes.ts', import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../public/examples/${name}.json`, import.meta.url));

describe('checkpoints keep hidden classes', () => {
  for (const name of ['order-events', 'stream-partitions', 'cqrs-projection', 'exchange-topic-routing', 'webhook-retries', 'idempotency']) {
    it(`${name}: every object of a resumed engine has the original's hidden class`, () => {
      const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--single-threaded', '--import', 'tsx', script, example(name)], { encoding: 'utf8' });
      const { compared, differing } = JSON.parse(out) as { compared: number; differing: string[] };
      expect(compared).toBeGreaterThan(50);
      expect(differing).toEqual([]);
    });
  }
});
