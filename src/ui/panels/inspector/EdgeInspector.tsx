/** The inspector for one edge: its kind (among those the edge table allows), and that kind's fields. */
import { useId, useState } from 'react';
import type { Topology, TopologyEdge } from '../../../core/schema';
import { allowedEdgeKinds, EDGE_RULES, type EdgeKind } from '../../../core/rules/edges';
import { effectiveEdgeKind } from '../../../state/operations';
import { KINDS } from '../../canvas/kinds';
import { DistributionField, RetryField } from './compound';
import { useEdgeEditable } from './editable';
import { FieldShell, Section, StringListField, TextField } from './fields';

const KIND_NAMES: Record<EdgeKind, string> = {
  publish: 'Publish',
  subscribe: 'Subscribe',
  bind: 'Bind',
  alternate: 'Alternate (unroutable)',
  consume: 'Consume',
  endpoint: 'Endpoint',
  group: 'Consumer group',
  deadLetter: 'Dead letter',
};

export function EdgeInspector({ edge, doc }: { edge: TopologyEdge; doc: Topology }) {
  const ed = useEdgeEditable(edge);
  const kindId = useId();
  const [kindError, setKindError] = useState<string>();
  const from = doc.nodes.find((n) => n.id === edge.from);
  const to = doc.nodes.find((n) => n.id === edge.to);
  const kind = effectiveEdgeKind(doc, edge);
  const allowed = from && to ? allowedEdgeKinds(from.kind, to.kind) : [];
  const exchangeType = from?.kind === 'exchange' ? from.exchangeType : undefined;

  const changeKind = (next: EdgeKind) => {
    // Keep only the fields the new kind accepts; give a group edge its required name.
    const fields = EDGE_RULES[next].fields as readonly string[];
    const candidate: Record<string, unknown> = { id: edge.id, from: edge.from, to: edge.to, kind: next };
    if (edge.latency !== undefined) candidate.latency = edge.latency;
    if (edge.ui !== undefined) candidate.ui = edge.ui;
    for (const f of ['filter', 'bindingKey', 'group', 'retry'] as const) if (fields.includes(f) && edge[f] !== undefined) candidate[f] = edge[f];
    if (next === 'group' && candidate.group === undefined) candidate.group = edge.to;
    if (next === 'bind' && candidate.bindingKey === undefined && exchangeType !== 'fanout') candidate.bindingKey = exchangeType === 'topic' ? '#' : edge.to;
    setKindError(ed.set([], candidate));
  };

  return (
    <div className="fo-inspector__content" key={ed.key}>
      <div className="fo-inspector__head fo-inspector__head--edge">
        <div>
          <div className="fo-inspector__kind">{kind ? KIND_NAMES[kind] : 'Edge'} edge</div>
          <div className="fo-inspector__hint">
            {from ? `${from.label ?? from.id}` : edge.from} → {to ? `${to.label ?? to.id}` : edge.to}
            {kind && to && from ? ` — ${to.label ?? to.id} ${EDGE_RULES[kind].meaning} ${from.label ?? from.id}` : ''}
          </div>
        </div>
      </div>
      <Section title="Connection">
        <FieldShell id={kindId} label="Edge kind" error={kindError} hint={allowed.length > 1 ? 'Several kinds fit these two nodes' : `${from ? KINDS[from.kind].name : '?'} → ${to ? KINDS[to.kind].name : '?'}`}>
          <select id={kindId} className="fo-input fo-select" value={kind ?? ''} onChange={(e) => changeKind(e.target.value as EdgeKind)} disabled={allowed.length <= 1}>
            {!kind && <option value="">(not allowed)</option>}
            {allowed.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </FieldShell>
        {kind === 'bind' && (
          <TextField
            ed={ed}
            path={['bindingKey']}
            label="Binding key"
            keepEmpty
            placeholder={exchangeType === 'fanout' ? 'ignored by a fanout exchange' : 'required, e.g. order.*'}
            hint={exchangeType === 'topic' ? 'Words separated by dots; * one word, # zero or more' : exchangeType === 'direct' ? 'Matches the routing key exactly' : undefined}
          />
        )}
        {kind === 'group' && <TextField ed={ed} path={['group']} label="Group name" required hint="Consumers with the same group share the partitions" />}
        {kind && EDGE_RULES[kind].fields.includes('filter') && (
          <StringListField ed={ed} path={['filter', 'types']} label="Only these types" placeholder="all types" hint="Comma-separated; empty lets every type through" />
        )}
        {kind === 'group' && <RetryField ed={ed} path={['retry']} label="Group retry" defaultText="the stream's" />}
      </Section>
      <Section title="Transit">
        <DistributionField ed={ed} path={['latency']} label="Latency" optionalLabel="none (instantaneous)" fallback={0.05} />
      </Section>
    </div>
  );
}
