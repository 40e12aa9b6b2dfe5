/**
 * PNG and SVG images of the whole diagram, edges included, as React Flow's "download image"
 * example does it: html-to-image renders the `.react-flow__viewport` element with a transform that
 * fits every node (`getNodesBounds` + `getViewportForBounds`), whatever part of the canvas is on
 * screen. html-to-image (pinned 1.11.11: later versions drop React Flow's edges) is loaded on first
 * use with a dynamic import, so it costs nothing until someone exports. Text is serialized by the
 * browser's XML serializer, so labels are escaped in the SVG.
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import type { ImageFormat } from '../../actions/share';

/** Padding around the diagram, in pixels of the image. */
const PADDING_PX = 40;
/** The longest side of an exported image; larger diagrams are scaled down to fit. */
const MAX_SIDE_PX = 6000;

export interface RenderedImage {
  dataUrl: string;
  width: number;
  height: number;
}

/** Size and viewport transform that show every node at scale 1 (or smaller, for huge diagrams). */
export function imageFrame(nodes: Node[]): { width: number; height: number; transform: string } {
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1, MAX_SIDE_PX / Math.max(bounds.width + 2 * PADDING_PX, bounds.height + 2 * PADDING_PX, 1));
  const width = Math.max(200, Math.ceil((bounds.width + 2 * PADDING_PX) * scale));
  const height = Math.max(120, Math.ceil((bounds.height + 2 * PADDING_PX) * scale));
  const viewport = getViewportForBounds(bounds, width, height, 0.05, 2, `${PADDING_PX * scale}px`);
  return { width, height, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` };
}

/** Renders the diagram in `flowElement` (the `.react-flow` root) as a PNG or SVG data URL. */
export async function renderDiagramImage(flowElement: HTMLElement, nodes: Node[], format: ImageFormat): Promise<RenderedImage> {
  const viewportElement = flowElement.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportElement) throw new Error('the canvas is not on the page');
  if (nodes.length === 0) throw new Error('the diagram is empty');
  const { toPng, toSvg } = await import('html-to-image');
  const { width, height, transform } = imageFrame(nodes);
  const background = getComputedStyle(flowElement).backgroundColor || '#ffffff';
  const options = {
    backgroundColor: background === 'rgba(0, 0, 0, 0)' ? '#ffffff' : background,
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform },
    // Connection handles stay in the picture: edges end on them, at the outer side of the handle,
    // so without them every arrow floated a handle's width away from both its nodes.
  };
  const dataUrl = format === 'png' ? await toPng(viewportElement, { ...options, pixelRatio: 2 }) : await toSvg(viewportElement, options);
  return { dataUrl, width, height };
}
