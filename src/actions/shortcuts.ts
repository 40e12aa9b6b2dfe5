/**
 * Keyboard shortcuts: one canonical spelling ("Mod+Shift+Z"), matching of keyboard events, display
 * for the current platform, and conflict detection over the whole registry.
 */
import type { Action } from './types';

const MODIFIER_ORDER = ['Mod', 'Alt', 'Shift'] as const;

/** "shift+mod+z" → "Mod+Shift+Z"; single letters upper-case; named keys kept ("ArrowLeft"). */
export function normalizeShortcut(shortcut: string): string {
  const parts = shortcut.split('+').map((p) => p.trim());
  // A shortcut for the "+" key itself ends with an empty part.
  const key = shortcut.endsWith('++') || shortcut === '+' ? '+' : (parts.pop() ?? '');
  const mods = new Set(parts.filter(Boolean).map((p) => p.toLowerCase()));
  const out: string[] = [];
  for (const m of MODIFIER_ORDER) if (mods.has(m.toLowerCase())) out.push(m);
  out.push(key.length === 1 ? key.toUpperCase() : key);
  return out.join('+');
}

/** The canonical shortcut a keydown event stands for. Shift is ignored for symbols such as "?". */
export function eventToShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  const key = event.key === ' ' ? 'Space' : event.key;
  const symbol = key.length === 1 && !/[a-z0-9]/i.test(key);
  const out: string[] = [];
  if (event.ctrlKey || event.metaKey) out.push('Mod');
  if (event.altKey) out.push('Alt');
  if (event.shiftKey && !symbol) out.push('Shift');
  out.push(key.length === 1 ? key.toUpperCase() : key);
  return out.join('+');
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Delete: 'Del',
  Backspace: '⌫',
  Escape: 'Esc',
};

/** "Ctrl+Shift+Z" or "⌘⇧Z", for buttons' titles and the help dialog. */
export function formatShortcut(shortcut: string, mac: boolean): string {
  const parts = normalizeShortcut(shortcut).split('+');
  const key = parts.pop() ?? '';
  const name = KEY_NAMES[key] ?? key;
  if (mac) {
    const sym: Record<string, string> = { Mod: '⌘', Alt: '⌥', Shift: '⇧' };
    return parts.map((p) => sym[p] ?? p).join('') + name;
  }
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), name].join('+');
}

export interface ShortcutConflict {
  shortcut: string;
  actionIds: string[];
}

/** Shortcuts claimed by more than one action (a registry with any is a bug; a test asserts none). */
export function findShortcutConflicts(actions: readonly Action[]): ShortcutConflict[] {
  const owners = new Map<string, string[]>();
  for (const action of actions) {
    for (const s of action.shortcut ?? []) {
      const key = normalizeShortcut(s);
      owners.set(key, [...(owners.get(key) ?? []), action.id]);
    }
  }
  return [...owners].filter(([, ids]) => ids.length > 1).map(([shortcut, actionIds]) => ({ shortcut, actionIds }));
}

/** The action whose shortcut the event matches, if any. */
export function actionForEvent(actions: readonly Action[], event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): Action | undefined {
  const pressed = eventToShortcut(event);
  return actions.find((a) => a.shortcut?.some((s) => normalizeShortcut(s) === pressed));
}
