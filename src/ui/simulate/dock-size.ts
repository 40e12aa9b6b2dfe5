/**
 * The height of Simulate's dock (event log, journey, metrics…), which the person can drag or set
 * with the keyboard: a preference of this browser, not part of the document, so it is remembered
 * in localStorage like the theme and never exported, shared or undone.
 */

const STORAGE_KEY = 'fanout.dockHeight';
/** The height before any resize (the event log shows about eight lines). */
export const DEFAULT_DOCK_HEIGHT = 260;
/** Below this the tabs and two lines of a panel no longer fit. */
export const MIN_DOCK_HEIGHT = 140;
/** The canvas keeps at least this much of the window, so the player and some diagram stay visible. */
const CANVAS_KEEPS = 300;

/** The largest dock a window of `windowHeight` pixels allows (never below the minimum). */
export function maxDockHeight(windowHeight: number): number {
  return Math.max(MIN_DOCK_HEIGHT, Math.round(windowHeight - CANVAS_KEEPS - 48));
}

/** `height` brought within what the window allows, in whole pixels. */
export function clampDockHeight(height: number, windowHeight: number): number {
  if (!Number.isFinite(height)) return Math.min(DEFAULT_DOCK_HEIGHT, maxDockHeight(windowHeight));
  return Math.round(Math.min(maxDockHeight(windowHeight), Math.max(MIN_DOCK_HEIGHT, height)));
}

/** The remembered height, or the default. */
export function loadDockHeight(): number {
  try {
    const saved = Number(localStorage.getItem(STORAGE_KEY));
    return saved > 0 ? saved : DEFAULT_DOCK_HEIGHT;
  } catch {
    return DEFAULT_DOCK_HEIGHT;
  }
}

export function saveDockHeight(height: number): void {
  try {
    if (height === DEFAULT_DOCK_HEIGHT) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, String(height));
  } catch {
    /* a preference: not worth a notice when storage is unavailable */
  }
}

/** The new height for a key pressed on the dock's resize handle, or null for other keys. */
export function dockHeightForKey(key: string, shift: boolean, height: number, windowHeight: number): number | null {
  const step = shift ? 120 : 24;
  switch (key) {
    case 'ArrowUp':
      return clampDockHeight(height + step, windowHeight);
    case 'ArrowDown':
      return clampDockHeight(height - step, windowHeight);
    case 'Home':
      return MIN_DOCK_HEIGHT;
    case 'End':
      return maxDockHeight(windowHeight);
    default:
      return null;
  }
}
