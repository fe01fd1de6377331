// A long page is read in slices (lib/portal/sliced.ts): the guide reads for SLICE_MS at
// most, hands the page back until the next task, and reads on; what it ends with is what
// one whole read says. A look at the page asked for meanwhile (a change) drops the pass
// under way and starts again, so an answer from before the change is never shown.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createAgent, FIRST_SLICE_MS, SLICE_MS, type Agent, type Recognise } from '../../../lib/guide/agent';
import { recognisePage, recognisePageInSlices } from '../../../lib/portal/recognise';
import { drain, type Sliced } from '../../../lib/portal/sliced';
import { toReport, type FrameReport } from '../../../lib/guide/report';
import type { RecognitionBase } from '../../../lib/portal/types';
import type { StepId } from '../../../lib/portal/steps';
import { load, page, type Loaded } from '../portal/fixtures';

const HEAVY = 'cert-list/heavy-200-rows.html';

describe('recognition in slices', () => {
  test('the heavy list pauses between slices of rows, and ends with what one whole read says', () => {
    const { document, url } = load(HEAVY);
    const work = recognisePageInSlices(document, url, { now: 0 });
    let pauses = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) pauses++;
    // 200 rows, 5 a slice, placed and checked 20 at a time, and a pause after each step of the flow.
    expect(pauses).toBeGreaterThanOrEqual(40);
    const whole = recognisePage(document, url, { now: 0 });
    expect(toReport(step.value)).toEqual(toReport(whole));
    expect(step.value.target).toBe(whole.target);
    expect(drain(recognisePageInSlices(document, url, { now: 0 })).target).toBe(whole.target);
  });
});

let loaded: Loaded | null = null;
let agent: Agent | null = null;
afterEach(async () => {
  agent?.stop();
  agent = null;
  await loaded?.window.happyDOM.close();
  loaded = null;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * The guide's agent on the heavy list, every pause of the work costing 1 ms of a clock the
 * agent reads (performance.now): what each pass ran through is recorded.
 */
function startHeavy() {
  vi.useFakeTimers();
  loaded = load(HEAVY);
  const { window, document } = loaded;
  let clock = 0;
  vi.spyOn(window.performance, 'now').mockImplementation(() => clock);
  const passes: { closed: boolean; ended: boolean; slices: number[] }[] = [];
  const reports: FrameReport[] = [];
  let slice = 0;
  const recognise: Recognise = (doc) => {
    const pass = { closed: false, ended: false, slices: [] as number[] };
    passes.push(pass);
    return (function* timed(): Sliced<RecognitionBase<StepId>> {
      const work = recognisePageInSlices(doc, new URL(page(HEAVY).url), { now: 0 });
      try {
        for (;;) {
          pass.slices.push(slice);
          const s = work.next();
          if (s.done) {
            pass.ended = true;
            return s.value;
          }
          clock += 1;
          yield;
        }
      } finally {
        pass.closed = true;
      }
    })();
  };
  const layer = document.createElement('div').attachShadow({ mode: 'open' });
  agent = createAgent({
    win: window as unknown as Window,
    recognise,
    send: async () => undefined,
    owns: () => false,
    layer: () => layer,
    onReport: (r) => reports.push(r),
    onRect: () => {},
    onNote: () => {},
  });
  /** Runs the agent's next task; the pauses after it belong to the next slice. */
  const nextTask = async () => {
    slice++;
    await vi.advanceTimersToNextTimerAsync();
  };
  return { document, passes, reports, nextTask, agent };
}

describe('the agent reads a long page in slices', () => {
  test(`no slice reads for more than ${SLICE_MS} ms (the first ${FIRST_SLICE_MS}); the report comes once, and is the whole read's`, async () => {
    const { document, passes, reports, nextTask } = startHeavy();
    // The content script's task ends after the first slice: nothing reported yet.
    expect(passes[0]!.slices.length).toBeGreaterThan(0);
    expect(reports).toHaveLength(0);
    for (let i = 0; i < 100 && reports.length === 0; i++) await nextTask();
    expect(reports).toHaveLength(1);
    expect(passes).toHaveLength(1);
    const perSlice = new Map<number, number>();
    for (const s of passes[0]!.slices) perSlice.set(s, (perSlice.get(s) ?? 0) + 1);
    expect(perSlice.size).toBeGreaterThan(1);
    // Each pause costs 1 ms: a slice stops once its time has passed (its last step ends it),
    // FIRST_SLICE_MS for the first (in the content script's task), SLICE_MS for the others.
    const [first, ...others] = [...perSlice.values()];
    expect(first).toBe(FIRST_SLICE_MS);
    for (const count of others.slice(0, -1)) expect(count).toBe(SLICE_MS);
    expect(others.at(-1)).toBeLessThanOrEqual(SLICE_MS);
    expect(reports[0]).toEqual(toReport(recognisePage(document, new URL(page(HEAVY).url), { now: 0 })));
    expect(reports[0]!.step).toBe('cert-list');
  });

  test('a new look at the page drops the pass under way: only the new pass reports', async () => {
    const { passes, reports, nextTask, agent } = startHeavy();
    await nextTask();
    expect(reports).toHaveLength(0);
    agent.run();
    expect(passes[0]!.closed).toBe(true);
    expect(passes[0]!.ended).toBe(false);
    for (let i = 0; i < 100 && reports.length === 0; i++) await nextTask();
    expect(reports).toHaveLength(1);
    expect(passes).toHaveLength(2);
    expect(passes[1]!.ended).toBe(true);
  });

  test('stopping the guide drops the pass under way', async () => {
    const { passes, reports, nextTask, agent } = startHeavy();
    expect(passes[0]!.slices.length).toBeGreaterThan(0);
    agent.stop();
    expect(passes[0]!.closed).toBe(true);
    expect(passes[0]!.ended).toBe(false);
    for (let i = 0; i < 5; i++) await nextTask();
    expect(reports).toHaveLength(0);
  });
});
