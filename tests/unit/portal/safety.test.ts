import { describe, expect, test, vi } from 'vitest';
import zh from '../../../lib/i18n/zh_CN/portal.json';
import en from '../../../lib/i18n/en/portal.json';
import { makeTranslate, placeholderNames } from '../../../lib/i18n/translate';
import { STEPS } from '../../../lib/portal/recognise';
import { recognisePage } from './any-recognition';
import type { StepModule } from '../../../lib/portal/types';
import type { Recognition } from './any-recognition';
import { SAVED, load, loadSettled } from './fixtures';

describe('text read from the portal stays text', () => {
  test('a qualification holding <img src=x onerror=alert(1)> is read literally and creates no element', async () => {
    const { document, url } = load('cert-list/list-xss-text.html');
    expect(document.querySelectorAll('img')).toHaveLength(0);
    const r = recognisePage(document, url);
    expect(r.certificates?.[0]?.qualification).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelectorAll('img')).toHaveLength(0);
    // Put into a line, it is inserted as the same plain text.
    const t = makeTranslate({ zh_CN: zh, en }, 'zh_CN');
    expect(t('list_withdrawn_row', { qualification: r.certificates![0]!.qualification })).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('recognition has no side effects and never touches passwords or captchas', () => {
  for (const p of SAVED) {
    test(`${p.file}: the page is unchanged, and no password or captcha value is read`, async () => {
      const { document, url } = await loadSettled(p.file);
      const secret = Array.from(document.querySelectorAll('input')).filter(
        (i) => i.type === 'password' || /yzm|captcha|verify|code/i.test(i.name),
      );
      const reads: string[] = [];
      for (const input of secret) {
        Object.defineProperty(input, 'value', {
          get: () => (reads.push(input.name), ''),
          set: () => reads.push(`set ${input.name}`),
          configurable: true,
        });
      }
      const before = document.documentElement.outerHTML;
      recognisePage(document, url);
      expect(reads).toEqual([]);
      expect(document.documentElement.outerHTML).toBe(before);
      // The trap works: reading a guarded field is seen.
      if (secret[0]) {
        void secret[0].value;
        expect(reads).toEqual([secret[0].name]);
      }
    });
  }
  test('the login pages do have password and captcha fields (so the test above means something)', async () => {
    for (const file of ['login/certmng-login-table.html', 'login/examfront-login-bootstrap.html']) {
      const { document } = load(file);
      expect(document.querySelectorAll('input[type=password]').length, file).toBe(1);
      expect(Array.from(document.querySelectorAll('input')).some((i) => /yzm|verify/i.test(i.name)), file).toBe(true);
    }
  });
});

describe('one failing step never breaks the others', () => {
  const throwing: StepModule = {
    id: 'portal-home',
    specificity: 10,
    flow: { offPath: 'a step made to throw' },
    actions: [],
    recognise() {
      throw new Error('broken step');
    },
  };
  test('a throwing step is skipped and reported; the page is still recognised', () => {
    const { document, url } = load('cert-list/list-table.html');
    const errors: string[] = [];
    const r = recognisePage(document, url, { steps: [throwing, ...STEPS], onStepError: (id) => errors.push(id) });
    expect(r.step).toBe('cert-list');
    expect(errors).toEqual(['portal-home']);
  });
  test('a throwing error handler changes nothing', () => {
    const { document, url } = load('annotation/valid-iso-table.html');
    const r = recognisePage(document, url, {
      steps: [throwing, ...STEPS],
      onStepError: () => {
        throw new Error('logger down');
      },
    });
    expect(r.step).toBe('annotation');
  });
  test('every step throwing gives unknown', () => {
    const { document, url } = load('annotation/valid-iso-table.html');
    const handler = vi.fn();
    const r = recognisePage(document, url, { steps: STEPS.map((s) => ({ ...s, recognise: throwing.recognise })), onStepError: handler });
    expect(r).toEqual({ step: 'unknown', specificity: 0, target: null, lines: [] });
    expect(handler).toHaveBeenCalledTimes(STEPS.length);
  });
  test('a document without a body is unknown, not an error', () => {
    const { document, url } = load('unknown/not-found-404.html');
    document.documentElement.removeChild(document.body);
    expect(recognisePage(document, url).step).toBe('unknown');
  });
});

describe('portal strings', () => {
  test('both languages have the same keys, well-formed, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      const names = placeholderNames;
      expect(names(en[key]), key).toEqual(names(zh[key]));
      expect(zh[key].trim(), key).not.toBe('');
    }
  });
  test('every key a recognition uses exists, with its placeholders filled', async () => {
    const used = (r: Recognition) => [
      ...r.lines,
      ...(r.readingProblems ?? []),
      ...(r.actionKey ? [{ key: r.actionKey }] : []),
      ...(r.targetMissingKey ? [{ key: r.targetMissingKey }] : []),
    ];
    for (const p of SAVED) {
      const { document, url } = await loadSettled(p.file);
      for (const line of used(recognisePage(document, url))) {
        expect(zh, `${p.file}: ${line.key}`).toHaveProperty(line.key);
        const params = 'params' in line ? line.params : undefined;
        for (const locale of ['zh_CN', 'en'] as const) {
          expect(makeTranslate({ zh_CN: zh, en }, locale)(line.key as keyof typeof zh, params)).not.toMatch(/\{\w+(\}|, plural)/);
        }
      }
    }
  });
  test('what each step must say is there', () => {
    expect(zh.home_time).toMatch(/24小时/);
    expect(zh.login_register).toMatch(/用户注册.*证件号码/);
    expect(zh.login_privacy).toMatch(/密码.*验证码/);
    expect(zh.register_once).toMatch(/只能注册一次/);
    expect(zh.list_association_seal).toMatch(/2021年12月17日.*不需要加注/);
    expect([zh.list_empty_no_certificate, zh.list_empty_not_online, zh.list_empty_details_changed].join()).toMatch(/没有证书.*没有上网.*重新注册/);
    expect(zh.annotation_generating_ready).toMatch(/24小时.*耐心等待/);
    expect(zh.apply_scenario).toMatch(/本人调用/);
    expect(zh.apply_validity_under_90).toMatch(/90天/);
    // Filled by the panel from stored history: used n of 3 in the last 90 days; the first free day.
    const t = makeTranslate({ zh_CN: zh, en }, 'zh_CN');
    expect(t('apply_quota_used', { used: 2, limit: 3, window: 90 })).toBe('近90天内，这张证书已申请加注2次，最多3次。');
    // At the limit: it *may* be refused (the rule's reading is uncertain), and from which day it surely will not.
    expect(t('apply_quota_full', { limit: 3, window: 90, date: '2027年1月5日' })).toMatch(/可能会被拒绝.*从2027年1月5日起一定可以/);
    expect(zh.help_call).toContain('010-87901800');
    expect(zh.help_call).toContain('010-84237767');
    expect(zh.help_call).toMatch(/资格名称.*管理号/);
  });
});
