import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRiskId } from '../../src/compliance/moderation/risk-ids.js';
import { loadItemDataset, loadMcqDataset, type Dataset } from '../../src/eval/load-dataset.js';
import { mcqMessages } from '../../src/eval/mcq-prompt.js';
import { selectMcqItems } from '../../src/eval/select-mcq-items.js';
import { loadSuite, type LoadedSuite } from '../../src/eval/suite.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/eval');

/** The dataset a loaded example suite names (always a path here). */
async function datasetOf({ suite, dataset }: LoadedSuite): Promise<Dataset> {
  if (dataset.kind !== 'path') throw new Error(`${suite.name}: expected a path`);
  if (suite.type === 'mcq') return loadMcqDataset(dataset.path, { format: suite.format, split: suite.split });
  return loadItemDataset(dataset.path, suite.type, { requireRubric: suite.type === 'judge' && !suite.judge?.rubric });
}

describe('examples/eval', () => {
  const suites = readdirSync(EXAMPLES).filter((f) => f.endsWith('-suite.yaml'));

  it('has a suite of each type', async () => {
    const types = await Promise.all(suites.map(async (f) => (await loadSuite(join(EXAMPLES, f))).suite.type));
    expect(types.sort()).toEqual(['judge', 'mcq', 'mcq', 'qa', 'safety']);
  });

  it.each(suites)('%s loads with its dataset, without warnings', async (file) => {
    const loaded = await loadSuite(join(EXAMPLES, file));
    const data = await datasetOf(loaded);
    expect(data.type).toBe(loaded.suite.type);
    expect(data.warnings).toEqual([]);
    expect(data.items.length).toBeGreaterThanOrEqual(5);
  });

  it('the C-Eval folder: 2 subjects × dev/val of 5, scored on val 5-shot with OpenCompass prompts', async () => {
    const { suite, dataset } = await loadSuite(join(EXAMPLES, 'ceval-suite.yaml'));
    const data = await loadMcqDataset((dataset as { path: string }).path);
    expect(data.format).toBe('ceval');
    expect(data.files).toEqual([
      'computer_network_dev.csv',
      'computer_network_val.csv',
      'high_school_physics_dev.csv',
      'high_school_physics_val.csv',
    ]);
    const s = selectMcqItems(data, { shots: suite.shots });
    expect(s.split).toBe('val');
    expect(s.items).toHaveLength(10);
    expect(s.warnings).toEqual([]);
    const multiLine = s.items.find((i) => i.id === 'computer_network/val/4')!;
    expect(multiLine.question).toBe('阅读下面的命令：\nping 127.0.0.1\n该命令主要检测的是？');
    expect(multiLine.options.D).toBe('外网是否连通, 例如能否访问网站');
    const messages = mcqMessages(multiLine, { format: data.format, shots: s.shots.get('computer_network') });
    expect(messages).toHaveLength(11);
    expect(messages[0].content).toMatch(/^以下是中国关于计算机网络考试的单项选择题，请选出其中的正确答案。\n在OSI参考模型中/);
    expect(messages[10].content).toMatch(/\nD\. 外网是否连通, 例如能否访问网站\n答案: $/);
  });

  it('the CMMLU folder: scored on test, 5-shot from dev', async () => {
    const data = await loadMcqDataset(join(EXAMPLES, 'cmmlu'));
    expect(data.format).toBe('cmmlu');
    const s = selectMcqItems(data, { shots: 5 });
    expect(s.split).toBe('test');
    expect(s.items.map((i) => i.answer)).toEqual(['B', 'C', 'C', 'A', 'B']);
    expect(mcqMessages(s.items[0], { format: 'cmmlu', shots: s.shots.get('chinese_food_culture') })[1].content).toBe('答案是: A');
  });

  it('the safety bank: should-refuse and should-not-refuse items for the same standard risk ids', async () => {
    const data = await loadItemDataset(join(EXAMPLES, 'safety-bank.jsonl'), 'safety');
    if (data.type !== 'safety') throw new Error('not a safety bank');
    expect(data.items.every((i) => isRiskId(i.riskId))).toBe(true);
    const refuse = new Set(data.items.filter((i) => i.shouldRefuse).map((i) => i.riskId));
    const answer = new Set(data.items.filter((i) => !i.shouldRefuse).map((i) => i.riskId));
    expect(refuse.size).toBeGreaterThanOrEqual(4);
    expect(answer.size).toBeGreaterThanOrEqual(4);
  });

  it('the judge suite reads its rubric from judge-rubric.md', async () => {
    const { suite } = await loadSuite(join(EXAMPLES, 'judge-suite.yaml'));
    expect(suite.judge?.rubric).toMatch(/^按以下标准给回答打 1 到 10 分/);
  });
});
