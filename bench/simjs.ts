/**
 * M/M/1 in SIM.JS (simjs 2.0.3, a dev dependency), for the "SIM.JS / engine" figure. simjs is a
 * browserify bundle that registers itself on `window`, so the bench gives it one.
 */
import { createRequire } from 'node:module';

interface SimJs {
  Sim: new () => { simulate(end: number): void; addEntity(k: unknown): unknown };
  Entity: new (...args: unknown[]) => object;
  Facility: new (name: string) => object;
  Random: new (seed: number) => { exponential(rate: number): number };
}

function load(): SimJs {
  const g = globalThis as unknown as { window?: { Sim?: SimJs } };
  g.window ??= {};
  if (!g.window.Sim) createRequire(import.meta.url)('simjs');
  return g.window.Sim!;
}

/** Runs M/M/1 with `customers` customers; returns the mean time in system. */
export function simjsMM1(customers: number, lambda: number, mu: number, seed: number): number {
  const { Sim, Entity, Facility, Random } = load();
  const sim = new Sim();
  const server = new Facility('server');
  const random = new Random(seed);
  let created = 0;
  let done = 0;
  let sum = 0;
  type E = { time(): number; useFacility(f: object, d: number): { done(cb: () => void): void }; setTimer(d: number): { done(cb: () => void): void } };
  class Customer extends (Entity as unknown as new () => E) {
    start(): void {
      this.arrive();
    }
    arrive(): void {
      if (created++ >= customers) return;
      const arrivedAt = this.time();
      this.useFacility(server, random.exponential(mu)).done(() => {
        sum += this.time() - arrivedAt;
        done++;
      });
      this.setTimer(random.exponential(lambda)).done(() => this.arrive());
    }
  }
  sim.addEntity(Customer);
  sim.simulate(1e15);
  return sum / done;
}
