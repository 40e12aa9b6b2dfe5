/** The "Examples" dialog: lists `public/examples/index.json` and opens the one chosen. */
import { useEffect, useState } from 'react';
import { confirmDiscard } from '../../actions/document';
import { useActionContext } from './actions-context';
import { Dialog } from './Dialog';
import { fetchExample, fetchExampleIndex, FIRST_EXAMPLE, type ExampleEntry } from './documents';

export function ExamplesDialog({ onClose }: { onClose: () => void }) {
  const ctx = useActionContext();
  const [entries, setEntries] = useState<ExampleEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchExampleIndex().then(
      (list) => live && setEntries(list),
      (error: Error) => {
        if (!live) return;
        // Without an index, still offer the example every build ships.
        setEntries([{ file: FIRST_EXAMPLE, name: 'Order events', summary: 'Fan-out, retries and a dead-letter queue.' }]);
        setProblem(error.message);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const open = async (entry: ExampleEntry) => {
    try {
      const doc = await fetchExample(entry.file);
      onClose();
      if (!(await confirmDiscard(ctx, `the example “${entry.name}”`))) return;
      ctx.store.getState().replaceDocument(doc);
      requestAnimationFrame(() => ctx.canvas.fitView());
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Dialog title="Examples" onClose={onClose} className="fo-dialog--examples">
      {problem && <p className="fo-field__error" role="alert">{problem}</p>}
      {entries === null ? (
        <p>Loading…</p>
      ) : (
        <ul className="fo-examples">
          {entries.map((e) => (
            <li key={e.file}>
              <button type="button" className="fo-examples__item" onClick={() => void open(e)}>
                <span className="fo-examples__name">{e.name}</span>
                <span className="fo-examples__summary">{e.summary}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
