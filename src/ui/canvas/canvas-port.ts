/**
 * The canvas side of the action context: viewport centre and fit view, backed by React Flow.
 * Must be used under <ReactFlowProvider>.
 */
import { useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { CanvasPort } from '../../actions/types';

/** The element the canvas is drawn in (its bounds define "the centre of the view"). */
export const CANVAS_SELECTOR = '.fo-canvas .react-flow';

export function useCanvasPort(): CanvasPort {
  const flow = useReactFlow();
  return useMemo<CanvasPort>(
    () => ({
      viewportCentre() {
        const box = document.querySelector(CANVAS_SELECTOR)?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
      fitView(nodeIds) {
        const nodes = nodeIds?.map((id) => ({ id }));
        void flow.fitView(nodes ? { nodes, padding: 0.5, maxZoom: 1, duration: 250 } : { padding: 0.08, maxZoom: 1.1, duration: 250 });
      },
    }),
    [flow],
  );
}
