/**
 * The topology document, version 1: the single source of the types used by the editor, simulator,
 * CLI, file import, share links, clipboard and autosave.
 */
import { z } from 'zod';
import { DEFAULTS } from './defaults';
import { edgeSchema, faultSchema } from './edges';
import { nodeSchema } from './nodes';
import { distributionSchema, retrySchema, uiSchema } from './primitives';

export const TOPOLOGY_FORMAT = 'fanout/topology';
/** The newest document version this build reads and writes. */
export const TOPOLOGY_VERSION = 1;

export const simulationSchema = z.strictObject({
  seed: z.number().int().min(-(2 ** 53) + 1).max(2 ** 53 - 1).optional().meta({ default: DEFAULTS.simulation.seed }),
  duration: z.number().finite().positive().max(1e9).optional().meta({ default: DEFAULTS.simulation.duration }),
  maxEvents: z.number().int().min(1).max(100_000_000).optional().meta({ default: DEFAULTS.simulation.maxEvents }),
});

export const topologySchema = z
  .strictObject({
    format: z.literal(TOPOLOGY_FORMAT),
    version: z.literal(TOPOLOGY_VERSION),
    name: z.string().max(200).optional(),
    description: z.string().max(20_000).optional().meta({ description: 'Markdown.' }),
    simulation: simulationSchema.optional(),
    nodes: z.array(nodeSchema).max(10_000),
    edges: z.array(edgeSchema).max(50_000),
    faults: z.array(faultSchema).max(10_000).optional(),
    ui: uiSchema.optional(),
  })
  .meta({
    $id: 'https://fanout.dev/schema/topology.v1.json',
    title: 'Fanout topology, version 1',
    description: 'A Fanout event-driven architecture: nodes, edges, faults and simulation settings.',
  });

export type Topology = z.infer<typeof topologySchema>;
export type TopologyNode = Topology['nodes'][number];
export type TopologyEdge = Topology['edges'][number];
export type Fault = NonNullable<Topology['faults']>[number];
export type Distribution = z.infer<typeof distributionSchema>;
export type RetryPolicy = z.infer<typeof retrySchema>;
export type NodeOfKind<K extends TopologyNode['kind']> = Extract<TopologyNode, { kind: K }>;
