/**
 * Which parts of the diagram something is drawn over: for every element matching `over`, each
 * element matching `under` whose box meets it, except parts of the same card (a card's own
 * counters). Returned as "<class of the covering element> over <card id>" lines, so a failing
 * test names what covers what.
 */
import type { Page } from '@playwright/test';

export function overlapsOf(page: Page, over: string, under = '.react-flow__node'): Promise<string[]> {
  return page.evaluate(
    ([overSelector, underSelector]) => {
      const cardOf = (el: Element) => el.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
      const unders = [...document.querySelectorAll(underSelector!)].map((el) => ({ card: cardOf(el), box: el.getBoundingClientRect() }));
      const out: string[] = [];
      for (const el of document.querySelectorAll(overSelector!)) {
        const a = el.getBoundingClientRect();
        const own = cardOf(el);
        for (const { card, box } of unders) {
          if (own !== null && card === own) continue;
          if (a.left < box.right && a.right > box.left && a.top < box.bottom && a.bottom > box.top) out.push(`${el.className} (${el.textContent?.slice(0, 30)}) over ${card}`);
        }
      }
      return out;
    },
    [over, under],
  );
}
