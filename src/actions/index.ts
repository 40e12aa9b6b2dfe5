/**
 * THE action registry: every action of the editor, in display order. The toolbar, the context
 * menu, keyboard shortcuts and the help dialog all read this list.
 *
 * To add actions (e.g. Import/Export/Share): write `src/actions/<feature>.ts` exporting an
 * `Action[]`, and add one spread line below. `index.test.ts` checks ids are unique and shortcuts
 * do not conflict.
 */
import { documentActions } from './document';
import { editActions } from './edit';
import { helpActions } from './help';
import { modeActions } from './mode';
import { shareActions } from './share';
import type { Action } from './types';
import { viewActions } from './view';

export const ACTIONS: readonly Action[] = [
  ...documentActions,
  ...shareActions,
  ...editActions,
  ...viewActions,
  ...modeActions,
  ...helpActions,
];

const BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));

/** The action with this id; throws for an unknown id (a typo must not fail silently). */
export function actionById(id: string): Action {
  const action = BY_ID.get(id);
  if (!action) throw new Error(`no action with id "${id}"`);
  return action;
}

export type { Action, ActionContext, ActionGroup, ActionPlace, CanvasPort, ClipboardPort, DialogPort } from './types';
export { runAction } from './types';
export { actionForEvent, findShortcutConflicts, formatShortcut, normalizeShortcut } from './shortcuts';
