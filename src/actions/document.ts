/** Document actions: a new empty design and the examples menu. Import/Export/Share live in their own file. */
import { emptyDocument } from '../state/operations';
import { hasUnsavedChanges } from '../state/store';
import type { Action, ActionContext } from './types';

/**
 * Asks before something replaces a design with unsaved changes. Used by "New", the examples menu
 * and (later) Import. Resolves true when it is fine to go on.
 */
export async function confirmDiscard(ctx: ActionContext, what: string): Promise<boolean> {
  const state = ctx.store.getState();
  if (!hasUnsavedChanges(state) || state.document.nodes.length === 0) return true;
  return ctx.dialogs.confirm(`Replace “${state.document.name ?? 'Untitled design'}” with ${what}? Your changes since it was opened will be replaced (Undo brings them back).`, 'Replace');
}

export const documentActions: Action[] = [
  {
    id: 'document.new',
    label: 'New',
    description: 'Start an empty design',
    shortcut: ['Alt+N'],
    group: 'document',
    places: ['toolbar'],
    async run(ctx) {
      if (!(await confirmDiscard(ctx, 'an empty design'))) return;
      ctx.store.getState().replaceDocument(emptyDocument());
    },
  },
  {
    id: 'document.examples',
    label: 'Examples',
    description: 'Open an example design that teaches one idea',
    group: 'document',
    places: ['toolbar'],
    run: (ctx) => ctx.dialogs.open('examples'),
  },
];
