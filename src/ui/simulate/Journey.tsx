/**
 * The journey of the selected message as a sequence view: one lane per node it touched, arrows for
 * publish / fan-out copies / dead-lettering, marks for deliveries (attempt n), failures with their
 * retry delay, acks and losses; the messages it caused appear in the same view (causation id), and
 * each can be selected in turn. Select a message by clicking a dot on the canvas or a log line.
 */
import { useMemo, useState } from 'react';
import { useFanout } from '../store-context';
import { useSimulationController, useTraceVersion } from './controller-context';
import { formatClock, formatCount, formatDelay } from './format';
import { buildJourney, isArrow } from './journey';

const LANE = 96;
const ROW = 24;
/** Height of the lane names' band: one row of names, or two when the names alternate rows. */
const HEAD = 34;
const HEAD_STAGGERED = 48;

const MARK: Record<string, { glyph: string; tone: string }> = {
  deliver: { glyph: '▶', tone: 'info' },
  ack: { glyph: '✓', tone: 'ok' },
  nack: { glyph: '✗', tone: 'bad' },
  timeout: { glyph: '⌛', tone: 'bad' },
  retry: { glyph: '⟳', tone: 'warn' },
  discard: { glyph: '🗑', tone: 'bad' },
  duplicate: { glyph: '≡', tone: 'warn' },
  project: { glyph: '◆', tone: 'ok' },
  append: { glyph: '+', tone: 'ok' },
  enqueue: { glyph: '▣', tone: 'info' },
  emit: { glyph: '✦', tone: 'info' },
  redrive: { glyph: '↺', tone: 'warn' },
  reject: { glyph: '⊘', tone: 'bad' },
  unroutable: { glyph: '⊘', tone: 'bad' },
};

/** Glyphs of a lane name that fit one lane (bold 10 px: ~6 px a glyph, with room between names). */
const ONE_LANE_GLYPHS = 13;
/** Glyphs that fit two lanes: what a name may use when the names alternate between two rows. */
const TWO_LANE_GLYPHS = 29;

/** `name` cut to `glyphs` characters, with an ellipsis (the full name is the label's tooltip). */
function shorten(name: string, glyphs: number): string {
  return name.length > glyphs ? `${name.slice(0, glyphs - 1)}…` : name;
}

export function JourneyView() {
  const controller = useSimulationController();
  const version = useTraceVersion(controller);
  const trace = controller.trace;
  const selected = useFanout((s) => s.simulation.selectedMessage);
  const step = useFanout((s) => s.simulation.step);
  const [draft, setDraft] = useState('');
  const [chooserError, setChooserError] = useState<string | null>(null);
  const upTo = trace ? trace.recordsAt(step) : 0;
  // version: the trace grows in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const journey = useMemo(() => (trace && selected !== null && selected < trace.messages ? buildJourney(trace, selected) : null), [trace, selected, version]);

  const chooser = (
    <form
      className="fo-journey__chooser"
      onSubmit={(e) => {
        e.preventDefault();
        const text = draft.replace('#', '').trim();
        const n = Number(text);
        const count = trace?.messages ?? 0;
        if (text !== '' && Number.isInteger(n) && n >= 0 && n < count) {
          setChooserError(null);
          controller.selectMessage(n);
        } else setChooserError(count === 0 ? 'No message has been sent yet' : `Messages are numbered 0 to ${formatCount(count - 1)}`);
      }}
    >
      <label>
        Message #{' '}
        <input
          aria-label="Message number"
          inputMode="numeric"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setChooserError(null);
          }}
          placeholder={selected !== null ? String(selected) : '0'}
          aria-invalid={chooserError !== null}
          aria-describedby={chooserError !== null ? 'fo-journey-error' : undefined}
        />
      </label>
      <button type="submit">Show journey</button>
      {chooserError !== null && (
        <span id="fo-journey-error" className="fo-journey__error" role="alert">
          {chooserError}
        </span>
      )}
    </form>
  );
  if (!trace || !journey) {
    return (
      <div className="fo-journey">
        {chooser}
        <p className="fo-dock__empty">Select a message — click a moving dot on the canvas or a line of the event log — to see its journey.</p>
      </div>
    );
  }
  const laneName = (n: number) => trace.nodes[n]?.name ?? `node ${n}`;
  // Names longer than a lane alternate between two rows, so each can use two lanes' width (and
  // the outer ones half a lane more on their outer side).
  const staggered = journey.lanes.some((n) => laneName(n).length > ONE_LANE_GLYPHS);
  const head = staggered ? HEAD_STAGGERED : HEAD;
  const margin = staggered ? 20 + LANE / 2 : 20;
  const laneX = new Map(journey.lanes.map((n, i) => [n, margin + i * LANE + LANE / 2]));
  const width = 2 * margin + journey.lanes.length * LANE;
  const height = head + journey.records.length * ROW + 10;
  const root = journey.root;
  const created = trace.msgCreated[root]!;
  const caused = journey.messages.filter((m) => m !== root);
  return (
    <div className="fo-journey" data-testid="journey">
      {chooser}
      <p className="fo-journey__head">
        <b>{trace.messageLabel(root)}</b>
        {trace.messageKey(root) !== null && <> · key {trace.messageKey(root)}</>} · created {formatClock(created)} by {trace.nodes[trace.msgSender[root]!]?.name ?? '—'}
        {trace.msgCause[root]! >= 0 && (
          <>
            {' '}
            · caused by{' '}
            <button type="button" className="fo-linkish" onClick={() => controller.selectMessage(trace.msgCause[root]!)}>
              {trace.messageLabel(trace.msgCause[root]!)}
            </button>
          </>
        )}
        {caused.length > 0 && (
          <>
            {' '}
            · caused{' '}
            {caused.slice(0, 8).map((m) => (
              <button key={m} type="button" className="fo-linkish" onClick={() => controller.selectMessage(m)}>
                {trace.messageLabel(m)}
              </button>
            ))}
          </>
        )}
      </p>
      <div className="fo-journey__body">
        <ol className="fo-journey__lines" style={{ paddingTop: head - 2 }}>
          {journey.records.map((r) => {
            const sentence = trace.sentence(r.index);
            return (
              <li key={r.index} className={r.index >= upTo ? 'is-future' : ''} style={{ height: ROW }}>
                <button type="button" className="fo-linkish" onClick={() => controller.seek(trace.stepOfRecord(r.index))} title="Show this moment">
                  {formatClock(r.t)}
                </button>
                <span className="fo-journey__delta">+{formatDelay(Math.max(0, r.t - trace.msgCreated[r.msg]!))}</span>
                {/* Cut to the column's width: the whole sentence is its tooltip. */}
                <span title={sentence}>{sentence}</span>
              </li>
            );
          })}
          {journey.truncated && <li>… more events are left out.</li>}
        </ol>
        <svg className="fo-journey__svg" width={width} height={height} role="img" aria-label={`Sequence of ${trace.messageLabel(root)}: ${journey.records.length} events`}>
          <title>{`Journey of ${trace.messageLabel(root)}`}</title>
          {journey.lanes.map((n, i) => (
            <g key={n}>
              <text x={laneX.get(n)} y={staggered && i % 2 === 1 ? 30 : 16} className="fo-journey__lane-name">
                {shorten(laneName(n), staggered ? TWO_LANE_GLYPHS : ONE_LANE_GLYPHS)}
                <title>{laneName(n)}</title>
              </text>
              <line x1={laneX.get(n)} x2={laneX.get(n)} y1={head - 10} y2={height} className="fo-journey__lane" />
            </g>
          ))}
          {journey.records.map((r, i) => {
            const y = head + i * ROW + ROW / 2;
            const future = r.index >= upTo;
            const cls = `fo-journey__rec${future ? ' is-future' : ''}${r.msg !== root ? ' is-caused' : ''}`;
            if (isArrow(r)) {
              const e = trace.edges[r.edge]!;
              const x1 = laneX.get(e.from) ?? laneX.get(r.node)!;
              const x2 = laneX.get(e.to) ?? x1;
              const dir = x2 >= x1 ? 1 : -1;
              return (
                <g key={r.index} className={`${cls} fo-journey__arrow--${r.type}`}>
                  <line x1={x1} x2={x2 - dir * 6} y1={y} y2={y} />
                  <path d={`M${x2} ${y} l${-dir * 7} -4 v8 z`} />
                </g>
              );
            }
            const x = laneX.get(r.node) ?? 20;
            const mark = MARK[r.type] ?? { glyph: '•', tone: 'info' };
            return (
              <g key={r.index} className={`${cls} fo-journey__mark--${mark.tone}`}>
                <circle cx={x} cy={y} r={8} />
                <text x={x} y={y + 4}>
                  {mark.glyph}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
