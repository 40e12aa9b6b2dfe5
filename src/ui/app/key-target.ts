/**
 * Whether a key press belongs to the focused field rather than to a global shortcut: text inputs,
 * textareas, selects and editable content always keep their keys; with `sliders`, range and colour
 * inputs keep them too (the player leaves ← / → to a focused Timeline slider, while the editor's
 * shortcuts still work with a slider focused).
 */
export function keyBelongsToField(target: EventTarget | null, { sliders }: { sliders: boolean }): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  if (type === 'range' || type === 'color') return sliders;
  return !['checkbox', 'radio', 'button', 'submit'].includes(type);
}
