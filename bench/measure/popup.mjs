// 4. The popup: from opening popup.html to its certificates rendered, with records
// seeded in the extension's IndexedDB; and 7b, the service worker's heap after a full
// sync ({type:'data/changed'}), read through a DevTools session attached to the worker.
import { summary } from '../stats.mjs';

/**
 * Records from the reminder tests' generator, each checked with the real zod schemas.
 * @param {any} node the bundled project code
 * @param {{ certificates: number, annotations: number, now: number }} size
 */
export function makeRecords(node, size) {
  const input = node.generateLargeInput(size);
  const check = (/** @type {any} */ schema, /** @type {any[]} */ records, /** @type {string} */ what) => {
    for (const r of records) {
      const parsed = schema.safeParse(r);
      if (!parsed.success) throw new Error(`a generated ${what} does not satisfy its schema: ${parsed.error.message}`);
    }
  };
  check(node.CertificateSchema, input.certificates, 'certificate');
  check(node.AnnotationSchema, input.annotations, 'annotation');
  check(node.ReminderLogEntrySchema, input.reminderLog, 'reminder log entry');
  return { certificates: input.certificates, annotations: input.annotations, reminderLog: input.reminderLog };
}

/**
 * Replaces what the database holds, from an extension page (the popup has opened it, so
 * the schema exists). Like tests/e2e/popup-seed.ts.
 * @param {import('playwright-core').Page} page @param {string} dbName
 * @param {{ certificates: unknown[], annotations: unknown[], reminderLog: unknown[] }} data
 */
export async function seedDatabase(page, dbName, data) {
  await page.evaluate(
    async ({ dbName, data }) => {
      /** @type {IDBDatabase} */
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(dbName);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const stores = ['certificates', 'annotations', 'reminderLog'];
      const tx = db.transaction(stores, 'readwrite');
      for (const s of stores) tx.objectStore(s).clear();
      for (const c of data.certificates) tx.objectStore('certificates').put(c);
      for (const a of data.annotations) tx.objectStore('annotations').put(a);
      for (const l of data.reminderLog) tx.objectStore('reminderLog').put(l);
      await new Promise((ok, fail) => {
        tx.oncomplete = () => ok(undefined);
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    },
    { dbName, data },
  );
}

const POPUP_PAINTED = 'cpta-bench-popup-painted';

/** Runs in the popup before its script: when the first certificate appears. */
function observePopup(/** @type {string} */ POPUP_PAINTED) {
  const r = { shownAt: /** @type {number | null} */ (null), count: 0, paintAt: /** @type {number | null} */ (null) };
  Object.defineProperty(window, '__cptaBenchPopup', { value: r });
  const o = new MutationObserver(() => {
    const found = document.querySelectorAll('[data-testid="certificate"]');
    if (!found.length) return;
    o.disconnect();
    r.shownAt = performance.now();
    r.count = found.length;
    requestAnimationFrame(() =>
      setTimeout(() => {
        r.paintAt = performance.now();
        console.debug(POPUP_PAINTED);
      }, 0),
    );
  });
  o.observe(document, { childList: true, subtree: true });
}

/** @param {import('../browser.mjs').Profile} ext */
export function extensionPage(ext, path = 'popup.html') {
  return `chrome-extension://${ext.extensionId}/${path}`;
}

/** The HTML of an extension page with nothing but one "certificate": the renderer's own start-up, the floor under the popup. */
export const FLOOR_PAGE = 'bench-floor.html';
export const FLOOR_HTML = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>floor</title></head><body><div data-testid="certificate">—</div></body></html>';

/**
 * One load of an extension page, timed to the popup's painted list (or the floor's paint).
 * @param {import('../browser.mjs').Profile} ext @param {string} path
 */
async function timeOnce(ext, path) {
  const page = await ext.context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(observePopup, POPUP_PAINTED);
    // Nothing of Playwright's runs in the page until the list has painted: waiting for
    // 'load' and then polling with waitForFunction injected Playwright's script into the
    // page while the popup was still reading its records (50–230 ms of main thread on a
    // loaded machine), a cost no holder's popup has. A console message says "painted".
    const painted = page.waitForEvent('console', { predicate: (m) => m.text() === POPUP_PAINTED, timeout: 15_000 });
    const t0 = Date.now();
    await page.goto(extensionPage(ext, path), { waitUntil: 'commit' });
    await painted;
    const wallMs = Date.now() - t0;
    const r = await page.evaluate(() => /** @type {any} */ (window).__cptaBenchPopup);
    if (r.count === 0) throw new Error(`${path} showed no certificate`);
    return { shownMs: r.shownAt, paintMs: r.paintAt, count: r.count, wallMs };
  } finally {
    await page.close();
  }
}

/**
 * The popup with `sizes` of records, each against the floor (FLOOR_PAGE, which the
 * benchmark writes into the build): each load of the popup follows one of the floor, so
 * that drift hits both. With `against` (another build, in a profile of its own, with the
 * floor written into it too), the two builds take turns load by load, and its figures come
 * back as `against` beside each size's.
 * @param {{ ext: import('../browser.mjs').Profile, against?: import('../browser.mjs').Profile, node: any, loads: number, sizes: { certificates: number, annotations: number }[] }} o
 */
export async function measurePopup(o) {
  const profiles = o.against ? [o.ext, o.against] : [o.ext];
  const out = [];
  for (const size of o.sizes) {
    const data = makeRecords(o.node, { ...size, now: Date.now() });
    for (const p of profiles) {
      const setup = await p.context.newPage();
      try {
        await setup.goto(extensionPage(p));
        await setup.waitForSelector('main.popup, [data-testid=empty-state], [data-testid=certificate]', { timeout: 15_000 });
        await seedDatabase(setup, o.node.DB_NAME, data);
      } finally {
        await setup.close();
      }
    }
    /** @type {{ floor: any[], runs: any[] }[]} */
    const timed = profiles.map(() => ({ floor: [], runs: [] }));
    // The first round warms each profile up and is not counted.
    for (let i = 0; i < o.loads + 1; i++) {
      for (const [k, p] of profiles.entries()) {
        const floor = await timeOnce(p, FLOOR_PAGE);
        const run = await timeOnce(p, 'popup.html');
        if (i > 0) {
          timed[k].floor.push(floor);
          timed[k].runs.push(run);
        }
      }
    }
    const figures = timed.map(({ floor, runs }) => ({
      certificates: data.certificates.length,
      annotations: data.annotations.length,
      loads: o.loads,
      certificatesShown: runs[0]?.count ?? 0,
      shownMs: summary(runs.map((r) => r.shownMs)),
      paintMs: summary(runs.map((r) => r.paintMs)),
      wallMs: summary(runs.map((r) => r.wallMs)),
      floorPaintMs: summary(floor.map((r) => r.paintMs)),
      overFloorMs: summary(runs.map((r, i) => r.paintMs - (floor[i]?.paintMs ?? NaN))),
      runs,
      floor,
    }));
    out.push(o.against ? { ...figures[0], against: figures[1] } : figures[0]);
  }
  return out;
}

/**
 * A DevTools session on the extension's service worker, reached through a page's session
 * (Playwright gives none for workers): Target.attachToTarget without flattening, messages
 * wrapped in Target.sendMessageToTarget.
 * @param {import('playwright-core').BrowserContext} context @param {import('playwright-core').Page} page
 */
export async function workerSession(context, page) {
  const session = await context.newCDPSession(page);
  const { targetInfos } = await session.send('Target.getTargets');
  // new URL() gives chrome-extension: URLs no origin: compare the host part by hand.
  const prefix = page.url().replace(/^(chrome-extension:\/\/[^/]+\/).*$/, '$1');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(prefix));
  if (!target) throw new Error('no service worker target for the extension');
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 0;
  /** @type {Map<number, (m: any) => void>} */
  const waiting = new Map();
  session.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  /** @param {string} method @param {object} [params] @returns {Promise<any>} */
  const send = (method, params = {}) =>
    new Promise((ok, fail) => {
      const id = ++next;
      waiting.set(id, (m) => {
        waiting.delete(id);
        if (m.error) fail(new Error(`${method}: ${m.error.message}`));
        else ok(m.result);
      });
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(fail);
    });
  return { send, detach: () => session.detach().catch(() => undefined) };
}

/**
 * @param {{ ext: import('../browser.mjs').Profile, node: any, sizes: { certificates: number, annotations: number }[], syncs: number }} o
 */
export async function measureWorkerMemory(o) {
  const page = await o.ext.context.newPage();
  try {
    await page.goto(extensionPage(o.ext, 'options.html'));
    const worker = await workerSession(o.ext.context, page);
    const heap = async (gc = true) => {
      if (gc) await worker.send('HeapProfiler.collectGarbage');
      return (await worker.send('Runtime.getHeapUsage')).usedSize;
    };
    const results = [];
    for (const size of o.sizes) {
      const data = makeRecords(o.node, { ...size, now: Date.now() });
      await seedDatabase(page, o.node.DB_NAME, data);
      const before = await heap();
      const syncMs = [];
      let afterNoGc = 0;
      for (let i = 0; i < o.syncs; i++) {
        const t = Date.now();
        const answer = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'data/changed' }));
        syncMs.push(Date.now() - t);
        if (!answer || answer.ok !== true) throw new Error(`the worker answered data/changed with ${JSON.stringify(answer)}`);
        if (i === 0) afterNoGc = await heap(false);
      }
      const after = await heap();
      results.push({ ...size, heapBeforeBytes: before, heapJustAfterSyncBytes: afterNoGc, heapAfterSyncBytes: after, syncMs: summary(syncMs.slice(1).length ? syncMs.slice(1) : syncMs), firstSyncMs: syncMs[0] });
    }
    await worker.detach();
    return results;
  } finally {
    await page.close();
  }
}
