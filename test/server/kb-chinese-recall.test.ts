import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKb, search, settled, startKbScene, upload } from '../helpers/kb-api.js';

// Issue 17, acceptance: Chinese keyword recall. Each term lives in one document; distractor documents
// share its characters and parts (上海大学 and 交通银行 for 上海交通大学, 通义 for 通义千问, …). A
// keyword (BM25) query for each term returns the right document first, in a base whose user
// dictionary names the terms and in one without a dictionary (jieba's search mode alone).

const CORPUS: Record<string, string> = {
  'sjtu.md': '# 学校简介\n\n上海交通大学是一所位于上海的综合性研究型大学，前身是 1896 年创办的南洋公学。上海交通大学设有多个校区。',
  'ernie.md': '# 产品介绍\n\n文心一言是百度推出的知识增强大语言模型，能够与人对话互动、回答问题、协助创作。',
  'qwen.md': '# 模型说明\n\n通义千问是阿里云研发的超大规模语言模型，支持多轮对话、文案创作和逻辑推理。',
  'filing.md': '# 合规要求\n\n面向境内公众提供生成式人工智能服务，应当依法完成大模型备案，并在显著位置公示备案编号。',
  'zhipu.md': '# 助手\n\n智谱清言是智谱推出的生成式对话助手，基于 GLM 系列模型。',
  // Distractors: the same characters and words in other senses.
  'shu.md': '# 上海大学\n\n上海大学是上海市属综合性大学，校园交通便利，位于宝山区。上海大学的大学生活丰富。',
  'bocom.md': '# 交通银行\n\n交通银行总部位于上海，是中国历史最悠久的银行之一。交通银行上海分行提供多种业务。',
  'tongyi.md': '# 通义品牌\n\n通义是阿里云的人工智能品牌，旗下还有通义万相、通义听悟等产品。通义的含义是通达义理。',
  'wenxin.md': '# 古典文学\n\n文心雕龙是南朝刘勰的文学理论著作。文心指为文之用心。',
  'models.md': '# 大模型训练\n\n大模型训练需要大量算力，模型参数规模不断增长，大模型推理成本也在下降。',
  'icp.md': '# 网站备案\n\n网站上线前需要完成 ICP 备案，备案信息由通信管理局审核，备案号应展示在页脚。',
  'chat.md': '# 清言\n\n清言是清淡的言论。智者之言多清简。',
};

const EXPECTED: Array<[term: string, doc: string]> = [
  ['上海交通大学', 'sjtu.md'],
  ['文心一言', 'ernie.md'],
  ['通义千问', 'qwen.md'],
  ['大模型备案', 'filing.md'],
  ['智谱清言', 'zhipu.md'],
  // The distractors are found by their own names too.
  ['上海大学', 'shu.md'],
  ['交通银行', 'bocom.md'],
];

const USER_WORDS = ['上海交通大学', '文心一言', '通义千问', '大模型备案', '智谱清言'];

describe('Chinese keyword recall', () => {
  let scene: Awaited<ReturnType<typeof startKbScene>>;

  beforeAll(async () => {
    scene = await startKbScene();
    for (const [name, userWords] of [
      ['with-dict', USER_WORDS],
      ['no-dict', []],
    ] as const) {
      await createKb(scene.baimo, { name, user_words: userWords });
      const r = await upload(scene.baimo, name, {
        files: Object.entries(CORPUS).map(([file, text]) => ({ name: file, data: text, type: 'text/markdown' })),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      const docs = await settled(scene.baimo, name);
      for (const d of docs.values()) expect(d.status, `${name}/${d.name}: ${JSON.stringify(d.error)}`).toBe('ready');
    }
  }, 60_000);
  afterAll(async () => {
    await scene?.close();
  });

  for (const base of ['with-dict', 'no-dict']) {
    it(`returns the right document first for each term (${base === 'with-dict' ? 'with' : 'without'} the user dictionary)`, async () => {
      const wrong: string[] = [];
      for (const [term, doc] of EXPECTED) {
        const r = await search(scene.baimo, base, { query: term, mode: 'keyword', top_k: 5 });
        expect(r.mode).toBe('keyword');
        const first = r.data[0];
        if (first?.document_name !== doc)
          wrong.push(`${term}: ${r.data.map((h: any) => `${h.document_name} ${h.score.toFixed(3)}`).join(', ') || 'no hits'}`);
        else {
          expect(first.ranks.keyword).toBe(1);
          expect(first.scores.keyword).toBeGreaterThan(0);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
