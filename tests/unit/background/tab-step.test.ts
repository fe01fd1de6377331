// The tab's last step of the flow: what lets the guide offer the page report on a page it
// does not recognise in the middle of the flow, and not on a page browsed to outside it.
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { registerMessageRouter } from '../../../lib/background/router';
import type { ExtensionBrowser } from '../../../lib/background/start';
import { Message } from '../../../lib/messages';
import { stepsSeen } from '../../../lib/background/tab-step';

const browser = fakeBrowser as unknown as ExtensionBrowser;
const fromTab = (tabId: number): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: 'http://zs.cpta.com.cn/certMng/certList.do', tab: { id: tabId } as Browser.tabs.Tab, frameId: 0 });
const seen = async (step: string, tabId = 3) => (await fakeBrowser.runtime.onMessage.trigger({ type: 'guide/step-seen', step }, fromTab(tabId), () => undefined))[0];

beforeEach(() => registerMessageRouter(browser));

describe('guide/step-seen', () => {
  test('an unknown page after a step of the flow is inside the flow; after the home page or nothing, it is not', async () => {
    expect(await seen('unknown')).toEqual({ lastFlowStep: null });
    expect(await seen('portal-home')).toEqual({ lastFlowStep: null });
    expect(await seen('unknown')).toEqual({ lastFlowStep: null });
    expect(await seen('cert-list')).toEqual({ lastFlowStep: null });
    expect(await seen('unknown')).toEqual({ lastFlowStep: 'cert-list' });
    // Several unknown pages in a row stay inside the flow; the next step moves it on.
    expect(await seen('unknown')).toEqual({ lastFlowStep: 'cert-list' });
    expect(await seen('annotation')).toEqual({ lastFlowStep: 'cert-list' });
    expect(await seen('unknown')).toEqual({ lastFlowStep: 'annotation' });
  });

  test('each tab has its own, and a closed tab forgets it', async () => {
    await seen('annotation', 1);
    expect(await seen('unknown', 2)).toEqual({ lastFlowStep: null });
    expect(await seen('unknown', 1)).toEqual({ lastFlowStep: 'annotation' });
    await fakeBrowser.tabs.onRemoved.trigger(1, { windowId: 1, isWindowClosing: false });
    await new Promise((ok) => setTimeout(ok, 0));
    expect(await seen('unknown', 1)).toEqual({ lastFlowStep: null });
  });

  test('only the guide\'s step names are accepted', () => {
    expect(Message.safeParse({ type: 'guide/step-seen', step: 'annotation' }).success).toBe(true);
    expect(Message.safeParse({ type: 'guide/step-seen', step: '<img>' }).success).toBe(false);
    expect(Message.safeParse({ type: 'guide/step-seen' }).success).toBe(false);
  });
});

describe('the steps seen since the browser started (for the problem report in Settings)', () => {
  test('each recognised step once, from any tab, in the order first seen', async () => {
    expect(await stepsSeen(browser)).toEqual([]);
    await seen('login', 1);
    await seen('cert-list', 2);
    await seen('login', 2);
    await seen('unknown', 2);
    expect(await stepsSeen(browser)).toEqual(['login', 'cert-list', 'unknown']);
  });
});
