/**
 * Messages moving along the edges while the player advances, drawn on one `<canvas>` over the
 * canvas area: each message a dot travelling its edge's path, coloured by message type; a retry
 * (attempt ≥ 2) has a dashed amber ring and a dead-lettered message is a red square. When more than
 * {@link AGGREGATE_AT} are on one edge at once, the edge also shows a bubble with the count, and
 * only a sample of its dots is drawn (every dead letter, some retries, evenly spread others), so a
 * busy edge still shows messages flowing and frames are never dropped to draw them.
 *
 * Why a canvas: with ~2,000 messages in flight the former SVG layer rebuilt its elements every frame
 * (innerHTML, then style, layout and paint of each), which held playing to 20–35 fps. Edge paths are
 * sampled once into polylines (`getPointAtLength`, re-sampled when an edge's `d` changes), and each
 * frame is a few batched canvas paths under the viewport's transform. Tokens come from the trace
 * records of the steps just shown (publish, route, deliver, deadletter: the records that carry an
 * edge a message travels); animation runs on requestAnimationFrame with no React render. A message
 * on an edge with latency is drawn instead where it is at the moment shown — the fraction of its
 * crossing time elapsed (`TraceView.inTransitAt`) — so it stays visible, and can be picked, while
 * paused. Clicking a dot selects its message (hit-tested on the positions drawn last).
 */
import { useEffect, useRef } from 'react';
import { useOnViewportChange, useReactFlow } from '@xyflow/react';
import { TRACE_TYPES } from '../../core/sim';
import type { FanoutStore } from '../../state/store';
import { useFanoutStore } from '../store-context';
import type { SimulationController } from './controller';
import { useSimulationController } from './controller-context';

/** Colours for message types, in first-seen order (distinct in light and dark themes). */
export const TYPE_COLOURS = ['#2563eb', '#9333ea', '#0d9488', '#db2777', '#ca8a04', '#4f46e5', '#0891b2', '#65a30d'];
/** More tokens than this on one edge at once: a count bubble, and a sample of the dots. */
export const AGGREGATE_AT = 12;
/** Dots drawn at most on one busy edge (dead letters are always drawn on top of these). */
export const MAX_DOTS_PER_EDGE = 24;
/** Sent on window when a message is picked on the canvas: the dock opens its journey. */
export const SHOW_JOURNEY_EVENT = 'fanout:show-journey';
/** Real milliseconds a token takes to cross its edge. */
const TRAVEL_MS = 700;
/** A jump over more records than this (Run to end, a far seek) is not animated. */
const MAX_ANIMATED_RECORDS = 4000;
/** Points an edge path is sampled into. */
const PATH_SAMPLES = 48;
const RETRY_RING = '#f59e0b';

const MOVING = new Set(['publish', 'route', 'deliver', 'deadletter'].map((t) => TRACE_TYPES.indexOf(t as (typeof TRACE_TYPES)[number])));
const T_DEADLETTER = TRACE_TYPES.indexOf('deadletter');

interface Token {
  edge: string;
  msg: number;
  colour: string;
  retry: boolean;
  dead: boolean;
  born: number;
  /** A message on an edge with latency: drawn where it is at the moment shown (0…1), not animated. */
  f?: number;
}

interface EdgeGeometry {
  path: SVGPathElement;
  d: string;
  /** x, y of PATH_SAMPLES points along the path, in flow coordinates. */
  points: Float64Array;
}

/** What the overlay drew, for tests and the perf spec (no DOM per message to count). */
export interface OverlayStats {
  frames: number;
  maxTokens: number;
  /** Count bubbles drawn (cumulative). */
  aggregated: number;
  /** Messages in flight in the last frame. */
  tokens: number;
  /** Dots drawn in the last frame, and how many of them were retries / dead letters. */
  drawn: number;
  retries: number;
  dead: number;
}

class OverlayAnimator {
  private tokens: Token[] = [];
  /** Messages on edges with latency at the moment shown (they stay drawn while paused). */
  private transit: Token[] = [];
  private frame = 0;
  private readonly typeColour = new Map<string, string>();
  private colouredFor: unknown = null;
  private readonly geometry = new Map<string, EdgeGeometry>();
  /** Screen positions (CSS px, canvas-relative) and messages of the dots drawn last. */
  private hits: { x: number; y: number; msg: number }[] = [];
  /** Whether the last frame drew count bubbles (something to clear). */
  private bubbles = false;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private theme = { surface: '#ffffff', text: '#111827', danger: '#dc2626', mono: 'monospace' };
  stats: OverlayStats = { frames: 0, maxTokens: 0, aggregated: 0, tokens: 0, drawn: 0, retries: 0, dead: 0 };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly controller: SimulationController,
    private readonly store: FanoutStore,
    private readonly viewport: () => { x: number; y: number; zoom: number },
  ) {}

  resize(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(width * this.dpr));
    this.canvas.height = Math.max(1, Math.round(height * this.dpr));
    // Resizing cleared the canvas; only draw if something is shown (no context made on mount).
    if (this.tokens.length || this.transit.length) this.draw(performance.now());
  }

  /** Draws again for a new viewport (pan, zoom) when something stays drawn and nothing animates. */
  redraw() {
    if (!this.frame && (this.transit.length || this.hits.length)) this.draw(performance.now());
  }

  private colourOf(typeName: string): string {
    const trace = this.controller.trace;
    if (trace !== this.colouredFor) {
      this.typeColour.clear();
      this.colouredFor = trace;
    }
    let colour = this.typeColour.get(typeName);
    if (!colour) {
      // The legend's order: types by first message created.
      trace?.messageTypes().forEach((name, k) => this.typeColour.set(name, TYPE_COLOURS[k % TYPE_COLOURS.length]!));
      colour = this.typeColour.get(typeName) ?? TYPE_COLOURS[0]!;
    }
    return colour;
  }

  /** The player moved from step `from` to `to`. */
  moved(from: number, to: number) {
    const trace = this.controller.trace;
    const hadTransit = this.transit.length > 0;
    this.transit = [];
    if (trace) {
      for (const x of trace.inTransitAt(trace.recordsAt(to), trace.timeAt(to))) {
        const info = trace.edges[x.edge];
        if (!info) continue;
        const retry = trace.attempt.at(x.record) >= 2;
        this.transit.push({ edge: info.id, msg: x.msg, colour: this.colourOf(trace.messageType(x.msg)), retry, dead: false, born: 0, f: x.f });
      }
      if (this.transit.length && !hadTransit) this.readTheme();
    }
    if (!trace || to <= from) {
      this.tokens = [];
      this.draw(performance.now());
      return;
    }
    const a = trace.recordsAt(from);
    const b = trace.recordsAt(to);
    // Only what a person watches happen is animated: a step, or playing. A jump (Run to end, a
    // seek on the timeline or from the log) shows the new moment without replaying its traffic.
    const watching = to - from === 1 || this.store.getState().simulation.player === 'running';
    if (!watching || b - a > MAX_ANIMATED_RECORDS) {
      this.tokens = [];
      this.draw(performance.now());
      return;
    }
    const now = performance.now();
    for (let i = a; i < b; i++) {
      const type = trace.type.at(i);
      const edge = trace.edge.at(i);
      if (edge < 0 || !MOVING.has(type)) continue;
      const info = trace.edges[edge];
      // An edge with latency shows its messages where they are (`transit`), not in a quick sweep.
      if (!info || info.latency === true) continue;
      const msg = trace.msg.at(i);
      // A push delivery repeats the route over the same edge: draw the copy once.
      const last = this.tokens[this.tokens.length - 1];
      if (last && last.edge === info.id && last.msg === msg && last.born === now) continue;
      const colour = this.colourOf(trace.messageType(msg));
      this.tokens.push({ edge: info.id, msg, colour, retry: trace.attempt.at(i) >= 2 && type !== T_DEADLETTER, dead: type === T_DEADLETTER, born: now });
    }
    if (!this.frame && this.tokens.length) {
      this.readTheme();
      this.frame = requestAnimationFrame(this.tick);
    } else if (!this.frame) {
      this.readTheme();
      this.draw(now);
    }
  }

  /** Theme colours from the page's CSS variables (read when an animation starts, not per frame). */
  private readTheme() {
    const style = getComputedStyle(this.canvas);
    const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    this.theme = { surface: v('--fo-surface', '#ffffff'), text: v('--fo-text', '#111827'), danger: v('--fo-danger', '#dc2626'), mono: v('--fo-mono', 'monospace') };
  }

  private geometryOf(edgeId: string): EdgeGeometry | null {
    let entry = this.geometry.get(edgeId);
    let path = entry?.path;
    if (!path || !path.isConnected) {
      const root = this.canvas.parentElement?.querySelector('.react-flow');
      path = root?.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"] path.react-flow__edge-path`) ?? undefined;
      if (!path) return null;
    }
    const d = path.getAttribute('d') ?? '';
    if (entry && entry.path === path && entry.d === d) return entry;
    const length = path.getTotalLength();
    const points = new Float64Array(PATH_SAMPLES * 2);
    for (let k = 0; k < PATH_SAMPLES; k++) {
      const p = path.getPointAtLength((length * k) / (PATH_SAMPLES - 1));
      points[2 * k] = p.x;
      points[2 * k + 1] = p.y;
    }
    entry = { path, d, points };
    this.geometry.set(edgeId, entry);
    return entry;
  }

  private tick = (now: number) => {
    this.frame = 0;
    this.draw(now);
    if (this.tokens.length) this.frame = requestAnimationFrame(this.tick);
  };

  private draw(now: number) {
    this.tokens = this.tokens.filter((t) => now - t.born < TRAVEL_MS);
    const all = this.transit.length ? this.tokens.concat(this.transit) : this.tokens;
    const stats = this.stats;
    stats.frames++;
    stats.tokens = all.length;
    stats.maxTokens = Math.max(stats.maxTokens, all.length);
    stats.drawn = stats.retries = stats.dead = 0;
    const drewBefore = this.hits.length > 0 || this.bubbles;
    this.hits = [];
    this.bubbles = false;
    if (all.length === 0 && !drewBefore) return;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (all.length === 0) return;

    const byEdge = new Map<string, Token[]>();
    for (const t of all) {
      const list = byEdge.get(t.edge);
      if (list) list.push(t);
      else byEdge.set(t.edge, [t]);
    }
    const { x: vx, y: vy, zoom } = this.viewport();
    const scale = zoom * this.dpr;
    const toScreen = (px: number, py: number) => ({ x: px * zoom + vx, y: py * zoom + vy });
    // Flow coordinates from here on; radii and strokes are divided by zoom to keep screen sizes.
    ctx.setTransform(scale, 0, 0, scale, vx * this.dpr, vy * this.dpr);
    const r = 8 / Math.max(zoom, 0.35);
    const dots = new Map<string, { x: number; y: number }[]>();
    const rings: { x: number; y: number }[] = [];
    const squares: { x: number; y: number }[] = [];
    const bubbles: { x: number; y: number; text: string }[] = [];
    for (const [edge, list] of byEdge) {
      const g = this.geometryOf(edge);
      if (!g) continue;
      let shown = list;
      if (list.length > AGGREGATE_AT) {
        stats.aggregated++;
        const mid = pointAt(g.points, 0.5);
        bubbles.push({ ...mid, text: list.length > 999 ? '999+' : String(list.length) });
        shown = sample(list);
      }
      for (const t of shown) {
        const f = Math.min(1, (now - t.born) / TRAVEL_MS);
        const eased = t.f !== undefined ? t.f : f < 0.5 ? 2 * f * f : 1 - (-2 * f + 2) ** 2 / 2;
        const p = pointAt(g.points, eased);
        stats.drawn++;
        const s = toScreen(p.x, p.y);
        this.hits.push({ x: s.x, y: s.y, msg: t.msg });
        if (t.dead) {
          stats.dead++;
          squares.push(p);
          continue;
        }
        let list2 = dots.get(t.colour);
        if (!list2) dots.set(t.colour, (list2 = []));
        list2.push(p);
        if (t.retry) {
          stats.retries++;
          rings.push(p);
        }
      }
    }
    // Dots by colour, one path each; a ring of the surface colour keeps overlapping dots apart.
    ctx.lineWidth = 2 / zoom;
    ctx.strokeStyle = this.theme.surface;
    for (const [colour, points] of dots) {
      ctx.beginPath();
      for (const p of points) {
        ctx.moveTo(p.x + r, p.y);
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
      }
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.stroke();
    }
    if (rings.length) {
      ctx.beginPath();
      for (const p of rings) {
        ctx.moveTo(p.x + r, p.y);
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
      }
      ctx.strokeStyle = RETRY_RING;
      ctx.lineWidth = 3 / zoom;
      ctx.setLineDash([3 / zoom, 2 / zoom]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (squares.length) {
      ctx.beginPath();
      const h = r * 0.875;
      for (const p of squares) ctx.roundRect(p.x - h, p.y - h, 2 * h, 2 * h, 2 / zoom);
      ctx.fillStyle = this.theme.danger;
      ctx.fill();
      ctx.strokeStyle = this.theme.surface;
      ctx.lineWidth = 2 / zoom;
      ctx.stroke();
    }
    // Count bubbles in screen pixels (text stays crisp and readable at any zoom).
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.font = `700 11px ${this.theme.mono}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    this.bubbles = bubbles.length > 0;
    for (const b of bubbles) {
      const s = toScreen(b.x, b.y);
      const w = 12 + b.text.length * 7;
      ctx.globalAlpha = 0.9;
      ctx.fillStyle = this.theme.text;
      ctx.beginPath();
      ctx.roundRect(s.x - w / 2, s.y - 10, w, 20, 10);
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = this.theme.surface;
      ctx.fillText(b.text, s.x, s.y + 0.5);
    }
  }

  /** The message of the dot under (x, y) in canvas CSS pixels, if any (topmost first). */
  hit(x: number, y: number): number | null {
    for (let k = this.hits.length - 1; k >= 0; k--) {
      const h = this.hits[k]!;
      if ((h.x - x) ** 2 + (h.y - y) ** 2 <= 10 * 10) return h.msg;
    }
    return null;
  }

  select(msg: number) {
    this.store.getState().setSimulation({ selectedMessage: msg });
    window.dispatchEvent(new CustomEvent(SHOW_JOURNEY_EVENT));
  }

  stop() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}

/** The point at fraction `f` (0…1) of a sampled path. */
function pointAt(points: Float64Array, f: number): { x: number; y: number } {
  const n = points.length / 2 - 1;
  const at = Math.max(0, Math.min(n, f * n));
  const k = Math.min(n - 1, Math.floor(at));
  const u = at - k;
  return { x: points[2 * k]! + (points[2 * k + 2]! - points[2 * k]!) * u, y: points[2 * k + 1]! + (points[2 * k + 3]! - points[2 * k + 1]!) * u };
}

/**
 * The dots drawn on a busy edge: every dead letter, retries up to half of the budget, and the
 * rest spread evenly over the others (so the flow along the edge stays visible).
 */
function sample(list: Token[]): Token[] {
  const dead = list.filter((t) => t.dead);
  const retries = spread(list.filter((t) => t.retry), Math.floor(MAX_DOTS_PER_EDGE / 2));
  const plain = spread(list.filter((t) => !t.dead && !t.retry), MAX_DOTS_PER_EDGE - retries.length);
  return [...plain, ...retries, ...dead];
}

function spread<T>(list: T[], max: number): T[] {
  if (list.length <= max) return list;
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(list[Math.floor((k * list.length) / max)]!);
  return out;
}

declare global {
  interface Window {
    /** Overlay statistics for tests and the perf spec. */
    __fanoutOverlayStats?: OverlayStats;
  }
}

export function MessageOverlay() {
  const controller = useSimulationController();
  const store = useFanoutStore();
  const flow = useReactFlow();
  const canvas = useRef<HTMLCanvasElement>(null);
  const animatorRef = useRef<OverlayAnimator | null>(null);
  // Panning or zooming while paused moves the messages that stay drawn (on edges with latency).
  useOnViewportChange({ onChange: () => animatorRef.current?.redraw() });

  useEffect(() => {
    const el = canvas.current;
    const area = el?.parentElement;
    if (!el || !area) return;
    const animator = new OverlayAnimator(el, controller, store, () => flow.getViewport());
    animatorRef.current = animator;
    window.__fanoutOverlayStats = animator.stats;
    const resize = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) animator.resize(box.width, box.height);
    });
    resize.observe(el);
    let step = store.getState().simulation.step;
    const unsubscribe = store.subscribe((s) => {
      if (s.simulation.step === step) return;
      const from = step;
      step = s.simulation.step;
      animator.moved(from, step);
    });
    // The canvas lets pointer events through to the diagram; a click on a dot is caught on the way.
    const onClick = (event: MouseEvent) => {
      const box = el.getBoundingClientRect();
      const msg = animator.hit(event.clientX - box.left, event.clientY - box.top);
      if (msg === null) return;
      event.stopPropagation();
      animator.select(msg);
    };
    area.addEventListener('click', onClick, true);
    return () => {
      unsubscribe();
      resize.disconnect();
      area.removeEventListener('click', onClick, true);
      animator.stop();
      animatorRef.current = null;
    };
  }, [controller, store, flow]);

  return <canvas ref={canvas} className="fo-flow-overlay" aria-label="Messages in flight" role="img" />;
}
