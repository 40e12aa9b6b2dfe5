/**
 * Sharing and exporting as a person does it: the Share dialog's link opened in a fresh browser,
 * hostile links that must leave the design alone, Import by file picker, drop and paste, Export
 * JSON / SVG / PNG downloads, and the embed view.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { encodeTopologyFile } from '../../src/core/codec/file';
import { buildShareLink, toLinkDocument } from '../../src/core/codec/link';
import type { Topology } from '../../src/core/schema';
import { EditorPage } from '../support/editor-page';

const OUT = 'e2e/.output';
const workQueue = readFileSync('public/examples/work-queue.json', 'utf8');

async function docOf(page: Page): Promise<Topology> {
  return page.evaluate(() => window.__fanout!.getDocument() as unknown as Topology);
}

function noticeText(page: Page) {
  return page.locator('.fo-notice');
}

async function openShareDialog(page: Page): Promise<string> {
  await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this design' });
  await expect(dialog).toBeVisible();
  const link = dialog.getByRole('textbox', { name: 'Share link' });
  return (await link.count()) > 0 ? link.inputValue() : '';
}

test('copy link → open in a new browser → the same diagram, seed included', async ({ page, browser }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const editor = new EditorPage(page);
  await editor.open();
  await expect(page.locator('.react-flow__node')).toHaveCount(10);
  const original = await docOf(page);

  const link = await openShareDialog(page);
  const dialog = page.getByRole('dialog', { name: 'Share this design' });
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#t1\.[A-Za-z0-9_-]+$/);
  // Byte for byte the link the CLI prints for this document and base (same codec function).
  expect(link).toBe(buildShareLink(original, `${new URL(link).origin}/`));
  await expect(dialog.getByTestId('share-link-length')).toContainText(`${link.length.toLocaleString('en')} characters`);
  const qr = dialog.getByRole('img', { name: 'QR code of the share link' });
  await expect(qr).toBeVisible();
  // Dense for a long link: it can be enlarged to scan from a screen or a projector.
  const small = (await qr.boundingBox())!.width;
  await dialog.getByRole('button', { name: /Larger QR code/ }).click();
  await expect.poll(async () => (await qr.boundingBox())!.width).toBeGreaterThan(small * 2);
  await page.screenshot({ path: `${OUT}/share-qr-large.png` });
  await dialog.getByRole('button', { name: 'Smaller QR code' }).click();
  await expect.poll(async () => (await qr.boundingBox())!.width).toBe(small);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByTestId('share-link-length')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.screenshot({ path: `${OUT}/share-dialog.png` });
  console.log(`share link of the first-visit example: ${link.length} characters`);

  // Options change the link; the embed option shows an iframe snippet.
  await dialog.getByRole('checkbox', { name: /in Simulate mode/ }).check();
  await dialog.getByRole('checkbox', { name: /as an embed/ }).check();
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveValue(/&mode=simulate&embed=1$/);
  await expect(dialog.getByRole('textbox', { name: 'Embed code' })).toHaveValue(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#t1\.[\w-]+&amp;mode=simulate&amp;embed=1"/);
  await page.screenshot({ path: `${OUT}/share-dialog-embed.png` });

  // A fresh browser (no autosave) opens the link straight away.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(link);
  await expect(second.locator('body[data-fanout-ready="true"]')).toHaveCount(1);
  await expect(second.locator('.react-flow__node')).toHaveCount(10);
  await expect.poll(async () => JSON.stringify(await docOf(second))).toBe(JSON.stringify(toLinkDocument(original)));
  // The fragment is consumed, so a reload restores the (autosaved) design instead of the link.
  await expect.poll(() => second.evaluate(() => location.hash)).toBe('');
  await second.screenshot({ path: `${OUT}/share-opened-link.png` });
  await other.close();
  expect(errors).toEqual([]);
});

test('opening a link over a design from last time asks first', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.replaceDocument(JSON.parse(workQueue));
  const link = await openShareDialog(page);
  await page.keyboard.press('Escape');
  // Focus goes back to the control that opened the dialog (keyboard users keep their place).
  await expect(page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Share', exact: true })).toBeFocused();
  // Back to the first design and let autosave keep it.
  await page.evaluate(() => window.__fanout!.runAction('edit.undo'));
  await page.waitForTimeout(1500);
  const mine = await docOf(page);
  expect(mine.name).not.toBe(JSON.parse(workQueue).name);

  await page.goto('about:blank');
  await page.goto(link);
  const question = page.getByRole('dialog', { name: 'Are you sure?' });
  await expect(question).toContainText('Open the shared design');
  await question.getByRole('button', { name: 'Open shared design' }).click();
  await expect.poll(async () => (await docOf(page)).name).toBe(JSON.parse(workQueue).name);
  // Undo brings back what was there.
  await page.evaluate(() => window.__fanout!.runAction('edit.undo'));
  await expect.poll(async () => (await docOf(page)).name).toBe(mine.name);
});

test('a link to the very design already open opens without asking', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.replaceDocument(JSON.parse(workQueue));
  const link = await openShareDialog(page);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1500); // the autosave keeps it
  await page.goto('about:blank');
  await page.goto(link);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
  await expect(page.getByRole('dialog', { name: 'Are you sure?' })).toHaveCount(0);
  expect((await docOf(page)).name).toBe(JSON.parse(workQueue).name);
});

test('a malformed, truncated or hostile link shows an error and replaces nothing, autosave included', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.replaceDocument(JSON.parse(workQueue));
  const good = await openShareDialog(page);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1500); // autosave
  const before = await docOf(page);
  const savedBefore = await page.evaluate(() => localStorage.getItem('fanout.autosave'));
  expect(savedBefore).toContain(before.name!);

  const fragment = good.slice(good.indexOf('#'));
  const hostile = [
    ['truncated', fragment.slice(0, Math.floor(fragment.length / 2))],
    ['bad base64', `${fragment.slice(0, 20)}$$$${fragment.slice(23)}`],
    ['unknown codec', '#t9.AAAA'],
    ['not a link', '#hello'],
  ];
  for (const [what, bad] of hostile) {
    await page.goto('about:blank');
    await page.goto(`/${bad}`);
    await expect(page.locator('body[data-fanout-ready="true"]')).toHaveCount(1);
    await expect(noticeText(page).filter({ hasText: 'This link could not be opened' }), what).toBeVisible();
    await expect(noticeText(page).filter({ hasText: '..' }), `${what}: one full stop`).toHaveCount(0);
    expect((await docOf(page)).name, what).toBe(before.name);
    expect(JSON.stringify((await docOf(page)).nodes), what).toBe(JSON.stringify(before.nodes));
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => localStorage.getItem('fanout.autosave')), what).toBe(savedBefore);
  }
  await page.screenshot({ path: `${OUT}/share-bad-link.png` });
  // A bad link pasted into the address bar of the open tab (hashchange) is refused too.
  await page.evaluate((h) => (location.hash = h), fragment.slice(0, 60));
  await expect(noticeText(page).filter({ hasText: 'incomplete' })).toBeVisible();
  expect((await docOf(page)).name).toBe(before.name);
});

test('Import: a bad file is refused with what and where; a good one replaces the design, undoably', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const before = await docOf(page);
  const importButton = page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Import', exact: true });

  const bad = JSON.stringify({ format: 'fanout/topology', version: 1, nodes: [{ id: 'q', kind: 'queue', visibilityTimeout: -5 }], edges: [] });
  let chooser = page.waitForEvent('filechooser');
  await importButton.click();
  await (await chooser).setFiles({ name: 'bad.fanout.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(noticeText(page).filter({ hasText: 'Could not open “bad.fanout.json”' })).toContainText('nodes[0].visibilityTimeout');
  expect(await docOf(page)).toEqual(before);
  await page.screenshot({ path: `${OUT}/share-import-error.png` });

  chooser = page.waitForEvent('filechooser');
  await importButton.click();
  await (await chooser).setFiles({ name: 'work-queue.fanout.json', mimeType: 'application/json', buffer: Buffer.from(workQueue) });
  await expect.poll(async () => (await docOf(page)).name).toBe(JSON.parse(workQueue).name);
  await expect(page.locator('.react-flow__node')).toHaveCount(JSON.parse(workQueue).nodes.length);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await docOf(page)).name).toBe(before.name);
});

test('a file dropped on the canvas, or topology text pasted, opens it', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await page.evaluate((text) => {
    const target = document.querySelector('.react-flow__pane')!;
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.fanout.json', { type: 'application/json' }));
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, workQueue);
  await expect.poll(async () => (await docOf(page)).name).toBe(JSON.parse(workQueue).name);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const spec = readFileSync('src/core/codec/__fixtures__/all-kinds.json', 'utf8');
  await page.evaluate((text) => navigator.clipboard.writeText(text), spec);
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+v');
  // The current design came from a drop (clean): no question, it just opens.
  await expect.poll(async () => (await docOf(page)).name).toBe(JSON.parse(spec).name);
  await expect(page.locator('.react-flow__node')).toHaveCount(JSON.parse(spec).nodes.length);
});

test('Export JSON, SVG and PNG download the whole diagram, edges included', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const doc = await docOf(page);

  let download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  let file = await download;
  expect(file.suggestedFilename()).toBe('order-events-fan-out-retries-and-a-dead-letter-queue.fanout.json');
  expect(readFileSync(await file.path(), 'utf8')).toBe(encodeTopologyFile(doc));

  await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await page.screenshot({ path: `${OUT}/share-export-dialog.png` });
  download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'SVG image' }).click();
  file = await download;
  expect(file.suggestedFilename()).toMatch(/\.svg$/);
  const svg = readFileSync(await file.path(), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  const edgePaths = svg.match(/class="react-flow__edge-path"[^>]*\sd="M[^"]+"/g) ?? svg.match(/<path[^>]*react-flow__edge-path[^>]*>/g) ?? [];
  expect(edgePaths.length).toBeGreaterThanOrEqual(doc.edges.length);
  for (const node of doc.nodes) expect(svg).toContain(node.label ?? node.id);
  // Edges end on the nodes' handles (at their outer side), so the handles are drawn too: without
  // them every arrow floated a few pixels away from both its nodes.
  expect((svg.match(/react-flow__handle /g) ?? []).length).toBeGreaterThanOrEqual(doc.edges.length);

  download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'PNG image' }).click();
  file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const png = readFileSync(await file.path());
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(width).toBeGreaterThan(400);
  expect(height).toBeGreaterThan(200);
  // Look at the exported picture in a page: it must show the diagram.
  const viewer = await page.context().newPage();
  await viewer.setContent(`<img id="x" src="data:image/png;base64,${png.toString('base64')}" style="max-width:1400px">`);
  await viewer.waitForFunction(() => (document.getElementById('x') as HTMLImageElement).complete);
  await viewer.screenshot({ path: `${OUT}/share-exported-png.png`, fullPage: true });
  console.log(`exported PNG ${width}×${height}, SVG ${svg.length} characters with ${edgePaths.length} edge paths`);
  await viewer.close();

  // Hostile labels stay text: the SVG is well-formed and shows them literally.
  const hostile = '<img src=x onerror="window.pwned=1"> & "quotes" </div>';
  await editor.replaceDocument({ ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, label: hostile } : n)) });
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  download = page.waitForEvent('download');
  await page.evaluate(() => window.__fanout!.runAction('share.export-svg'));
  const hostileSvg = readFileSync(await (await download).path(), 'utf8');
  const check = await page.evaluate((text) => {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: parsed.querySelector('parsererror')?.textContent ?? null, text: parsed.documentElement.textContent ?? '', images: parsed.querySelectorAll('img').length };
  }, hostileSvg);
  expect(check.error).toBeNull();
  expect(check.text).toContain(hostile);
  expect(check.images).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test('the embed view shows the diagram read-only and never touches the autosave', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.replaceDocument(JSON.parse(workQueue));
  await openShareDialog(page);
  const dialog = page.getByRole('dialog', { name: 'Share this design' });
  await dialog.getByRole('checkbox', { name: /as an embed/ }).check();
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.__fanout!.runAction('edit.undo'));
  await page.waitForTimeout(1500);
  const saved = await page.evaluate(() => localStorage.getItem('fanout.autosave'));

  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.locator('body.fo-embed')).toHaveCount(1);
  await expect.poll(async () => (await docOf(page)).name).toBe(JSON.parse(workQueue).name);
  await expect(page.getByRole('toolbar', { name: 'Editor toolbar' })).toBeHidden();
  await expect(page.locator('.fo-palette')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Open in Fanout' })).toBeVisible();
  // Edges are drawn, ending on their handles (drawn, but inert).
  await expect(page.locator('.react-flow__edge')).toHaveCount(JSON.parse(workQueue).edges.length);
  const firstEdge = await page.locator('.react-flow__edge-path').first().boundingBox();
  expect(firstEdge!.width + firstEdge!.height).toBeGreaterThan(20);
  // Dragging a node moves nothing (the canvas is read-only, not just its chrome).
  const positions = async () => (await docOf(page)).nodes.map((n) => n.position);
  const before = await positions();
  const node = await page.locator('.react-flow__node').first().boundingBox();
  await page.mouse.move(node!.x + node!.width / 2, node!.y + node!.height / 2);
  await page.mouse.down();
  await page.mouse.move(node!.x + node!.width / 2 + 150, node!.y + node!.height / 2 + 120, { steps: 8 });
  await page.mouse.up();
  expect(await positions()).toEqual(before);
  // Editing keys do nothing.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  expect((await docOf(page)).nodes.length).toBe(JSON.parse(workQueue).nodes.length);
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => localStorage.getItem('fanout.autosave'))).toBe(saved);
  await page.screenshot({ path: `${OUT}/share-embed.png` });

  // Embed + Simulate: the player, still without editing tools.
  await page.goto('about:blank');
  await page.goto(link.replace('&embed=1', '&mode=simulate&embed=1'));
  await expect(page.locator('body.fo-embed')).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Mode' }).getByRole('button', { name: /Simulate/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('toolbar', { name: 'Editor toolbar' })).toBeHidden();
  // The player only: the panels under the canvas (log, metrics…) are for the full app.
  await expect(page.getByRole('region', { name: 'Simulation player' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Simulation panels' })).toBeHidden();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/share-embed-simulate.png` });
  expect(await page.evaluate(() => localStorage.getItem('fanout.autosave'))).toBe(saved);
});

test('a link made for Simulate mode opens the design in Simulate mode', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { encodeShareFragment } = await import('../../src/core/codec/link');
  const doc = JSON.parse(workQueue) as Topology;
  await page.goto(`/#${encodeShareFragment(doc, { mode: 'simulate' })}`);
  await expect.poll(async () => (await docOf(page)).name).toBe(doc.name);
  await expect(page.getByRole('group', { name: 'Mode' }).getByRole('button', { name: /Simulate/ })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/share-opened-in-simulate.png` });
  await context.close();
});

test('a long link is shown with a warning; a too-long one is refused and the file offered instead', async ({ page }) => {
  const { noisyTopology } = await import('../../src/core/codec/test-support');
  const editor = new EditorPage(page);
  await editor.open();
  const placed = (n: number) => {
    const doc = noisyTopology(n);
    return { ...doc, nodes: doc.nodes.map((node, i) => ({ ...node, position: { x: (i % 20) * 240, y: Math.floor(i / 20) * 120 } })) };
  };

  await editor.replaceDocument(placed(80));
  await openShareDialog(page);
  let dialog = page.getByRole('dialog', { name: 'Share this design' });
  await expect(dialog.getByRole('status').filter({ hasText: 'characters long' })).toBeVisible();
  await expect(dialog.getByTestId('share-qr')).toContainText('a QR code holds at most 2,953');
  await page.screenshot({ path: `${OUT}/share-dialog-long.png` });
  await page.keyboard.press('Escape');

  await editor.replaceDocument(placed(300));
  await openShareDialog(page);
  dialog = page.getByRole('dialog', { name: 'Share this design' });
  await expect(dialog.getByRole('alert')).toContainText('Share the file instead');
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
  await page.screenshot({ path: `${OUT}/share-dialog-too-long.png` });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export JSON instead' }).click();
  expect((await download).suggestedFilename()).toBe('noise.fanout.json');
});
