/** Help actions: the keyboard shortcuts dialog. */
import type { Action } from './types';

export const helpActions: Action[] = [
  {
    id: 'help.shortcuts',
    label: 'Keyboard shortcuts',
    description: 'List every keyboard shortcut',
    shortcut: ['?'],
    group: 'help',
    places: ['toolbar'],
    run: (ctx) => ctx.dialogs.open('shortcuts'),
  },
];
