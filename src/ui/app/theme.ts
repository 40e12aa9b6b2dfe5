/**
 * Light and dark themes: follow the OS (prefers-color-scheme) unless the person picked one with
 * the "Theme" button; the choice is kept in the session slice and remembered in localStorage.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ThemeChoice } from '../../state/store';
import { useFanout } from '../store-context';

const STORAGE_KEY = 'fanout.theme';
const QUERY = '(prefers-color-scheme: dark)';

export function loadThemeChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

function subscribe(callback: () => void) {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', callback);
  return () => media.removeEventListener('change', callback);
}

/** The theme in effect, applied to <html data-theme> and remembered. */
export function useResolvedTheme(): 'light' | 'dark' {
  const choice = useFanout((s) => s.session.theme);
  const systemDark = useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
  const resolved = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      /* the theme is a nicety: not worth a notice */
    }
  }, [choice, resolved]);
  return resolved;
}
