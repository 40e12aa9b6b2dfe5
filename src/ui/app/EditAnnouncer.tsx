/** A polite live region saying what an edit added or removed (see `describeEdit`). */
import { useEffect, useState } from 'react';
import { useFanoutStore } from '../store-context';
import { describeEdit } from './edit-announcer';

export function EditAnnouncer() {
  const store = useFanoutStore();
  const [text, setText] = useState('');
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.document === prev.document) return;
        const said = describeEdit(prev.document, s.document);
        if (said) setText(said);
      }),
    [store],
  );
  return (
    <div className="fo-sr-only" role="status" aria-live="polite" data-testid="edit-announcer">
      {text}
    </div>
  );
}
