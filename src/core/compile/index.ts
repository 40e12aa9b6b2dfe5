/** Topology → runnable model for the simulator (defaults resolved, edge kinds implied, adjacency). */
export * from './model';
export { compileTopology, CompileError, resolveRetry } from './compile';
