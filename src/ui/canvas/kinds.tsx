/**
 * How each node kind looks and is named in the UI: its palette name, its icon and a one-line
 * explanation. Colour and shape live in `canvas.css` under `.fo-node--<kind>`, so each kind
 * differs by outline shape and border style as well as hue (readable in greyscale too).
 *
 * Icons are SVG markup strings: rendered inline in the palette and inspector, and as data-URI
 * background images on canvas nodes (an inline <svg> per node costs the browser a paint property
 * node each, which adds up on a 300-node canvas).
 */
import type { ReactElement } from 'react';
import type { NodeKind } from '../../core/schema/nodes';

export interface KindInfo {
  /** The name people read: "Dead-letter queue". Palette buttons are "Add <name>". */
  name: string;
  /** What it is, for tooltips and the palette. */
  hint: string;
  /** A shorter name for the caption on canvas nodes, when the name is long. */
  short?: string;
  /** Inner SVG markup (24 × 24 viewBox, stroked with the current colour). */
  svg: string;
  icon: () => ReactElement;
}

const SVG_ATTRS = 'viewBox="0 0 24 24" fill="none" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"';

function inline(markup: string): () => ReactElement {
  return () => (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.9"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={{ __html: markup }}
    />
  );
}

/** A data URI of the icon drawn in `color`, for CSS backgrounds. */
export function iconDataUri(markup: string, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" ${SVG_ATTRS} stroke="${color}">${markup}</svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

const ICONS: Record<NodeKind, string> = {
  producer: '<path d="M4 12 20 4l-5 16-3.5-6.5z M11.5 13.5 20 4"/>',
  topic:
    '<circle cx="5" cy="12" r="2"/><path d="M7 12h3m0 0 8-6m-8 6h8m-8 0 8 6"/><circle cx="19" cy="6" r="1.4"/><circle cx="19" cy="12" r="1.4"/><circle cx="19" cy="18" r="1.4"/>',
  queue: '<path d="M3 7h18v10H3z M8 7v10 M13 7v10"/>',
  exchange: '<path d="M12 3l9 9-9 9-9-9z M8.5 12h7 M13 9.5l2.5 2.5-2.5 2.5"/>',
  stream: '<path d="M4 6h16 M4 10h12 M4 14h16 M4 18h9"/>',
  webhook:
    '<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17 M12 3.5c2.6 2.4 3.6 5.2 3.6 8.5s-1 6.1-3.6 8.5c-2.6-2.4-3.6-5.2-3.6-8.5s1-6.1 3.6-8.5z"/>',
  consumer: '<rect x="4" y="4" width="16" height="6.5" rx="1.5"/><rect x="4" y="13.5" width="16" height="6.5" rx="1.5"/><path d="M7.5 7.2h.01 M7.5 16.7h.01"/>',
  projection: '<path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z"/><circle cx="12" cy="12" r="2.8"/>',
  eventstore:
    '<ellipse cx="12" cy="6" rx="7.5" ry="2.8"/><path d="M4.5 6v12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8V6 M4.5 12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8"/>',
  deadletter: '<path d="M12 3.5 21.5 20h-19z M12 10v4.5 M12 17.2h.01"/>',
};

const info = (name: string, hint: string, kind: NodeKind): KindInfo => ({ name, hint, svg: ICONS[kind], icon: inline(ICONS[kind]) });

export const KINDS: Record<NodeKind, KindInfo> = {
  producer: info('Producer', 'A service that emits messages', 'producer'),
  topic: info('Topic', 'Pub/sub: every subscriber gets a copy (fan-out)', 'topic'),
  queue: info('Queue', 'Point-to-point: each message goes to one competing consumer', 'queue'),
  exchange: info('Exchange', 'RabbitMQ-style router: direct, topic or fanout', 'exchange'),
  stream: info('Stream', 'Kafka-style partitioned log read by consumer groups', 'stream'),
  webhook: info('Webhook', 'HTTP delivery to registered endpoints, with a retry schedule', 'webhook'),
  consumer: info('Consumer', 'A service that reacts to messages', 'consumer'),
  projection: info('Projection', 'A CQRS read model built from events', 'projection'),
  eventstore: info('Event store', 'Append-only event log; state is the replay of events', 'eventstore'),
  deadletter: { ...info('Dead-letter queue', 'Where deliveries go when retries are exhausted', 'deadletter'), short: 'Dead letters' },
};

/** CSS custom properties carrying a kind's icon for light and dark themes (set once per kind). */
export const NODE_ICON_STYLE: Record<NodeKind, Record<string, string>> = Object.fromEntries(
  (Object.keys(ICONS) as NodeKind[]).map((k) => [k, { '--fo-icon-light': iconDataUri(ICONS[k], '#ffffff'), '--fo-icon-dark': iconDataUri(ICONS[k], '#0b0f19') }]),
) as unknown as Record<NodeKind, Record<string, string>>;
