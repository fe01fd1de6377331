import { describe, expect, test } from 'vitest';
import { compact, controlKey, normaliseText, textBlocks, visibleControls, visibleText, visibleTextOf } from '../../../lib/portal/text';
import { loadHtml } from './fixtures';

describe('normaliseText', () => {
  test.each([
    ['\u00a0 下载\u3000', '下载'],
    ['【下载】', '[下载]'],
    ['［下载］', '[下载]'],
    ['〔同意〕', '[同意]'],
    ['证书生成中...', '证书生成中…'],
    ['证书生成中…', '证书生成中…'],
    ['证书生成中……', '证书生成中…'],
    ['证书生成中。。。', '证书生成中…'],
    ['持证人查询下载（含电子证书、电子文件下载）', '持证人查询下载(含电子证书、电子文件下载)'],
    ['２０２６年１２月１日', '2026年12月1日'],
    ['使用场景：本人调用', '使用场景:本人调用'],
    ['  a \n\t b  ', 'a b'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(normaliseText(input)).toBe(output);
  });
  test('null and undefined are empty', () => {
    expect(normaliseText(null)).toBe('');
    expect(normaliseText(undefined)).toBe('');
  });
});

describe('controlKey', () => {
  test.each([
    ['登  录', '登录'],
    ['同　意', '同意'],
    ['[下载]', '下载'],
    ['【下载】', '下载'],
    ['[[下载]]', '下载'],
    [' 下 载 ', '下载'],
    ['持证人查询下载（含电子证书、电子文件下载）', '持证人查询下载(含电子证书、电子文件下载)'],
  ])('%j → %j', (input, output) => {
    expect(controlKey(input)).toBe(output);
  });
  test('compact removes the spaces normaliseText leaves', () => {
    expect(compact(normaliseText('证书 生成中 …'))).toBe('证书生成中…');
  });
});

describe('visibleControls', () => {
  const html = `<html><body>
    <button>按钮</button>
    <a href="javascript:go()">链接</a>
    <input type="button" value="输入按钮"><input type="submit" value="提交"><input type="reset" value="重置">
    <input type="text" value="文本框"><input type="password" value="secret">
    <span role="button">角色按钮</span>
    <div onclick="go()">点击区域</div>
    <button hidden>隐藏1</button>
    <div style="display: none"><a href="#">隐藏2</a></div>
    <div style="visibility:hidden"><a href="#">隐藏3</a></div>
    <button disabled>停用</button>
    <a href="#" aria-label="图标按钮"><i></i></a>
  </body></html>`;
  const { document } = loadHtml(html, 'http://zs.cpta.com.cn/x');
  const controls = visibleControls(document);
  test('finds buttons, links, input buttons by value, role=button and onclick elements', () => {
    expect(controls.map((c) => c.key)).toEqual(['按钮', '链接', '输入按钮', '提交', '重置', '角色按钮', '点击区域', '停用', '图标按钮']);
  });
  test('leaves out hidden controls and never lists text or password fields', () => {
    const keys = controls.map((c) => c.key);
    for (const hidden of ['隐藏1', '隐藏2', '隐藏3', '文本框', 'secret']) expect(keys).not.toContain(hidden);
  });
  test('marks disabled controls', () => {
    expect(controls.filter((c) => c.disabled).map((c) => c.key)).toEqual(['停用']);
  });
});

describe('textBlocks', () => {
  test('one block per element holding text, split messages kept whole, scripts, options and hidden parts left out', () => {
    const { document } = loadHtml(
      `<html><body><table><tr><td>证书<b>生成中</b>…</td></tr></table><p>加注信息</p><script>var x = "脚本";</script>
       <select><option>本人调用</option></select><div hidden>隐藏</div><style>.a{}</style></body></html>`,
      'http://zs.cpta.com.cn/x',
    );
    const texts = textBlocks(document).map((b) => compact(b.text));
    expect(texts).toContain('证书生成中…');
    expect(texts).toContain('加注信息');
    expect(texts.join()).not.toMatch(/脚本|本人调用|隐藏|\.a/);
  });
});

describe('visibleText', () => {
  test('reads a cell the way normaliseText(visibleTextOf) does, quick or plain', () => {
    const { document } = loadHtml(
      `<html><body><table><tr>
        <td id="chain"><div class="c"><span class="t"> 有效 </span></div></td>
        <td id="split"><em>社会</em>工作者</td>
        <td id="hidden"><span>下载</span><span style="display:none">隐藏</span></td>
        <td id="spaces"> <b>&nbsp;</b><i>２０２６年</i> </td>
        <td id="empty"><i class="icon"></i></td>
      </tr></table></body></html>`,
      'http://zs.cpta.com.cn/x',
    );
    const read = (id: string) => visibleText(document.getElementById(id)!);
    expect(read('chain')).toBe('有效');
    // An element's edge inside the text is a space, as visibleTextOf reads it.
    expect(read('split')).toBe('社会 工作者');
    expect(read('hidden')).toBe('下载');
    expect(read('spaces')).toBe('2026年');
    expect(read('empty')).toBe('');
    for (const id of ['chain', 'split', 'hidden', 'spaces', 'empty']) expect(read(id), id).toBe(normaliseText(visibleTextOf(document.getElementById(id)!)));
  });
});
