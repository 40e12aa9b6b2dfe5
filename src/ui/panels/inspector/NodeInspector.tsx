/** The inspector for one node: identity, then the settings of its kind (spec, "Nodes"), then its faults. */
import { memo, useId, useState } from 'react';
import type { Topology, TopologyNode } from '../../../core/schema';
import { DEFAULTS } from '../../../core/schema/defaults';
import { idSchema } from '../../../core/schema/primitives';
import { renameNode, takenIds } from '../../../state/operations';
import { KINDS } from '../../canvas/kinds';
import { useFanoutStore } from '../../store-context';
import { DistributionField, RetryField } from './compound';
import { ConnectionsSection } from './ConnectionsSection';
import { useNodeEditable, type Editable } from './editable';
import { CheckboxField, FieldShell, NumberField, NumberListField, Section, SelectField, StringListField, TextField } from './fields';
import { EmitsList, FaultsEditor, MessagesList, RedriveList } from './lists';
import { BEHAVIOUR_FIELDS, CONSUMER_PROFILES, SCHEDULE_PRESETS } from './presets';

/** The node id, renamed in edges and faults too; refused when invalid or taken. */
function IdField({ node }: { node: TopologyNode }) {
  const store = useFanoutStore();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const onChange = (text: string) => {
    setDraft(text);
    const parsed = idSchema.safeParse(text);
    if (!parsed.success) return setError('1–64 characters: letters, digits, _ . -');
    if (text !== node.id && takenIds(store.getState().document).has(text)) return setError(`“${text}” is already used`);
    setError(undefined);
  };
  const commit = () => {
    if (draft === null || error) return;
    if (draft !== node.id) {
      store.getState().edit((d) => renameNode(d, { from: node.id, to: draft }));
      store.getState().select({ nodes: [draft], edges: [] });
    }
    setDraft(null);
  };
  return (
    <FieldShell id={id} label="Id" error={error} hint="Used in files, the CLI and results">
      <input
        id={id}
        className="fo-input fo-input--mono"
        value={draft ?? node.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </FieldShell>
  );
}

function ConsumerFields({ ed, projection }: { ed: Editable<TopologyNode>; projection: boolean }) {
  const store = useFanoutStore();
  const applyProfile = (profileId: string) => {
    const profile = CONSUMER_PROFILES.find((p) => p.id === profileId);
    if (!profile) return;
    const current = ed.value as Record<string, unknown>;
    const next: Record<string, unknown> = { ...current };
    for (const f of BEHAVIOUR_FIELDS) delete next[f];
    Object.assign(next, structuredClone(profile.value));
    const problem = ed.set([], next);
    if (problem) store.getState().notify(`The ${profile.label} profile could not be applied: ${problem}`, 'error');
  };
  return (
    <>
      <Section title="Behaviour">
        <div className="fo-profiles" role="group" aria-label="Consumer profiles">
          {CONSUMER_PROFILES.map((p) => (
            <button key={p.id} type="button" className="fo-chip" title={p.note} onClick={() => applyProfile(p.id)}>
              {p.label}
            </button>
          ))}
        </div>
        <div className="fo-grid2">
          <NumberField ed={ed} path={['concurrency']} label="Concurrency" unit="workers" integer placeholder={DEFAULTS.consumer.concurrency} />
          <NumberField ed={ed} path={['ackLoss']} label="Ack loss" unit="0–1" placeholder={DEFAULTS.consumer.ackLoss} />
        </div>
        <DistributionField ed={ed} path={['processingTime']} label="Processing time" defaultValue={DEFAULTS.consumer.processingTime} />
        <CheckboxField ed={ed} path={['idempotent']} label="Idempotent (skips duplicates)" />
        {projection && <NumberField ed={ed} path={['readRate']} label="Read rate" unit="/s" placeholder={DEFAULTS.projection.readRate} hint="Reads of the view, to measure staleness" />}
      </Section>
      <Section title="Failure">
        <div className="fo-grid2">
          <NumberField ed={ed} path={['failure', 'probability']} label="Failure probability" unit="0–1" placeholder="0" />
          <NumberField ed={ed} path={['failure', 'firstAttempts']} label="Fail first attempts" integer placeholder="0" />
        </div>
        <StringListField ed={ed} path={['failure', 'types']} label="Always fail types" placeholder="none" hint="Poison message types, comma-separated" />
        <StringListField ed={ed} path={['failure', 'keys']} label="Always fail keys" placeholder="none" hint="Poison keys such as k7, comma-separated" />
      </Section>
      <Section title="Emits">
        <EmitsList ed={ed} />
      </Section>
    </>
  );
}

const EXCHANGE_TYPES = [
  { value: 'direct', label: 'Direct (exact key)' },
  { value: 'topic', label: 'Topic (pattern with * and #)' },
  { value: 'fanout', label: 'Fanout (every bound queue)' },
];
const OVERFLOW = [
  { value: 'reject', label: 'Reject new messages' },
  { value: 'drop-head', label: 'Drop the oldest' },
];

function ScheduleField({ ed }: { ed: Editable<TopologyNode> }) {
  const schedule = (ed.value as { schedule?: number[] }).schedule;
  const active = SCHEDULE_PRESETS.find((p) => JSON.stringify(p.value) === JSON.stringify(schedule));
  return (
    <>
      <div className="fo-profiles" role="group" aria-label="Schedule presets">
        {SCHEDULE_PRESETS.map((p) => (
          <button key={p.id} type="button" title={p.note} className={`fo-chip${active?.id === p.id ? ' is-active' : ''}`} aria-pressed={active?.id === p.id} onClick={() => ed.set(['schedule'], p.value ? [...p.value] : undefined)}>
            {p.label}
          </button>
        ))}
      </div>
      <NumberListField ed={ed} path={['schedule']} label="Retry schedule" unit="s" placeholder={DEFAULTS.webhook.schedule.join(', ')} hint={active?.note ?? 'Waits before each retry, from the failed attempt'} />
    </>
  );
}

function KindFields({ ed, node }: { ed: Editable<TopologyNode>; node: TopologyNode }) {
  switch (node.kind) {
    case 'producer':
      return (
        <Section title="Message streams">
          <MessagesList ed={ed} />
        </Section>
      );
    case 'topic':
      return (
        <Section title="Delivery">
          <RetryField ed={ed} path={['retry']} defaultText="1 attempt" hint="For subscriptions that push straight to a consumer" />
        </Section>
      );
    case 'queue':
      return (
        <Section title="Queue">
          <CheckboxField ed={ed} path={['fifo']} label="FIFO (per-key order)" />
          <div className="fo-grid2">
            <NumberField ed={ed} path={['visibilityTimeout']} label="Visibility timeout" unit="s" placeholder={DEFAULTS.queue.visibilityTimeout} />
            <NumberField ed={ed} path={['retention']} label="Retention" unit="s" placeholder={DEFAULTS.queue.retention} />
            <NumberField ed={ed} path={['capacity']} label="Capacity" integer placeholder="unbounded" />
            <SelectField ed={ed} path={['overflow']} label="When full" options={OVERFLOW} defaultLabel="Reject (default)" />
          </div>
          <RetryField ed={ed} path={['retry']} defaultText="until retention" hint="Without a policy a queue retries until retention (SQS)" />
        </Section>
      );
    case 'exchange':
      return (
        <Section title="Routing">
          <SelectField ed={ed} path={['exchangeType']} label="Exchange type" options={EXCHANGE_TYPES} />
        </Section>
      );
    case 'stream':
      return (
        <Section title="Stream">
          <NumberField ed={ed} path={['partitions']} label="Partitions" integer placeholder={DEFAULTS.stream.partitions} />
          <RetryField ed={ed} path={['retry']} defaultText="1 attempt" hint="Default for its consumer groups" />
        </Section>
      );
    case 'webhook':
      return (
        <Section title="Delivery">
          <NumberField ed={ed} path={['timeout']} label="Timeout" unit="s" placeholder={DEFAULTS.webhook.timeout} />
          <ScheduleField ed={ed} />
        </Section>
      );
    case 'consumer':
      return <ConsumerFields ed={ed} projection={false} />;
    case 'projection':
      return <ConsumerFields ed={ed} projection />;
    case 'eventstore':
      return <p className="fo-muted fo-pad">An event store has no settings: it appends every event it receives.</p>;
    case 'deadletter':
      return (
        <Section title="Redrive">
          <RedriveList ed={ed} />
        </Section>
      );
  }
}

/** Kinds the spec lets faults apply to in a way that changes a run. */
const FAULTABLE = new Set(['consumer', 'projection', 'topic', 'queue', 'exchange', 'stream', 'webhook', 'eventstore']);

/** Memoized: a drag changes the node's position only, which the inspector does not show (see Inspector.tsx). */
export const NodeInspector = memo(function NodeInspector({ node, faults }: { node: TopologyNode; faults: Topology['faults'] }) {
  const ed = useNodeEditable(node);
  const info = KINDS[node.kind];
  const Icon = info.icon;
  return (
    <div className="fo-inspector__content">
      <div className={`fo-inspector__head fo-kind-swatch--${node.kind}`}>
        <span className="fo-palette__icon">
          <Icon />
        </span>
        <div>
          <div className="fo-inspector__kind">{info.name}</div>
          <div className="fo-inspector__hint">{info.hint}</div>
        </div>
      </div>
      <Section title="General">
        <TextField ed={ed} path={['label']} label="Label" placeholder={node.id} />
        <IdField node={node} />
        <TextField ed={ed} path={['notes']} label="Notes" placeholder="Shown in workshops (markdown)" multiline />
      </Section>
      <KindFields ed={ed} node={node} />
      <ConnectionsSection node={node} />
      {FAULTABLE.has(node.kind) && (
        <Section title="Faults">
          <FaultsEditor allFaults={faults} nodeId={node.id} />
        </Section>
      )}
    </div>
  );
});
