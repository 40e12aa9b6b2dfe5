/**
 * Starts the simulation worker. The `new URL(…, import.meta.url)` form must stay literal: Vite
 * bundles the worker (and the engine it imports) from it.
 */
import type { WorkerLike } from './controller';

export function createSimWorker(): WorkerLike {
  return new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'fanout-simulation' }) as unknown as WorkerLike;
}
