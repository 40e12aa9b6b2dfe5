/**
 * The editor's one store (vanilla zustand, so actions, tests and the testing hook use it without
 * React). Four slices:
 * - `document`: the Topology being edited — nodes with positions, edges, faults, simulation, name.
 *   ONLY this slice is undoable (zundo `temporal` with `partialize`).
 * - `session`: selection, theme, open panels, viewport, clipboard, notices — never undone.
 * - `diagnostics`: the validator's findings for the current document (derived, recomputed on change).
 * - `simulation`: what a run overlays on the canvas (per node / edge); empty until Simulate exists.
 *
 * Edits go through `edit(change)` with a pure operation from `operations.ts`; a pointer drag is
 * one undo step (`beginGesture` … `endGesture`), and typing in one field is coalesced into one step.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { temporal, type TemporalState } from 'zundo';
import type { Topology } from '../core/schema';
import type { Fragment } from './fragment';
import { emptyDocument } from './operations';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  message: string;
}

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface SessionState {
  selection: Selection;
  theme: ThemeChoice;
  panels: { problems: boolean };
  viewport: { x: number; y: number; zoom: number } | null;
  /** In-memory clipboard, used when the system clipboard is denied. */
  clipboard: Fragment | null;
  notices: readonly Notice[];
  /** The document as last opened or created; "unsaved changes" means the document differs from it. */
  cleanDocument: Topology | null;
  /** The embed view: the canvas can be looked at (pan, zoom, simulate) but nothing in it moves or connects. */
  readOnly?: boolean;
}

/** One finding of the validator, as the editor shows it (matches core/validate's Diagnostic). */
export interface EditorDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  nodeIds?: readonly string[];
  edgeIds?: readonly string[];
  path?: string;
}

export interface DiagnosticsSlice {
  list: readonly EditorDiagnostic[];
  byNode: Readonly<Record<string, readonly EditorDiagnostic[]>>;
  byEdge: Readonly<Record<string, readonly EditorDiagnostic[]>>;
  /** The document these were computed for (stale while a recomputation is pending). */
  forDocument: Topology | null;
}

/** What Simulate overlays on one node: counters and a state word. Filled by the run, later. */
export interface NodeOverlay {
  counters?: Readonly<Record<string, number>>;
  state?: 'idle' | 'busy' | 'down' | 'backlog';
}
export interface EdgeOverlay {
  inFlight?: number;
}
/**
 * Simulate mode's view state (filled by `src/ui/simulate`'s controller, read by the canvas and the
 * player). `step` is the moment shown: the number of trace-producing simulation events applied.
 */
export interface SimulationSlice {
  nodes: Readonly<Record<string, NodeOverlay>>;
  edges: Readonly<Record<string, EdgeOverlay>>;
  /** Design or Simulate (the editor-mode machine decides; this mirrors it for rendering). */
  mode: 'design' | 'simulate';
  /** Player state from the run-control machine. */
  player: 'idle' | 'running' | 'paused' | 'finished';
  /** Worker progress: computing the trace, done, failed. */
  run: 'none' | 'computing' | 'done' | 'error';
  /** Step shown, steps known so far, and the simulated clock at the step shown. */
  step: number;
  steps: number;
  time: number;
  /** Step the node overlays were computed for (they follow `step` asynchronously). */
  overlayStep: number;
  /** Simulated seconds per real second while playing (0.25–100). */
  speed: number;
  /** Seed of the run shown (the document's `simulation.seed` unless the Seed field overrides it). */
  seed: number;
  /** The document changed since the run was computed: offer "Re-run". */
  outOfDate: boolean;
  /** Why the run failed or could not start. */
  error: string | null;
  /** Message chosen on the canvas or in the log, for the journey view. */
  selectedMessage: number | null;
}

/**
 * An empty map keyed by node or edge id: no prototype, so an id such as "constructor" finds nothing
 * (not Object's constructor) and "__proto__" is stored as a key.
 */
export function emptyIdMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A simulation slice with nothing running (design mode). */
export const IDLE_SIMULATION: SimulationSlice = {
  nodes: emptyIdMap(),
  edges: emptyIdMap(),
  mode: 'design',
  player: 'idle',
  run: 'none',
  step: 0,
  steps: 0,
  time: 0,
  overlayStep: -1,
  speed: 1,
  seed: 1,
  outOfDate: false,
  error: null,
  selectedMessage: null,
};

export interface FanoutState {
  document: Topology;
  session: SessionState;
  diagnostics: DiagnosticsSlice;
  simulation: SimulationSlice;

  /** Applies a document change as one undo step (or merges it into the previous step with the same `coalesce` key). */
  edit(change: (doc: Topology) => Topology, options?: { coalesce?: string }): void;
  /** Replaces the whole document (open, import, new): undoable, and marks the new document as clean. */
  replaceDocument(doc: Topology, options?: { clean?: boolean }): void;
  /** Starts a continuous change (a drag): intermediate states are not recorded. */
  beginGesture(): void;
  /** Ends it: the whole gesture becomes one undo step (none when nothing changed). */
  endGesture(): void;
  /** Whether a gesture is under way (expensive derived work such as validation waits for its end). */
  inGesture(): boolean;
  undo(): void;
  redo(): void;
  select(selection: Partial<Selection>): void;
  setSession(patch: Partial<SessionState>): void;
  notify(message: string, tone?: Notice['tone']): number;
  dismissNotice(id: number): void;
  setDiagnostics(list: readonly EditorDiagnostic[], forDocument: Topology): void;
  /** Updates Simulate mode's view state (never undoable). */
  setSimulation(patch: Partial<SimulationSlice>): void;
}

type Undoable = Pick<FanoutState, 'document'>;
export type FanoutStore = StoreApi<FanoutState> & { temporal: StoreApi<TemporalState<Undoable>> };

/** How many document versions undo keeps. */
export const UNDO_LIMIT = 200;
/** Edits with the same coalesce key closer than this merge into one undo step. */
const COALESCE_MS = 1500;

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

/** Creates a store holding `initial` (an empty document by default). `now` is injectable for tests. */
export function createFanoutStore(initial: Topology = emptyDocument(), now: () => number = () => Date.now()): FanoutStore {
  let gestureStart: Topology | null = null;
  let lastCoalesce: { key: string; at: number } | null = null;
  let noticeSeq = 0;

  const store = createStore<FanoutState>()(
    temporal(
      (set, get) => ({
        document: initial,
        session: {
          selection: EMPTY_SELECTION,
          theme: 'system',
          panels: { problems: true },
          viewport: null,
          clipboard: null,
          notices: [],
          cleanDocument: initial,
        },
        diagnostics: { list: [], byNode: {}, byEdge: {}, forDocument: null },
        simulation: IDLE_SIMULATION,

        edit(change, options) {
          const before = get().document;
          const after = change(before);
          if (after === before) return;
          const key = options?.coalesce;
          const t = now();
          const merge = key !== undefined && lastCoalesce?.key === key && t - lastCoalesce.at < COALESCE_MS;
          lastCoalesce = key === undefined ? null : { key, at: t };
          if (merge || gestureStart) {
            pauseWhile(() => set({ document: after }));
          } else {
            set({ document: after });
          }
        },
        replaceDocument(doc, options) {
          lastCoalesce = null;
          set({ document: doc });
          const session = get().session;
          set({
            session: {
              ...session,
              selection: EMPTY_SELECTION,
              cleanDocument: options?.clean === false ? session.cleanDocument : doc,
            },
          });
        },
        beginGesture() {
          if (gestureStart) return;
          gestureStart = get().document;
          lastCoalesce = null;
        },
        endGesture() {
          const start = gestureStart;
          gestureStart = null;
          if (!start || start === get().document) return;
          const t = temporalApi().getState();
          const past = [...t.pastStates, { document: start }].slice(-UNDO_LIMIT);
          temporalApi().setState({ pastStates: past, futureStates: [] });
        },
        inGesture() {
          return gestureStart !== null;
        },
        undo() {
          lastCoalesce = null;
          temporalApi().getState().undo();
        },
        redo() {
          lastCoalesce = null;
          temporalApi().getState().redo();
        },
        select(selection) {
          const session = get().session;
          set({ session: { ...session, selection: { ...session.selection, ...selection } } });
        },
        setSession(patch) {
          set({ session: { ...get().session, ...patch } });
        },
        notify(message, tone = 'info') {
          const id = ++noticeSeq;
          const session = get().session;
          // Keep the newest few: a burst of refusals must not bury the canvas. A notice replaces the
          // older ones on its subject (the words before its colon: "Cannot connect: …").
          const subject = (m: string) => (m.includes(':') ? m.slice(0, m.indexOf(':')) : m);
          const notices = [...session.notices.filter((n) => subject(n.message) !== subject(message)), { id, tone, message }].slice(-4);
          set({ session: { ...session, notices } });
          return id;
        },
        dismissNotice(id) {
          const session = get().session;
          set({ session: { ...session, notices: session.notices.filter((n) => n.id !== id) } });
        },
        setDiagnostics(list, forDocument) {
          set({ diagnostics: indexDiagnostics(list, forDocument) });
        },
        setSimulation(patch) {
          set({ simulation: { ...get().simulation, ...patch } });
        },
      }),
      {
        partialize: (state): Undoable => ({ document: state.document }),
        equality: (a, b) => a.document === b.document,
        limit: UNDO_LIMIT,
      },
    ),
  ) as FanoutStore;

  const temporalApi = () => store.temporal;
  const pauseWhile = (fn: () => void) => {
    const t = store.temporal.getState();
    t.pause();
    try {
      fn();
    } finally {
      t.resume();
    }
  };
  return store;
}

/** Groups diagnostics by the nodes and edges they name, for badges. */
export function indexDiagnostics(list: readonly EditorDiagnostic[], forDocument: Topology | null): DiagnosticsSlice {
  // Null-prototype maps: ids such as "constructor" or "__proto__" are valid and must not meet
  // Object.prototype's members (a badge lookup would find a function, an insert would set a prototype).
  const byNode = Object.create(null) as Record<string, EditorDiagnostic[]>;
  const byEdge = Object.create(null) as Record<string, EditorDiagnostic[]>;
  for (const d of list) {
    for (const id of d.nodeIds ?? []) (byNode[id] ??= []).push(d);
    for (const id of d.edgeIds ?? []) (byEdge[id] ??= []).push(d);
  }
  return { list, byNode, byEdge, forDocument };
}

/** Whether the document differs from the one last opened, created or saved as clean. */
export function hasUnsavedChanges(state: FanoutState): boolean {
  return state.session.cleanDocument !== state.document;
}

/** "error" beats "warning" beats "info". */
export function worstSeverity(list: readonly EditorDiagnostic[] | undefined): EditorDiagnostic['severity'] | undefined {
  if (!list || list.length === 0) return undefined;
  if (list.some((d) => d.severity === 'error')) return 'error';
  if (list.some((d) => d.severity === 'warning')) return 'warning';
  return 'info';
}
