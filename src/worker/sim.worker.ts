/**
 * The Web Worker entry: the engine runs here so a long run never blocks the page. All logic lives
 * in `host.ts` (testable in Node); this file only binds it to the worker's global scope.
 */
import type { FromWorker, ToWorker } from './protocol';
import { SimHost } from './host';

interface WorkerScope {
  postMessage(message: FromWorker, transfer: ArrayBuffer[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = new SimHost({
  post: (message, transfer) => scope.postMessage(message, transfer ?? []),
  later: (fn) => setTimeout(fn, 0),
  now: () => performance.now(),
});
scope.onmessage = (event) => host.handle(event.data);
