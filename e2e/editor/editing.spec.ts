/**
 * What a person does while editing: refused connections say why, bad inspector values are
 * explained and never written, undo/redo, copy/paste, keyboard, problems, reload, dark mode.
 */
import { test, expect } from '@playwright/test';
import { EditorPage } from '../support/editor-page';

test.describe('editing', () => {
  let editor: EditorPage;
  test.beforeEach(async ({ page }) => {
    editor = new EditorPage(page);
    await editor.open();
  });

  test('an invalid connection is refused with its reason', async ({ page }) => {
    const before = (await editor.document()).edges.length;
    await editor.connect('orders', 'email');
    const alert = page.getByRole('alert').filter({ hasText: 'Cannot connect' });
    await expect(alert).toContainText('a producer cannot send to a consumer directly');
    await page.screenshot({ path: 'e2e/.output/editing-refused.png' });
    expect((await editor.document()).edges.length).toBe(before);
  });

  test('while dragging a connection the line says whether the node under the pointer takes it; a refused drop explains itself, a valid one connects', async ({ page }) => {
    // Measure once the first fit has settled: a late refit would move the handle from under the
    // press, which then pans the canvas instead of starting a connection.
    await editor.waitForStableViewport();
    const source = (await editor.node('email-dlq').boundingBox())!;
    // The dead-letter node has no output handle: drag from the queue's output onto the producer's body.
    const from = (await editor.node('inventory-queue').locator('.react-flow__handle.source').boundingBox())!;
    const to = (await editor.node('orders').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    // Before letting go, the line says the drop would be refused, and why.
    const preview = page.locator('.fo-connecting');
    await expect(preview).toHaveClass(/fo-connecting--invalid/);
    await expect(preview.getByRole('status')).toHaveText('Cannot connect: a producer only sends: nothing can connect into it');
    await page.screenshot({ path: 'e2e/.output/editing-connect-preview-refused.png' });
    await page.mouse.up();
    await expect(page.getByRole('alert').filter({ hasText: 'Cannot connect' })).toContainText('a producer only sends');
    expect(source.width).toBeGreaterThan(0);
    // Onto the DLQ's body: queue → dead-letter is allowed (deadLetter edge).
    const count = (await editor.document()).edges.length;
    const dlq = (await editor.node('email-dlq').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(dlq.x + dlq.width / 2, dlq.y + dlq.height / 2, { steps: 10 });
    await expect(preview).toHaveClass(/fo-connecting--valid/);
    await expect(preview.getByRole('status')).toHaveText(/^Connect to /);
    await page.screenshot({ path: 'e2e/.output/editing-connect-preview-valid.png' });
    await page.mouse.up();
    await expect.poll(async () => (await editor.document()).edges.length).toBe(count + 1);
    const edge = (await editor.document()).edges.at(-1)!;
    expect(edge).toMatchObject({ from: 'inventory-queue', to: 'email-dlq', kind: 'deadLetter' });

    // Dragged back onto its own node (a loop): refused with the reason, before and after letting go;
    // a click on the handle says nothing.
    const own = (await editor.node('inventory-queue').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByRole('alert').filter({ hasText: 'itself' })).toHaveCount(0);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(own.x + 30, own.y + own.height / 2, { steps: 10 });
    await expect(preview).toHaveClass(/fo-connecting--invalid/);
    await expect(preview.getByRole('status')).toHaveText('Cannot connect: a node cannot connect to itself');
    await page.mouse.up();
    await expect(page.getByRole('alert').filter({ hasText: 'Cannot connect' })).toContainText('a node cannot connect to itself');
    expect((await editor.document()).edges.length).toBe(count + 1);
  });

  test('the connection preview keeps its reason inside the canvas near its right edge (dark theme)', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await editor.waitForStableViewport();
    const from = (await editor.node('orders').locator('.react-flow__handle.source').boundingBox())!;
    const to = (await editor.node('email').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    const label = page.locator('.fo-connecting').getByRole('status');
    await expect(label).toHaveText(/^Cannot connect: a producer cannot send to a consumer directly/);
    const box = (await label.boundingBox())!;
    const canvas = (await page.locator('.fo-canvas').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(canvas.x);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    await page.screenshot({ path: 'e2e/.output/editing-connect-preview-dark.png' });
    await page.mouse.up();
  });

  test('an inspector field rejects a bad value, explains it and does not write it', async ({ page }) => {
    await editor.select('email-queue');
    const field = editor.inspector().getByLabel('Visibility timeout', { exact: true });
    await field.fill('-5');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.inspector()).toContainText('must be more than 0');
    const queue = (await editor.document()).nodes.find((n) => n.id === 'email-queue')!;
    expect(queue.visibilityTimeout).toBeUndefined();
    await field.fill('abc');
    await expect(editor.inspector()).toContainText('“abc” is not a number');
    await page.screenshot({ path: 'e2e/.output/editing-invalid-field.png' });
    await field.fill('45');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    expect((await editor.document()).nodes.find((n) => n.id === 'email-queue')!.visibilityTimeout).toBe(45);

    // A cross-field rule: uniform max below min.
    await editor.select('payments');
    await editor.inspector().getByLabel('Processing time max', { exact: true }).fill('0.05');
    await expect(editor.inspector()).toContainText('max must be ≥ min');
    const payments = (await editor.document()).nodes.find((n) => n.id === 'payments')!;
    expect(payments.processingTime).toEqual({ dist: 'uniform', min: 0.1, max: 0.5 });

    // The Id field's refusal is tied to the field for screen readers, like every other field's.
    const idField = editor.inspector().getByLabel('Id', { exact: true });
    await idField.fill('email');
    await expect(idField).toHaveAttribute('aria-invalid', 'true');
    await expect(idField).toHaveAccessibleDescription('“email” is already used');
    // A good new id, then Tab: the rename keeps the inspector, and focus moves on to Notes.
    await idField.fill('payment-service');
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await editor.document()).nodes.some((n) => n.id === 'payment-service')).toBe(true);
    await expect(editor.inspector().getByLabel('Notes', { exact: true })).toBeFocused();
  });

  test('undo and redo: adding a node, and a whole drag as one step', async ({ page }) => {
    const start = await editor.document();
    await editor.paletteItem('Queue').click(); // click adds at the centre of the view
    await expect.poll(async () => (await editor.document()).nodes.length).toBe(start.nodes.length + 1);
    await editor.toolbar('Undo').click();
    await expect.poll(async () => (await editor.document()).nodes.length).toBe(start.nodes.length);
    await editor.toolbar('Redo').click();
    await expect.poll(async () => (await editor.document()).nodes.length).toBe(start.nodes.length + 1);

    await editor.waitForStableViewport();
    const box = (await editor.node('orders').locator('.fo-node__label').boundingBox())!;
    const before = (await editor.document()).nodes.find((n) => n.id === 'orders')!.position!;
    await page.mouse.move(box.x + 10, box.y + 5);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 10 + i * 6, box.y + 5 + i * 3);
    await page.mouse.up();
    const position = async () => (await editor.document()).nodes.find((n) => n.id === 'orders')!.position!;
    await expect.poll(async () => (await position()).x).toBeGreaterThan(before.x + 50);
    const after = await position();
    // Stored in whole units (clean diffs), whatever the zoom made of the pointer's movement.
    expect(Number.isInteger(after.x) && Number.isInteger(after.y)).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await editor.document()).nodes.find((n) => n.id === 'orders')!.position).toEqual(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await editor.document()).nodes.find((n) => n.id === 'orders')!.position).toEqual(after);
  });

  test('copy and paste through the system clipboard, with fresh ids', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await editor.select('email-queue');
    await editor.node('email').locator('.fo-node__label').click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+c');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(clip)).toMatchObject({ format: 'fanout/fragment', nodes: [{ id: 'email-queue' }, { id: 'email' }] });
    await page.keyboard.press('Control+v');
    await expect.poll(async () => (await editor.document()).nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['email-queue-2', 'email-2']));
    const doc = await editor.document();
    expect(doc.edges.some((e) => e.from === 'email-queue-2' && e.to === 'email-2')).toBe(true);
    await page.screenshot({ path: 'e2e/.output/editing-pasted.png' });
    // Duplicate and Delete from the toolbar.
    await editor.toolbar('Duplicate').click();
    await expect.poll(async () => (await editor.document()).nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['email-queue-3', 'email-3']));
    await editor.toolbar('Delete').click();
    await expect.poll(async () => (await editor.document()).nodes.map((n) => n.id)).not.toContain('email-3');
  });

  test('keyboard: Tab to a node, select it, nudge with arrows; ? opens the shortcuts', async ({ page }) => {
    await editor.select('orders');
    const before = (await editor.document()).nodes.find((n) => n.id === 'orders')!.position!;
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(async () => (await editor.document()).nodes.find((n) => n.id === 'orders')!.position).toEqual({ x: before.x + 5, y: before.y + 50 });
    await page.keyboard.press('Escape');
    // Nodes are reachable by Tab.
    await page.locator('.react-flow__node').first().focus();
    await expect(page.locator('.react-flow__node:focus')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(editor.inspector().getByLabel('Id', { exact: true })).toBeVisible();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Undo');
    // The player's keys are listed too (from the table their handler reads).
    await expect(dialog.getByRole('heading', { name: 'Simulate' })).toBeVisible();
    await expect(dialog).toContainText('Play / pause');
    await expect(dialog).toContainText('Step back one event');
    await page.screenshot({ path: 'e2e/.output/editing-shortcuts.png' });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Deleting the focused node moves focus to the node that took its place, not to the page,
    // and a screen reader hears what went.
    const focusedNode = page.locator('.react-flow__node:focus');
    const deleted = await focusedNode.getAttribute('data-id');
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('edit-announcer')).toHaveText(/^Removed .*”\.$/);
    await expect.poll(async () => (await editor.document()).nodes.some((n) => n.id === deleted)).toBe(false);
    await expect(focusedNode).toHaveCount(1);
    expect(await focusedNode.getAttribute('data-id')).not.toBe(deleted);
  });

  test('problems: badges, the panel, and a click that selects the node', async ({ page }) => {
    await editor.paletteItem('Consumer').click();
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems).toContainText('consumer-no-inlet');
    await expect(editor.node('consumer-1').locator('.fo-badge--error')).toBeVisible();
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await problems.getByRole('button', { name: /consumer-no-inlet/ }).click();
    await expect(editor.inspector().getByLabel('Id', { exact: true })).toHaveValue('consumer-1');
    await page.screenshot({ path: 'e2e/.output/editing-problems.png' });
  });

  test('right-click menu runs actions from the registry', async ({ page }) => {
    await editor.node('email').locator('.fo-node__label').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Node actions' });
    await expect(menu).toBeVisible();
    await page.screenshot({ path: 'e2e/.output/editing-context-menu.png' });
    await menu.getByRole('menuitem', { name: /Duplicate/ }).click();
    await expect.poll(async () => (await editor.document()).nodes.map((n) => n.id)).toContain('email-2');

    // From the keyboard: Shift+F10 on a focused node opens it; Escape or Tab closes it and gives
    // focus back to the node.
    const node = editor.node('email');
    await node.focus();
    for (const closeKey of ['Escape', 'Tab']) {
      await page.keyboard.press('Shift+F10');
      await expect(menu).toBeVisible();
      await expect(menu.getByRole('menuitem').first()).toBeFocused();
      await page.keyboard.press(closeKey);
      await expect(menu).toHaveCount(0);
      await expect(node).toBeFocused();
    }
  });

  test('reload keeps the diagram (autosave), and New asks first', async ({ page }) => {
    await editor.paletteItem('Stream').click();
    await expect.poll(async () => (await editor.document()).nodes.map((n) => n.id)).toContain('stream-1');
    const before = await editor.document();
    await page.waitForTimeout(800); // autosave is debounced (500 ms)
    await editor.open({ keepStorage: true });
    expect(await editor.document()).toEqual(before);
    await editor.toolbar('New').click();
    const confirm = page.getByRole('dialog', { name: 'Are you sure?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await editor.document()).nodes.length).toBe(before.nodes.length);
  });

  test('a corrupt autosave is reported and kept aside', async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('fanout.autosave', '{"app":"fanout","document":'));
    await editor.open({ keepStorage: true });
    await expect(page.getByRole('alert').filter({ hasText: 'Could not restore' })).toContainText('kept in browser storage');
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fanout.autosave.unreadable.')));
    expect(kept).toHaveLength(1);
    await expect(page.locator('.react-flow__node')).toHaveCount(10); // the first example instead
  });

  test('examples menu opens an example', async ({ page }) => {
    await editor.toolbar('New').click();
    await editor.toolbar('Examples').click();
    const dialog = page.getByRole('dialog', { name: 'Examples' });
    await expect(dialog.getByRole('button').first()).toBeVisible();
    await page.screenshot({ path: 'e2e/.output/editing-examples.png' });
    await dialog.getByRole('button', { name: /order/i }).first().click();
    await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  });

  test('dark mode renders, and the Theme button overrides the system', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html[data-theme="dark"]')).toHaveCount(1);
    const bg = await page.locator('.fo-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgb(255, 255, 255)');
    await editor.select('email-queue');
    await page.screenshot({ path: 'e2e/.output/editing-dark.png' });
    await editor.toolbar('Theme: Auto').click(); // system → dark
    await editor.toolbar('Theme: Dark').click(); // dark → light
    await expect(editor.toolbar('Theme: Light')).toBeVisible();
    await expect(page.locator('html[data-theme="light"]')).toHaveCount(1);
  });

  test('an exchange binds a queue with a binding key; the edge inspector edits it; Shift+drag box-selects', async ({ page }) => {
    await editor.toolbar('New').click();
    await editor.paletteItem('Exchange').click();
    await editor.paletteItem('Queue').click();
    await expect.poll(async () => (await editor.document()).nodes.map((n) => n.id)).toEqual(['exchange-1', 'queue-1']);
    await editor.connect('exchange-1', 'queue-1');
    await expect.poll(async () => (await editor.document()).edges.length).toBe(1);
    const inspector = editor.inspector();
    await expect(inspector).toContainText('Bind edge');
    const key = inspector.getByLabel('Binding key', { exact: true });
    await expect(key).toHaveValue('#');
    await key.fill('order.*');
    await expect.poll(async () => (await editor.document()).edges[0]).toMatchObject({ kind: 'bind', bindingKey: 'order.*' });
    await expect(page.locator('.fo-edge-label')).toContainText('order.*');
    await page.screenshot({ path: 'e2e/.output/editing-bind-edge.png' });
    await inspector.getByLabel('Edge kind', { exact: true }).selectOption({ label: 'Alternate (unroutable)' });
    await expect.poll(async () => (await editor.document()).edges[0]).toEqual({ id: expect.any(String), from: 'exchange-1', to: 'queue-1', kind: 'alternate' });

    const a = (await editor.node('exchange-1').boundingBox())!;
    const b = (await editor.node('queue-1').boundingBox())!;
    const left = Math.min(a.x, b.x) - 20;
    const top = Math.min(a.y, b.y) - 20;
    const right = Math.max(a.x + a.width, b.x + b.width) + 20;
    const bottom = Math.max(a.y + a.height, b.y + b.height) + 20;
    await page.keyboard.down('Shift');
    await page.mouse.move(left, top);
    await page.mouse.down();
    await page.mouse.move((left + right) / 2, (top + bottom) / 2, { steps: 5 });
    await page.mouse.move(right, bottom, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(inspector).toContainText('3 selected');
  });

  test('connect from the inspector, without a pointer', async ({ page }) => {
    await editor.select('email');
    const inspector = editor.inspector();
    const select = inspector.getByLabel('Connect to', { exact: true });
    // Only what the edge table allows is offered: a consumer publishes to brokers, never to a consumer.
    const options = await select.locator('option').allTextContents();
    expect(options.some((o) => o.includes('(Consumer)'))).toBe(false);
    expect(options).toContain('payment-events (Topic)');
    await select.selectOption({ label: 'payment-events (Topic)' });
    await inspector.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(async () => (await editor.document()).edges.find((e) => e.from === 'email' && e.to === 'payment-events')).toMatchObject({ kind: 'publish' });
    await expect(inspector.getByRole('button', { name: /payment-events\s*publish/ })).toBeVisible();
    // The Connect button disabled itself: focus is back on the choice, not on the page.
    await expect(select).toBeFocused();
    await page.screenshot({ path: 'e2e/.output/editing-connect-inspector.png' });

    // Removing the last item of a list (here a producer's second stream) moves focus to the one
    // before it.
    await editor.select('orders');
    await inspector.getByRole('button', { name: '+ Add message stream' }).click();
    // Adding one moves focus to its first field.
    await expect(inspector.getByLabel('Message type', { exact: true }).nth(1)).toBeFocused();
    await inspector.getByRole('button', { name: 'Remove message stream 2' }).click();
    await expect(inspector.getByRole('button', { name: 'Remove message stream 2' })).toHaveCount(0);
    await expect(inspector.getByRole('button', { name: 'Remove message stream 1' })).toBeFocused();
  });

  test('a routing key can be one key or a list the producer cycles through', async () => {
    await editor.select('orders');
    const field = editor.inspector().getByLabel('Routing key', { exact: true });
    await field.fill('order.placed.eu, order.placed.us');
    await expect.poll(async () => (await editor.document()).nodes.find((n) => n.id === 'orders')!.messages).toEqual([
      expect.objectContaining({ routingKey: ['order.placed.eu', 'order.placed.us'] }),
    ]);
    await field.fill('order.placed');
    await expect.poll(async () => (await editor.document()).nodes.find((n) => n.id === 'orders')!.messages).toEqual([
      expect.objectContaining({ routingKey: 'order.placed' }),
    ]);
  });
  test('a burst time typed alone makes a whole burst with a size; clearing the size removes it', async ({ page }) => {
    await editor.select('orders');
    const burst = async () => ((await editor.document()).nodes.find((n) => n.id === 'orders')!.messages as Array<{ burst?: unknown }>)[0]!.burst;
    const at = editor.inspector().getByLabel('Burst at', { exact: true });
    const size = editor.inspector().getByLabel('Burst size', { exact: true });
    await at.fill('20');
    await expect(at).not.toHaveAttribute('aria-invalid', 'true');
    await expect(size).toHaveValue('100');
    await expect.poll(burst).toEqual({ at: 20, count: 100 });
    await size.fill('250');
    await expect.poll(burst).toEqual({ at: 20, count: 250 });
    await page.screenshot({ path: 'e2e/.output/editing-burst.png' });
    await size.fill('');
    await expect.poll(burst).toBeUndefined();
    await expect(at).toHaveValue('');
  });
});
