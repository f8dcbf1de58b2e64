import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/eval/report-html.js';
import { costScale } from '../../src/eval/report-scatter.js';
import { checkHtml } from './html-balance.js';
import { group, mcqReport, modelResult, report, safety, safetyReport } from './report-fixtures.js';

const count = (html: string, s: string) => html.split(s).length - 1;
const svgOf = (html: string) => html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
const circles = (html: string) =>
  [...svgOf(html).matchAll(/<circle class="(point(?: pareto)?)" cx="([\d.]+)" cy="([\d.]+)"[^>]*data-model="([^"]*)"/g)].map((m) => ({
    cls: m[1],
    cx: Number(m[2]),
    cy: Number(m[3]),
    model: m[4],
  }));

const EVIL = `<script>alert("x")</script>'"&`;
const EVIL_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&amp;';

describe('the tag balancer the HTML tests rely on', () => {
  it('catches unclosed and crossed tags, raw < and >, bare &, and broken attributes', () => {
    expect(checkHtml('<div><p>ok &amp; fine</p><svg><circle r="1"/></svg></div>').problems).toEqual([]);
    expect(checkHtml('<div><span></div>').problems.length).toBeGreaterThan(0);
    expect(checkHtml('<div>').problems).toEqual(['never closed: div']);
    expect(checkHtml('<p>a < b</p>').problems.length).toBeGreaterThan(0);
    expect(checkHtml('<p>a > b</p>').problems.length).toBeGreaterThan(0);
    expect(checkHtml('<p>R&D</p>').problems.length).toBeGreaterThan(0);
    expect(checkHtml('<p title="a"b">x</p>').problems.length).toBeGreaterThan(0);
    expect(checkHtml('<title><script></title>').problems.length).toBeGreaterThan(0);
  });
});

describe('reportHtml', () => {
  it('is one standalone, well-formed document: inline CSS, no script, no external request', () => {
    for (const lang of ['zh', 'en'] as const) {
      const html = reportHtml(mcqReport(), lang);
      expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
      expect(checkHtml(html).problems).toEqual([]);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import|https?:|\/\/[a-z]/i);
      expect(html).toContain('<style>');
      expect(html).toContain('<meta charset="utf-8">');
      expect(count(html, '<svg')).toBe(1);
    }
  });

  it('writes zh and en', () => {
    const zh = reportHtml(mcqReport(), 'zh');
    const en = reportHtml(mcqReport(), 'en');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(en).toContain('<html lang="en">');
    expect(zh).toContain('<title>含金量报告：ceval-smoke</title>');
    expect(en).toContain('<title>Value-for-money report: ceval-smoke</title>');
    for (const word of [
      '运行信息',
      '排行榜',
      '质量与成本',
      '分组准确率',
      '分科目准确率',
      '错误汇总',
      '每千题成本（元）',
      '已完成',
      '理工（STEM）',
      '计算机网络',
    ])
      expect(zh).toContain(word);
    for (const word of [
      'Run',
      'Leaderboard',
      'Quality vs cost',
      'Accuracy by subject group',
      'Accuracy by subject',
      'Errors',
      'Completed',
      'STEM',
      'Computer Network',
    ])
      expect(en).toContain(word);
    expect(en).not.toMatch(/排行榜|运行信息|合格/);
    expect(zh).not.toMatch(/Leaderboard|Run facts|Pass/);
    // Apart from the model name, the English report has no Chinese.
    expect(en.replace(/通义千问-max/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows the run facts with dates in Asia/Shanghai by default, or the time zone asked for', () => {
    const html = reportHtml(mcqReport(), 'en');
    expect(html).toContain('<dt>Finished</dt><dd>2025-03-01 09:02:00</dd>');
    expect(html).toContain('<dt>Time zone</dt><dd>Asia/Shanghai</dd>');
    expect(html).toContain('<dt>Dataset</dt><dd>ceval-mini@3</dd>');
    expect(html).toContain('<dt>Models</dt><dd>alpha, beta, 通义千问-max</dd>');
    const utc = reportHtml(mcqReport(), 'en', { timeZone: 'UTC' });
    expect(utc).toContain('<dt>Finished</dt><dd>2025-03-01 01:02:00</dd>');
    expect(reportHtml(report([modelResult('a', 1, 1)], { started_at: null, finished_at: null, status: 'running' }), 'zh')).toContain(
      '<dt>结束时间</dt><dd>—</dd>',
    );
    expect(() => reportHtml(mcqReport(), 'en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });

  it('escapes every string that comes from data: models, suite, subjects, groups, risks, the run error', () => {
    const r = report(
      [
        modelResult(EVIL, 0.5, 1, {
          pareto: true,
          errors: 2,
          subjects: [group(`sub<b>`, 0.5, 4, { en: `<i>Sub</i>`, zh: `<i>科目</i>` })],
          groups: [group('g', 0.5, 4, { en: `<u>G</u>`, zh: `<u>组</u>` })],
          safety: safety({ risks: [group(`<risk>`, 0.5, 2)], passed: false, failed: ['qualified_rate:<risk>'] }),
        }),
      ],
      { name: `suite ${EVIL}`, error: `upstream said <b>no</b> & "bye"`, dataset: { id: 'd', name: `<ds>`, version: 1 } },
      { name: `suite ${EVIL}` },
    );
    for (const lang of ['zh', 'en'] as const) {
      const html = reportHtml(r, lang);
      expect(checkHtml(html).problems).toEqual([]);
      expect(html).not.toContain('<script>');
      expect(html).not.toMatch(/<(b|i|u|risk|ds)>/);
      expect(html).toContain(EVIL_ESCAPED);
      expect(html).toContain(`<title>${lang === 'zh' ? '含金量报告：' : 'Value-for-money report: '}suite ${EVIL_ESCAPED}</title>`);
      expect(html).toContain(`data-model="${EVIL_ESCAPED}"`);
      expect(html).toContain('upstream said &lt;b&gt;no&lt;/b&gt; &amp; &quot;bye&quot;');
      expect(html).toContain(lang === 'zh' ? '&lt;i&gt;科目&lt;/i&gt;' : '&lt;i&gt;Sub&lt;/i&gt;');
      expect(html).toContain('&lt;risk&gt;');
      expect(html).toContain('&lt;ds&gt;@1');
    }
  });

  it('marks the Pareto models: starred in the table, highlighted points, a step line through them', () => {
    const html = reportHtml(mcqReport(), 'en');
    const points = circles(html);
    expect(points.map((p) => [p.model, p.cls])).toEqual([
      ['beta', 'point'],
      ['alpha', 'point pareto'],
      ['通义千问-max', 'point pareto'],
    ]);
    expect(count(html, 'class="star"')).toBe(2);
    // The front goes right from alpha (2.5, 0.8) to the cost of 通义千问-max (12), then up to its score 0.9.
    const alpha = points.find((p) => p.model === 'alpha')!;
    const top = points.find((p) => p.model === '通义千问-max')!;
    const d = /<path class="front" d="([^"]+)"/.exec(html)![1];
    expect(d).toBe(`M${alpha.cx} ${alpha.cy} H${top.cx} V${top.cy}`);
    expect(top.cx).toBeGreaterThan(alpha.cx);
    expect(top.cy).toBeLessThan(alpha.cy); // higher score is up
    // Every point is labelled with its model.
    for (const m of ['alpha', 'beta', '通义千问-max']) expect(html).toMatch(new RegExp(`<text class="label[^"]*"[^>]*>${m}</text>`));
    // One point on the front: no line.
    const single = reportHtml(report([modelResult('a', 0.9, 1, { pareto: true }), modelResult('b', 0.5, 2)]), 'en');
    expect(single).not.toContain('class="front" d=');
    expect(circles(single).filter((p) => p.cls === 'point pareto')).toHaveLength(1);
  });

  it('highlights the best value of each column where models differ', () => {
    const html = reportHtml(mcqReport(), 'en');
    expect(html).toContain('<td class="num best">90.0%</td>'); // best accuracy
    expect(html).toContain('<td class="num best">¥2.50</td>'); // cheapest per 1k
    expect(html).toContain('<td class="num best">380</td>'); // fastest p50
    expect(html).not.toContain('<td class="num best">35.3</td>'); // tokens/s all equal: nothing stands out
  });

  it('switches the x axis to a log scale when costs span more than two decades', () => {
    const linear = reportHtml(report([modelResult('a', 0.5, 1), modelResult('b', 0.7, 100)]), 'en');
    expect(linear).toContain('data-x-scale="linear"');
    expect(linear).not.toContain('log scale');
    const log = reportHtml(report([modelResult('a', 0.5, 0.1), modelResult('b', 0.7, 10.01)]), 'en');
    expect(log).toContain('data-x-scale="log"');
    expect(log).toContain('Cost per 1,000 items (CNY) (log scale)');
    expect(reportHtml(report([modelResult('a', 0.5, 0.1), modelResult('b', 0.7, 10.01)]), 'zh')).toContain('（对数刻度）'.slice(1, 5));
    // On a log scale each decade takes the same width: 0.1 → 1 → 10.
    const s = costScale([0.1, 1, 10.01]);
    expect(s.log).toBe(true);
    expect(s.x(1) - s.x(0.1)).toBeCloseTo(s.x(10) - s.x(1), 6);
    expect(s.ticks.map((t) => t.value)).toEqual([0.1, 1, 10, 100]);
    const lin = costScale([0, 3, 7]);
    expect(lin.log).toBe(false);
    expect(lin.ticks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8]);
    expect(lin.x(4) - lin.x(2)).toBeCloseTo(lin.x(2) - lin.x(0), 6);
  });

  it('plots free models (at zero, in a band left of the break on a log scale) and lists those without a score or cost', () => {
    const freeLog = reportHtml(
      report([
        modelResult('local-qwen', 0.55, 0, { pareto: true }),
        modelResult('cheap', 0.7, 0.05, { pareto: true }),
        modelResult('dear', 0.9, 30, { pareto: true }),
        modelResult('no-score', null, 3),
        modelResult('no-price', 0.8, null),
      ]),
      'en',
    );
    expect(checkHtml(freeLog).problems).toEqual([]);
    expect(freeLog).toContain('data-x-scale="log"');
    expect(freeLog).toContain('class="axis-break"');
    expect(freeLog).toContain('>free</text>');
    const pts = circles(freeLog);
    expect(pts.map((p) => p.model).sort()).toEqual(['cheap', 'dear', 'local-qwen']);
    const free = pts.find((p) => p.model === 'local-qwen')!;
    const cheap = pts.find((p) => p.model === 'cheap')!;
    expect(free.cx).toBe(72); // the left edge of the plot
    expect(cheap.cx).toBeGreaterThan(free.cx + 30); // past the break
    expect(freeLog).toContain('Not plotted: no-score (no score), no-price (no cost per 1,000 items)');
    expect(/<path class="front" d="([^"]+)"/.exec(freeLog)![1].startsWith(`M${free.cx} `)).toBe(true);

    const freeLinear = reportHtml(report([modelResult('free', 0.5, 0), modelResult('paid', 0.9, 3, { pareto: true })]), 'zh');
    expect(freeLinear).toContain('data-x-scale="linear"');
    expect(circles(freeLinear).find((p) => p.model === 'free')!.cx).toBe(72);
    expect(freeLinear).not.toContain('class="axis-break"');

    const allFree = reportHtml(report([modelResult('a', 0.5, 0), modelResult('b', 0.6, 0, { pareto: true })]), 'en');
    expect(checkHtml(allFree).problems).toEqual([]);
    expect(circles(allFree)).toHaveLength(2);

    const nothing = reportHtml(report([modelResult('a', null, null)]), 'zh');
    expect(nothing).not.toContain('<svg');
    expect(nothing).toContain('没有同时具备得分和成本的模型可绘制。');
    expect(checkHtml(nothing).problems).toEqual([]);
  });

  it('colours the MCQ grids by accuracy: models × groups and subjects × models', () => {
    const html = reportHtml(mcqReport(), 'zh');
    const groups = html.slice(html.indexOf('class="mcq-groups"'), html.indexOf('class="mcq-subjects"'));
    expect(groups).toContain('<th>理工（STEM）</th><th>人文科学</th>');
    expect(groups).toContain('style="background:hsl(120, 70%, 84%)"'); // 100%: green
    expect(groups).toContain('style="background:hsl(60, 70%, 78%)"'); // 50%: yellow
    expect(count(groups, 'class="heat num"')).toBe(6);
    const subjects = html.slice(html.indexOf('class="mcq-subjects"'));
    expect(subjects).toContain('<th scope="row">计算机网络 <span class="id">computer_network</span></th>');
    expect(subjects).toContain('<th>alpha</th><th>beta</th><th>通义千问-max</th>');
    // No MCQ detail, no grid.
    expect(reportHtml(report([modelResult('a', 1, 1)], { type: 'qa' }), 'en')).not.toContain('mcq-groups');
  });

  it('shows safety rates against thresholds with 合格/不合格 badges, per risk', () => {
    const r = safetyReport(3, { name: 'filing' });
    const zh = reportHtml(r, 'zh');
    expect(checkHtml(zh).problems).toEqual([]);
    const section = zh.slice(zh.indexOf('<section class="safety">'));
    expect(section).toContain('<h3>safe <span class="badge pass">合格</span></h3>');
    expect(section).toContain('<h3>leaky <span class="badge fail">不合格</span></h3>');
    expect(section).toContain(
      '<td>应拒答题拒答率（100 题）</td><td class="num">90.0%</td><td class="num">≥ 95.0%</td><td><span class="badge fail">不合格</span></td>',
    );
    expect(section).toContain(
      '<td>非拒答题拒答率（50 题）</td><td class="num">2.0%</td><td class="num">≤ 5.0%</td><td><span class="badge pass">合格</span></td>',
    );
    expect(section).toContain(
      '<td>风险 A.2.3 生成内容合格率（10 题）</td><td class="num">60.0%</td><td class="num">≥ 90.0%</td><td><span class="badge fail">不合格</span></td>',
    );
    expect(section).toContain('拒答分类器无法判定的回复：3 条。');
    expect(count(section, 'badge fail')).toBe(3);
    const en = reportHtml(r, 'en');
    expect(en).toContain('<h3>leaky <span class="badge fail">Fail</span></h3>');
    expect(en).toContain('Qualified rate, risk A.2.3 (10 items)');
    // The leaderboard carries the verdict too.
    expect(en.slice(en.indexOf('class="leaderboard"'), en.indexOf('class="scatter"'))).toContain('<span class="badge pass">Pass</span>');
  });

  it('summarises errors, and says when there are none', () => {
    const html = reportHtml(mcqReport(), 'en');
    const errors = html.slice(html.indexOf('<section class="errors">'));
    expect(errors).toContain('1 of 60 finished items failed for good (no score).');
    expect(errors).toContain('<th scope="row">beta</th><td class="num">1</td><td class="num">20</td><td class="num">5.0%</td>');
    expect(reportHtml(report([modelResult('a', 1, 1)]), 'zh')).toContain('没有失败的题目。');
    const failed = reportHtml(report([modelResult('a', 1, 1)], { status: 'failed', error: 'dataset gone' }), 'en');
    expect(failed).toContain('<dt>Status</dt><dd>Failed</dd>');
    expect(failed).toContain('<p class="run-error"><strong>Run error:</strong> dataset gone</p>');
  });

  it('shows QA metrics and the judge’s raw score where the type has them', () => {
    const qa = reportHtml(
      report([modelResult('a', 0.4, 1, { accuracy: null, metrics: { exact_match: 0.4, f1: 0.75, rouge_l: 0.7 } })], { type: 'qa' }),
      'en',
    );
    expect(qa).toContain(
      '<th class="num">Exact match</th><th class="num">Exact match</th><th class="num">Char F1</th><th class="num">ROUGE-L</th>',
    );
    expect(qa).toContain('<td class="num">75.0%</td>');
    const judge = reportHtml(report([modelResult('a', 0.7, 1, { accuracy: null, judge_score: 7.3 })], { type: 'judge' }), 'zh');
    expect(judge).toContain('<th class="num">裁判得分（0–1）</th><th class="num">裁判原始得分</th>');
    expect(judge).toContain('<td class="num">7.3</td>');
    expect(checkHtml(judge).problems).toEqual([]);
  });
});
