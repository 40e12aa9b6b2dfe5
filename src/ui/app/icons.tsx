/** Toolbar icons (inline SVG, 18 px, currentColor). */
import type { ReactElement } from 'react';

const icon = (d: string): ReactElement => (
  <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);

export const TOOLBAR_ICONS: Record<string, ReactElement> = {
  'document.new': icon('M6 3h8l4 4v14H6z M14 3v4h4 M12 11v6 M9 14h6'),
  'document.examples': icon('M4 5h6v6H4z M14 5h6v6h-6z M4 15h6v4H4z M14 15h6v4h-6z'),
  'edit.undo': icon('M9 14 4 9l5-5 M4 9h10a6 6 0 0 1 0 12h-3'),
  'edit.redo': icon('m15 14 5-5-5-5 M20 9H10a6 6 0 0 0 0 12h3'),
  'edit.delete': icon('M4 7h16 M10 11v6 M14 11v6 M6 7l1 13h10l1-13 M9 7V4h6v3'),
  'edit.duplicate': icon('M8 8h12v12H8z M4 16V4h12'),
  'view.auto-layout': icon('M3 6h5v4H3z M16 3h5v4h-5z M16 14h5v4h-5z M8 8h4v9h4 M12 8V5h4'),
  'view.fit': icon('M4 9V4h5 M20 9V4h-5 M4 15v5h5 M20 15v5h-5'),
  'view.theme': icon('M12 3a9 9 0 1 0 9 9 7 7 0 0 1-9-9z'),
  'share.import': icon('M12 15V3 M7 10l5 5 5-5 M4 17v3h16v-3'),
  'share.export': icon('M12 3v12 M7 8l5-5 5 5 M4 17v3h16v-3'),
  'share.link': icon('M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1 M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'),
  'help.shortcuts': icon('M3 7h18v11H3z M7 11h.01 M11 11h.01 M15 11h.01 M8 15h8'),
};
