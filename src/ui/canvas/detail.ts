/**
 * Level of detail: how much each node and edge draws at the current zoom. Provided once by the
 * canvas (it changes only when the zoom crosses `FAR_ZOOM`), so nodes and edges do not each
 * subscribe to the viewport — a per-element selector would run on every frame of a drag or pan.
 */
import { createContext, useContext } from 'react';

/** Below this zoom, node details and edge labels are too small to read: the canvas draws labels only. */
export const FAR_ZOOM = 0.5;
/**
 * Below this zoom a node is under 50 px wide and its handles under 3 px, too small to grab: they
 * and the kind icons are not painted (the shape, colour and label still tell nodes apart). On a
 * 300-node overview that is a quarter fewer things for the browser to paint on every frame.
 */
export const OVERVIEW_ZOOM = 0.25;

/**
 * `far`: zoomed out below `FAR_ZOOM`; nodes draw their kind's shape and label, edges no labels.
 * `overview`: below `OVERVIEW_ZOOM`; as `far`, without handles and icons.
 */
export type Detail = 'full' | 'far' | 'overview';

export function detailAt(zoom: number): Detail {
  return zoom < OVERVIEW_ZOOM ? 'overview' : zoom < FAR_ZOOM ? 'far' : 'full';
}

export const DetailContext = createContext<Detail>('full');

export function useDetail(): Detail {
  return useContext(DetailContext);
}
