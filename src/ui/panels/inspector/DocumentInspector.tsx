/** Document settings, shown when nothing is selected: name, description, simulation seed, duration and event cap. */
import { useShallow } from 'zustand/react/shallow';
import { DEFAULTS } from '../../../core/schema/defaults';
import { useFanout } from '../../store-context';
import { useDocumentEditable } from './editable';
import { NumberField, Section, TextField } from './fields';

export function DocumentInspector() {
  // Narrow: a drag (positions) does not re-render these fields.
  const view = useFanout(useShallow((s) => ({ name: s.document.name, description: s.document.description, simulation: s.document.simulation })));
  const counts = useFanout(useShallow((s) => ({ nodes: s.document.nodes.length, edges: s.document.edges.length })));
  const ed = useDocumentEditable(view);
  return (
    <div className="fo-inspector__content">
      <div className="fo-inspector__head fo-inspector__head--doc">
        <div>
          <div className="fo-inspector__kind">Design</div>
          <div className="fo-inspector__hint">
            {counts.nodes} nodes · {counts.edges} edges. Select a node or an edge to edit it.
          </div>
        </div>
      </div>
      <Section title="Document">
        <TextField ed={ed} path={['name']} label="Name" placeholder="Untitled design" />
        <TextField ed={ed} path={['description']} label="Description" placeholder="What this design shows (markdown)" multiline />
      </Section>
      <Section title="Simulation">
        <div className="fo-grid2">
          <NumberField ed={ed} path={['simulation', 'seed']} label="Seed" integer placeholder={DEFAULTS.simulation.seed} hint="Same seed, same run" />
          <NumberField ed={ed} path={['simulation', 'duration']} label="Duration" unit="s" placeholder={DEFAULTS.simulation.duration} />
          <NumberField ed={ed} path={['simulation', 'maxEvents']} label="Max events" integer placeholder={DEFAULTS.simulation.maxEvents} hint="Stops a runaway loop" />
        </div>
      </Section>
    </div>
  );
}
