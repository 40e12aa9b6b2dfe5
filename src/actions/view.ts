/** View actions: fit view, auto layout, theme, the Problems panel. */
import { layoutPositions } from '../state/layout';
import { moveNodes } from '../state/operations';
import type { ThemeChoice } from '../state/store';
import type { Action } from './types';

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };

export const viewActions: Action[] = [
  {
    id: 'view.fit',
    label: 'Fit view',
    description: 'Zoom to show the whole design',
    shortcut: ['Shift+1'],
    group: 'view',
    places: ['toolbar', 'canvas-menu'],
    run: (ctx) => ctx.canvas.fitView(),
  },
  {
    id: 'view.auto-layout',
    label: 'Auto layout',
    description: 'Arrange the nodes left to right along the flow (one undoable step)',
    shortcut: ['Mod+Shift+L'],
    group: 'view',
    places: ['toolbar', 'canvas-menu'],
    when: (ctx) => ctx.store.getState().document.nodes.length > 0,
    run(ctx) {
      const doc = ctx.store.getState().document;
      ctx.store.getState().edit((d) => moveNodes(d, { positions: layoutPositions(doc) }));
      // Let React Flow take the new positions before fitting.
      requestAnimationFrame(() => ctx.canvas.fitView());
    },
  },
  {
    id: 'view.theme',
    label: 'Theme',
    description: 'Switch between the system theme, dark and light',
    group: 'view',
    places: ['toolbar'],
    run(ctx) {
      const { theme } = ctx.store.getState().session;
      ctx.store.getState().setSession({ theme: NEXT_THEME[theme] });
    },
  },
  {
    id: 'view.problems',
    label: 'Problems panel',
    description: 'Show or hide the list of problems the validator found',
    shortcut: ['Mod+Shift+M'],
    group: 'view',
    run(ctx) {
      const { panels } = ctx.store.getState().session;
      ctx.store.getState().setSession({ panels: { ...panels, problems: !panels.problems } });
    },
  },
];
