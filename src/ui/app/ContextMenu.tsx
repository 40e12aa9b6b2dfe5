/** The right-click menu: the registry's actions for a node (or selection) or for the empty canvas. */
import { useEffect, useRef } from 'react';
import { ACTIONS, formatShortcut } from '../../actions';
import { useEnabled, useRunAction } from './actions-context';
import { IS_MAC } from './ShortcutsDialog';

export function ContextMenu({ at, target, onClose }: { at: { x: number; y: number }; target: 'canvas' | 'node'; onClose: () => void }) {
  const place = target === 'node' ? 'node-menu' : 'canvas-menu';
  const actions = ACTIONS.filter((a) => a.places?.includes(place));
  const enabled = useEnabled(actions);
  const run = useRunAction();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Escape (or Tab, which leaves a menu) gives focus back to where the menu was opened from,
    // as a menu button does; a click elsewhere leaves it where the click puts it.
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent) {
        if (e.key !== 'Escape' && e.key !== 'Tab') return;
        e.preventDefault();
        onClose();
        if (opener?.isConnected) opener.focus();
      } else if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', close, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', close, true);
    };
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    e.stopPropagation();
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
  };

  return (
    <div ref={ref} className="fo-menu" role="menu" aria-label={target === 'node' ? 'Node actions' : 'Canvas actions'} style={{ left: at.x, top: at.y }} onKeyDown={onKeyDown}>
      {actions.map((a, i) => (
        <button
          key={a.id}
          type="button"
          role="menuitem"
          className="fo-menu__item"
          disabled={!enabled[i]}
          onClick={() => {
            onClose();
            run(a.id);
          }}
        >
          <span>{a.label}</span>
          {a.shortcut?.[0] && <kbd>{formatShortcut(a.shortcut[0], IS_MAC)}</kbd>}
        </button>
      ))}
    </div>
  );
}
