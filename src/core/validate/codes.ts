/**
 * The one table of validator diagnostics: every code with its severity, a short title and the help
 * a person needs to fix it. The Problems panel, the node badges and the CLI all read this table, so
 * a code's severity and wording change in one place.
 *
 * Severity follows the spec ("Diagnostics the validator gives"): what makes a topology meaningless
 * or ambiguous is an `error` (the simulator refuses it); what runs but probably not as intended is a
 * `warning`; what is legal and worth knowing is `info`.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface DiagnosticInfo {
  severity: Severity;
  /** A few words for lists and badges. */
  title: string;
  /** What to do about it (one or two sentences). */
  help: string;
}

const TABLE = {
  // ——— structure (errors) ———
  'duplicate-node-id': {
    severity: 'error',
    title: 'Duplicate node id',
    help: 'Every node needs its own id: edges and faults name nodes by id. Rename one of them.',
  },
  'duplicate-edge-id': {
    severity: 'error',
    title: 'Duplicate edge id',
    help: 'Every edge needs its own id. Rename one of them.',
  },
  'edge-unknown-node': {
    severity: 'error',
    title: 'Edge to an unknown node',
    help: 'The edge names a node id that no node has. Fix the id, or delete the edge.',
  },
  'edge-kind-not-allowed': {
    severity: 'error',
    title: 'Edge kind not allowed here',
    help: 'Each edge kind joins only certain node kinds (see the spec\'s "Edges" table). Change the kind or the nodes.',
  },
  'edge-kind-ambiguous': {
    severity: 'error',
    title: 'Edge kind must be given',
    help: 'An edge may omit its kind only when exactly one kind fits its two nodes. Set "kind" explicitly.',
  },
  'edge-field-not-for-kind': {
    severity: 'error',
    title: 'Field does not belong to this edge kind',
    help: 'The edge carries a field its (implied) kind does not use. Remove the field or change the kind.',
  },
  'missing-binding-key': {
    severity: 'error',
    title: 'Binding key missing',
    help: 'A bind edge from a direct or topic exchange needs a "bindingKey" ("" is a valid key).',
  },
  'missing-group': {
    severity: 'error',
    title: 'Consumer group missing',
    help: 'A group edge needs a "group": the name of the consumer group the member belongs to.',
  },
  'producer-no-outlet': {
    severity: 'error',
    title: 'Producer sends nowhere',
    help: 'Connect the producer to a topic, queue, exchange, stream, webhook or event store with a publish edge.',
  },
  'consumer-no-inlet': {
    severity: 'error',
    title: 'Consumer receives nothing',
    help: 'Connect a queue (consume), topic or event store (subscribe), stream (group) or webhook (endpoint) to it.',
  },
  'fault-unknown-node': {
    severity: 'error',
    title: 'Fault on an unknown node',
    help: 'The fault names a node id that no node has. Fix the id, or delete the fault.',
  },
  'fault-wrong-kind': {
    severity: 'error',
    title: 'Fault does not apply to this node',
    help: '"slow" applies to consumers and projections; "down" to consumers, projections and brokers.',
  },
  'nothing-to-simulate': {
    severity: 'error',
    title: 'Nothing to simulate',
    help: 'Add a producer with at least one message stream (type and rate) and connect it.',
  },
  // ——— behaviour that is probably not intended (warnings) ———
  'duplicate-edge': {
    severity: 'warning',
    title: 'Two identical edges',
    help: 'Two edges of the same kind join the same nodes, so every message is copied twice. Delete one.',
  },
  'queue-unconsumed': {
    severity: 'warning',
    title: 'Queue nobody consumes',
    help: 'Messages pile up in the queue. Connect a consumer to it with a consume edge.',
  },
  'stream-unread': {
    severity: 'warning',
    title: 'Stream nobody reads',
    help: 'No consumer group reads the stream, so its records are only stored. Connect a consumer with a group edge.',
  },
  'no-receivers': {
    severity: 'warning',
    title: 'Broker delivers to nobody',
    help: 'Messages sent here reach no one. Add a subscription, binding or endpoint.',
  },
  'unroutable-messages': {
    severity: 'warning',
    title: 'Messages no binding takes',
    help: 'An exchange drops a message whose routing key matches no binding (RabbitMQ). Add a binding for it, or an alternate edge to a queue or dead-letter node to keep it.',
  },
  'retry-without-deadletter': {
    severity: 'warning',
    title: 'Retries without a dead-letter edge',
    help: 'When the retries are exhausted the message is discarded. Add a deadLetter edge to a dead-letter node to keep it.',
  },
  'deadletter-edge-unused': {
    severity: 'warning',
    title: 'Dead-letter edge never used',
    help: 'A queue without "retry" retries without limit (SQS without a redrive policy), so nothing is ever dead-lettered. Give the queue a retry policy with maxAttempts.',
  },
  'command-many-handlers': {
    severity: 'warning',
    title: 'Command handled more than once',
    help: 'A command asks one handler to act, but this one is copied onto several paths. Route it to one queue or group, or make it an event.',
  },
  'emit-cycle': {
    severity: 'warning',
    title: 'Messages can loop without end',
    help: 'Consumers emit messages that come back to themselves. Break the loop with a filter, a lower emit probability, or a different type.',
  },
  'count-not-reached': {
    severity: 'warning',
    title: 'Message count not reached',
    help: 'A message stream stops at its count or at the run\'s duration, whichever comes first. Raise the rate or the duration, or lower the count.',
  },
  'messages-after-duration': {
    severity: 'warning',
    title: 'Messages start after the run ends',
    help: 'Producers emit only in [start, duration). Move the start or burst earlier, or lengthen simulation.duration.',
  },
  'redrive-without-source': {
    severity: 'warning',
    title: 'Redrive with nothing to redrive',
    help: 'Nothing dead-letters to this node, so a redrive has nothing to send back. Connect a deadLetter or alternate edge to it.',
  },
  'emits-without-outlet': {
    severity: 'warning',
    title: 'Emits go nowhere',
    help: 'The consumer declares emits but has no publish edge. Connect it to a topic, queue, exchange, stream, webhook or event store.',
  },
  'visibility-timeout-short': {
    severity: 'warning',
    title: 'Visibility timeout shorter than processing',
    help: 'Messages become visible again while still being processed and are handed out twice. Raise the queue\'s visibilityTimeout above the processing time.',
  },
  'queue-overloaded': {
    severity: 'warning',
    title: 'Queue cannot keep up',
    help: 'Messages arrive faster than the consumers can process them (utilisation ≥ 100 %), so the queue and the waiting times grow without bound. Add consumers, raise their concurrency, or speed up processing.',
  },
  'producer-no-messages': {
    severity: 'warning',
    title: 'Producer has no message streams',
    help: 'Add a message stream (a type and a rate) to the producer, or delete it.',
  },
  // ——— legal, worth knowing (info) ———
  'filter-empty': {
    severity: 'warning',
    title: 'Filter lets nothing through',
    help: 'The filter lists no types, so no message passes this edge. To let every type through, remove the filter; otherwise list the types that should pass.',
  },
  'idle-group-members': {
    severity: 'info',
    title: 'Idle group members',
    help: 'A Kafka consumer group has at most one active member per partition; the extra members idle. Add partitions or remove members.',
  },
  'partitions-unused': {
    severity: 'info',
    title: 'Partitions no record reaches',
    help: 'Keyed records go to the partition their key hashes to (Kafka\'s murmur2), so a fixed key, or fewer keys than partitions, leaves partitions empty. Use more keys, or fewer partitions.',
  },
  'binding-key-ignored': {
    severity: 'info',
    title: 'Binding key ignored',
    help: 'A fanout exchange copies every message to every bound queue and ignores binding keys (RabbitMQ).',
  },
  'binding-key-literal-wildcard': {
    severity: 'info',
    title: 'Wildcard taken literally',
    help: 'RabbitMQ treats "*" and "#" as wildcards only as a whole word of a topic binding key; elsewhere (inside a word, or on a direct exchange) they match only themselves.',
  },
  'binding-key-empty-word': {
    severity: 'info',
    title: 'Empty word in binding key',
    help: 'A leading, trailing or doubled "." makes an empty word, which matches only an empty word in the routing key (RabbitMQ).',
  },
  'binding-never-matches': {
    severity: 'info',
    title: 'Binding matches no routing key',
    help: 'No sender to this exchange uses a routing key that this binding matches, so the queue gets nothing through it.',
  },
  'filter-never-matches': {
    severity: 'info',
    title: 'Filter type nobody sends',
    help: 'The filter lists message types that no sender upstream emits, so they never pass. Check the spelling.',
  },
  'deadletter-unconnected': {
    severity: 'info',
    title: 'Dead-letter node not connected',
    help: 'Nothing dead-letters to this node. Connect a deadLetter edge from a queue, topic, stream or webhook.',
  },
  'setting-ignored': {
    severity: 'info',
    title: 'Setting has no effect here',
    help: 'The setting does not apply where it is, so changing it changes nothing. Move it to where it applies, or remove it.',
  },
  'no-inlet': {
    severity: 'info',
    title: 'Nothing sends here',
    help: 'No edge brings messages to this node, so it stays empty. Connect a sender to it, or delete it.',
  },
  'outlet-without-emits': {
    severity: 'info',
    title: 'Publish edge without emits',
    help: 'The consumer has a publish edge but declares no emits, so it sends nothing. Add an entry to its emits.',
  },
} as const satisfies Record<string, DiagnosticInfo>;

/** Every diagnostic code the validator can give. */
export type DiagnosticCode = keyof typeof TABLE;

/** code → severity, title, help. The only place these are defined. */
export const DIAGNOSTICS: Record<DiagnosticCode, DiagnosticInfo> = TABLE;

/** All codes, in table order (errors, then warnings, then info). */
export const DIAGNOSTIC_CODES = Object.keys(TABLE) as DiagnosticCode[];
