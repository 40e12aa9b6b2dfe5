/**
 * Event store and projection views. For an event store: pick an entity key and see its events and
 * the state derived by replaying them (asked of the worker's cursor at the step shown). For a
 * projection: its read model beside the source of truth, per key, with the keys that lag behind
 * highlighted (computed from the trace on the page).
 */
import { useEffect, useMemo, useState } from 'react';
import type { EntityAnswer } from '../../worker/protocol';
import { useFanout } from '../store-context';
import { useSimulationController, useTraceVersion } from './controller-context';
import { formatClock, formatDelay } from './format';
import { projectionRows } from './projection';

function EventStoreView({ storeId }: { storeId: string }) {
  const controller = useSimulationController();
  const step = useFanout((s) => s.simulation.step);
  const [key, setKey] = useState<string | null>(null);
  const [answer, setAnswer] = useState<EntityAnswer | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      controller.entity(storeId, key).then((a) => live && setAnswer(a), () => live && setAnswer(null));
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [controller, storeId, key, step]);
  if (!answer) return <p className="fo-dock__empty">Reading the event store…</p>;
  if (answer.keys.length === 0) return <p className="fo-dock__empty">Nothing has been appended yet at this moment.</p>;
  return (
    <div className="fo-store" data-testid="eventstore-view">
      <label>
        Entity{' '}
        <select aria-label="Entity key" value={answer.key ?? ''} onChange={(e) => setKey(e.target.value)}>
          {answer.keys.map((k) => (
            <option key={k ?? ''} value={k ?? ''}>
              {k ?? '(no key)'}
            </option>
          ))}
        </select>
      </label>
      <div className="fo-store__columns">
        <div>
          <h3>Events (append order)</h3>
          <ol className="fo-store__events">
            {answer.events.map((e, i) => (
              <li key={e.id}>
                <span className="fo-store__version">v{i + 1}</span> {e.type} #{e.id} <span className="fo-store__time" title={`appended at ${formatClock(e.appended)}; emitted at ${formatClock(e.created)}`}>
                  {formatClock(e.appended)}
                </span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>State replayed from them</h3>
          {answer.state && (
            <dl className="fo-store__state">
              <dt>version</dt>
              <dd data-testid="entity-version">{answer.state.version}</dd>
              <dt>last event</dt>
              <dd>{answer.state.lastType ?? '—'}</dd>
              <dt>updated at</dt>
              <dd>{answer.state.updatedAt === null ? '—' : formatClock(answer.state.updatedAt)}</dd>
              {Object.entries(answer.state.countsByType).map(([t, n]) => (
                <span key={t} className="fo-store__count">
                  <dt>{t}</dt>
                  <dd>{n}</dd>
                </span>
              ))}
            </dl>
          )}
        </div>
      </div>
    </div>
  );
}

function ProjectionView({ node }: { node: number }) {
  const controller = useSimulationController();
  const version = useTraceVersion(controller);
  const step = useFanout((s) => s.simulation.step);
  const trace = controller.trace;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rows = useMemo(() => (trace ? projectionRows(trace, node, trace.recordsAt(step)) : []), [trace, node, step, version]);
  const behind = rows.filter((r) => r.applied < r.truth);
  if (rows.length === 0) return <p className="fo-dock__empty">No event has reached this projection yet at this moment.</p>;
  return (
    <div className="fo-projection" data-testid="projection-view">
      <p className="fo-projection__summary">
        {behind.length === 0 ? (
          <span className="fo-ok">The read model is up to date with every event so far.</span>
        ) : (
          <span className="fo-warn">
            {behind.length} of {rows.length} {rows.length === 1 ? 'entity lags' : 'entities lag'} behind the source of truth — the read model is eventually consistent.
          </span>
        )}
      </p>
      <table className="fo-table fo-projection__table" aria-label="Read model beside the source of truth">
        <thead>
          <tr>
            <th scope="col">key</th>
            <th scope="col">source of truth: events</th>
            <th scope="col">read model: applied</th>
            <th scope="col">last event</th>
            <th scope="col">last applied</th>
            <th scope="col">oldest missing</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 200).map((r) => (
            <tr key={r.key} className={r.applied < r.truth ? 'is-behind' : ''}>
              <th scope="row">{r.key}</th>
              <td>{r.truth}</td>
              <td>{r.applied}</td>
              <td>{r.lastTruthType}</td>
              <td>{r.lastAppliedType ?? '—'}</td>
              <td>{r.oldestUnapplied === null ? '—' : `${formatDelay(r.oldestUnapplied)} old`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StoreViews() {
  const controller = useSimulationController();
  useTraceVersion(controller);
  const trace = controller.trace;
  const candidates = (trace?.nodes ?? []).map((n, i) => ({ ...n, index: i })).filter((n) => n.kind === 'eventstore' || n.kind === 'projection');
  const [chosen, setChosen] = useState<string | null>(null);
  const current = candidates.find((c) => c.id === chosen) ?? candidates[0];
  if (!current) return <p className="fo-dock__empty">This design has no event store or projection.</p>;
  return (
    <div className="fo-stores">
      <label>
        View{' '}
        <select aria-label="Store or projection" value={current.id} onChange={(e) => setChosen(e.target.value)}>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.kind === 'eventstore' ? 'event store' : 'projection'})
            </option>
          ))}
        </select>
      </label>
      {current.kind === 'eventstore' ? <EventStoreView key={current.id} storeId={current.id} /> : <ProjectionView key={current.id} node={current.index} />}
    </div>
  );
}
