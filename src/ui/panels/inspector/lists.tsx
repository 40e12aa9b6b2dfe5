/**
 * List editors: a producer's message streams, a consumer's emits, a dead-letter node's redrive
 * times and a node's fault windows (kept in the document's `faults`). Each item is a small card
 * with its fields and a remove button; "Add …" appends a valid item.
 */
import { useMemo } from 'react';
import type { Fault, Topology, TopologyNode } from '../../../core/schema';
import { DEFAULTS } from '../../../core/schema/defaults';
import { getIn, useDocumentEditable, wholeObjectEditable, type Editable } from './editable';
import { NumberField, RoutingKeyField, SelectField, TextField } from './fields';
import { useFanout } from '../../store-context';

/** The size a burst starts with when only its time is typed. */
const DEFAULT_BURST_SIZE = 100;

const CATEGORY = [
  { value: 'event', label: 'Event (a fact)' },
  { value: 'command', label: 'Command (a request)' },
];
const ARRIVAL = [
  { value: 'poisson', label: 'Poisson (random)' },
  { value: 'constant', label: 'Constant (evenly spaced)' },
];

/**
 * Runs `remove` for the item whose remove button is `button`. When that button goes with the item
 * (the last one of the list), focus goes to the item before it, or to the list's add button,
 * instead of falling to the page.
 */
function removeKeepingFocus(button: HTMLElement, remove: () => void): void {
  const list = button.closest('.fo-list');
  const buttons = () => [...(list?.querySelectorAll<HTMLElement>('.fo-item__head .fo-icon-button') ?? [])];
  const index = buttons().indexOf(button);
  remove();
  requestAnimationFrame(() => {
    if (button.isConnected) return;
    const left = buttons();
    (left[Math.min(index, left.length - 1)] ?? list?.querySelector<HTMLElement>(':scope > button'))?.focus();
  });
}

/** Runs `add`, then moves focus to the new (last) item's first field, where the person goes next. */
function addKeepingFocus(button: HTMLElement, add: () => unknown): void {
  const list = button.closest('.fo-list');
  add();
  requestAnimationFrame(() => {
    const items = list?.querySelectorAll('.fo-item');
    items?.[items.length - 1]?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  });
}

function ItemCard({ title, onRemove, removeLabel, children }: { title: string; onRemove: () => void; removeLabel: string; children: React.ReactNode }) {
  return (
    <div className="fo-item">
      <div className="fo-item__head">
        <span className="fo-item__title">{title}</span>
        <button type="button" className="fo-icon-button" aria-label={removeLabel} title={removeLabel} onClick={(e) => removeKeepingFocus(e.currentTarget, onRemove)}>
          ×
        </button>
      </div>
      <div className="fo-grid2">{children}</div>
    </div>
  );
}

/** A stream's burst: both inputs edit one `burst` object, created whole and removed whole. */
function BurstFields({ ed, stream }: { ed: Editable<TopologyNode>; stream: number }) {
  const burst = useMemo(() => wholeObjectEditable(ed, ['messages', stream, 'burst'], { at: 0, count: DEFAULT_BURST_SIZE }), [ed, stream]);
  return (
    <>
      <NumberField ed={burst} path={['messages', stream, 'burst', 'at']} label="Burst at" unit="s" placeholder="no burst" />
      <NumberField ed={burst} path={['messages', stream, 'burst', 'count']} label="Burst size" integer placeholder="no burst" />
    </>
  );
}

export function MessagesList({ ed }: { ed: Editable<TopologyNode> }) {
  const messages = (getIn(ed.value, ['messages']) as Array<{ type: string }> | undefined) ?? [];
  return (
    <div className="fo-list">
      {messages.map((m, i) => (
        <ItemCard key={i} title={m.type || `Message ${i + 1}`} removeLabel={`Remove message stream ${i + 1}`} onRemove={() => ed.set(['messages', i], undefined)}>
          <TextField ed={ed} path={['messages', i, 'type']} label="Message type" required />
          <NumberField ed={ed} path={['messages', i, 'rate']} label="Rate" unit="/s" required />
          <SelectField ed={ed} path={['messages', i, 'category']} label="Category" options={CATEGORY} defaultLabel="Event (default)" />
          <SelectField ed={ed} path={['messages', i, 'arrival']} label="Arrival" options={ARRIVAL} defaultLabel="Poisson (default)" />
          <NumberField ed={ed} path={['messages', i, 'start']} label="Start" unit="s" placeholder={DEFAULTS.messages.start} />
          <NumberField ed={ed} path={['messages', i, 'count']} label="Count" integer placeholder="unlimited" />
          <NumberField ed={ed} path={['messages', i, 'keys']} label="Keys" integer placeholder="unkeyed" hint="n keys k0 … k(n−1)" />
          <TextField ed={ed} path={['messages', i, 'key']} label="Fixed key" placeholder="none" />
          <RoutingKeyField ed={ed} path={['messages', i, 'routingKey']} label="Routing key" hint="For exchanges; a, b, c cycles" />
          <BurstFields ed={ed} stream={i} />
        </ItemCard>
      ))}
      <button type="button" className="fo-button fo-button--small" onClick={(e) => addKeepingFocus(e.currentTarget, () => ed.set(['messages', messages.length], { type: `Event${messages.length ? messages.length + 1 : ''}`, rate: 1 }))}>
        + Add message stream
      </button>
    </div>
  );
}

const ON = [
  { value: 'success', label: 'On success' },
  { value: 'dead-letter', label: 'When dead-lettered' },
];

export function EmitsList({ ed }: { ed: Editable<TopologyNode> }) {
  const emits = (getIn(ed.value, ['emits']) as Array<{ type: string }> | undefined) ?? [];
  return (
    <div className="fo-list">
      {emits.map((m, i) => (
        <ItemCard key={i} title={m.type || `Emit ${i + 1}`} removeLabel={`Remove emitted message ${i + 1}`} onRemove={() => ed.set(['emits', i], undefined)}>
          <TextField ed={ed} path={['emits', i, 'type']} label="Emitted type" required />
          <SelectField ed={ed} path={['emits', i, 'category']} label="Category" options={CATEGORY} defaultLabel="Event (default)" />
          <NumberField ed={ed} path={['emits', i, 'probability']} label="Probability" unit="0–1" placeholder={1} />
          <SelectField ed={ed} path={['emits', i, 'on']} label="When" options={ON} defaultLabel="On success (default)" />
          <NumberField ed={ed} path={['emits', i, 'keys']} label="Keys" integer placeholder="inherits" hint="n keys k0 … k(n−1)" />
          <TextField ed={ed} path={['emits', i, 'key']} label="Fixed key" placeholder="inherits" />
          <RoutingKeyField ed={ed} path={['emits', i, 'routingKey']} label="Routing key" />
        </ItemCard>
      ))}
      <button type="button" className="fo-button fo-button--small" onClick={(e) => addKeepingFocus(e.currentTarget, () => ed.set(['emits', emits.length], { type: 'Emitted' }))}>
        + Add emitted message
      </button>
    </div>
  );
}

export function RedriveList({ ed }: { ed: Editable<TopologyNode> }) {
  const redrive = (getIn(ed.value, ['redrive']) as Array<{ at: number }> | undefined) ?? [];
  // While a run is on screen, a new redrive is at the moment shown (what a person discussing it means).
  const shownAt = useFanout((s) => (s.simulation.mode === 'simulate' && s.simulation.time > 0 ? Math.round(s.simulation.time * 1000) / 1000 : null));
  return (
    <div className="fo-list">
      {redrive.map((_, i) => (
        <ItemCard key={i} title={`Redrive ${i + 1}`} removeLabel={`Remove redrive ${i + 1}`} onRemove={() => ed.set(['redrive', i], undefined)}>
          <NumberField ed={ed} path={['redrive', i, 'at']} label="At" unit="s" required />
        </ItemCard>
      ))}
      <button type="button" className="fo-button fo-button--small" onClick={(e) => addKeepingFocus(e.currentTarget, () => ed.set(['redrive', redrive.length], { at: shownAt ?? 30 }))}>
        + Add redrive
      </button>
    </div>
  );
}

const FAULT_TYPES = [
  { value: 'down', label: 'Down' },
  { value: 'slow', label: 'Slow' },
];

/** The fault windows of one node, stored in the document's `faults` list. */
export function FaultsEditor({ allFaults, nodeId }: { allFaults: Topology['faults']; nodeId: string }) {
  const view = useMemo(() => ({ faults: allFaults }), [allFaults]);
  const ed = useDocumentEditable(view);
  const faults = allFaults ?? [];
  const mine = faults.map((f, index) => ({ f, index })).filter(({ f }) => f.node === nodeId);
  const add = () => {
    const fault: Fault = { node: nodeId, type: 'down', from: 10, to: 20 };
    ed.set(['faults'], [...faults, fault]);
  };
  return (
    <div className="fo-list">
      {mine.map(({ f, index }, n) => (
        <ItemCard key={index} title={`${f.type === 'down' ? 'Down' : 'Slow'} ${f.from}–${f.to} s`} removeLabel={`Remove fault ${n + 1}`} onRemove={() => ed.set(['faults', index], undefined)}>
          <SelectField
            ed={{ ...ed, set: (_path, type) => ed.set(['faults', index], type === 'slow' ? { node: nodeId, type: 'slow', factor: 5, from: f.from, to: f.to } : { node: nodeId, type: 'down', from: f.from, to: f.to }) }}
            path={['faults', index, 'type']}
            label="Fault"
            options={FAULT_TYPES}
          />
          {f.type === 'slow' ? <NumberField ed={ed} path={['faults', index, 'factor']} label="Slower by" unit="×" required /> : <span />}
          <NumberField ed={ed} path={['faults', index, 'from']} label="From" unit="s" required />
          <NumberField ed={ed} path={['faults', index, 'to']} label="To" unit="s" required />
        </ItemCard>
      ))}
      <button type="button" className="fo-button fo-button--small" onClick={(e) => addKeepingFocus(e.currentTarget, add)}>
        + Add fault window
      </button>
    </div>
  );
}
