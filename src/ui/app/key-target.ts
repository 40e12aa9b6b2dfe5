/**
 * Whether a key press belongs to the focused field rather than to a global shortcut: text inputs,
 * textareas, selects and editable content always keep their keys; with `sliders`, range and colour
 * inputs keep them too (the player leaves ← / → to a focused Timeline slider, while the editor's
 * shortcuts still work with a slider focused — except the keys that move it, given as `key`), and
 * an element inside `[data-own-keys="ArrowUp ArrowDown …"]` keeps the keys listed there.
 */
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export function keyBelongsToField(target: EventTarget | null, { sliders }: { sliders: boolean }, key = ''): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // A widget with its own keyboard navigation (the event log's rows, the dock's resize handle)
  // names the keys it keeps in `data-own-keys`.
  const owner = target.closest<HTMLElement>('[data-own-keys]');
  if (owner && key !== '' && owner.dataset.ownKeys!.split(' ').includes(key)) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  // A slider always keeps the keys that move it (the editor's other shortcuts still work there).
  if (type === 'range') return sliders || SLIDER_KEYS.has(key);
  if (type === 'color') return sliders;
  return !['checkbox', 'radio', 'button', 'submit'].includes(type);
}
