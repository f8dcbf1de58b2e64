import { escapeHtml } from './html-escape.js';

/** What a report page is made of: everything but `sections` is text (escaped here); sections are HTML. */
export interface ReportPageParts {
  /** The `<html lang>`. */
  htmlLang: string;
  /** The document's title (the browser tab, the PDF's). */
  title: string;
  /** The inline stylesheet. */
  css: string;
  /** The page's `<h1>` and the line under it. */
  heading: string;
  subtitle: string;
  sections: readonly string[];
  footer: string;
}

/**
 * A report as one standalone HTML page: `lang`, UTF-8, a viewport, a light colour scheme, the title,
 * the inline stylesheet; in the body the heading and subtitle, the sections (one per line) and the
 * footer. Shared by the evaluation report and the usage report.
 */
export function reportPage(page: ReportPageParts): string {
  const body = [
    `<header><h1>${escapeHtml(page.heading)}</h1><p class="subtitle">${escapeHtml(page.subtitle)}</p></header>`,
    ...page.sections,
    `<footer>${escapeHtml(page.footer)}</footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${page.htmlLang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${page.css}</style>`,
    '</head>',
    `<body>${body.join('\n')}</body>`,
    '</html>',
    '',
  ].join('\n');
}

/** The report's facts as a section: a heading over a list of label and value, both escaped; `attrs` go on the section. */
export function factsSection(heading: string, rows: ReadonlyArray<readonly [string, string]>, attrs = ''): string {
  return `<section class="facts"${attrs}><h2>${escapeHtml(heading)}</h2><dl class="facts">${rows
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('')}</dl></section>`;
}
