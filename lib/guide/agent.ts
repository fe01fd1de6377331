// The guide in one frame: recognises its own document again whenever it changes,
// outlines the target when the top frame says this frame's step is the one shown,
// and, with the holder's consent, tells the background what the page shows.
import type { Recognition } from '../portal/types';
import type { Locale } from '../i18n/locale';
import type { AnnotationStored, GuideContext, PendingApply, RecordResult } from './protocol';
import type { Send } from './messaging';
import type { Note } from './frames';
import type { Rect } from './placement';
import { createHighlighter, type Highlighter } from './highlight';
import { watchPage, type WatchOptions } from './watch';
import { mutationMatters } from './relevance';
import { annotationReading, certificateNumberOf, certificateReading, toReport, UNKNOWN_REPORT, type FrameReport } from './report';

export type Recognise = (doc: Document, url: URL) => Recognition;

/** 使用场景: the only one the portal offers (docs/PORTAL.md); the form's choice is not read. */
const SCENARIO = '本人调用';

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

/** The certificate number of the list row a click landed in: the nearest ancestor naming exactly one. */
export function rowCertificate(from: Element, numbers: readonly string[], stopAt: Element | null): string | undefined {
  for (let node: Element | null = from; node && node !== stopAt; node = node.parentElement) {
    const text = node.textContent ?? '';
    const found = numbers.filter((n) => text.includes(n));
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
    // A javascript: link or handler may name it: certDown('2205110000300127').
    const code = `${node.getAttribute('href') ?? ''} ${node.getAttribute('onclick') ?? ''}`;
    const inCode = numbers.filter((n) => code.includes(n));
    if (inCode.length === 1) return inCode[0];
  }
  return undefined;
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
  let rec: Recognition | null = null;
  let report: FrameReport = UNKNOWN_REPORT;
  let reportKey = '';
  let context: GuideContext | null = null;
  let active = false;
  let visible = true;
  let highlighter: Highlighter | null = null;
  let lastRect: Rect | null = null;
  let stopped = false;
  // What was already sent, so that an unchanged page sends nothing again.
  let sentCertificates = '';
  let sentAnnotation = '';
  let localPending: PendingApply | null = null;
  let appliedSent = false;
  let queue: Promise<unknown> = Promise.resolve();

  const enqueue = (work: () => Promise<unknown>) => {
    queue = queue.then(work).catch(() => undefined);
    return queue;
  };

  const recogniseSafely = (): Recognition | null => {
    try {
      return o.recognise(doc, new URL(win.location.href));
    } catch {
      // A broken step leaves the guide running: the page is simply not recognised.
      return null;
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
    } catch {
      // Drawing is a nicety; never let it break recognition.
    }
  };

  const noteFrom = (answer: unknown, ok: (a: Extract<RecordResult, { ok: true }>) => Note | null) => {
    const a = answer as RecordResult | undefined;
    if (!a || typeof a !== 'object') return;
    if (a.ok) {
      const note = ok(a);
      if (note) o.onNote(note);
    } else if (a.reason !== 'no-consent') {
      o.onNote({ kind: 'problem', reason: a.reason });
    }
  };

  const record = (r: Recognition) => {
    if (context?.rememberPages !== true) return;
    const pending = localPending ?? context.pendingApply ?? null;
    const confirmed = r.applicationSubmitted === true || (r.step === 'annotation' && r.annotationState === 'generating');
    if (pending && !appliedSent && confirmed) {
      const days = pending.validityDays ?? r.chosenValidityDays;
      appliedSent = true;
      if (days) {
        const number = certificateNumberOf(r) ?? pending.certificateNumber;
        const message: Record<string, unknown> = { type: 'portal/annotation-applied', validityDays: days, scenario: pending.scenario ?? SCENARIO };
        if (number) message.certificateNumber = number;
        void enqueue(async () => {
          noteFrom(await o.send(message), () => ({ kind: 'applied', days }));
          localPending = null;
          await refresh(number);
        });
      }
    }
    if (r.step === 'cert-list' && r.certificates?.length) {
      const certificates = r.certificates.map(certificateReading).filter((c) => c !== null);
      const key = JSON.stringify(certificates);
      if (certificates.length && key !== sentCertificates) {
        sentCertificates = key;
        void enqueue(async () =>
          noteFrom(await o.send({ type: 'portal/certificates-seen', certificates }), (a) =>
            a.certificates ? { kind: 'certificates', saved: a.certificates.saved } : null,
          ),
        );
      }
    }
    if (r.step === 'annotation') {
      const reading = annotationReading(r);
      const key = JSON.stringify(reading);
      if (reading && reading.state !== 'none' && key !== sentAnnotation) {
        sentAnnotation = key;
        void enqueue(async () => {
          noteFrom(await o.send({ type: 'portal/annotation-seen', reading }), (a) => (a.annotation ? annotationNote(a.annotation) : null));
          // What is stored now decides whether the panel asks for the last day.
          if (reading.state === 'generating' || reading.validity === 'ask') await refresh(certificateNumberOf(r));
        });
      }
    }
  };

  const run = () => {
    if (stopped) return;
    const next = recogniseSafely();
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
  };

  const refresh = async (certificateNumber?: string) => {
    const message: Record<string, unknown> = { type: 'guide/context' };
    if (certificateNumber) message.certificateNumber = certificateNumber;
    if (o.locale) message.locale = o.locale;
    if (o.haveLocale) message.haveLocale = o.haveLocale;
    const answer = (await o.send(message)) as GuideContext | undefined;
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
      if (rec.step === 'cert-list' && rec.certificates?.length) {
        const number = rowCertificate(control, rec.certificates.map((c) => c.number).filter(Boolean), doc.body);
        if (number) void enqueue(() => o.send({ type: 'guide/certificate-chosen', certificateNumber: number }));
      }
      if (rec.step === 'annotation-apply' && rec.target && (rec.target === control || rec.target.contains(control) || control.contains(rec.target))) {
        // Read the form as it is at the moment of the click.
        const fresh = recogniseSafely() ?? rec;
        const pending: PendingApply = { at: now() };
        const days = fresh.chosenValidityDays ?? rec.chosenValidityDays;
        if (days) pending.validityDays = days;
        const number = certificateNumberOf(fresh) ?? context.certificateNumber;
        if (number) pending.certificateNumber = number;
        localPending = pending;
        appliedSent = false;
        const message: Record<string, unknown> = { type: 'guide/apply-submitted', scenario: SCENARIO };
        if (pending.validityDays) message.validityDays = pending.validityDays;
        if (number) message.certificateNumber = number;
        void enqueue(() => o.send(message));
        watcher.poke();
      }
    } catch {
      // A click the guide could not place is simply not remembered.
    }
  };

  // Only changes that can change the step or the target are read again; a change before
  // the target in the page may still move it, so the outline is put back over it.
  const onQuietChange = (records: MutationRecord[]) => {
    const target = rec?.target;
    if (active && target?.isConnected && records.some((r) => r.target.compareDocumentPosition(target) & 4 /* FOLLOWING */)) applyHighlight();
  };
  const watcher = watchPage(win, (n) => o.owns(n), run, { matters: (r) => mutationMatters(r, rec?.target ?? null), onQuietChange, ...o.watch });
  doc.addEventListener('click', onClick, true);
  run();
  void refresh(report.certificateNumber);

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
      watcher.stop();
      doc.removeEventListener('click', onClick, true);
      highlighter?.destroy();
      highlighter = null;
    },
  };
}
