/**
 * The action registry's types. An action is one thing a person can do — "Undo", "Auto layout",
 * "Copy" — described once and shown everywhere: toolbar buttons, the right-click menu, keyboard
 * shortcuts and the "Keyboard shortcuts" dialog all read the same list (`index.ts`).
 *
 * Actions reach the editor only through `ActionContext`: the store plus small ports for what the
 * page provides (the canvas viewport, dialogs, the clipboard), so they are testable without React.
 */
import type { FanoutStore } from '../state/store';
import type { XY } from '../state/operations';

/** What the canvas can do for an action. Implemented by the canvas component. */
export interface CanvasPort {
  /** The centre of the visible canvas, in document (flow) coordinates. */
  viewportCentre(): XY;
  /** Fits the whole diagram, or the given nodes, into view. */
  fitView(nodeIds?: readonly string[]): void;
}

/** Dialogs and questions, implemented by the app shell. */
export interface DialogPort {
  open(dialog: 'shortcuts' | 'examples'): void;
  /** Asks a yes/no question in an accessible dialog; resolves true for yes. */
  confirm(question: string, confirmLabel: string): Promise<boolean>;
}

/** The system clipboard; either call may reject (permission denied, insecure context). */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

export interface ActionContext {
  store: FanoutStore;
  canvas: CanvasPort;
  dialogs: DialogPort;
  clipboard: ClipboardPort;
}

/** Groups order the help dialog and the context menu. */
export type ActionGroup = 'document' | 'edit' | 'selection' | 'view' | 'help' | 'share';

/** Where an action is offered besides its shortcut. */
export type ActionPlace = 'toolbar' | 'node-menu' | 'canvas-menu';

export interface Action {
  /** Unique, stable, kebab-case: "edit.undo". Tests and the testing hook refer to it. */
  id: string;
  /** The button's accessible name and the menu text: "Undo". */
  label: string;
  /** A sentence for tooltips and the help dialog. */
  description?: string;
  /** Key combinations, written like "Mod+Z", "Shift+ArrowLeft", "?" (Mod = Ctrl, or ⌘ on a Mac). */
  shortcut?: readonly string[];
  group: ActionGroup;
  places?: readonly ActionPlace[];
  /** Whether the action can run now (disabled buttons and menu items otherwise). */
  when?(ctx: ActionContext): boolean;
  run(ctx: ActionContext): void | Promise<void>;
}

/** Runs an action if it is enabled, reporting a thrown error as a notice instead of losing it. */
export async function runAction(action: Action, ctx: ActionContext): Promise<void> {
  if (action.when && !action.when(ctx)) return;
  try {
    await action.run(ctx);
  } catch (error) {
    ctx.store.getState().notify(`${action.label} failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}
