/**
 * The header: the app name, the design's name (editable in place) and the toolbar, whose buttons
 * come from the action registry (places: "toolbar").
 */
import { useState } from 'react';
import { ACTIONS, formatShortcut } from '../../actions';
import { setDocumentFields } from '../../state/operations';
import { useFanout, useFanoutStore } from '../store-context';
import { useEnabled, useRunAction } from './actions-context';
import { TOOLBAR_ICONS } from './icons';
import { IS_MAC } from './ShortcutsDialog';
import { SimulateToggle } from '../simulate/SimulateToggle';

const TOOLBAR = ACTIONS.filter((a) => a.places?.includes('toolbar'));
/** Where a thin divider separates toolbar groups. */
const GROUP_START = new Set(['edit.undo', 'view.auto-layout', 'view.theme']);

function DocumentName() {
  const store = useFanoutStore();
  const name = useFanout((s) => s.document.name ?? '');
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const value = draft.trim().slice(0, 200);
    store.getState().edit((d) => setDocumentFields(d, { name: value || undefined }));
    setDraft(null);
  };
  return (
    <input
      className="fo-docname"
      aria-label="Design name"
      placeholder="Untitled design"
      value={draft ?? name}
      maxLength={200}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setDraft(null);
          e.currentTarget.blur();
        }
      }}
    />
  );
}

const THEME_WORDS = { system: 'Auto', dark: 'Dark', light: 'Light' } as const;

function ThemeLabel() {
  const theme = useFanout((s) => s.session.theme);
  return <span className="fo-toolbar__text">{THEME_WORDS[theme]}</span>;
}

/** A button's accessible name contains the words it shows ("Theme: Auto"), so speech input finds it. */
function useToolbarNames(): (a: (typeof TOOLBAR)[number]) => string {
  const theme = useFanout((s) => s.session.theme);
  return (a) => (a.id === 'view.theme' ? `${a.label}: ${THEME_WORDS[theme]}` : a.label);
}

export function Header() {
  const enabled = useEnabled(TOOLBAR);
  const run = useRunAction();
  const nameOf = useToolbarNames();
  return (
    <header className="fo-header" role="banner">
      <div className="fo-brand">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <circle cx="5" cy="12" r="2.6" fill="currentColor" />
          <path d="M7.5 12h3.5l7-6.5M11 12h7M11 12l7 6.5" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
          <circle cx="19" cy="5.5" r="1.9" fill="currentColor" />
          <circle cx="19.5" cy="12" r="1.9" fill="currentColor" />
          <circle cx="19" cy="18.5" r="1.9" fill="currentColor" />
        </svg>
        <h1 className="fo-brand__name">Fanout</h1>
      </div>
      <DocumentName />
      <SimulateToggle />
      <div className="fo-toolbar" role="toolbar" aria-label="Editor toolbar">
        {TOOLBAR.map((a, i) => (
          <span key={a.id} className={`fo-toolbar__slot${GROUP_START.has(a.id) ? ' fo-toolbar__slot--group' : ''}`}>
            <button
              type="button"
              className="fo-toolbar__button"
              aria-label={nameOf(a)}
              title={`${a.description ?? a.label}${a.shortcut?.[0] ? ` (${formatShortcut(a.shortcut[0], IS_MAC)})` : ''}`}
              disabled={!enabled[i]}
              onClick={() => run(a.id)}
            >
              {TOOLBAR_ICONS[a.id]}
              {a.id === 'view.theme' ? <ThemeLabel /> : ['document.new', 'document.examples', 'share.import', 'share.export', 'share.link', 'view.auto-layout'].includes(a.id) && <span className="fo-toolbar__text">{a.label}</span>}
            </button>
          </span>
        ))}
      </div>
    </header>
  );
}
