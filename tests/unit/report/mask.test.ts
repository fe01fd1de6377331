import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { deriveVocabulary, VOCABULARY_FILE, vocabularyFileText } from '../../../scripts/portal-vocabulary.mjs';
import { maskAll, maskCode, maskText, maskUrl, VOCABULARY } from '../../../lib/report/mask';
import { browserName } from '../../../lib/report/build';
import { APPLY, DOWNLOAD, VIEW } from '../../../lib/portal/readers/annotation';
import { SUBMIT } from '../../../lib/portal/readers/apply-form';

describe('the vocabulary is the portal\'s own words, in step with lib/portal', () => {
  test('lib/report/vocabulary.json is what scripts/portal-vocabulary.mjs derives now (else run `npm run vocabulary`)', () => {
    expect(readFileSync(VOCABULARY_FILE, 'utf8')).toBe(vocabularyFileText());
    expect(VOCABULARY).toEqual(deriveVocabulary());
  });
  test('it holds the names of the controls the guide points at', () => {
    for (const word of [...APPLY, ...DOWNLOAD, ...VIEW, ...SUBMIT, '同意', '登录', '证书查验', '电子证书下载', '持证人查询下载']) expect(VOCABULARY).toContain(word);
  });
  test('it holds no qualification names (the holder\'s data, lib/portal/association.ts)', () => {
    for (const word of ['银行业专业人员', '拍卖师', '税务师']) expect(VOCABULARY).not.toContain(word);
  });
});

describe('masking by kind', () => {
  test('digits → 0, Han → 某, other letters → x; spaces and punctuation stay', () => {
    expect(maskAll('张伟 2024-12-20, YH2022060100417！')).toBe('某某 0000-00-00, xx0000000000000！');
  });
  test('the portal\'s words stay, wherever they stand and however they are spaced', () => {
    expect(maskText('管理号：2205110000300127')).toBe('管理号：0000000000000000');
    expect(maskText('同　意')).toBe('同　意');
    expect(maskText('证书加注信息')).toBe('证书加注信息');
    expect(maskText('李文静的加注件已过期')).toBe('某某某某加注件已过期');
  });
  test('dates stay dates, a range stays a range, a day count stays', () => {
    expect(maskText('2026年5月1日 至 2026年7月29日')).toBe('0000年0月0日 至 0000年0月00日');
    expect(maskText('2026.09.03到2026.12.01')).toBe('0000.00.00到0000.00.00');
    expect(maskText('90天')).toBe('90天');
    expect(maskText('13812345678天')).toBe('00000000000天');
  });
  test('a lone date word is not kept (至 in a name is the name)', () => {
    expect(maskText('王至善')).toBe('某某某');
  });
  test('URLs keep host and path; query values, numbers and encoded names in the path are masked', () => {
    expect(maskUrl('http://zs.cpta.com.cn/certMng/certList.do?method=list&id=2205110000300127#top')).toBe('http://zs.cpta.com.cn/certMng/certList.do?method=xxxx&id=0000000000000000#xxx');
    expect(maskUrl('/notice/11790.html', 'http://www.cpta.com.cn/')).toBe('/notice/00000.html');
    expect(maskUrl(`/u/${encodeURIComponent('张伟')}/a@b.cn/x`, 'http://www.cpta.com.cn/')).toBe('/u/某某/x@x.xx/x');
    expect(maskUrl("javascript:certDown('2205110000300127')")).toBe("javascript:certDown('0000000000000000')");
    expect(maskUrl('mailto:zhangwei@example.com')).toBe('mailto:xxxxxxxx@xxxxxxx.xxx');
  });
  test('code keeps its names and masks its strings', () => {
    expect(maskCode("show('张伟', 13812345678); window.open('/a?b=1')")).toBe("show('某某', 00000000000); window.open('/x?x=0')");
  });
});

describe('the header names the browser', () => {
  test.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36', 'Chrome 156'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge 131'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox 140'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Chrome 156'],
    ['something else', 'unknown'],
  ])('%s → %s', (ua, name) => {
    expect(browserName(ua)).toBe(name);
  });
});
