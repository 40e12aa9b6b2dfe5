/**
 * Deleting the focused node or edge (Delete, the context menu) removes the element that had focus,
 * and focus fell to the page, so the next Tab started over from the top. Instead focus goes to the
 * element of the same kind that took its place in the canvas's order (the next one, or the last),
 * or to a node when no such element is left.
 */
import { useEffect, useRef } from 'react';

const ELEMENTS = '.react-flow__node, .react-flow__edge';

export function useFocusAfterDelete(nodes: readonly unknown[], edges: readonly unknown[]): void {
  const focused = useRef<{ element: Element; selector: string; index: number } | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const element = event.target instanceof Element ? event.target.closest(ELEMENTS) : null;
      if (!element || element !== event.target) return;
      const selector = element.classList.contains('react-flow__node') ? '.react-flow__node' : '.react-flow__edge';
      focused.current = { element, selector, index: [...document.querySelectorAll(selector)].indexOf(element) };
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);
  useEffect(() => {
    const last = focused.current;
    if (!last) return;
    // React Flow draws the change a frame later.
    const id = requestAnimationFrame(() => {
      if (last.element.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
      const same = [...document.querySelectorAll<HTMLElement>(last.selector)];
      const target = same[Math.min(last.index, same.length - 1)] ?? document.querySelector<HTMLElement>('.react-flow__node');
      target?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [nodes, edges]);
}
