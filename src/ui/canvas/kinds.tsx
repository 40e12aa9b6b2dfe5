/**
 * How each node kind looks and is named in the UI: its palette name, its inline-SVG icon and a
 * one-line explanation. Colour and shape live in `canvas.css` under `.fo-node--<kind>`, so each kind
 * differs by outline shape and border style as well as hue (readable in greyscale too).
 */
import type { ReactElement } from 'react';
import type { NodeKind } from '../../core/schema/nodes';

export interface KindInfo {
  /** The name people read: "Dead-letter queue". Palette buttons are "Add <name>". */
  name: string;
  /** What it is, for tooltips and the palette. */
  hint: string;
  icon: () => ReactElement;
}

const svg = (children: ReactElement | ReactElement[]) => (
  <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    {children}
  </svg>
);

export const KINDS: Record<NodeKind, KindInfo> = {
  producer: {
    name: 'Producer',
    hint: 'A service that emits messages',
    icon: () => svg(<path d="M4 12 20 4l-5 16-3.5-6.5z M11.5 13.5 20 4" />),
  },
  topic: {
    name: 'Topic',
    hint: 'Pub/sub: every subscriber gets a copy (fan-out)',
    icon: () =>
      svg([
        <circle key="c" cx="5" cy="12" r="2" />,
        <path key="p" d="M7 12h3m0 0 8-6m-8 6h8m-8 0 8 6" />,
        <circle key="a" cx="19" cy="6" r="1.4" />,
        <circle key="b" cx="19" cy="12" r="1.4" />,
        <circle key="d" cx="19" cy="18" r="1.4" />,
      ]),
  },
  queue: {
    name: 'Queue',
    hint: 'Point-to-point: each message goes to one competing consumer',
    icon: () => svg(<path d="M3 7h18v10H3z M8 7v10 M13 7v10" />),
  },
  exchange: {
    name: 'Exchange',
    hint: 'RabbitMQ-style router: direct, topic or fanout',
    icon: () => svg(<path d="M12 3l9 9-9 9-9-9z M8.5 12h7 M13 9.5l2.5 2.5-2.5 2.5" />),
  },
  stream: {
    name: 'Stream',
    hint: 'Kafka-style partitioned log read by consumer groups',
    icon: () => svg(<path d="M4 6h16 M4 10h12 M4 14h16 M4 18h9" />),
  },
  webhook: {
    name: 'Webhook',
    hint: 'HTTP delivery to registered endpoints, with a retry schedule',
    icon: () =>
      svg([
        <circle key="c" cx="12" cy="12" r="8.5" />,
        <path key="p" d="M3.5 12h17 M12 3.5c2.6 2.4 3.6 5.2 3.6 8.5s-1 6.1-3.6 8.5c-2.6-2.4-3.6-5.2-3.6-8.5s1-6.1 3.6-8.5z" />,
      ]),
  },
  consumer: {
    name: 'Consumer',
    hint: 'A service that reacts to messages',
    icon: () =>
      svg([
        <rect key="a" x="4" y="4" width="16" height="6.5" rx="1.5" />,
        <rect key="b" x="4" y="13.5" width="16" height="6.5" rx="1.5" />,
        <path key="p" d="M7.5 7.2h.01 M7.5 16.7h.01" />,
      ]),
  },
  projection: {
    name: 'Projection',
    hint: 'A CQRS read model built from events',
    icon: () => svg([<path key="p" d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" />, <circle key="c" cx="12" cy="12" r="2.8" />]),
  },
  eventstore: {
    name: 'Event store',
    hint: 'Append-only event log; state is the replay of events',
    icon: () =>
      svg([
        <ellipse key="e" cx="12" cy="6" rx="7.5" ry="2.8" />,
        <path key="p" d="M4.5 6v12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8V6 M4.5 12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8" />,
      ]),
  },
  deadletter: {
    name: 'Dead-letter queue',
    hint: 'Where deliveries go when retries are exhausted',
    icon: () => svg(<path d="M12 3.5 21.5 20h-19z M12 10v4.5 M12 17.2h.01" />),
  },
};
