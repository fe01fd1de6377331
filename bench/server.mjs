// The pages the benchmark loads, served on loopback and reached at the portal's own
// hostnames (the browser's host-resolver rules), so the real content script runs on them.
//   ?v=heavy-200-rows   the generated certificate list, 200 rows, ≈10,000 elements
//   ?v=changing         the saved certificate list plus a clock and a notice ticker that
//                       change the DOM every 100 ms
//   ?v=heavy-changing   the heavy list with the same clock and ticker (the worst case)
//   ?v=list-table       the saved certificate list as it is
//   ?v=blank            an empty page of the same site, to start each run from
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';

const FIXTURES = resolve(import.meta.dirname, '../tests/fixtures');

/** Where each page is served: the heavy page's URL is the one fixtures.json gives it. */
export const BENCH_URL = {
  heavy: 'http://zs.cpta.com.cn/certMng/certList.do?method=list&v=heavy-200-rows',
  changing: 'http://zs.cpta.com.cn/certMng/certList.do?method=list&v=changing',
  heavyChanging: 'http://zs.cpta.com.cn/certMng/certList.do?method=list&v=heavy-changing',
  listTable: 'http://zs.cpta.com.cn/certMng/certList.do?method=list&v=list-table',
  blank: 'http://zs.cpta.com.cn/certMng/blank.html?v=blank',
};

/**
 * The DOM changes, every 100 ms, outside the flow's content: a clock's text, one notice in
 * and one out. Their words are none of the flow's (lib/report/vocabulary.json: a notice
 * about 资格 or a label 时间 would be, and the guide looks at those again, as it must).
 */
const TICKER = `
<div id="bench-ticker" style="width:96%;margin:8px auto;background:#fff;border:1px solid #9fb3cf">
  <div>服务器时钟：<span id="bench-clock">--:--:--.-</span></div>
  <ul id="bench-notices" style="height:120px;overflow:hidden;margin:0;padding-left:20px"></ul>
</div>
<script>
(function () {
  var clock = document.getElementById('bench-clock');
  var list = document.getElementById('bench-notices');
  var n = 0;
  function notice(i) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = 'notice/' + i + '.html';
    a.textContent = '关于' + (2020 + (i % 7)) + '年度考试报名安排的通知（第' + i + '号）';
    li.appendChild(a);
    return li;
  }
  for (var i = 0; i < 20; i++) list.appendChild(notice(n++));
  setInterval(function () {
    var d = new Date();
    clock.textContent = d.toTimeString().slice(0, 8) + '.' + Math.floor(d.getMilliseconds() / 100);
    list.removeChild(list.firstElementChild);
    list.appendChild(notice(n++));
  }, 100);
})();
</script>
`;

const BLANK = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>';

/** @param {string} html @param {string} extra */
function beforeBodyEnd(html, extra) {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + extra : html.slice(0, at) + extra + html.slice(at);
}

/**
 * @param {{ heavyHtml: string }} pages
 * @returns {Promise<{ port: number, requests: string[], close(): Promise<void> }>}
 */
export async function startBenchServer(pages) {
  const listTable = readFileSync(join(FIXTURES, 'cert-list/list-table.html'), 'utf8');
  /** @type {Record<string, string>} */
  const byVariant = {
    'heavy-200-rows': pages.heavyHtml,
    changing: beforeBodyEnd(listTable, TICKER),
    'heavy-changing': beforeBodyEnd(pages.heavyHtml, TICKER),
    'list-table': listTable,
    blank: BLANK,
  };
  /** @type {string[]} */
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.headers.host ?? ''}${req.url ?? ''}`);
    const body = byVariant[url.searchParams.get('v') ?? ''];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a benchmark page');
      return;
    }
    /** @type {Record<string, string>} */
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    res.writeHead(200, headers).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok(undefined));
      }),
  };
}
