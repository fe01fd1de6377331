// The top frame: one panel for the tab. It gathers every frame's report (relayed by the
// background, named by frameId), shows the most specific step, tells the frame that holds
// its target to outline it, keeps the panel clear of that target, and asks for consent.
import { render } from 'preact';
import { resolveLocale, type Locale } from '../i18n/locale';
import { i18nLookup, makeStrings, tableLookup, type I18nLike, type Lookup, type Strings } from './strings';
import type { GuideContext } from './protocol';
import { addDays, beijingDateAt, isBeijingDate } from '../dates/beijing';
import type { Send } from './messaging';
import type { MessageOf } from '../messages';
import type { StepId } from '../portal/steps';
import { devLog } from '../log';
import { annotationNote, createAgent, type Agent, type Recognise } from './agent';
import { frameElementOf, isDescendant, isOurs, isPortalOrigin, type FrameRect, type FromFrame, type Listen, type Note, type ToTopWindow } from './frames';
import { mountHost, PANEL_TAG, pinToCorner } from './host';
import { buildModel, type LastDayState, type PanelModel } from './model';
import { LiveRegion, Panel, stepAnnouncement, type PanelActions } from './Panel';
import { chooseCorner, type Corner, type Rect } from './placement';
import { pickWinner, UNKNOWN_REPORT, type FrameReport } from './report';
import { PANEL_CSS } from './styles';
import { UNKNOWN_STEP } from '../portal/types';
import { panelTraits } from '../portal/steps';
import type { WatchOptions } from './watch';
import type { LoadPageReport } from './page-report';
import { ReportOffer } from './ReportOffer';
import type { GuideKey } from './strings';

interface FrameEntry {
  report: FrameReport;
  /** The target's box in that frame's own viewport. */
  rect: FrameRect | null;
  /** Names the frame's window in window messages (geometry only). */
  token: string;
  lastActive?: string;
}

/** Windows remembered by token (a page may post many made-up ones). */
const MAX_WINDOWS = 64;

/** Frame ids are the browser's (sender.frameId); the top frame is 'self'. */
type FrameKey = number | 'self';

export interface TopOptions {
  win: Window;
  /** The extension's i18n (strings in the browser's language). */
  i18n?: I18nLike;
  recognise: Recognise;
  send: Send;
  listen: Listen;
  now?: () => number;
  watch?: WatchOptions;
  /** Loads the page report's code when the holder asks for one (lib/guide/page-report.ts). */
  pageReport?: LoadPageReport;
}

export function startTop(o: TopOptions): () => void {
  const { win, send } = o;
  const doc = win.document;
  const mounted = mountHost(doc, PANEL_TAG, PANEL_CSS);
  const mount = doc.createElement('div');
  mounted.root.appendChild(mount);

  const frames = new Map<number, FrameEntry>();
  // A frame's token → its window, bound by the first window message that names it (the
  // frame's own, posted before any page script could have read the token).
  const windows = new Map<string, MessageEventSource>();
  let selfReport: FrameReport | null = null;
  let selfRect: Rect | null = null;
  let context: GuideContext | null = null;
  let collapsed = false;
  let unknownOpened = false;
  let note: Note | null = null;
  let noteStep = '';
  let declinedNow = false;
  let corner: Corner = 'br';
  let renderedKey = '';
  let renderedModel: PanelModel | null = null;
  let announcedStep = '';
  let announcement = '';
  let winnerSource: FrameKey = 'self';
  let askedNumber: string | undefined;
  let placeFrame = 0;
  let stopped = false;
  // Set once the agent exists: its first recognition reports before createAgent returns.
  // eslint-disable-next-line prefer-const -- a const would be read before it exists
  let agent: Agent | undefined;
  // The page report: the step last told to the background, and the tab's last step of
  // the flow it answered.
  let seenStep = '';
  let lastFlowStep: string | undefined;
  let reportBusy = false;
  let reportFailed = false;

  // The page's browser language decides (Chinese unless it is English); _locales answers
  // in the browser UI's language, which is the same outside of emulation.
  const pageLanguage = win.navigator.language;
  // Each string asked of _locales once: the panel draws a line's key many times (a warning per withdrawn row, every line's label).
  const fromLocales = i18nLookup(o.i18n);
  const looked = new Map<string, string | undefined>();
  const i18n: Lookup = (area, key) => {
    const name = `${area}_${key}`;
    if (!looked.has(name)) looked.set(name, fromLocales(area, key));
    return looked.get(name);
  };
  // Which language _locales actually serves (each area file names its own locale).
  const served = i18n('guide', 'locale_code');
  const haveLocale: Locale | undefined = served === 'zh_CN' || served === 'en' ? served : undefined;
  const uiLocale: Locale = haveLocale ?? resolveLocale('auto', pageLanguage);
  const uiStrings = makeStrings(uiLocale, i18n);
  let tableStrings: { id: string; strings: Strings } | null = null;
  // When _locales speaks another language than the page, wait (briefly) for the background's
  // table rather than flash the wrong language.
  let waitForStrings = resolveLocale('auto', pageLanguage) !== haveLocale;
  const waitTimer = waitForStrings
    ? setTimeout(() => {
        waitForStrings = false;
        update();
      }, 1500)
    : undefined;
  /** The wanted language from _locales when it can give it, else from the table the background sent. */
  const strings = (): { id: string; strings: Strings } => {
    const wanted = resolveLocale(context?.language ?? 'auto', pageLanguage);
    const table = context?.strings;
    if (wanted === uiLocale || !table || table.locale !== wanted) return { id: `i18n:${uiLocale}`, strings: uiStrings };
    if (tableStrings?.id !== `table:${wanted}`) tableStrings = { id: `table:${wanted}`, strings: makeStrings(wanted, tableLookup(table)) };
    return tableStrings;
  };

  const tell = (frameId: number | undefined, say: 'hello' | 'consent' | 'active', extra: { active?: boolean; visible?: boolean } = {}) => {
    const message: MessageOf<'guide/to-frames'> = { type: 'guide/to-frames', say, ...extra };
    if (frameId !== undefined) message.frameId = frameId;
    void send(message);
  };

  let lastDayState: LastDayState = { correcting: false };
  const today = () => beijingDateAt((o.now ?? Date.now)());
  /** The holder's answer: checked here (a real day of a valid annotation), stored by the background. */
  const giveLastDay = (date: string, certificateNumber: string) => {
    const t = today();
    const max = addDays(t, 89);
    if (!isBeijingDate(date) || date < t || date > max) {
      lastDayState = { ...lastDayState, error: 'range' };
      update(true);
      return;
    }
    lastDayState = { correcting: false };
    void send({ type: 'guide/annotation-last-day', certificateNumber, validUntil: date }).then(async (a) => {
      if (stopped || !a || typeof a !== 'object') return;
      if (a.ok && a.annotation) note = annotationNote(a.annotation);
      else if (!a.ok && a.reason === 'bad-date') lastDayState = { ...lastDayState, error: 'bad-date' };
      else if (!a.ok && a.reason !== 'no-consent') note = { kind: 'problem', reason: a.reason };
      await agent?.refreshContext(certificateNumber);
      update();
    });
  };
  const currentQuestion = () => renderedModel?.lastDay;

  const actions: PanelActions = {
    answerLastDay(date, trusted) {
      // Only the holder's own input answers for the holder: a page script's click() is not trusted.
      const q = currentQuestion();
      if (!trusted || !q) return;
      giveLastDay(date, q.certificateNumber);
    },
    keepLastDay(trusted) {
      const q = currentQuestion();
      if (!trusted || !q?.page) return;
      lastDayState = { correcting: false, keptFor: q.page.date };
      update(true);
    },
    correctLastDay(trusted) {
      if (!trusted) return;
      lastDayState = { correcting: true };
      update(true);
      mounted.root.querySelector<HTMLElement>('[data-testid="lastday-input"]')?.focus();
    },
    setCollapsed(value) {
      if (selfOrWinner().step === UNKNOWN_STEP) unknownOpened = !value;
      else {
        collapsed = value;
        void send({ type: 'settings/update', patch: { panelCollapsed: value } });
      }
      // Drawn now: focus moves to what the holder's click brought up.
      update(true);
      // Focus follows the holder's own toggling (never the panel's own changes).
      mounted.root.querySelector<HTMLElement>(value ? '.launcher' : '.panel button')?.focus();
    },
    answerConsent(accept) {
      declinedNow = !accept;
      if (context) context = { ...context, rememberPages: accept };
      update();
      void send({ type: 'settings/update', patch: { rememberPages: accept } }).then(async () => {
        if (!accept || stopped) return;
        await agent?.refreshContext(askedNumber);
        if (frames.size) tell(undefined, 'consent');
      });
    },
  };

  const selfOrWinner = (): FrameReport => winner()[1];

  const winner = (): [FrameKey, FrameReport] => {
    const entries: [FrameKey, FrameReport][] = [];
    if (selfReport) entries.push(['self', selfReport]);
    for (const [frameId, entry] of frames) entries.push([frameId, entry.report]);
    return pickWinner(entries) ?? ['self', selfReport ?? UNKNOWN_REPORT];
  };

  /** The winning target's box in the top viewport, if known. */
  const targetRect = (): Rect | null => {
    if (winnerSource === 'self') return selfRect;
    const entry = frames.get(winnerSource);
    if (!entry?.rect) return null;
    const frameEl = frameElementOf(doc, windows.get(entry.token) ?? null);
    if (!frameEl) return null;
    const f = frameEl.getBoundingClientRect();
    return { x: f.left + frameEl.clientLeft + entry.rect.x, y: f.top + frameEl.clientTop + entry.rect.y, width: entry.rect.width, height: entry.rect.height };
  };

  // The host's size as the browser last laid it out, reported by a ResizeObserver after
  // its own layout: placing the panel never asks for one in the middle of a task.
  let hostSize: { width: number; height: number } | null = null;
  let placedKey = '';
  const Resize = (win as unknown as typeof globalThis).ResizeObserver;
  const sizeObserver = Resize
    ? new Resize((entries) => {
        const entry = entries[entries.length - 1];
        if (!entry) return;
        const border = entry.borderBoxSize?.[0];
        hostSize = border ? { width: border.inlineSize, height: border.blockSize } : { width: entry.contentRect.width, height: entry.contentRect.height };
        schedulePlace();
      })
    : null;
  sizeObserver?.observe(mounted.host);

  const place = () => {
    placeFrame = 0;
    if (stopped) return;
    let size = hostSize;
    if (!sizeObserver) {
      const box = mounted.host.getBoundingClientRect();
      size = { width: box.width, height: box.height };
    }
    if (!size?.width || !size.height) return;
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    const target = targetRect();
    // Nothing moved since the last placement: nothing to decide.
    const key = JSON.stringify([viewport, size, target, corner]);
    if (key === placedKey) return;
    placedKey = key;
    const next = chooseCorner(viewport, size, target, corner);
    if (next !== corner) {
      corner = next;
      // Already in a frame: drawn in this one.
      update(true);
    }
  };
  const schedulePlace = () => {
    if (!placeFrame && !stopped) placeFrame = win.requestAnimationFrame(place);
  };

  // The panel is drawn in the next animation frame, not in the task that read the page:
  // that task ends sooner (the step is on the host at once), several changes before a
  // frame make one drawing, and nothing is drawn that no frame would show.
  let paintFrame = 0;
  const paintPanel = () => {
    paintFrame = 0;
    if (stopped || (waitForStrings && !context)) return;
    try {
      const host = mounted.host;
      const [source, report] = winner();
      const showsRecords = (selfReport?.showsRecords ?? false) || [...frames.values()].some((e) => e.report.showsRecords);
      const s = strings();
      const model: PanelModel = buildModel({
        locale: s.strings.locale,
        stringsId: s.id,
        winner: report,
        winnerIsTop: source === 'self',
        context,
        showsRecords,
        collapsed,
        unknownOpened,
        note,
        declinedNow,
        corner,
        lastDayState,
        now: (o.now ?? Date.now)(),
      });
      renderedModel = model;
      // Offered in the open panel on a recognised page, and on an unknown one inside the flow.
      const offerReport = !!o.pageReport && model.view === 'panel' && (report.step !== UNKNOWN_STEP || !!lastFlowStep);
      const key = `${JSON.stringify(model)}:${offerReport}:${reportFailed}`;
      if (key === renderedKey) return;
      renderedKey = key;
      pinToCorner(host, corner);
      // Announced once per step change, politely, not on every re-render.
      if (model.step !== announcedStep) {
        announcedStep = model.step;
        announcement = stepAnnouncement(model, s.strings);
      }
      render(
        <>
          <LiveRegion text={announcement} />
          <Panel
            model={model}
            strings={s.strings}
            actions={actions}
            extra={offerReport ? <ReportOffer s={s.strings} unknownPage={report.step === UNKNOWN_STEP} failed={reportFailed} onOpen={() => void openReport()} /> : null}
          />
        </>,
        mount,
      );
      schedulePlace();
    } catch {
      // The panel must outlive any one bad drawing.
    }
  };

  const update = (now = false) => {
    // Until this frame's first pass over the page has ended (it may take a few slices),
    // nothing is shown or told: the step is not known yet.
    if (stopped || !agent || !selfReport) return;
    try {
      mounted.ensureAttached();
      const [source, report] = winner();
      winnerSource = source;
      if (report.step !== seenStep) tellStep(report.step);
      const host = mounted.host;
      if (host.getAttribute('data-step') !== report.step) host.setAttribute('data-step', report.step);
      // The annotation's state, for the page's own styles and tests (only the step that reads one sets it).
      if (report.annotationState) {
        if (host.getAttribute('data-annotation-state') !== report.annotationState) host.setAttribute('data-annotation-state', report.annotationState);
      } else if (host.hasAttribute('data-annotation-state')) host.removeAttribute('data-annotation-state');

      const outlineVisible = !collapsed && report.step !== UNKNOWN_STEP;
      agent.setActive(source === 'self', outlineVisible);
      for (const [frame, entry] of frames) {
        const active = frame === source;
        const want = `${active}:${outlineVisible}`;
        if (entry.lastActive !== want) {
          entry.lastActive = want;
          tell(frame, 'active', { active, visible: outlineVisible });
        }
      }

      // A note belongs to the step it was made on.
      const stepKey = `${report.step}:${report.certificateNumber ?? ''}`;
      if (stepKey !== noteStep) {
        noteStep = stepKey;
        note = null;
        declinedNow = false;
        lastDayState = { correcting: false };
      }
      // The quota and readiness are per certificate: ask once the page names it.
      const number = report.certificateNumber;
      if (number && number !== askedNumber && panelTraits(report.step, report).perCertificate) {
        askedNumber = number;
        void agent.refreshContext(number);
      }

      if (now) {
        if (paintFrame) win.cancelAnimationFrame(paintFrame);
        paintPanel();
      } else if (!paintFrame) paintFrame = win.requestAnimationFrame(paintPanel);
    } catch (error) {
      // The panel must outlive any one bad update.
      devLog('panel', 'an update failed', error);
    }
  };

  /** Tells the background the tab's step; its answer says whether an unknown page is inside the flow. */
  const tellStep = (step: StepId) => {
    seenStep = step;
    // Told in a task of its own, after the one that shows the step.
    setTimeout(() => void tellStepNow(step), 0);
  };
  const tellStepNow = (step: StepId) => {
    if (stopped || seenStep !== step) return;
    void send({ type: 'guide/step-seen', step }).then((answer) => {
      const last = answer && 'lastFlowStep' in answer ? answer.lastFlowStep : undefined;
      if (stopped || seenStep !== step) return;
      lastFlowStep = typeof last === 'string' ? last : undefined;
      update();
    });
  };

  /** The holder asked for the page report: build it (frames included) and show it in full. */
  const openReport = async () => {
    if (reportBusy || !o.pageReport) return;
    reportBusy = true;
    const s = strings().strings;
    try {
      const api = await o.pageReport();
      if (!api || stopped) return;
      await api.open({
        root: mounted.root,
        win,
        report: winner()[1],
        lastFlowStep,
        t: (key, params) => s.t(key as GuideKey, params),
        onClose: () => mounted.root.querySelector<HTMLElement>('[data-testid="page-report"]')?.focus(),
      });
      reportFailed = false;
    } catch {
      reportFailed = true;
    } finally {
      reportBusy = false;
      update();
    }
  };

  // A record just saved changes the count of applications: ask again, so that the slots
  // left are said with it.
  const afterRecord = (n: Note) => {
    if ((n.kind === 'annotation' || n.kind === 'applied') && askedNumber) void agent?.refreshContext(askedNumber);
  };

  agent = createAgent({
    win,
    recognise: o.recognise,
    send,
    owns: mounted.owns,
    layer: () => mounted.root,
    onReport: (r) => {
      selfReport = r;
      update();
    },
    onRect: (r) => {
      selfRect = r;
      schedulePlace();
    },
    onNote: (n) => {
      note = n;
      afterRecord(n);
      update();
    },
    locale: resolveLocale('auto', pageLanguage),
    haveLocale,
    onContext: (c) => {
      const first = context === null;
      context = c;
      if (first) collapsed = c.panelCollapsed;
      update();
    },
    now: o.now,
    watch: o.watch,
  });

  // What frames report arrives through the background, which names the frame by the
  // frameId the browser gave it: a page script can neither send nor forge these.
  const onRelay = (message: unknown) => {
    const data = message as FromFrame | null;
    if (!data || data.type !== 'guide/from-frame' || typeof data.frameId !== 'number' || data.frameId === 0) return;
    const existing = frames.get(data.frameId);
    switch (data.kind) {
      case 'report':
        if (!data.report || typeof data.report.step !== 'string' || typeof data.token !== 'string') return;
        frames.set(data.frameId, { report: data.report, rect: data.rect ?? null, token: data.token, lastActive: existing?.token === data.token ? existing.lastActive : undefined });
        update();
        schedulePlace();
        break;
      case 'note':
        if (data.note && typeof data.note.kind === 'string') {
          note = data.note;
          afterRecord(data.note);
          update();
        }
        break;
      case 'bye':
        // Only the document that said hello says goodbye: a late one from the page this
        // frame showed before leaves the new page's report alone.
        if (existing?.token === data.token && frames.delete(data.frameId)) update();
        break;
    }
  };
  const unlisten = o.listen(onRelay);

  // Window messages: geometry only. A token is bound to the first window that names it.
  const onMessage = (event: MessageEvent) => {
    const data = event.data as ToTopWindow;
    if (!isOurs(data) || !event.source || !isPortalOrigin(event.origin) || !isDescendant(win, event.source)) return;
    if (typeof data.token !== 'string') return;
    const bound = windows.get(data.token);
    if (data.type === 'where') {
      if (!bound) {
        // Bounded: tokens no frame reported are forgotten first.
        if (windows.size >= MAX_WINDOWS) {
          const known = new Set([...frames.values()].map((e) => e.token));
          for (const token of windows.keys()) if (!known.has(token)) windows.delete(token);
        }
        if (windows.size < MAX_WINDOWS) windows.set(data.token, event.source);
      }
      schedulePlace();
    } else if (data.type === 'rect' && bound === event.source) {
      for (const entry of frames.values()) if (entry.token === data.token) entry.rect = data.rect ?? null;
      schedulePlace();
    }
  };
  win.addEventListener('message', onMessage);
  // Scrolling the top page moves a framed target too.
  win.addEventListener('scroll', schedulePlace, { capture: true, passive: true });
  win.addEventListener('resize', schedulePlace, { passive: true });

  // Frames that started before this listener: ask them to report again.
  if (win.frames.length > 0) tell(undefined, 'hello');
  update();

  return () => {
    stopped = true;
    clearTimeout(waitTimer);
    if (placeFrame) win.cancelAnimationFrame(placeFrame);
    if (paintFrame) win.cancelAnimationFrame(paintFrame);
    sizeObserver?.disconnect();
    win.removeEventListener('message', onMessage);
    unlisten();
    win.removeEventListener('scroll', schedulePlace, { capture: true });
    win.removeEventListener('resize', schedulePlace);
    agent?.stop();
    for (const [frameId, entry] of frames) if (entry.lastActive?.startsWith('true')) tell(frameId, 'active', { active: false, visible: false });
    try {
      render(null, mount);
    } catch {
      // ignore
    }
    mounted.remove();
  };
}
