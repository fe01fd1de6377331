import { describe, expect, test } from 'vitest';
import { AnnotationSchema, CertificateSchema } from '../../../lib/model/schemas';
import zh from '../../../lib/i18n/zh_CN/reminders.json';
import en from '../../../lib/i18n/en/reminders.json';
import { badgeTooltip, badgeText } from '../../../lib/background/reminders/badge';
import { isPortalUrl, notificationContent, notificationId, parseNotificationId } from '../../../lib/background/reminders/notify';
import { badgeFor, dueReminders, planReminders, type PlannedReminder } from '../../../lib/reminders/plan';
import { alarmIsRight } from '../../../lib/background/reminders/alarms';
import { applied, bj, certificate, generateLargeInput, input, seenValid } from './fixtures';
import { placeholderNames } from '../../../lib/i18n/translate';

const reminder = (over: Partial<PlannedReminder>): PlannedReminder => ({
  id: 'expired:x',
  kind: 'expired',
  certificateNumber: 'Z1',
  due: 0,
  until: null,
  snoozed: false,
  ...over,
});

describe('notification words', () => {
  const certs = [certificate({ number: 'Z1' }), certificate({ number: 'Z2', qualification: '一级建造师', level: undefined })];
  const ctx = (locale: 'zh_CN' | 'en', annotations = [applied({ certificateNumber: 'Z1', appliedAt: bj('2026-03-01', 10), state: 'valid' })]) => ({
    certificates: certs,
    annotations,
    now: bj('2026-06-01', 9),
    locale,
  });

  test('ready: tells the holder to open the portal and download', () => {
    const c = notificationContent('ready', [reminder({ kind: 'ready', id: 'ready:a' })], ctx('zh_CN'));
    expect(c.title).toBe('加注应已完成，可以下载了');
    expect(c.message).toBe('中级社会工作者（证书编号 Z1） 的加注申请已超过 24 小时。打开中国人事考试网进入证书下载，即可查看和下载电子证书。');
  });

  test('expired: what to do, with the quota position (full, and when it frees)', () => {
    const three = ['2026-03-10', '2026-04-10', '2026-05-10'].map((d, i) => applied({ id: `q${i}`, certificateNumber: 'Z1', appliedAt: bj(d, 10), validityDays: 7, state: 'valid' }));
    const zhC = notificationContent('expired', [reminder({ validUntil: '2026-05-16' })], ctx('zh_CN', three));
    expect(zhC.message).toContain('中级社会工作者（证书编号 Z1） 的加注已于 2026年5月16日 到期');
    expect(zhC.message).toContain('近 90 天已申请满 3 次，2026年6月9日 起可再次申请。');
    const enC = notificationContent('expired', [reminder({ validUntil: '2026-05-16' })], ctx('en', three));
    expect(enC.title).toBe('Annotation expired');
    expect(enC.message).toContain('All 3 applications of the last 90 days are used: you can apply again from 9 Jun 2026.');
  });

  test('several expired fold into lines, one per certificate, each with its quota', () => {
    const c = notificationContent('expired', [reminder({ certificateNumber: 'Z1', validUntil: '2026-05-30' }), reminder({ id: 'expired:y', certificateNumber: 'Z2', validUntil: '2026-05-31' })], ctx('en'));
    expect(c.title).toBe('2 annotations expired');
    expect(c.message.split('\n')).toEqual([
      '中级社会工作者 (certificate Z1): valid until 30 May 2026; you can apply again now',
      '一级建造师 (certificate Z2): valid until 31 May 2026; you can apply again now',
    ]);
  });

  test('two reminders of one certificate count once in a folded notification', () => {
    const c = notificationContent('ready', [reminder({ kind: 'ready', id: 'ready:a' }), reminder({ kind: 'ready', id: 'ready:b' }), reminder({ kind: 'ready', id: 'ready:c', certificateNumber: 'Z2' })], ctx('zh_CN'));
    expect(c.title).toBe('2 张证书的加注应已完成');
  });

  test('expiring says how long is left in Beijing days', () => {
    const c = (validUntil: string) => notificationContent('expiring', [reminder({ kind: 'expiring', id: 'expiring:a:1', validUntil })], ctx('zh_CN')).message;
    expect(c('2026-06-01')).toContain('（今天是最后一天）');
    expect(c('2026-06-02')).toContain('（明天是最后一天）');
    expect(c('2026-06-08')).toContain('（还有 7 天）');
  });

  test('quota names the day a slot is free', () => {
    const c = notificationContent('quota', [reminder({ kind: 'quota', id: 'quota:Z1:2026-06-09', freeDay: '2026-06-09' })], ctx('en'));
    expect(c).toEqual({ title: 'You can apply for an annotation again', message: 'From 9 Jun 2026, one of the 3 annotations allowed in 90 days for 中级社会工作者 (certificate Z1) is free again: apply when you need it.' });
  });

  test('a certificate not stored yet is named by its number', () => {
    expect(notificationContent('ready', [reminder({ kind: 'ready', certificateNumber: 'Q9' })], ctx('en')).message).toContain('certificate Q9');
  });
});

describe('strings', () => {
  test('both languages have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const holes = placeholderNames;
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect([key, holes(en[key])]).toEqual([key, holes(zh[key])]);
  });

  test('the badge text is short, empty for none', () => {
    expect([badgeText(0), badgeText(7), badgeText(120)]).toEqual(['', '7', '99+']);
  });

  test('the tooltip says what needs action', () => {
    const state = { count: 3, changesAt: null, certificates: [{ certificateNumber: 'a', reason: 'ready' as const }, { certificateNumber: 'b', reason: 'ready' as const }, { certificateNumber: 'c', reason: 'expired' as const }] };
    expect(badgeTooltip(state, 'en')).toBe('CPTA e-Certificate Assistant: 3 certificates need attention (2 ready to download, 1 expired)');
  });
});

describe('ids, hosts and alarms', () => {
  test('a notification id gives back its kind and instant, and nothing else parses', () => {
    expect(parseNotificationId(notificationId('expiring', 1_780_000_000_000, 'expiring:a:7'))).toEqual({ kind: 'expiring', shownAt: 1_780_000_000_000 });
    for (const bad of ['', 'x|expiring|1|a', 'cpta-reminder|nope|1|a', 'cpta-reminder|ready|soon|a']) expect(parseNotificationId(bad)).toBeUndefined();
  });

  test('portal tabs are the portal hosts, not the civil-service subdomain or look-alikes', () => {
    for (const url of ['http://www.cpta.com.cn/', 'https://zs.cpta.com.cn/certMng/loginPage.jsp?src=1', 'http://cpta.com.cn/x', 'http://cpta.mohrss.gov.cn/']) expect([url, isPortalUrl(url)]).toEqual([url, true]);
    for (const url of ['https://gwy.cpta.com.cn/', 'https://cpta.com.cn.evil.test/', 'https://example.org/www.cpta.com.cn', 'chrome://newtab/', undefined, 'not a url']) expect([url, isPortalUrl(url)]).toEqual([url, false]);
  });

  test('an existing alarm is right when on time, or late only by Chrome\'s 30-second minimum', () => {
    const now = 1_000_000;
    expect(alarmIsRight(now + 3_600_000, now + 3_600_000, now)).toBe(true);
    expect(alarmIsRight(now + 30_000, now + 5_000, now)).toBe(true);
    expect(alarmIsRight(now + 3_000_000, now + 3_600_000, now)).toBe(false);
    expect(alarmIsRight(now + 7_200_000, now + 3_600_000, now)).toBe(false);
  });
});

describe('the benchmark input', () => {
  test('1,000 certificates and 10,000 valid annotations that the planner turns into reminders and a badge', () => {
    const big = generateLargeInput();
    expect(big.certificates).toHaveLength(1_000);
    expect(big.annotations).toHaveLength(10_000);
    expect(big.certificates.every((c) => CertificateSchema.safeParse(c).success)).toBe(true);
    expect(big.annotations.every((a) => AnnotationSchema.safeParse(a).success)).toBe(true);
    const plan = planReminders(big);
    expect(new Set(plan.map((r) => r.kind))).toEqual(new Set(['ready', 'expiring', 'expired', 'quota']));
    expect(dueReminders(plan, big.now).length).toBeGreaterThan(0);
    expect(badgeFor(big).count).toBeGreaterThan(0);
    expect(generateLargeInput({ seed: 7 }).annotations[123]).toEqual(generateLargeInput({ seed: 7 }).annotations[123]);
  });

  test('its planner input is the same shape the unit tests use', () => {
    const small = input({ annotations: [seenValid({ validFrom: '2026-01-01', validUntil: '2026-03-31', seenAt: bj('2026-01-02') })], now: bj('2026-01-02') });
    expect(Object.keys(generateLargeInput({ certificates: 2, annotations: 3 })).sort()).toEqual(Object.keys(small).sort());
  });
});
