import { describe, expect, it } from 'vitest';
import { reportFileName, renderReportFile } from '../../src/analytics/report-file.js';
import { reportHtml } from '../../src/analytics/report-html.js';
import { REPORT_SECTIONS } from '../../src/analytics/report-html-strings.js';
import { PdfUnavailableError } from '../../src/analytics/report-pdf.js';
import { figures, HOSTILE, sampleReport } from './analytics-report-fixture.js';

/** The text of every `<figcaption>`. */
const captions = (html: string) => [...html.matchAll(/<figcaption>(.*?)<\/figcaption>/g)].map((m) => m[1]);

describe('the usage report as standalone HTML', () => {
  it('has every section, in order, in one file with no script and no external reference', () => {
    const html = reportHtml(sampleReport());
    const order = REPORT_SECTIONS.map((s) => html.indexOf(`data-section="${s}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    // Tags only (`<` appears nowhere else: data is escaped); attributes that could fetch anything.
    expect(/<(script|link|img|iframe|object|embed)\b/i.test(html)).toBe(false);
    const tags = html.replace(/="[^"]*"/g, '=""').match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((t) => /\s(src|href|xlink:href|on[a-z]+)=/i.test(t))).toEqual([]);
    expect(/@import|url\(|https?:\/\//i.test(html)).toBe(false);
  });

  it('escapes every name that came from users', () => {
    const html = reportHtml(sampleReport(), 'en');
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('says under every figure its period, zone, filters and row count', () => {
    const report = sampleReport({ filters: { model: 'qwen<max>', region: '华东' }, rows: 12_345 });
    const html = reportHtml(report);
    const figureCount = html.split('<figure').length - 1;
    const caps = captions(html);
    expect(figureCount).toBeGreaterThan(15);
    expect(caps).toHaveLength(figureCount);
    for (const c of caps) {
      expect(c).toContain('2026-12-01 00:00 – 2026-12-08 00:00');
      expect(c).toContain('Asia/Shanghai');
      expect(c).toContain('模型=qwen&lt;max&gt;, 地区=华东');
      expect(c).toContain('12,345');
    }
  });

  it('draws the 1,440-minute chart, the 7 × 24 heatmap and the series from the report', () => {
    const report = sampleReport();
    const html = reportHtml(report);
    const total = report.minute_of_day.reduce((a, b) => a + b, 0);
    expect(html).toContain(`data-buckets="1440" data-total="${total}"`);
    const area = /<path class="area" d="([^"]+)"/.exec(html)![1];
    expect(area.match(/L/g)!.length).toBe(1440 + 1);
    expect(html.match(/<rect class="cell"/g)).toHaveLength(7 * 24);
    expect(html).toContain(`data-points="${report.series.points.length}"`);
    // The busiest minute (10:00 in the fixture) is named.
    expect(html).toContain('高峰 10:00');
  });

  it('names the top three scenarios and the model that holds users longest first', () => {
    const html = reportHtml(sampleReport(), 'en');
    const top = /<ol class="top-three">(.*?)<\/ol>/.exec(html)![1];
    expect(top.match(/<li>/g)).toHaveLength(3);
    expect(top.indexOf('summarize')).toBeLessThan(top.indexOf('Direct API'));
    expect(top.indexOf('Direct API')).toBeLessThan(top.indexOf('translate'));
    const hold = /<table class="groups hold"[^>]*>(.*?)<\/table>/.exec(html)![1];
    expect(hold.indexOf('deepseek-chat')).toBeLessThan(hold.indexOf('qwen-max'));
    expect(html).toContain('Which model holds users longest');
  });

  it('shows the interest clouds in the report language, or says topics are off', () => {
    const zh = reportHtml(sampleReport());
    expect(zh).toContain('知识问答');
    expect(zh).toMatch(/<div class="cloud" data-group="qwen-max">/);
    const en = reportHtml(sampleReport(), 'en');
    expect(en).toContain('Knowledge Q&amp;A');
    // How interests shift: buckets with classified requests, their top tasks.
    const shift = /<table class="groups shift">(.*?)<\/table>/.exec(en)![1];
    expect(shift).not.toContain('2026-12-01');
    expect(shift).toContain('<th>2026-12-02 00:00</th><td class="num">12</td><td>Code 66.7% · Writing 33.3%</td>');
    const off = reportHtml(sampleReport({ topics: null }), 'en');
    expect(off).toContain('class="note topics-off"');
    expect(off).not.toContain('class="cloud"');
  });

  it('renders an empty period without failing', () => {
    const empty = sampleReport({
      rows: 0,
      totals: figures(0, {
        users: 0,
        sessions: 0,
        page_views: 0,
        avg_dwell_seconds: null,
        turns_per_session: null,
        latency_ms: { p50: null, p95: null, p99: null },
        ttft_ms: { p50: null, p95: null, p99: null },
        error_rate: null,
        cache_hit_rate: null,
        satisfaction: null,
        tokens_per_second: null,
      }),
      by_scenario: [],
      by_model: [],
      by_provider: [],
      by_app: [],
      by_key: [],
      by_workspace: [],
      by_segment: { industry: [], region: [], user_group: [] },
      minute_of_day: new Array(1440).fill(0),
      heatmap: Array.from({ length: 7 }, () => new Array(24).fill(0)),
      series: { grain: 'hour', points: [] },
      topics: null,
    });
    const html = reportHtml(empty, 'en');
    for (const s of REPORT_SECTIONS) expect(html).toContain(`data-section="${s}"`);
    expect(html).toContain('No data in this period.');
    expect(html).toContain('data-total="0"');
    expect(html).not.toContain('NaN');
  });
});

describe('report files', () => {
  it('are named by the first and last local day, in ASCII', () => {
    expect(reportFileName(sampleReport(), 'html')).toBe('report-2026-12-01-2026-12-07.html');
    const ny = sampleReport({
      period: { from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z', time_zone: 'America/New_York' },
    });
    expect(reportFileName(ny, 'pdf')).toBe('report-2026-03-08-2026-03-08.pdf');
  });

  it('render as JSON (the contract), CSV and HTML; PDF without a browser is refused', async () => {
    const report = sampleReport();
    const json = await renderReportFile(report, 'json', { lang: 'zh' });
    expect(json.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(report);
    const csv = await renderReportFile(report, 'csv', { lang: 'en' });
    expect(csv.filename).toBe('report-2026-12-01-2026-12-07.csv');
    expect(csv.bytes.toString('utf8')).toContain('qwen-max');
    const html = await renderReportFile(report, 'html', { lang: 'en', workspaceName: '研发部' });
    expect(html.bytes.toString('utf8')).toContain('All workspaces');
    await expect(renderReportFile(report, 'pdf', { lang: 'zh', chromium: null })).rejects.toBeInstanceOf(PdfUnavailableError);
  });

  it("name the workspace in the facts when the report is one workspace's", () => {
    const html = reportHtml(sampleReport({ workspace: 'ws_2' }), 'en', { workspaceName: '研发部 <R&D>' });
    expect(html).toContain('<dd>研发部 &lt;R&amp;D&gt; (ws_2)</dd>');
    expect(html).not.toContain('By workspace');
  });
});
