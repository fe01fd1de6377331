// Settings' problem report (lib/options/problem-report.ts): what a maintainer needs, in the
// holder's language, and nothing personal.
import { describe, expect, test } from 'vitest';
import { browserName, problemReport, type ReportFacts } from '../../../lib/options/problem-report';
import { optionsText } from '../../../lib/options/strings';

const FACTS: ReportFacts = {
  version: '0.2.0',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  locale: 'en',
  setting: 'auto',
  ui: 'en-GB',
  remindersEnabled: true,
  notificationsBlocked: false,
  rememberPages: true,
  steps: ['annotation', 'login', 'cert-list'],
};

describe('browserName', () => {
  test('Edge, Firefox and Chrome with their major version and the system', () => {
    expect(browserName(FACTS.userAgent)).toBe('Edge 156 (Windows)');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0')).toBe('Firefox 153 (Linux)');
    expect(browserName('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe('Chrome 156 (macOS)');
    expect(browserName('')).toBe('unknown (unknown)');
  });
});

describe('problemReport', () => {
  test('English: version, browser, languages, reminders, consent and the steps in the order of the flow', () => {
    expect(problemReport(FACTS, optionsText('en').t)).toBe(
      [
        'CPTA e-Certificate Assistant · problem report',
        'Version: 0.2.0',
        'Browser: Edge 156 (Windows)',
        'Language: extension en (setting: auto), browser interface en-GB',
        'Reminders: on; notifications: allowed',
        'Remember what pages show: on',
        'Steps recognised since the browser started: login, cert-list, annotation',
        '',
        'What happened (please write):',
        '',
      ].join('\n'),
    );
  });

  test('Chinese, with nothing seen, blocked notifications and the question not answered', () => {
    const text = problemReport({ ...FACTS, locale: 'zh_CN', steps: [], notificationsBlocked: true, rememberPages: null, remindersEnabled: false }, optionsText('zh_CN').t);
    expect(text).toContain('版本：0.2.0');
    expect(text).toContain('提醒：关；通知：被阻止');
    expect(text).toContain('记住页面内容：尚未回答');
    expect(text).toContain('本次浏览器运行中识别过的步骤：（无）');
  });

  test('only known step names go in: anything else the session held is left out', () => {
    const text = problemReport({ ...FACTS, steps: ['cert-list', '2205110000300127', '张三'] }, optionsText('en').t);
    expect(text).toContain('started: cert-list\n');
    expect(text).not.toMatch(/2205110000300127|张三/);
  });
});
