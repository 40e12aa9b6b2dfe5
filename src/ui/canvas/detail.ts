/**
 * Level of detail: how much each node and edge draws at the current zoom. Provided once by the
 * canvas (it changes only when the zoom crosses `FAR_ZOOM`), so nodes and edges do not each
 * subscribe to the viewport — a per-element selector would run on every frame of a drag or pan.
 */
import { createContext, useContext } from 'react';

/** Below this zoom, node details and edge labels are too small to read: the canvas draws labels only. */
export const FAR_ZOOM = 0.5;

/** `far`: zoomed out below `FAR_ZOOM`; nodes draw their kind's shape and label, edges no labels. */
export type Detail = 'full' | 'far';

export const DetailContext = createContext<Detail>('full');

export function useDetail(): Detail {
  return useContext(DetailContext);
}
