/**
 * The spec's result object as tables: totals, conservation, and one row per node with the fields
 * that apply to its kind. Shows the result at the step on screen, titled "at the end" once the
 * last step is shown — then it is exactly what `fanout simulate FILE --json` prints.
 */
import type { SimResult } from '../../core/sim';
import { formatClock, formatCount } from './format';

function figure(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? formatCount(value) : String(Number(value.toFixed(3)));
  if (Array.isArray(value)) return `[${value.map(figure).join(', ')}]`;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${figure(v)}`)
      .join(', ');
  }
  return String(value);
}

const TOTALS: (keyof SimResult['totals'])[] = ['published', 'deliveries', 'acked', 'deadLettered', 'discarded', 'unroutable', 'rejected', 'pending'];

export function Results({ result, atEnd }: { result: SimResult | null; atEnd: boolean }) {
  if (!result) return <p className="fo-dock__empty">The result appears once the run has started.</p>;
  return (
    <div className="fo-results" data-testid="results">
      <p className="fo-results__head">
        {atEnd ? 'At the end of the run' : 'At the step shown'} — seed <b data-testid="result-seed">{result.seed}</b>, {formatClock(result.simulatedTime)} simulated,{' '}
        {formatCount(result.events)} trace records{result.truncated ? ' (truncated at maxEvents)' : ''}.{' '}
        <span className={result.conservation.ok ? 'fo-ok' : 'fo-bad'}>Conservation {result.conservation.ok ? 'holds' : `fails: ${(result.conservation.details ?? []).join('; ')}`}</span>
      </p>
      <table className="fo-table fo-results__totals" aria-label="Totals">
        <thead>
          <tr>
            {TOTALS.map((k) => (
              <th key={k} scope="col">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {TOTALS.map((k) => (
              <td key={k} data-total={k}>
                {figure(result.totals[k])}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="fo-table fo-results__nodes" aria-label="Results by node">
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">kind</th>
            <th scope="col">figures</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.nodes).map(([id, r]) => (
            <tr key={id} data-node={id}>
              <th scope="row">{id}</th>
              <td>{r.kind}</td>
              <td>
                {Object.entries(r)
                  .filter(([k]) => k !== 'kind')
                  .map(([k, v]) => (
                    <span key={k} className="fo-results__figure" data-field={k}>
                      {k} <b>{figure(v)}</b>
                    </span>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
