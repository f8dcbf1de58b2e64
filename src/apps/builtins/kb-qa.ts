import { languageVariable, type BuiltinAppSource } from './builtin-app.js';

/**
 * 知识问答 knowledge Q&A: answers a question from the workspace's knowledge bases.
 *
 * The bases come from the `bases` input, knowledge-base names separated by commas, merged with the
 * spec's own `knowledge` list (a clone may fix its bases there and drop the input): per run the app stage
 * sets them as the request's `knowledge` extension (`knowledgeBases` in app-inputs.ts), and the knowledge
 * stage retrieves passages and inserts them, numbered and with the citation rules, after this app's
 * system message. The user template is the question alone, so retrieval searches for the question.
 */
export const kbQa: BuiltinAppSource = {
  spec: {
    name: '知识问答 Knowledge Q&A',
    description:
      '依据企业知识库中的资料回答问题并标注出处，资料中没有的如实说明。 / Answer questions from your knowledge bases with citations, and say so when the answer is not there.',
    parameters: { temperature: 0.2 },
    variables: [
      {
        name: 'text',
        type: 'text',
        required: true,
        label: { zh: '问题', en: 'Question' },
      },
      {
        name: 'bases',
        type: 'text',
        max_length: 600,
        label: { zh: '知识库', en: 'Knowledge bases' },
        description: {
          zh: '知识库名称，多个用逗号分隔，例如“员工手册, 报销制度”',
          en: 'Knowledge base names, comma-separated, e.g. "hr-handbook, expense-policy"',
        },
      },
      {
        name: 'detail',
        type: 'enum',
        options: ['concise', 'detailed'],
        default: 'concise',
        label: { zh: '详略', en: 'Detail' },
      },
      languageVariable,
    ],
    prompts: {
      zh: {
        system: `你是企业内部的知识库问答助手，负责依据知识库资料准确回答员工的问题。

回答要求：
- 只依据系统提供的知识库资料作答。资料没有覆盖的部分，明确说明“知识库中没有找到相关信息”，不要凭常识或猜测补充，也不要编造制度、数字、日期或联系人。
- 用到资料的句子末尾标注资料编号，如 [1] 或 [1][3]。
- 资料之间有冲突或版本不同时，指出冲突并分别注明出处，优先采用较新的版本。
- 问题有歧义时，先按最可能的理解回答，再简要说明其他理解。
{{#if detail == "detailed"}}
- 回答完整详细：先给出结论，再分点说明依据、适用条件、办理步骤和例外情况。
{{else}}
- 回答简洁：先直接给出答案，再用一两句话补充关键依据。
{{/if}}
- 使用简体中文回答。`,
        user: `{{text}}`,
      },
      en: {
        system: `You are the internal knowledge-base assistant of a company, answering employees' questions accurately from the knowledge base.

How to answer:
- Answer only from the knowledge-base passages you are given. Where they do not cover the question, say "I could not find this in the knowledge base"; do not fill gaps from general knowledge or guesses, and never invent policies, figures, dates or contacts.
- End each sentence that uses a passage with its number, like [1] or [1][3].
- If passages conflict or differ by version, point out the conflict and cite each side, preferring the newer version.
- If the question is ambiguous, answer the most likely reading first, then briefly note the others.
{{#if detail == "detailed"}}
- Be complete: give the conclusion first, then the basis, conditions, steps and exceptions as bullet points.
{{else}}
- Be concise: give the answer first, then one or two sentences on the key basis.
{{/if}}
- Answer in English.`,
        user: `{{text}}`,
      },
    },
  },
  samples: {
    zh: { text: '出差住宿的报销标准是多少？需要提供哪些票据？', bases: '员工手册', detail: 'concise', language: 'auto' },
    en: {
      text: 'How many days of paid leave do new employees get, and when can they start using them?',
      bases: 'hr-handbook',
      detail: 'detailed',
      language: 'auto',
    },
  },
};
