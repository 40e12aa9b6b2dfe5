/**
 * Page object for the editor: the palette, canvas, inspector and toolbar as a person uses them
 * (accessible names, real pointer drags), plus the documented testing hook `window.__fanout`.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type Doc = {
  name?: string;
  simulation?: Record<string, unknown>;
  nodes: Array<Record<string, unknown> & { id: string; kind: string; position?: { x: number; y: number } }>;
  edges: Array<Record<string, unknown> & { id: string; from: string; to: string; kind?: string }>;
  faults?: Array<Record<string, unknown>>;
};

export class EditorPage {
  constructor(readonly page: Page) {}

  /** Opens the app with a clean storage (unless `keepStorage`) and waits until the first document is shown. */
  async open(options: { keepStorage?: boolean } = {}) {
    if (!options.keepStorage) {
      await this.page.goto('/');
      await this.page.evaluate(() => localStorage.clear());
    }
    await this.page.goto('/');
    await expect(this.page.locator('body[data-fanout-ready="true"]')).toHaveCount(1);
  }

  document(): Promise<Doc> {
    return this.page.evaluate(() => window.__fanout!.getDocument() as unknown as Doc);
  }

  async replaceDocument(doc: unknown) {
    await this.page.evaluate((d) => window.__fanout!.replaceDocument(d), doc);
  }

  toolbar(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name, exact: true });
  }

  paletteItem(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name: `Add ${name}`, exact: true });
  }

  /** The canvas node element by document id. */
  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  inspector(): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' });
  }

  /**
   * Waits until the canvas viewport stops moving (an animated fit view, or the re-fit while the page
   * settles), as a person waits before aiming at a handle. On a loaded machine these animations run
   * late, and a drag aimed at a moving target misses.
   */
  async waitForStableViewport() {
    const transform = () =>
      this.page.evaluate(() => document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '');
    // Stable over two intervals in a row: on a loaded machine a fit queued for the next frame can
    // land after one unchanged interval, and a drop computed before it ends up elsewhere.
    let previous = await transform();
    let unchanged = 0;
    for (let i = 0; i < 40 && unchanged < 2; i++) {
      await this.page.waitForTimeout(120);
      const current = await transform();
      unchanged = current === previous ? unchanged + 1 : 0;
      previous = current;
    }
  }

  /** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
  async dropFromPalette(kind: string, at: { x: number; y: number }) {
    await this.waitForStableViewport();
    const item = this.paletteItem(kind);
    const from = (await item.boundingBox())!;
    const pane = (await this.page.locator('.fo-canvas').boundingBox())!;
    const m = this.page.mouse;
    await m.move(from.x + from.width / 2, from.y + from.height / 2);
    await m.down();
    await m.move(from.x + from.width / 2 + 20, from.y + from.height / 2, { steps: 3 });
    await m.move(pane.x + at.x, pane.y + at.y, { steps: 8 });
    await m.up();
  }

  /** Drags from `from`'s output handle to `to`'s input handle, like a person wiring two nodes. */
  async connect(from: string, to: string) {
    await this.waitForStableViewport();
    const source = (await this.node(from).locator('.react-flow__handle.source').boundingBox())!;
    const target = (await this.node(to).locator('.react-flow__handle.target').boundingBox())!;
    const m = this.page.mouse;
    await m.move(source.x + source.width / 2, source.y + source.height / 2);
    await m.down();
    await m.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 6 });
    await m.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 6 });
    await m.up();
  }

  /** Selects a node by clicking its label. */
  async select(id: string) {
    await this.node(id).locator('.fo-node__label').click();
  }
}
