/**
 * The page side of sharing, mounted once inside the app shell: registers the SharePort the share
 * actions use (downloads, file picker, dialogs, image export), accepts topology files dropped on
 * the canvas, opens share links (at start-up and on `hashchange`), and switches the page into the
 * read-only embed view for `&embed=1` links.
 */
import { useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { ACTIONS, actionForEvent } from '../../actions';
import { importTopologyText, MAX_IMPORT_BYTES, registerSharePort, type ImageFormat } from '../../actions/share';
import { looksLikeTopologyText, topologyFileName } from '../../core/codec/file';
import { useActionContext } from '../app/actions-context';
import { CANVAS_SELECTOR } from '../canvas/canvas-port';
import { dataUrlToBlob, downloadFile, pickFile, readFileText } from './download';
import { ExportDialog } from './ExportDialog';
import { renderDiagramImage } from './image';
import { ShareDialog } from './ShareDialog';
import { isEmbedFragment, openShareFragment } from './startup';
import './share.css';

type OpenDialog = 'share' | 'export' | null;

/** Resolves once the app's start-up (autosave restore or first example) has finished. */
function whenAppReady(): Promise<void> {
  return new Promise((resolve) => {
    if (document.body.dataset.fanoutReady === 'true') return resolve();
    const observer = new MutationObserver(() => {
      if (document.body.dataset.fanoutReady === 'true') {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-fanout-ready'] });
  });
}

let startupLinkHandled = false;

/** Groups of actions the embed view still allows (looking, not editing). */
const EMBED_ALLOWED_GROUPS = new Set(['view', 'help']);

function enterEmbedView() {
  document.body.classList.add('fo-embed');
  document.body.dataset.fanoutEmbed = 'true';
}

export function ShareHost() {
  const ctx = useActionContext();
  const flow = useReactFlow();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [embed, setEmbed] = useState(() => isEmbedFragment(location.hash));
  const [dropping, setDropping] = useState(false);

  // The port the share actions use.
  useEffect(() => {
    const exportImage = async (format: ImageFormat) => {
      const flowElement = document.querySelector<HTMLElement>(CANVAS_SELECTOR);
      if (!flowElement) throw new Error('the canvas is not on the page');
      const image = await renderDiagramImage(flowElement, flow.getNodes(), format);
      const name = topologyFileName(ctx.store.getState().document).replace(/\.fanout\.json$/, `.${format}`);
      downloadFile(name, dataUrlToBlob(image.dataUrl), format === 'png' ? 'image/png' : 'image/svg+xml');
      ctx.store.getState().notify(`Exported ${name} (${image.width} × ${image.height})`, 'success');
    };
    registerSharePort({
      download: downloadFile,
      async pickFile(accept) {
        const file = await pickFile(accept);
        return file ? { name: file.name, text: await readFileText(file, MAX_IMPORT_BYTES) } : null;
      },
      openShareDialog: () => setDialog('share'),
      openExportDialog: () => setDialog('export'),
      exportImage,
    });
    return () => registerSharePort(null);
  }, [ctx, flow]);

  // Share links: at start-up (after the app restored its design) and when the fragment changes.
  useEffect(() => {
    let live = true;
    const open = async (atStartup: boolean) => {
      const outcome = await openShareFragment(ctx, location.hash, atStartup);
      if (outcome.kind === 'opened' && outcome.options.embed) {
        enterEmbedView();
        ctx.store.getState().setSession({ readOnly: true, selection: { nodes: [], edges: [] } });
        setEmbed(true);
      }
    };
    if (!startupLinkHandled) {
      void whenAppReady().then(() => {
        if (!live || startupLinkHandled) return;
        startupLinkHandled = true;
        void open(true);
      });
    }
    const onHashChange = () => void open(false);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      live = false;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [ctx]);

  // The embed view: editing chrome hidden by CSS, editing shortcuts and the context menu refused.
  // The listeners are installed at mount, before the app's shortcut listener (child effects run
  // first), so they see each key first; they act only while the embed view is on.
  const embedRef = useRef(embed);
  embedRef.current = embed;
  useEffect(() => {
    if (embed) enterEmbedView();
  }, [embed]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!embedRef.current) return;
      const action = actionForEvent(ACTIONS, event);
      if (action && !EMBED_ALLOWED_GROUPS.has(action.group)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    const onContextMenu = (event: MouseEvent) => {
      if (embedRef.current) event.stopPropagation();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('contextmenu', onContextMenu, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('contextmenu', onContextMenu, true);
    };
  }, []);

  // Files (or topology text) dropped on the canvas.
  useEffect(() => {
    if (embed) return;
    const onCanvas = (event: DragEvent) => event.target instanceof Element && event.target.closest('[data-testid="canvas-area"]') !== null;
    const carriesFile = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).some((t) => t === 'Files' || t === 'text/plain');
    const onDragOver = (event: DragEvent) => {
      if (!onCanvas(event) || !carriesFile(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (!event.relatedTarget || !(event.relatedTarget instanceof Element) || !event.relatedTarget.closest('[data-testid="canvas-area"]')) {
        setDropping(false);
      }
    };
    const onDrop = (event: DragEvent) => {
      setDropping(false);
      if (!onCanvas(event) || !event.dataTransfer) return;
      const file = event.dataTransfer.files[0];
      const text = file ? undefined : event.dataTransfer.getData('text/plain');
      if (!file && !(text && looksLikeTopologyText(text))) return;
      event.preventDefault();
      void (async () => {
        try {
          if (file) await importTopologyText(ctx, await readFileText(file, MAX_IMPORT_BYTES), `“${file.name}”`);
          else await importTopologyText(ctx, text!, 'the dropped text');
        } catch (error) {
          ctx.store.getState().notify(`Could not open the dropped file: ${error instanceof Error ? error.message : String(error)}`, 'error');
        }
      })();
    };
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('dragleave', onDragLeave);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', onDrop);
    };
  }, [ctx, embed]);

  const close = () => setDialog(null);
  const editorLink = embed ? location.href.replace(/&embed=(1|true)/, '') : '';
  return (
    <>
      {dropping && (
        <div className="fo-dropzone" aria-hidden="true">
          Drop a .fanout.json file to open it
        </div>
      )}
      {embed && editorLink.includes('#') && (
        <a className="fo-embed__open" href={editorLink} target="_blank" rel="noopener noreferrer">
          Open in Fanout
        </a>
      )}
      {dialog === 'share' && <ShareDialog onClose={close} />}
      {dialog === 'export' && <ExportDialog onClose={close} />}
    </>
  );
}
