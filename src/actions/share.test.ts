import { describe, expect, it, vi } from 'vitest';
import { encodeTopologyFile } from '../core/codec/file';
import type { Topology } from '../core/schema';
import { createFanoutStore } from '../state/store';
import { actionById, findShortcutConflicts, ACTIONS, runAction } from './index';
import { importTopologyText, registerSharePort, type SharePort } from './share';
import type { ActionContext } from './types';

const design = (name: string, ids: string[]): Topology => ({
  format: 'fanout/topology',
  version: 1,
  name,
  nodes: ids.map((id, i) => ({ id, kind: 'queue' as const, position: { x: i * 200, y: 0 } })),
  edges: [],
});

function context(initial: Topology, confirmAnswer = true) {
  const store = createFanoutStore(initial);
  const confirm = vi.fn(async () => confirmAnswer);
  const ctx: ActionContext = {
    store,
    canvas: { viewportCentre: () => ({ x: 0, y: 0 }), fitView: () => {} },
    dialogs: { open: () => {}, confirm },
    clipboard: { writeText: async () => {}, readText: async () => '' },
  };
  return { ctx, store, confirm };
}

describe('share actions', () => {
  it('imports a valid file, replacing the design as one undoable step', async () => {
    const { ctx, store } = context(design('Mine', ['a']));
    const opened = await importTopologyText(ctx, encodeTopologyFile(design('Theirs', ['x', 'y'])), '“theirs.fanout.json”');
    expect(opened).toBe(true);
    expect(store.getState().document.name).toBe('Theirs');
    store.getState().undo();
    expect(store.getState().document.name).toBe('Mine');
  });

  it('refuses a bad file with what and where, leaving the design untouched', async () => {
    const { ctx, store } = context(design('Mine', ['a']));
    const before = store.getState().document;
    const bad = JSON.stringify({ format: 'fanout/topology', version: 1, nodes: [{ id: 'q', kind: 'queue', fifo: 'yes' }], edges: [] });
    expect(await importTopologyText(ctx, bad, '“bad.json”')).toBe(false);
    expect(store.getState().document).toBe(before);
    const notice = store.getState().session.notices.at(-1)!;
    expect(notice.tone).toBe('error');
    expect(notice.message).toMatch(/Could not open “bad\.json”: nodes\[0\]\.fifo \(node "q"\): expected a boolean/);
  });

  it('asks before replacing unsaved changes, and keeps them when declined', async () => {
    const { ctx, store, confirm } = context(design('Mine', ['a']), false);
    store.getState().edit((d) => ({ ...d, name: 'Mine, edited' }));
    expect(await importTopologyText(ctx, encodeTopologyFile(design('Theirs', ['x'])), 'the clipboard')).toBe(false);
    expect(confirm).toHaveBeenCalledOnce();
    expect(store.getState().document.name).toBe('Mine, edited');
  });

  it('lays out imported nodes that have no positions', async () => {
    const { ctx, store } = context(design('Mine', ['a']));
    const text = JSON.stringify({ format: 'fanout/topology', version: 1, nodes: [{ id: 'p', kind: 'queue' }, { id: 'c', kind: 'consumer' }], edges: [{ id: 'e', from: 'p', to: 'c' }] });
    await importTopologyText(ctx, text, 'a file');
    expect(store.getState().document.nodes.every((n) => n.position !== undefined)).toBe(true);
  });

  it('Export JSON downloads the canonical file under the design name; Import reads the picked file', async () => {
    const { ctx, store } = context(design('Order events', ['a']));
    const download = vi.fn();
    const port: SharePort = {
      download,
      pickFile: async () => ({ name: 'x.fanout.json', text: encodeTopologyFile(design('Picked', ['p'])) }),
      openShareDialog: vi.fn(),
      openExportDialog: vi.fn(),
      exportImage: vi.fn(async () => {}),
    };
    registerSharePort(port);
    await runAction(actionById('share.export-json'), ctx);
    expect(download).toHaveBeenCalledWith('order-events.fanout.json', encodeTopologyFile(store.getState().document), 'application/json');
    await runAction(actionById('share.import'), ctx);
    expect(store.getState().document.name).toBe('Picked');
    await runAction(actionById('share.link'), ctx);
    expect(port.openShareDialog).toHaveBeenCalled();
    registerSharePort(null);
  });

  it('share shortcuts do not conflict with the rest of the registry', () => {
    expect(findShortcutConflicts(ACTIONS)).toEqual([]);
  });
});
