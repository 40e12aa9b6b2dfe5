/** The "Keyboard shortcuts" help dialog, generated from the action registry (never out of date). */
import { ACTIONS, formatShortcut } from '../../actions';
import type { ActionGroup } from '../../actions';
import { Dialog } from './Dialog';
import { PLAYER_KEYS } from '../simulate/player-keys';

const GROUP_NAMES: Record<ActionGroup, string> = {
  document: 'Document',
  edit: 'Edit',
  selection: 'Selection',
  view: 'View',
  help: 'Help',
  share: 'Share',
};

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const groups = (Object.keys(GROUP_NAMES) as ActionGroup[])
    .map((g) => ({ group: g, actions: ACTIONS.filter((a) => a.group === g && a.shortcut?.length && !a.id.startsWith('edit.nudge-')) }))
    .filter((g) => g.actions.length > 0);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="fo-dialog--shortcuts">
      <div className="fo-shortcuts">
        {groups.map(({ group, actions }) => (
          <section key={group}>
            <h3>{GROUP_NAMES[group]}</h3>
            <dl>
              {actions.map((a) => (
                <div key={a.id} className="fo-shortcuts__row">
                  <dt>{a.label}</dt>
                  <dd>
                    {a.shortcut!.map((s) => (
                      <kbd key={s}>{formatShortcut(s, IS_MAC)}</kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>Canvas</h3>
          <dl>
            <div className="fo-shortcuts__row"><dt>Move selected nodes (in Design)</dt><dd><kbd>←</kbd><kbd>↑</kbd><kbd>→</kbd><kbd>↓</kbd> (<kbd>Shift</kbd> ×10)</dd></div>
            <div className="fo-shortcuts__row"><dt>Box select</dt><dd><kbd>Shift</kbd> + drag</dd></div>
            <div className="fo-shortcuts__row"><dt>Add to selection</dt><dd><kbd>{IS_MAC ? '⌘' : 'Ctrl'}</kbd> + click</dd></div>
            <div className="fo-shortcuts__row"><dt>Next node</dt><dd><kbd>Tab</kbd></dd></div>
            <div className="fo-shortcuts__row"><dt>Select focused node</dt><dd><kbd>Enter</kbd></dd></div>
            <div className="fo-shortcuts__row"><dt>Connect</dt><dd>drag from a node’s right dot to another node (the line turns green where it can connect, red with the reason where it cannot)</dd></div>
          </dl>
        </section>
        <section>
          <h3>Simulate</h3>
          <dl>
            {PLAYER_KEYS.map((k) => (
              <div key={k.key} className="fo-shortcuts__row"><dt>{k.label}</dt><dd><kbd>{k.shown}</kbd></dd></div>
            ))}
            <div className="fo-shortcuts__row"><dt>Move along the Timeline (focused)</dt><dd><kbd>←</kbd><kbd>→</kbd> <kbd>Home</kbd> <kbd>End</kbd></dd></div>
            <div className="fo-shortcuts__row"><dt>Resize the panels (their top edge focused)</dt><dd><kbd>↑</kbd><kbd>↓</kbd> (<kbd>Shift</kbd>: more) <kbd>Home</kbd> <kbd>End</kbd></dd></div>
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
