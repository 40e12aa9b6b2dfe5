/** The simulator: see README.md in this folder for the API the CLI and the UI use. */
export { simulate, createSimulation, Simulation, replayEntity, maxAttemptsOver } from './simulation';
export type { SimulationOptions, SimulationState, NodeState, MessageInfo, EntityView, DeliveryState } from './simulation';
export type { SimResult, Totals, Conservation, NodeResult } from './result';
export { TraceStore, TraceChunk, readRecord, timeOf, msgOf, TRACE_TYPES, CHUNK_SIZE, RECORD_BYTES, type DeliveryMessages } from './trace';
export type { TraceRecord, TraceType } from './trace';
export { describeRecord, formatSeconds, type SentenceContext } from './sentences';
export { rngFor, Rng, hash128 } from './prng';
export { EventHeap } from './heap';
export { murmur2, partitionForKey, toPositive } from './murmur2';
export { topicMatches, topicWords, matchWords, compileTopicBinding } from './topic-match';
export { backoffDelay, baseDelay, type ResolvedBackoff, type Jitter } from './backoff';
export { rangeAssignment, COMMIT_INTERVAL, SESSION_TIMEOUT } from './streams';
