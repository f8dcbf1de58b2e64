import { cliLang } from './i18n.js';

/** Messages of `baimo report` in English and Chinese (the locale as src/cli/i18n.ts reads it). */
const messages = {
  en: {
    formatNeeded: 'html, csv, json or pdf (or an --out file ending in .html, .csv, .json or .pdf)',
    zoneNeeded: 'an IANA time zone (Asia/Shanghai, America/New_York, UTC, …)',
    written: (path: string, bytes: number, rows: number) => `wrote ${path} (${bytes} bytes, from ${rows} rows)`,
    pdfUnavailable: (message: string) => `pdf_unavailable: ${message}`,
    badOption: (message: string) => `invalid report option: ${message}`,
  },
  zh: {
    formatNeeded: 'html、csv、json 或 pdf（或以 .html、.csv、.json、.pdf 结尾的 --out 文件）',
    zoneNeeded: 'IANA 时区（Asia/Shanghai、America/New_York、UTC 等）',
    written: (path: string, bytes: number, rows: number) => `已写入 ${path}（${bytes} 字节，基于 ${rows} 行数据）`,
    pdfUnavailable: (_message: string) =>
      'pdf_unavailable：生成 PDF 需要无头 Chromium，但没有找到（PATH 上的 chromium、chromium-browser、google-chrome，或 analytics.chromium_path）。请安装（apt-get install chromium）或改用 --format html。',
    badOption: (message: string) => `报告参数有误：${message}`,
  },
} as const;

export type ReportMessages = (typeof messages)['en'];

/** `baimo report` messages for the user's locale. */
export function reportT(env: NodeJS.ProcessEnv = process.env): ReportMessages {
  return (cliLang(env) === 'zh' ? messages.zh : messages.en) as ReportMessages;
}
