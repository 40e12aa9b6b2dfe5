/**
 * The Export dialog: every way the design leaves the app — the topology file, PNG and SVG images,
 * a Mermaid flowchart and an AsyncAPI 3.0 document — each a download, Mermaid also copyable.
 */
import { useState } from 'react';
import { topologyFileName } from '../../core/codec/file';
import { toAsyncApiText } from '../../core/export/asyncapi';
import { toMermaid } from '../../core/export/mermaid';
import { Dialog } from '../app/Dialog';
import { useActionContext, useRunAction } from '../app/actions-context';
import { downloadFile } from './download';

function baseName(fileName: string): string {
  return fileName.replace(/\.fanout\.json$/, '');
}

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const ctx = useActionContext();
  const run = useRunAction();
  const [status, setStatus] = useState('');
  const doc = () => ctx.store.getState().document;
  const empty = ctx.store.getState().document.nodes.length === 0;

  const download = (suffix: string, text: string, mime: string) => {
    downloadFile(`${baseName(topologyFileName(doc()))}${suffix}`, text, mime);
    setStatus(`Downloaded ${baseName(topologyFileName(doc()))}${suffix}`);
  };
  const copyMermaid = async () => {
    try {
      await ctx.clipboard.writeText(toMermaid(doc()));
      setStatus('Mermaid text copied: paste it into mermaid.live or a ```mermaid block in markdown.');
    } catch {
      setStatus('The clipboard is not available here: use Download instead.');
    }
  };

  return (
    <Dialog title="Export" onClose={onClose} className="fo-dialog--export">
      <ul className="fo-export">
        <li>
          <button type="button" className="fo-button" onClick={() => run('share.export-json')}>
            Topology file (.fanout.json)
          </button>
          <span>The design itself: import it again, keep it in git, run it with the CLI.</span>
        </li>
        <li>
          <button type="button" className="fo-button" disabled={empty} onClick={() => run('share.export-png')}>
            PNG image
          </button>
          <button type="button" className="fo-button" disabled={empty} onClick={() => run('share.export-svg')}>
            SVG image
          </button>
          <span>The whole diagram, for slides and documents.</span>
        </li>
        <li>
          <button type="button" className="fo-button" onClick={() => download('.mmd', toMermaid(doc()), 'text/plain')}>
            Mermaid flowchart
          </button>
          <button type="button" className="fo-button" onClick={() => void copyMermaid()}>
            Copy Mermaid
          </button>
          <span>Renders in GitHub and GitLab markdown and in Mermaid Live.</span>
        </li>
        <li>
          <button type="button" className="fo-button" onClick={() => download('.asyncapi.yaml', toAsyncApiText(doc(), 'yaml'), 'application/yaml')}>
            AsyncAPI 3.0 (YAML)
          </button>
          <button type="button" className="fo-button" onClick={() => download('.asyncapi.json', toAsyncApiText(doc(), 'json'), 'application/json')}>
            AsyncAPI 3.0 (JSON)
          </button>
          <span>Channels, operations and messages for AsyncAPI tooling.</span>
        </li>
      </ul>
      <p className="fo-export__status" role="status" aria-live="polite">
        {status}
      </p>
    </Dialog>
  );
}
