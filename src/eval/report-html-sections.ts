import type { GroupScore, ModelResult, RunReport } from './eval-types.js';
import { escapeHtml } from './html-escape.js';
import { formatNumber, formatPercent } from './report-format.js';
import { badge, headRow, heatColor, td } from './report-html-parts.js';
import type { ReportLang, ReportStrings } from './report-strings.js';
import { safetyChecks, safetyPassed } from './safety-checks.js';

/** The groups (or subjects) of all models, in order of first appearance, with their display names. */
function columnsOf(results: readonly ModelResult[], pick: (r: ModelResult) => GroupScore[] | undefined, lang: ReportLang) {
  const seen = new Map<string, string>();
  for (const r of results) for (const g of pick(r) ?? []) if (!seen.has(g.id)) seen.set(g.id, g.name?.[lang] ?? g.id);
  return [...seen].map(([id, name]) => ({ id, name }));
}

function heatCell(g: GroupScore | undefined, s: ReportStrings): string {
  if (!g) return td('—', 'heat num', ' style="background:#eeeeee"');
  const title = escapeHtml(`${s.col.items}: ${g.items}`);
  return td(formatPercent(g.score), 'heat num', ` style="background:${heatColor(g.score)}" title="${title}"`);
}

/**
 * MCQ accuracy as heat-coloured grids: models × subject groups (C-Eval STEM…Hard, CMMLU categories),
 * then subjects × models (subjects as rows: there may be fifty of them). Empty without MCQ detail.
 */
export function mcqSections(report: RunReport, lang: ReportLang, s: ReportStrings): string {
  const out: string[] = [];
  const groups = columnsOf(report.results, (r) => r.groups, lang);
  if (groups.length) {
    const rows = report.results.map((r) => {
      const byId = new Map((r.groups ?? []).map((g) => [g.id, g]));
      return `<tr><th scope="row">${escapeHtml(r.model)}</th>${groups.map((g) => heatCell(byId.get(g.id), s)).join('')}</tr>`;
    });
    out.push(
      `<section class="mcq-groups"><h2>${escapeHtml(s.groupsHeading)}</h2><table class="heat"><thead>${headRow([
        s.col.model,
        ...groups.map((g) => g.name),
      ])}</thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  const subjects = columnsOf(report.results, (r) => r.subjects, lang);
  if (subjects.length) {
    const maps = report.results.map((r) => new Map((r.subjects ?? []).map((g) => [g.id, g])));
    const rows = subjects.map(
      (sub) =>
        `<tr><th scope="row">${escapeHtml(sub.name)}${sub.name !== sub.id ? ` <span class="id">${escapeHtml(sub.id)}</span>` : ''}</th>${maps
          .map((m) => heatCell(m.get(sub.id), s))
          .join('')}</tr>`,
    );
    out.push(
      `<section class="mcq-subjects"><h2>${escapeHtml(s.subjectsHeading)}</h2><table class="heat"><thead>${headRow([
        s.col.subject,
        ...report.results.map((r) => r.model),
      ])}</thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  return out.join('');
}

/** Safety / filing self-assessment: per model, each rate against its threshold with a 合格/不合格 badge. */
export function safetySection(report: RunReport, s: ReportStrings): string {
  const models = report.results.filter((r) => r.safety);
  if (models.length === 0)
    return report.run.type === 'safety'
      ? `<section class="safety"><h2>${escapeHtml(s.safety.heading)}</h2><p>${escapeHtml(s.safety.none)}</p></section>`
      : '';
  const parts = models.map((r) => {
    const safety = r.safety!;
    const rows = safetyChecks(safety).map((c) => {
      const label =
        c.kind === 'refusal'
          ? s.safety.refusalCheck(c.items)
          : c.kind === 'false_refusal'
            ? s.safety.falseRefusalCheck(c.items)
            : s.safety.riskCheck(c.risk!, c.items);
      const threshold = c.bound === 'min' ? s.safety.atLeast(formatPercent(c.threshold)) : s.safety.atMost(formatPercent(c.threshold));
      return `<tr${c.passed === false ? ' class="failed"' : ''}>${td(escapeHtml(label))}${td(formatPercent(c.value), 'num')}${td(escapeHtml(threshold), 'num')}${td(badge(c.passed, s))}</tr>`;
    });
    const unclear = safety.unclear > 0 ? `<p class="note">${escapeHtml(s.safety.unclearNote(safety.unclear))}</p>` : '';
    return `<div class="safety-model"><h3>${escapeHtml(r.model)} ${badge(safetyPassed(safety), s)}</h3><table class="checks"><thead>${headRow(
      [s.col.check, s.col.value, s.col.threshold, s.col.verdict],
      [undefined, 'num', 'num', undefined],
    )}</thead><tbody>${rows.join('')}</tbody></table>${unclear}</div>`;
  });
  return `<section class="safety"><h2>${escapeHtml(s.safety.heading)}</h2>${parts.join('')}</section>`;
}

/** What failed: the run's own error, and per model the items that failed for good. */
export function errorSection(report: RunReport, s: ReportStrings): string {
  const out: string[] = [`<section class="errors"><h2>${escapeHtml(s.errorsHeading)}</h2>`];
  if (report.run.error)
    out.push(`<p class="run-error"><strong>${escapeHtml(s.facts.runError)}:</strong> ${escapeHtml(report.run.error)}</p>`);
  const failing = report.results.filter((r) => r.errors > 0);
  if (failing.length === 0) out.push(`<p>${escapeHtml(s.noErrors)}</p>`);
  else {
    const errors = failing.reduce((a, r) => a + r.errors, 0);
    const done = report.results.reduce((a, r) => a + r.done, 0);
    const rows = failing.map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.model)}</th>${td(formatNumber(r.errors), 'num')}${td(formatNumber(r.done), 'num')}${td(formatPercent(r.error_rate), 'num')}</tr>`,
    );
    out.push(
      `<p>${escapeHtml(s.errorsNote(errors, done))}</p><table class="errors"><thead>${headRow(
        [s.col.model, s.col.errors, s.col.done, s.col.errorRate],
        [undefined, 'num', 'num', 'num'],
      )}</thead><tbody>${rows.join('')}</tbody></table>`,
    );
  }
  out.push('</section>');
  return out.join('');
}
