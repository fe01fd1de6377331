import { afterEach, describe, expect, test, vi } from 'vitest';
import { devLog } from '../../lib/log';

afterEach(() => vi.restoreAllMocks());

describe('devLog', () => {
  test('a development build (vitest is one) says where and what failed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = new Error('boom');
    devLog('router', 'guide/context failed', error);
    devLog('agent', 'no detail');
    expect(warn.mock.calls).toEqual([['[cpta-assistant router] guide/context failed', error], ['[cpta-assistant agent] no detail']]);
  });
});
