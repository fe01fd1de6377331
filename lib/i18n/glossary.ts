// One voice for every string in lib/i18n/<locale>/*.json: the words we use, in both
// languages, and the words we retired. tests/unit/i18n-glossary.test.ts checks every
// string against RETIRED, so a retired word cannot come back unnoticed.
//
// Words
// - The site: 中国人事考试网, always in full (not 门户, not 人事考试网 or 考试网 alone).
//   English: "the CPTA website" (China Personnel Examination Network), never "portal".
// - 加注 (annotation): the portal's stamp that makes an e-certificate usable for a chosen
//   time. English: "annotation", "annotate". 加注件: the annotated certificate file the
//   portal makes (quoted in its message 加注件已过期). English: "annotated certificate".
// - 管理号: the number the download system shows for a certificate; 证书编号 is the number
//   printed on it. Said when calling the help lines. English: "management number (管理号)".
// - Measure words: 张 for certificates (一张证书), 次 for applications and annotations,
//   条 for stored records. Not 本 or 份.
// - Help lines (the official guide's): 010-87901800, 010-84237767, written exactly so.
// - Dates in prose: 2026年12月1日 / 1 Dec 2026, from lib/dates/beijing.ts (formatBeijingDate);
//   times with their zone said: 14:05（北京时间）/ 14:05 (Beijing time). The ISO form
//   2026-03-01 only as an example of what a form accepts.
// - Register: polite, 您 (never 你); plain statements, no casual fillers (就行, 没看懂).
//   English: plain and polite, "you".

export interface RetiredWord {
  /** What is retired, matched against each string. */
  pattern: RegExp;
  /** What to write instead. */
  use: string;
}

export const RETIRED: { zh_CN: RetiredWord[]; en: RetiredWord[] } = {
  zh_CN: [
    { pattern: /门户/, use: '中国人事考试网' },
    { pattern: /(?<!中国)人事考试网/, use: '中国人事考试网' },
    { pattern: /(?<!人事)考试网/, use: '中国人事考试网' },
    { pattern: /你/, use: '您' },
    { pattern: /(?:\d|\}|[一两几每哪])\s*[本份]/, use: '张 (证书), 次 (加注), 条 (记录)' },
    { pattern: /就行|就好|等着/, use: '请耐心等待 / 即可' },
    { pattern: /没看懂|看不懂|没能读懂|读不懂|没能/, use: '无法识别 / 未能读取' },
  ],
  en: [
    { pattern: /\bportal\b/i, use: 'the CPTA website' },
    { pattern: /\bjust wait\b/i, use: 'please wait' },
    { pattern: /\b(?:gonna|wanna|okay)\b/i, use: 'plain, polite English' },
  ],
};

/** Keys whose text may show an ISO date, as an example of what a form accepts. */
export const ISO_DATE_EXAMPLE_KEYS: ReadonlySet<string> = new Set(['popup.dateHint', 'popup.errDateFormat']);

/** The help lines, as the official guide writes them. */
export const HELP_LINES = ['010-87901800', '010-84237767'] as const;
