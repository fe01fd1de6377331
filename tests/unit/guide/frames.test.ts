import { describe, expect, test } from 'vitest';
import { isOurs, isPortalHost, isPortalOrigin, NAMESPACE, topOrigin } from '../../../lib/guide/frames';

describe('only the portal may talk to the guide across frames', () => {
  test.each([
    ['http://www.cpta.com.cn', true],
    ['https://zs.cpta.com.cn', true],
    ['http://cpta.com.cn:8080', true],
    ['http://cpta.mohrss.gov.cn', true],
    ['https://evilcpta.com.cn', false],
    ['https://cpta.com.cn.example.test', false],
    ['http://www.example.test', false],
    ['null', false],
    ['chrome-extension://abc', false],
    ['file:///cpta.com.cn', false],
  ])('%s → %s', (origin, expected) => {
    expect(isPortalOrigin(origin)).toBe(expected);
  });

  test('host names are compared case-insensitively, trailing dot allowed', () => {
    expect(isPortalHost('ZS.CPTA.COM.CN.')).toBe(true);
    expect(isPortalHost('mohrss.gov.cn')).toBe(false);
  });

  test('messages are ours only with our namespace', () => {
    expect(isOurs({ ns: NAMESPACE, type: 'report' })).toBe(true);
    expect(isOurs({ ns: 'other', type: 'report' })).toBe(false);
    expect(isOurs({ type: 'report' })).toBe(false);
    expect(isOurs('report')).toBe(false);
    expect(isOurs(null)).toBe(false);
  });

  test('the top origin comes from ancestorOrigins when the browser gives it', () => {
    const win = { location: { ancestorOrigins: ['http://zs.cpta.com.cn', 'https://www.cpta.com.cn'] } } as unknown as Window;
    expect(topOrigin(win)).toBe('https://www.cpta.com.cn');
  });

  test('without ancestorOrigins: a same-origin top, or a direct child\'s referrer, or nothing', () => {
    const top = { location: { origin: 'http://www.cpta.com.cn' } };
    expect(topOrigin({ location: {}, top } as unknown as Window)).toBe('http://www.cpta.com.cn');
    const crossTop = {
      get location(): never {
        throw new Error('cross-origin');
      },
    };
    const child = { location: {}, top: crossTop, parent: crossTop, document: { referrer: 'https://zs.cpta.com.cn/certMng/main.jsp' } };
    expect(topOrigin(child as unknown as Window)).toBe('https://zs.cpta.com.cn');
    const grandchild = { location: {}, top: crossTop, parent: {}, document: { referrer: 'https://zs.cpta.com.cn/x' } };
    expect(topOrigin(grandchild as unknown as Window)).toBeNull();
  });
});
