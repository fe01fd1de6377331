// The guide in one frame: recognises its own document again whenever it changes,
// outlines the target when the top frame says this frame's step is the one shown,
// and, with the holder's consent, tells the background what the page shows.
import { panelTraits, stepModule, type StepId } from '../portal/steps';
import { unknownRecognition } from '../portal/recognise-core';
import { appliedMessage } from '../portal/application';
import type { PortalMessage, RecognitionBase } from '../portal/types';
import type { Locale } from '../i18n/locale';
import type { AnnotationStored, GuideContext, PendingApply, RecordResult } from './protocol';
import type { Send } from './messaging';
import type { Answer, MessageOf } from '../messages';
import type { Note } from './frames';
import type { Rect } from './placement';
import { createHighlighter, type Highlighter } from './highlight';
import { devLog } from '../log';
import { watchPage, type WatchOptions } from './watch';
import { createRelevance } from './relevance';
import { toReport, UNKNOWN_REPORT, type FrameReport } from './report';
import { drain, isSliced, type Sliced } from '../portal/sliced';

export { rowCertificate } from '../portal/steps/cert-list';

/**
 * A page's recognition: the guide reads only what every step says, and asks the step's
 * module for the rest. Given as work in slices (lib/portal/sliced.ts), it is run a few
 * milliseconds at a time, the page handed back between slices.
 */
export type Recognise = (doc: Document, url: URL) => RecognitionBase<StepId> | Sliced<RecognitionBase<StepId>>;

/** The longest the guide reads the page before it hands the page back (one frame is 16 ms). */
export const SLICE_MS = 4;
/**
 * The first slice of a pass may read for one frame: a short page (the saved list takes
 * 2–3 ms, a slow machine several times that) is then read whole in it and its step shown
 * at once, not after the page's own work that a pause lets in.
 */
export const FIRST_SLICE_MS = 16;

/** The message types a step module returns (lib/portal/steps/*, seen and clicked). */
type StepMessageType = 'portal/certificates-seen' | 'portal/annotation-seen' | 'portal/annotation-applied' | 'guide/certificate-chosen' | 'guide/apply-submitted';

/**
 * lib/portal is pure and does not import lib/messages (which imports zod and the guide's
 * protocol), so a step describes its messages loosely (`PortalMessage`). This is the one
 * place they are taken as the typed request; the background checks each against its zod
 * schema (lib/messages.ts) before acting, and tests/unit/portal/steps-complete.test.ts
 * checks the shapes the steps send.
 */
const sendable = (m: PortalMessage): MessageOf<StepMessageType> => m as unknown as MessageOf<StepMessageType>;

export interface AgentOptions {
  win: Window;
  recognise: Recognise;
  send: Send;
  /** Nodes of the guide's own elements, whose changes are not the page's. */
  owns(node: Node | null): boolean;
  /** Where the outline is drawn (created on first need). */
  layer(): ShadowRoot;
  onReport(report: FrameReport): void;
  onRect(rect: Rect | null): void;
  onNote(note: Note): void;
  onContext?(context: GuideContext): void;
  /** The language the page's browser speaks, and the one _locales serves: the background fills the gap. */
  locale?: Locale;
  haveLocale?: Locale;
  now?: () => number;
  watch?: WatchOptions;
}

export interface Agent {
  report(): FrameReport;
  context(): GuideContext | null;
  rect(): Rect | null;
  /** Outline this frame's target (the top decided it is the step shown), visibly or not. */
  setActive(active: boolean, visible: boolean): void;
  /** Ask the background again (consent given, quota of a certificate). */
  refreshContext(certificateNumber?: string): Promise<void>;
  /** Recognise now (tests; a click that needs a fresh reading). */
  run(): void;
  stop(): void;
}

/** The panel's note about what was stored of an annotation. */
export function annotationNote(a: AnnotationStored): Note {
  const note: Note = { kind: 'annotation', state: a.state, change: a.change };
  if (a.validUntil) note.validUntil = a.validUntil;
  if (a.lastDay) note.lastDay = a.lastDay;
  if (a.pageUntil) note.pageUntil = a.pageUntil;
  return note;
}

export function createAgent(o: AgentOptions): Agent {
  const { win } = o;
  const doc = win.document;
  const now = o.now ?? Date.now;
  let rec: RecognitionBase<StepId> | null = null;
  let report: FrameReport = UNKNOWN_REPORT;
  let reportKey = '';
  let context: GuideContext | null = null;
  let active = false;
  let visible = true;
  let highlighter: Highlighter | null = null;
  let lastRect: Rect | null = null;
  let stopped = false;
  // What was already sent, by message type, so that an unchanged page sends nothing again.
  const sent = new Map<string, string>();
  let localPending: PendingApply | null = null;
  let appliedSent = false;
  let queue: Promise<unknown> = Promise.resolve();

  const enqueue = (work: () => Promise<unknown>) => {
    queue = queue.then(work).catch((error) => devLog('agent', 'a message to the background failed', error));
    return queue;
  };

  const startRecognising = (): RecognitionBase<StepId> | Sliced<RecognitionBase<StepId>> | null => {
    try {
      return o.recognise(doc, new URL(win.location.href));
    } catch (error) {
      // A broken step leaves the guide running: the page is simply not recognised.
      devLog('agent', 'recognising the page failed', error);
      return null;
    }
  };

  /** The page recognised at once (a click needs the form as it is now). */
  const recogniseSafely = (): RecognitionBase<StepId> | null => {
    const started = startRecognising();
    if (!started || !isSliced(started)) return started;
    try {
      return drain(started);
    } catch (error) {
      devLog('agent', 'recognising the page failed', error);
      return null;
    }
  };

  // The pass under way, read in slices: a new look at the page replaces it.
  let pass: Sliced<RecognitionBase<StepId>> | null = null;
  let passTimer: ReturnType<typeof setTimeout> | undefined;
  const clock = () => win.performance?.now() ?? Date.now();
  const dropPass = () => {
    if (passTimer !== undefined) clearTimeout(passTimer);
    passTimer = undefined;
    const dropped = pass;
    pass = null;
    try {
      dropped?.return(unknownRecognition());
    } catch {
      // a pass that fails while closing is dropped all the same
    }
  };
  /** Reads on for SLICE_MS at most, then hands the page back until the next task. */
  const continuePass = (work: Sliced<RecognitionBase<StepId>>, budget = SLICE_MS) => {
    passTimer = undefined;
    if (stopped || pass !== work) return;
    const started = clock();
    for (;;) {
      let step: IteratorResult<void, RecognitionBase<StepId>>;
      try {
        step = work.next();
      } catch (error) {
        devLog('agent', 'recognising the page failed', error);
        pass = null;
        settle(null);
        return;
      }
      if (step.done) {
        pass = null;
        settle(step.value);
        return;
      }
      if (clock() - started >= budget) {
        // The holder's input runs in the gap. scheduler.yield (Chromium) resumes ahead of
        // the page's other tasks, so the step is not shown later for it; a timer elsewhere.
        const scheduler = (win as Window & { scheduler?: { yield?: () => Promise<void> } }).scheduler;
        if (typeof scheduler?.yield === 'function') void scheduler.yield().then(() => continuePass(work));
        else passTimer = setTimeout(() => continuePass(work), 0);
        return;
      }
    }
  };

  const applyHighlight = () => {
    const target = active && rec?.target?.isConnected ? rec.target : null;
    if (!target && !highlighter) return;
    try {
      highlighter ??= createHighlighter(win, o.layer(), (r) => {
        lastRect = r;
        o.onRect(r);
      });
      highlighter.setVisible(visible);
      highlighter.show(target);
    } catch (error) {
      // Drawing is a nicety; never let it break recognition.
      devLog('agent', 'drawing the outline failed', error);
    }
  };

  const noteFrom = (a: Answer<StepMessageType>, ok: (a: Extract<RecordResult, { ok: true }>) => Note | null) => {
    if (!a || typeof a !== 'object') return;
    if (a.ok) {
      const note = ok(a);
      if (note) o.onNote(note);
    } else if (a.reason !== 'no-consent') {
      o.onNote({ kind: 'problem', reason: a.reason });
    }
  };

  /** The note a record's answer makes, by what was recorded. */
  const noteOf = (message: PortalMessage, a: Extract<RecordResult, { ok: true }>): Note | null => {
    if (message.type === 'portal/certificates-seen') return a.certificates ? { kind: 'certificates', saved: a.certificates.saved } : null;
    if (message.type === 'portal/annotation-seen') return a.annotation ? annotationNote(a.annotation) : null;
    return null;
  };

  const record = (r: RecognitionBase<StepId>) => {
    if (context?.rememberPages !== true) return;
    // The report is always r's own (run() sets both together).
    const reading = report;
    const traits = panelTraits(r.step, reading);
    const pending = localPending ?? context.pendingApply ?? null;
    // A page that confirms an application sent earlier: its own confirmation, or the application generating.
    if (pending && !appliedSent && (traits.submitted || traits.generating)) {
      const message = appliedMessage(pending, reading);
      appliedSent = true;
      if (message) {
        const days = message.validityDays as number;
        const number = message.certificateNumber as string | undefined;
        void enqueue(async () => {
          noteFrom(await o.send(sendable(message)), () => ({ kind: 'applied', days }));
          localPending = null;
          await refresh(number);
        });
      }
    }
    // What the step records when seen (lib/portal/steps/*, seen).
    const step = stepModule(r.step);
    for (const { message, refresh: again } of step?.seen?.(r) ?? []) {
      const key = JSON.stringify(message);
      if (sent.get(message.type) === key) continue;
      sent.set(message.type, key);
      void enqueue(async () => {
        noteFrom(await o.send(sendable(message)), (a) => noteOf(message, a));
        if (again) await refresh(reading.certificateNumber);
      });
    }
  };

  const run = () => {
    if (stopped) return;
    dropPass();
    const started = startRecognising();
    if (started && isSliced(started)) {
      // The first slice at once: a short page is read in it whole, and the step shown as
      // soon as before (the time to guidance); a long one goes on in later tasks.
      pass = started;
      continuePass(started, FIRST_SLICE_MS);
    } else settle(started);
  };

  /** A pass has ended: what it found is the page's recognition now. */
  const settle = (next: RecognitionBase<StepId> | null) => {
    const nextReport = next ? toReport(next) : UNKNOWN_REPORT;
    const key = JSON.stringify(nextReport);
    const targetChanged = (next?.target ?? null) !== (rec?.target ?? null);
    rec = next;
    if (key !== reportKey) {
      reportKey = key;
      report = nextReport;
      o.onReport(report);
      if (next) record(next);
    }
    // Same step, same words: only the outline may need to follow its control.
    if (active || targetChanged) applyHighlight();
    // The background is first asked once the page is known (the certificate it names).
    if (!asked) {
      asked = true;
      void refresh(report.certificateNumber);
    }
  };
  let asked = false;

  const refresh = async (certificateNumber?: string) => {
    const message: MessageOf<'guide/context'> = { type: 'guide/context' };
    if (certificateNumber) message.certificateNumber = certificateNumber;
    if (o.locale) message.locale = o.locale;
    if (o.haveLocale) message.haveLocale = o.haveLocale;
    const answer = await o.send(message);
    if (stopped || !answer || typeof answer !== 'object' || !('rememberPages' in answer)) return;
    const consentNow = answer.rememberPages === true && context?.rememberPages !== true;
    context = answer;
    o.onContext?.(answer);
    // Consent just given: what the page already shows is remembered now.
    if (consentNow && rec) record(rec);
  };

  const onClick = (event: Event) => {
    try {
      // The holder's own click only: a page script's click() speaks for no one.
      if (!event.isTrusted || context?.rememberPages !== true || !rec) return;
      const t = event.target as Element | null;
      const el = t && t.nodeType === 1 ? t : null;
      const control = el?.closest('a, button, input, [role="button"], [onclick]');
      if (!control || o.owns(control)) return;
      // What the step records of the click (lib/portal/steps/*, clicked).
      const clicked = stepModule(rec.step)?.clicked?.(rec, control, {
        again: () => {
          const fresh = recogniseSafely();
          return fresh ? toReport(fresh) : null;
        },
        certificateNumber: context.certificateNumber,
        body: doc.body,
      });
      if (!clicked) return;
      if (clicked.application) {
        localPending = { at: now(), ...clicked.application };
        appliedSent = false;
      }
      void enqueue(() => o.send(sendable(clicked.message)));
      if (clicked.application) watcher.poke();
    } catch (error) {
      // A click the guide could not place is simply not remembered.
      devLog('agent', 'reading a click failed', error);
    }
  };

  // Only changes that can change the step or the target are read again; a change before
  // the target in the page may still move it, so the outline is put back over it.
  const onQuietChange = (records: MutationRecord[]) => {
    const target = rec?.target;
    if (active && target?.isConnected && records.some((r) => r.target.compareDocumentPosition(target) & 4 /* FOLLOWING */)) applyHighlight();
  };
  const relevance = createRelevance();
  const watcher = watchPage(win, (n) => o.owns(n), run, {
    onBatch: (records) => relevance.see(records),
    matters: (r) => relevance.matters(r, rec?.target ?? null),
    onQuietChange,
    ...o.watch,
  });
  doc.addEventListener('click', onClick, true);
  run();

  return {
    report: () => report,
    context: () => context,
    rect: () => (active ? lastRect ?? highlighter?.rect() ?? null : null),
    setActive(a, v) {
      if (a === active && v === visible) return;
      active = a;
      visible = v;
      applyHighlight();
      if (!a) {
        lastRect = null;
      }
    },
    refreshContext: refresh,
    run,
    stop() {
      stopped = true;
      dropPass();
      watcher.stop();
      doc.removeEventListener('click', onClick, true);
      highlighter?.destroy();
      highlighter = null;
    },
  };
}
