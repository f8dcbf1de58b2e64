import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Segmenter } from '../../src/knowledge/segmenter.js';
import type { Dialect } from '../../src/store/dialect.js';
import { createKeywordIndex, KeywordIndexError, type KeywordIndex } from '../../src/store/keyword-index.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { openTestDatabase, postgresAvailable } from '../helpers/test-database.js';

// Keyword recall over Chinese text: jieba search-mode segmentation (src/knowledge/segmenter.ts) feeding the
// BM25 keyword index (FTS5 bm25() on SQLite, BM25 in SQL on PostgreSQL). Each query must put the right
// document first on both dialects. Which queries need the knowledge base's user dictionary:
// - 上海交通大学, 复旦大学, 交通银行, 大学生: jieba's default dictionary has them; search mode also yields their parts.
// - 文心一言: without the dictionary the query alone splits 文心/一/言 while the document's 文心一言大模型 splits
//   文心/一言/一言大/模型 in its context; the query's full-mode words (文心, 一言) still meet the document's.
// - 大模型备案: without the dictionary it is 大/模型/备案, which a filing checklist full of 大模型, 模型 and 备案
//   outranks; with it, the term is one token only the document about it holds.
// - 通义千问: split 通义/千问 without the dictionary; the right document still wins, by a smaller margin.

const pgOk = await postgresAvailable();
const dir = mkdtempSync(join(tmpdir(), 'baimo-keywords-'));

const CORPUS: Record<string, string> = {
  sjtu: '上海交通大学位于上海市闵行区，是一所著名高校。',
  traffic: '上海的交通很拥堵，地铁是大学生通勤的首选，上海的交通卡很方便。',
  fudan: '复旦大学在上海杨浦区，学科门类齐全。',
  students: '大学生就业指导中心发布了新的招聘信息，欢迎大学生报名。',
  bank: '交通银行推出了新的信用卡业务。',
  ernie: '百度的文心一言大模型今天正式上线。',
  wenxin: '文心雕龙是一部文学理论著作，文心二字取自为文之用心，一言难尽，言之有物。',
  qwen: '阿里云的通义千问支持多轮对话和长文本。',
  qianwen: '通义的千问系列和文心的新版本都在发布会上亮相。',
  filing: '生成式人工智能服务上线前需要完成大模型备案。',
  checklist: '模型备案清单：大模型说明、备案表、模型评估报告、备案承诺书、模型安全自评估。',
  gpt: 'ＧＰＴ－４ｏ和Claude都支持中文。',
};

const USER_WORDS = ['文心一言', '大模型备案', '通义千问'];
const plain = new Segmenter();
const withDict = new Segmenter({ userWords: USER_WORDS });

describe.each<Dialect>(['sqlite', 'postgres'])('keyword recall on %s', (dialect) => {
  const skip = dialect === 'postgres' && !pgOk;
  let db: OpenedDatabase;
  let index: KeywordIndex;

  const top = async (collection: string, segmenter: Segmenter, query: string, documentIds?: string[]) =>
    (await index.search(collection, segmenter.query(query), { k: 5, documentIds })).map((m) => m.id);

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(dir, dialect);
    index = createKeywordIndex(db);
    const items = (segmenter: Segmenter) =>
      Object.entries(CORPUS).map(([doc, text]) => ({ id: `${doc}#0`, documentId: doc, tokens: segmenter.index(text) }));
    await index.upsert('plain', items(plain));
    await index.upsert('dict', items(withDict));
  });
  afterAll(async () => {
    if (!skip) await db.close();
  });

  it.skipIf(skip).each([
    ['上海交通大学', 'sjtu#0'],
    ['复旦大学', 'fudan#0'],
    ['交通银行', 'bank#0'],
    ['大学生', 'students#0'],
    ['通义千问', 'qwen#0'],
    ['gpt-4o', 'gpt#0'],
    ['文心一言', 'ernie#0'],
  ])('%s finds %s first with and without the user dictionary', async (query, expected) => {
    expect((await top('plain', plain, query))[0]).toBe(expected);
    expect((await top('dict', withDict, query))[0]).toBe(expected);
  });

  it.skipIf(skip).each([['大模型备案', 'filing#0', 'checklist#0']])(
    '%s needs the user dictionary to find %s first (without it: %s)',
    async (query, expected, nearMiss) => {
      expect((await top('plain', plain, query))[0]).toBe(nearMiss);
      const found = await top('dict', withDict, query);
      expect(found[0]).toBe(expected);
      expect(found).toContain(nearMiss);
    },
  );

  it.skipIf(skip)('near misses rank below the exact term', async () => {
    const sjtu = await top('dict', withDict, '上海交通大学');
    expect(sjtu.indexOf('traffic#0')).toBeGreaterThan(0);
    const students = await top('dict', withDict, '大学生');
    expect(students.indexOf('sjtu#0')).not.toBe(0);
    expect(students.slice(0, 2).sort()).toEqual(['students#0', 'traffic#0']);
  });

  it.skipIf(skip)('stopwords are neither indexed nor searched', async () => {
    expect(plain.query('是的，在这个的')).toEqual([]);
    // The index holds no stopword, so even asking for one directly matches nothing.
    expect(await index.search('plain', ['的', 'the'], { k: 5 })).toEqual([]);
    expect(await top('plain', plain, '的上海')).toEqual(expect.arrayContaining(['sjtu#0', 'traffic#0', 'fudan#0']));
    expect((await top('plain', plain, '的上海')).every((id) => CORPUS[id.split('#')[0]!]!.includes('上海'))).toBe(true);
    // A knowledge base's own stopwords drop its ubiquitous words.
    expect(new Segmenter({ stopwords: ['上海'] }).query('上海交通大学')).toEqual(['交通', '大学', '上海交通大学']);
  });

  it.skipIf(skip)('a document filter keeps only those documents', async () => {
    expect(await top('dict', withDict, '大学', ['fudan', 'bank'])).toEqual(['fudan#0']);
    expect(await top('dict', withDict, '大学', [])).toEqual([]);
  });

  it.skipIf(skip)('delete, deleteByDocument and upsert replace what matches', async () => {
    const c = 'edits';
    const chunk = (id: string, documentId: string, text: string) => ({ id, documentId, tokens: withDict.index(text) });
    await index.upsert(c, [
      chunk('a#0', 'a', '上海交通大学的招生简章'),
      chunk('a#1', 'a', '上海交通大学的校园地图'),
      chunk('b#0', 'b', '复旦大学的招生简章'),
      chunk('b#1', 'b', '交通银行的营业时间'),
    ]);
    expect(await index.count(c)).toBe(4);
    expect(await top(c, withDict, '招生简章')).toEqual(expect.arrayContaining(['a#0', 'b#0']));
    expect(await index.delete(c, ['b#0', 'missing'])).toBe(1);
    expect(await top(c, withDict, '招生简章')).toEqual(['a#0']);
    expect(await index.deleteByDocument(c, 'a')).toBe(2);
    expect(await top(c, withDict, '校园地图')).toEqual([]);
    expect(await index.count(c)).toBe(1);
    await index.upsert(c, [chunk('b#1', 'b', '通义千问的发布会')]);
    expect(await top(c, withDict, '交通银行')).toEqual([]);
    expect(await top(c, withDict, '通义千问')).toEqual(['b#1']);
    expect(await index.dropCollection(c)).toBe(true);
    expect(await index.search(c, ['通义千问'], { k: 5 })).toEqual([]);
    expect(await index.dropCollection(c)).toBe(false);
  });

  it.skipIf(skip)('rejects what is not a token, a bad collection or k', async () => {
    await expect(index.upsert('dict', [{ id: 'x', documentId: 'x', tokens: ['a b'] }])).rejects.toThrow(KeywordIndexError);
    await expect(index.search('dict', ["'"], { k: 5 })).rejects.toThrow(KeywordIndexError);
    await expect(index.search('Bad-Name', ['上海'], { k: 5 })).rejects.toThrow(/collection name/);
    await expect(index.search('dict', ['上海'], { k: 0 })).rejects.toThrow(/k must be/);
  });
});
