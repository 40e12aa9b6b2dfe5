/**
 * The application shell: header with the toolbar, palette on the left, the canvas, the inspector
 * on the right and the problems panel under the canvas; plus notices, dialogs, the context menu
 * and global shortcuts. Expects a <StoreContext.Provider> and a <ReactFlowProvider> above it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ActionContext, DialogPort } from '../../actions';
import { connectSimulatePort } from '../../actions/mode';
import { Canvas } from '../canvas/Canvas';
import { useCanvasPort, useRefitWhileSettling } from '../canvas/canvas-port';
import { Inspector } from '../panels/inspector/Inspector';
import { Palette } from '../panels/Palette';
import { Problems } from '../panels/Problems';
import { useDiagnostics } from '../panels/use-diagnostics';
import { ShareHost } from '../share/ShareHost';
import { SimulationController } from '../simulate/controller';
import { SimulationControllerContext } from '../simulate/controller-context';
import { SimulateCanvasLayer, SimulateDock } from '../simulate/SimulateDock';
import { createSimWorker } from '../simulate/worker-client';
import { useFanoutStore } from '../store-context';
import { ActionContextReact, browserClipboard } from './actions-context';
import { bootstrap, installTestingHook } from './bootstrap';
import { ContextMenu } from './ContextMenu';
import { ConfirmDialog } from './Dialog';
import { ExamplesDialog } from './ExamplesDialog';
import { Header } from './Header';
import { Notices } from './Notices';
import { EditAnnouncer } from './EditAnnouncer';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useResolvedTheme } from './theme';
import { useShortcuts } from './use-shortcuts';

type OpenDialog = { kind: 'shortcuts' } | { kind: 'examples' } | { kind: 'confirm'; question: string; confirmLabel: string; answer: (yes: boolean) => void } | null;

/** Above this many nodes the canvas skips off-screen elements. */
const LARGE_DIAGRAM = 150;

export function App() {
  const store = useFanoutStore();
  const canvas = useCanvasPort();
  const theme = useResolvedTheme();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; target: 'canvas' | 'node' } | null>(null);
  const [large, setLarge] = useState(false);

  const dialogs = useMemo<DialogPort>(
    () => ({
      open: (kind) => setDialog({ kind }),
      confirm: (question, confirmLabel) =>
        new Promise<boolean>((resolve) =>
          setDialog({
            kind: 'confirm',
            question,
            confirmLabel,
            answer: (yes) => {
              setDialog(null);
              resolve(yes);
            },
          }),
        ),
    }),
    [],
  );
  const simulation = useMemo(() => new SimulationController(store, createSimWorker), [store]);
  useEffect(() => {
    const unplug = connectSimulatePort(simulation);
    return () => {
      unplug();
      simulation.dispose();
    };
  }, [simulation]);
  const ctx = useMemo<ActionContext>(() => ({ store, canvas, dialogs, clipboard: browserClipboard }), [store, canvas, dialogs]);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  useShortcuts(ctx);
  useRefitWhileSettling();
  useDiagnostics(store);

  useEffect(() => {
    installTestingHook(store, () => ctxRef.current);
    let live = true;
    void bootstrap(store).then(() => {
      if (!live) return;
      requestAnimationFrame(() => ctxRef.current.canvas.fitView());
      document.body.dataset.fanoutReady = 'true';
    });
    return () => {
      live = false;
    };
  }, [store]);

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.document.nodes.length !== prev.document.nodes.length) setLarge(s.document.nodes.length > LARGE_DIAGRAM);
      }),
    [store],
  );

  const onContextMenu = useCallback((at: { x: number; y: number }, target: 'canvas' | 'node') => setMenu({ at, target }), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  return (
    <ActionContextReact.Provider value={ctx}>
      <SimulationControllerContext.Provider value={simulation}>
      <div className="fo-app">
        <Header />
        <div className="fo-body">
          <Palette viewportCentre={canvas.viewportCentre} />
          <main className="fo-main" aria-label="Canvas area" data-testid="canvas-area">
            <div className="fo-canvas">
              <Canvas colorMode={theme} onContextMenu={onContextMenu} onlyRenderVisibleElements={large} />
              <SimulateCanvasLayer />
            </div>
            <Problems />
            <SimulateDock />
          </main>
          <Inspector />
        </div>
        <Notices />
        <EditAnnouncer />
        <ShareHost />
        {menu && <ContextMenu at={menu.at} target={menu.target} onClose={() => setMenu(null)} />}
        {dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
        {dialog?.kind === 'examples' && <ExamplesDialog onClose={closeDialog} />}
        {dialog?.kind === 'confirm' && <ConfirmDialog question={dialog.question} confirmLabel={dialog.confirmLabel} onAnswer={dialog.answer} />}
      </div>
      </SimulationControllerContext.Provider>
    </ActionContextReact.Provider>
  );
}
