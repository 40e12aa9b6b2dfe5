/**
 * Share and export actions: Import (file picker, and the common path for drops, pastes and links),
 * Export JSON, the Export dialog (images, Mermaid, AsyncAPI) and the Share-link dialog.
 *
 * What needs the page (downloads, the file picker, dialogs, image rendering) goes through the
 * `SharePort`, which the share UI (`src/ui/share/ShareHost.tsx`) registers when it mounts; the
 * actions themselves stay testable with a fake port. Every import goes through the core codec
 * (`decodeTopologyFile` / `decodeShareFragment`: parse → migrate → validate); a refused document
 * leaves the current one untouched, an accepted one replaces it only after confirmation when there
 * are unsaved changes, and the replacement is one undo step.
 */
import { decodeTopologyFile, encodeTopologyFile, topologyFileName } from '../core/codec/file';
import type { Topology } from '../core/schema';
import { layoutPositions, needsLayout } from '../state/layout';
import { moveNodes } from '../state/operations';
import { confirmDiscard } from './document';
import type { Action, ActionContext } from './types';

export type ImageFormat = 'png' | 'svg';

/** What the page does for the share actions. */
export interface SharePort {
  /** Offers `content` as a download named `fileName`. */
  download(fileName: string, content: string | Blob, mimeType: string): void;
  /** Lets the person choose a file; resolves its text, or null when they cancel. */
  pickFile(accept: string): Promise<{ name: string; text: string } | null>;
  openShareDialog(): void;
  openExportDialog(): void;
  /** Renders the whole diagram as an image and downloads it. */
  exportImage(format: ImageFormat): Promise<void>;
}

let port: SharePort | null = null;

/** Called by the share UI when it mounts (and with null when it unmounts). */
export function registerSharePort(next: SharePort | null): void {
  port = next;
}

function sharePort(): SharePort {
  if (!port) throw new Error('the share tools are not ready yet');
  return port;
}

/** The document with positions for every node (hand-written files often have none). */
function placed(doc: Topology): Topology {
  return needsLayout(doc) ? moveNodes(doc, { positions: layoutPositions(doc) }) : doc;
}

/**
 * Opens an already validated topology in place of the current one: asks first when the current
 * design has unsaved changes; the replacement is undoable. Resolves whether it was opened.
 */
export async function openTopology(ctx: ActionContext, topology: Topology, from: string): Promise<boolean> {
  const name = topology.name ? `“${topology.name}”` : 'the design';
  if (!(await confirmDiscard(ctx, `${name} from ${from}`))) return false;
  ctx.store.getState().replaceDocument(placed(topology));
  requestFit(ctx);
  ctx.store.getState().notify(`Opened ${name} from ${from}. Undo brings back the previous design.`, 'success');
  return true;
}

function requestFit(ctx: ActionContext) {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => ctx.canvas.fitView());
  else ctx.canvas.fitView();
}

/**
 * Imports topology text (a chosen or dropped file, pasted JSON). A bad document is reported with
 * what is wrong and where, and the current design stays as it is.
 */
export async function importTopologyText(ctx: ActionContext, text: string, from: string): Promise<boolean> {
  const decoded = decodeTopologyFile(text);
  if (!decoded.ok) {
    ctx.store.getState().notify(`Could not open ${from}: ${decoded.message}`, 'error');
    return false;
  }
  return openTopology(ctx, decoded.topology, from);
}

/** The largest file Import reads (the schema's text limit). */
export const MAX_IMPORT_BYTES = 5_000_000;

export const shareActions: Action[] = [
  {
    id: 'share.import',
    label: 'Import',
    description: 'Open a topology file (.fanout.json); you can also drop one on the canvas or paste its text',
    shortcut: ['Mod+O'],
    group: 'share',
    places: ['toolbar'],
    async run(ctx) {
      const file = await sharePort().pickFile('.json,.fanout.json,application/json');
      if (file) await importTopologyText(ctx, file.text, `“${file.name}”`);
    },
  },
  {
    id: 'share.export-json',
    label: 'Export JSON',
    description: 'Download the design as a topology file (.fanout.json) to keep, version or share',
    shortcut: ['Mod+S'],
    group: 'share',
    run(ctx) {
      const doc = ctx.store.getState().document;
      sharePort().download(topologyFileName(doc), encodeTopologyFile(doc), 'application/json');
    },
  },
  {
    id: 'share.export',
    label: 'Export',
    description: 'Export the design: JSON file, PNG or SVG image, Mermaid flowchart, AsyncAPI document',
    shortcut: ['Mod+Shift+E'],
    group: 'share',
    places: ['toolbar'],
    run: () => sharePort().openExportDialog(),
  },
  {
    id: 'share.link',
    label: 'Share',
    description: 'Make a link (and a QR code) that opens this design, seed included',
    shortcut: ['Mod+Shift+S'],
    group: 'share',
    places: ['toolbar'],
    run: () => sharePort().openShareDialog(),
  },
  {
    id: 'share.export-png',
    label: 'Export PNG image',
    description: 'Download the whole diagram as a PNG image',
    group: 'share',
    when: (ctx) => ctx.store.getState().document.nodes.length > 0,
    run: () => sharePort().exportImage('png'),
  },
  {
    id: 'share.export-svg',
    label: 'Export SVG image',
    description: 'Download the whole diagram as an SVG image',
    group: 'share',
    when: (ctx) => ctx.store.getState().document.nodes.length > 0,
    run: () => sharePort().exportImage('svg'),
  },
];
