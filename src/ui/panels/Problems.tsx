/**
 * The Problems panel under the canvas: every diagnostic of the validator (severity, code,
 * message). Clicking one selects the nodes and edges it names and brings them into view.
 */
import { DIAGNOSTICS } from '../../core/validate';
import type { EditorDiagnostic } from '../../state/store';
import { useActionContext } from '../app/actions-context';
import { useFanout } from '../store-context';

const ICON: Record<EditorDiagnostic['severity'], string> = { error: '!', warning: '▲', info: 'i' };

function countText(list: readonly EditorDiagnostic[]): string {
  const count = (s: EditorDiagnostic['severity']) => list.filter((d) => d.severity === s).length;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'note'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`);
  return text.length ? text.join(', ') : 'no problems';
}

export function Problems() {
  const ctx = useActionContext();
  const list = useFanout((s) => s.diagnostics.list);
  const open = useFanout((s) => s.session.panels.problems);
  const toggle = () => {
    const { panels } = ctx.store.getState().session;
    ctx.store.getState().setSession({ panels: { ...panels, problems: !panels.problems } });
  };
  const reveal = (d: EditorDiagnostic) => {
    const nodes = [...(d.nodeIds ?? [])];
    const edges = [...(d.edgeIds ?? [])];
    ctx.store.getState().select({ nodes, edges });
    const doc = ctx.store.getState().document;
    // An edge problem centres the edge's two nodes.
    const focus = nodes.length ? nodes : doc.edges.filter((e) => edges.includes(e.id)).flatMap((e) => [e.from, e.to]);
    if (focus.length) ctx.canvas.fitView(focus);
  };
  const worst = list.some((d) => d.severity === 'error') ? 'error' : list.some((d) => d.severity === 'warning') ? 'warning' : list.length ? 'info' : 'ok';
  return (
    <section className={`fo-problems${open ? ' is-open' : ''}`} aria-label="Problems">
      <button type="button" className="fo-problems__bar" aria-expanded={open} aria-controls="fo-problems-list" onClick={toggle}>
        <span className={`fo-problems__dot fo-problems__dot--${worst}`} aria-hidden="true" />
        <span className="fo-problems__title">Problems</span>
        <span className="fo-problems__count" aria-live="polite">{list.length ? countText(list) : 'no problems — the validator finds nothing wrong with this design'}</span>
        <span className="fo-problems__chevron" aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      {open && list.length > 0 && (
        <ul id="fo-problems-list" className="fo-problems__list">
          {list.map((d, i) => (
            <li key={`${d.code}-${i}`}>
              <button type="button" className="fo-problem" onClick={() => reveal(d)} title={DIAGNOSTICS[d.code as keyof typeof DIAGNOSTICS]?.help}>
                <span className={`fo-badge fo-badge--${d.severity} fo-badge--inline`} aria-label={d.severity}>
                  {ICON[d.severity]}
                </span>
                <code className="fo-problem__code">{d.code}</code>
                <span className="fo-problem__message">{d.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
