// @ts-check
// `npm start`: builds the extension, starts the stand-in portal, and opens Chromium with
// the extension loaded and the portal's hostnames resolved to the stand-in, at
// http://www.cpta.com.cn/, in a profile of its own that is deleted afterwards.
//
//   With a display: a window to click through, until it is closed or Ctrl-C.
//   Without one:    walks a holder's whole first visit headless, keeps a screenshot of
//                   every step, and exits 0.
//
//   npm start -- --real          the real portal instead (no stand-in, no host mapping)
//   npm start -- --lang=en       the browser (and so the guide) in English (default zh-CN)
//   npm start -- --headless      walk headless even with a display
//   npm start -- --no-build      use the last build
//   npm start -- --ready-delay=2m  how long the stand-in takes to generate an annotation
//   npm start -- --shots=DIR     where the walkthrough's screenshots go
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './browser.mjs';
import { journeySteps } from './journey.mjs';
import { parseDuration } from './model.mjs';
import { startStandin } from './server.mjs';
import { Walk } from './walk.mjs';

const { values: args } = parseArgs({
  options: {
    real: { type: 'boolean', default: false },
    lang: { type: 'string' },
    headless: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'ready-delay': { type: 'string' },
    shots: { type: 'string', default: 'test-output/start-walkthrough' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});

if (args.help) {
  console.log(`npm start [-- --real] [-- --lang=en] [-- --headless] [-- --no-build] [-- --ready-delay=2m] [-- --shots=DIR]`);
  process.exit(0);
}

const say = (/** @type {string} */ line) => console.log(`[start] ${line}`);
const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.headless || !hasDisplay;
const dist = resolve(process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');

if (!args['no-build']) {
  say('Building the extension (npm run build)…');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('[start] The build failed: see above.');
    process.exit(built.status ?? 1);
  }
}
say(`Extension: ${dist}`);

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
let stopping = false;
async function stop(/** @type {number} */ code) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => { say('Ctrl-C: closing the browser and the stand-in.'); void stop(0); });
process.on('SIGTERM', () => void stop(0));

try {
  if (args.real) await real();
  else await standin();
} catch (error) {
  // Ctrl-C during start-up closes the browser under whatever was running: not an error.
  if (!stopping) console.error(`[start] ${/** @type {Error} */ (error)?.message ?? error}`);
  await stop(stopping ? 0 : 1);
}

/** The real portal: no stand-in, no host mapping. */
async function real() {
  const home = 'http://www.cpta.com.cn/';
  const browser = await launchChromium({ dist, headless, lang: args.lang ?? 'zh-CN', viewport: headless ? undefined : null });
  cleanups.push(() => browser.close());
  say(`Chromium with the extension, on the REAL portal: ${home}`);
  await speakAsAsked(new Walk({ ...browser, origin: 'http://www.cpta.com.cn' }));
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  if (!headless) {
    say('Close the window or press Ctrl-C to stop. The temporary profile is deleted afterwards.');
    await page.goto(home).catch((e) => say(`Could not open ${home}: ${e.message}`));
    await untilClosed(browser.context);
    return stop(0);
  }
  try {
    await page.goto(home, { timeout: 20_000 });
  } catch (error) {
    const reason = /net::\w+/.exec(String(/** @type {Error} */ (error)?.message))?.[0] ?? 'timed out';
    throw new Error(`Could not reach the real portal at ${home} (${reason}): --real needs the internet.`, { cause: error });
  }
  const shot = resolve(args.shots, 'real-home.png');
  rmSync(resolve(args.shots), { recursive: true, force: true });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: shot });
  say(`No display: took one screenshot of the real home page: ${shot}`);
  return stop(0);
}

/** The stand-in portal, clicked through by a person or walked headless. */
async function standin() {
  const readyDelayMs = args['ready-delay'] ? parseDuration(args['ready-delay']) : headless ? undefined : 2 * 60_000;
  /** @type {Walk | undefined} */
  let live;
  // Moving the stand-in's clock from its control page moves the extension's too, so a
  // person clicking "+25 h" sees the reminders that moment brings.
  const portal = await startStandin({ readyDelayMs, log: (line) => console.error(line), onClockMoved: () => live?.followStandinClock() });
  cleanups.push(() => portal.close());
  say(`Stand-in portal on 127.0.0.1: http port ${portal.ports.http}, https port ${portal.ports.https} (self-signed).`);
  const browser = await launchChromium({ dist, ports: portal.ports, headless, lang: args.lang ?? 'zh-CN', viewport: headless ? undefined : null });
  cleanups.push(() => browser.close());
  say(`Chromium${headless ? ' (headless)' : ''} with the extension (id ${browser.extensionId}), portal hostnames resolved to the stand-in.`);
  const home = 'http://www.cpta.com.cn/';

  if (!headless) {
    live = new Walk({ ...browser, standin: portal, origin: 'http://www.cpta.com.cn' });
    await speakAsAsked(live);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(home);
    say(`Opened ${home}  (also https://www.cpta.com.cn/)`);
    say('Log in with any name, password and captcha. Applications are generated after ' +
      `${Math.round((readyDelayMs ?? 0) / 1000)} s.`);
    say('Move time (the stand-in\'s clock and the extension\'s together): http://www.cpta.com.cn/__standin/');
    say('Close the window or press Ctrl-C to stop. The temporary profile is deleted afterwards.');
    await untilClosed(browser.context);
    if (!stopping) say('The window was closed: stopping the stand-in and deleting the temporary profile.');
    return stop(0);
  }

  const shots = resolve(args.shots);
  rmSync(shots, { recursive: true, force: true });
  say(`No display: walking a holder's first visit headless on http://www.cpta.com.cn/ (the stand-in); ` +
    `a screenshot of every step goes to ${shots}. Ctrl-C stops it.`);
  const walk = new Walk({ ...browser, standin: portal, origin: 'http://www.cpta.com.cn', shots, timeoutMs: 15_000 });
  await speakAsAsked(walk);
  for (const step of journeySteps()) {
    await step.run(walk);
    if (step.guide) await walk.guide(step.guide);
    let path;
    if (step.shot === 'popup') {
      const popup = await walk.openPopup();
      await popup.locator('[data-testid="certificate"]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
      path = await walk.screenshot(step.id, popup);
      await popup.close();
    } else {
      path = await walk.screenshot(step.id);
    }
    say(`${step.id}: ${step.says}  → ${path}`);
  }
  say(`Done: ${journeySteps().length} steps, screenshots in ${shots}`);
  return stop(0);
}

/**
 * The extension in the language asked for (Chinese unless --lang=en). Debian's Chromium
 * without chromium-l10n reports en-US whatever --lang says; the extension's own language
 * setting then says it instead, as a holder would choose in its settings.
 * @param {Walk} walk
 */
async function speakAsAsked(walk) {
  const locale = /^en\b/i.test(args.lang ?? 'zh-CN') ? 'en' : 'zh_CN';
  if ((await walk.speak(locale)) === 'setting') {
    say(`This Chromium reports its UI language as ${await walk.uiLanguage()} (on Debian, chromium-l10n adds the others): ` +
      `the extension's language is set to ${locale === 'en' ? 'English' : '中文'} in its settings instead.`);
  }
}

/** Resolves when the person has closed every window. @param {import('playwright-core').BrowserContext} context */
function untilClosed(context) {
  return new Promise((done) => {
    context.on('close', () => done(undefined));
    const check = () => { if (context.pages().length === 0) done(undefined); };
    context.on('page', (p) => p.on('close', check));
    for (const p of context.pages()) p.on('close', check);
  });
}
