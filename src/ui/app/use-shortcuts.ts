/**
 * Global keyboard shortcuts from the action registry. Listens in the capture phase so the
 * registry, not React Flow, owns keys such as Delete and the arrows; never fires while typing in a
 * field or while a dialog is open (except what the dialog itself handles).
 */
import { useEffect } from 'react';
import { actionForEvent, runAction, ACTIONS, type ActionContext } from '../../actions';
import { keyBelongsToField } from './key-target';

export function useShortcuts(ctx: ActionContext) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || keyBelongsToField(event.target, { sliders: false }, event.key)) return;
      if (document.querySelector('dialog[open], .fo-menu')) return;
      const action = actionForEvent(ACTIONS, event);
      if (!action) return;
      if (action.when && !action.when(ctx)) {
        // Keep Backspace/arrows from doing their browser default when there is nothing to act on.
        if (action.group === 'selection' || action.id === 'edit.delete') event.preventDefault();
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      void runAction(action, ctx);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [ctx]);
}
