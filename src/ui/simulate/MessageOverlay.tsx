/**
 * Messages moving along the edges while the player advances: an SVG layer in React Flow's viewport
 * (flow coordinates), each message a dot travelling its edge's path (`getPointAtLength` on the
 * edge's own `<path>`), coloured by message type; a retry (attempt ≥ 2) has a dashed amber ring and
 * a dead-lettered message is a red square. When more than {@link AGGREGATE_AT} are on one edge at
 * once, the edge shows one bubble with the count instead — frames are never dropped to draw them.
 *
 * Tokens come from the trace records of the steps just shown (publish, route, deliver, deadletter:
 * the records that carry an edge a message travels). Animation runs on requestAnimationFrame and
 * writes attributes directly (no React render per frame). Clicking a dot selects its message.
 */
import { useEffect, useRef } from 'react';
import { ViewportPortal } from '@xyflow/react';
import { TRACE_TYPES } from '../../core/sim';
import type { FanoutStore } from '../../state/store';
import { useFanoutStore } from '../store-context';
import type { SimulationController } from './controller';
import { useSimulationController } from './controller-context';

/** Colours for message types, in first-seen order (distinct in light and dark themes). */
export const TYPE_COLOURS = ['#2563eb', '#9333ea', '#0d9488', '#db2777', '#ca8a04', '#4f46e5', '#0891b2', '#65a30d'];
/** More tokens than this on one edge at once are drawn as a count bubble. */
export const AGGREGATE_AT = 12;
/** Sent on window when a message is picked on the canvas: the dock opens its journey. */
export const SHOW_JOURNEY_EVENT = 'fanout:show-journey';
/** Real milliseconds a token takes to cross its edge. */
const TRAVEL_MS = 700;
/** A jump over more records than this (Run to end, a far seek) is not animated. */
const MAX_ANIMATED_RECORDS = 4000;

const MOVING = new Set(['publish', 'route', 'deliver', 'deadletter'].map((t) => TRACE_TYPES.indexOf(t as (typeof TRACE_TYPES)[number])));
const T_DEADLETTER = TRACE_TYPES.indexOf('deadletter');

interface Token {
  edge: string;
  msg: number;
  colour: string;
  retry: boolean;
  dead: boolean;
  born: number;
}

class OverlayAnimator {
  private tokens: Token[] = [];
  private frame = 0;
  private readonly typeColour = new Map<string, string>();
  private colouredFor: unknown = null;
  private readonly pathCache = new Map<string, { path: SVGPathElement; length: number; d: string }>();
  /** Frames drawn and tokens seen, for the perf spec. */
  stats = { frames: 0, maxTokens: 0, aggregated: 0, tokens: 0 };

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly controller: SimulationController,
    private readonly store: FanoutStore,
  ) {}

  /** The player moved from step `from` to `to`. */
  moved(from: number, to: number) {
    const trace = this.controller.trace;
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
    if (trace !== this.colouredFor) {
      this.typeColour.clear();
      this.colouredFor = trace;
    }
    for (let i = a; i < b; i++) {
      const type = trace.type.at(i);
      const edge = trace.edge.at(i);
      if (edge < 0 || !MOVING.has(type)) continue;
      const info = trace.edges[edge];
      if (!info) continue;
      const msg = trace.msg.at(i);
      // A push delivery repeats the route over the same edge: draw the copy once.
      const last = this.tokens[this.tokens.length - 1];
      if (last && last.edge === info.id && last.msg === msg && last.born === now) continue;
      const typeName = trace.messageType(msg);
      let colour = this.typeColour.get(typeName);
      if (!colour) {
        // The legend's order: types by first message created.
        trace.messageTypes().forEach((name, k) => this.typeColour.set(name, TYPE_COLOURS[k % TYPE_COLOURS.length]!));
        colour = this.typeColour.get(typeName) ?? TYPE_COLOURS[0]!;
      }
      this.tokens.push({ edge: info.id, msg, colour, retry: trace.attempt.at(i) >= 2 && type !== T_DEADLETTER, dead: type === T_DEADLETTER, born: now });
    }
    if (!this.frame) this.frame = requestAnimationFrame(this.tick);
  }

  private pathOf(edgeId: string): { path: SVGPathElement; length: number } | null {
    const root = this.svg.closest('.react-flow');
    const path = root?.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"] path.react-flow__edge-path`);
    if (!path) return null;
    const d = path.getAttribute('d') ?? '';
    const cached = this.pathCache.get(edgeId);
    if (cached && cached.path === path && cached.d === d) return cached;
    const entry = { path, length: path.getTotalLength(), d };
    this.pathCache.set(edgeId, entry);
    return entry;
  }

  private tick = (now: number) => {
    this.frame = 0;
    this.draw(now);
    if (this.tokens.length) this.frame = requestAnimationFrame(this.tick);
  };

  private draw(now: number) {
    this.tokens = this.tokens.filter((t) => now - t.born < TRAVEL_MS);
    this.stats.frames++;
    this.stats.tokens = this.tokens.length;
    this.stats.maxTokens = Math.max(this.stats.maxTokens, this.tokens.length);
    const byEdge = new Map<string, Token[]>();
    for (const t of this.tokens) {
      const list = byEdge.get(t.edge);
      if (list) list.push(t);
      else byEdge.set(t.edge, [t]);
    }
    const parts: string[] = [];
    for (const [edge, list] of byEdge) {
      const geometry = this.pathOf(edge);
      if (!geometry) continue;
      if (list.length > AGGREGATE_AT) {
        this.stats.aggregated++;
        const p = geometry.path.getPointAtLength(geometry.length / 2);
        const text = list.length > 999 ? '999+' : String(list.length);
        const w = 12 + text.length * 7;
        parts.push(
          `<g class="fo-flow-bubble" data-edge="${escapeAttr(edge)}"><rect x="${p.x - w / 2}" y="${p.y - 10}" width="${w}" height="20" rx="10"/><text x="${p.x}" y="${p.y + 4}">${text}</text></g>`,
        );
        continue;
      }
      for (const t of list) {
        const f = Math.min(1, (now - t.born) / TRAVEL_MS);
        const eased = f < 0.5 ? 2 * f * f : 1 - (-2 * f + 2) ** 2 / 2;
        const p = geometry.path.getPointAtLength(geometry.length * eased);
        if (t.dead) {
          parts.push(`<rect class="fo-flow-msg fo-flow-msg--dead" data-msg="${t.msg}" x="${p.x - 7}" y="${p.y - 7}" width="14" height="14" rx="2"/>`);
        } else {
          parts.push(`<circle class="fo-flow-msg${t.retry ? ' fo-flow-msg--retry' : ''}" data-msg="${t.msg}" cx="${p.x}" cy="${p.y}" r="8" fill="${t.colour}"/>`);
        }
      }
    }
    this.svg.innerHTML = parts.join('');
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

function escapeAttr(s: string): string {
  return s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

declare global {
  interface Window {
    /** Overlay statistics for the perf spec. */
    __fanoutOverlayStats?: { frames: number; maxTokens: number; aggregated: number; tokens: number };
  }
}

export function MessageOverlay() {
  const controller = useSimulationController();
  const store = useFanoutStore();
  const svg = useRef<SVGSVGElement>(null);

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const animator = new OverlayAnimator(el, controller, store);
    window.__fanoutOverlayStats = animator.stats;
    let step = store.getState().simulation.step;
    const unsubscribe = store.subscribe((s) => {
      if (s.simulation.step === step) return;
      const from = step;
      step = s.simulation.step;
      animator.moved(from, step);
    });
    const onClick = (event: MouseEvent) => {
      const target = (event.target as Element).closest('[data-msg]');
      if (target) animator.select(Number(target.getAttribute('data-msg')));
    };
    el.addEventListener('click', onClick);
    return () => {
      unsubscribe();
      el.removeEventListener('click', onClick);
      animator.stop();
    };
  }, [controller, store]);

  return (
    <ViewportPortal>
      <svg ref={svg} className="fo-flow-overlay" aria-label="Messages in flight" role="img" width="1" height="1" />
    </ViewportPortal>
  );
}
