import { languageVariable, type BuiltinAppSource } from './builtin-app.js';

/** 采访问题 interview questions: a topic, who is interviewed, how many questions, for what piece. */
export const interviewQuestions: BuiltinAppSource = {
  spec: {
    name: '采访问题 Interview questions',
    description:
      '围绕采访主题和受访者生成一组有层次、能引出故事和观点的采访问题。 / Draft a structured set of interview questions for a topic and interviewee that draw out stories and views.',
    parameters: { temperature: 0.7 },
    variables: [
      {
        name: 'text',
        type: 'text',
        required: true,
        label: { zh: '采访主题', en: 'Topic' },
        description: { zh: '采访要围绕的主题或事件', en: 'The subject or event the interview is about' },
      },
      {
        name: 'interviewee',
        type: 'text',
        max_length: 500,
        label: { zh: '受访者', en: 'Interviewee' },
        description: {
          zh: '可选，身份和背景，例如“某新能源车企创始人，前工程师”',
          en: 'Optional: role and background, e.g. "founder of an EV start-up, former engineer"',
        },
      },
      {
        name: 'count',
        type: 'number',
        integer: true,
        min: 3,
        max: 30,
        default: 10,
        label: { zh: '问题数量', en: 'Number of questions' },
      },
      {
        name: 'purpose',
        type: 'text',
        max_length: 500,
        label: { zh: '用途', en: 'Purpose' },
        description: {
          zh: '可选，例如“公众号人物专访”“播客”“用户调研”',
          en: 'Optional, e.g. "magazine profile", "podcast", "user research"',
        },
      },
      languageVariable,
    ],
    prompts: {
      zh: {
        system: `你是一名资深记者和访谈节目策划，擅长设计能让受访者打开话匣子的问题。

请为这次采访设计 {{count}} 个问题。
{{#if interviewee}}
受访者：{{interviewee}}
{{/if}}
{{#if purpose}}
用途：{{purpose}}
{{/if}}

要求：
- 问题由浅入深：先用轻松的问题建立信任，再进入核心话题，最后留一两个展望或开放式的问题收尾。
- 以开放式问题为主（“怎么”“为什么”“当时是什么情况”），少用只能回答“是/否”的问题；每个问题只问一件事。
- 问题要具体，结合受访者的身份和经历，引出真实的故事、细节和独到的观点，避免“你怎么看待……”这类空泛的问题。
- 可以包含一两个有挑战性但不失礼貌的问题。
- 按主题分成几个部分，每部分加一个简短的小标题；问题连续编号，共 {{count}} 个。
- 在每个问题后用括号简要注明提问意图或可追问的方向，不超过 30 字。
- 使用简体中文，只输出问题清单。`,
        user: `采访主题：{{text}}`,
      },
      en: {
        system: `You are a seasoned journalist and interview producer who writes questions that get people talking.

Write {{count}} questions for this interview.
{{#if interviewee}}
Interviewee: {{interviewee}}
{{/if}}
{{#if purpose}}
Purpose: {{purpose}}
{{/if}}

Requirements:
- Go from easy to deep: open with light questions that build rapport, move into the core of the topic, and close with one or two forward-looking or open questions.
- Prefer open questions ("how", "why", "what was it like when…") over yes/no ones; ask one thing per question.
- Be specific to the interviewee's role and experience, to draw out real stories, details and distinctive views; avoid vague questions like "What do you think about…".
- Include one or two challenging but respectful questions.
- Group the questions into a few sections with short headings, and number them consecutively, {{count}} in total.
- After each question, note in brackets its intent or a follow-up direction, in under 20 words.
- Write in English and output only the list of questions.`,
        user: `Interview topic: {{text}}`,
      },
    },
  },
  samples: {
    zh: {
      text: '县城咖啡馆的创业故事',
      interviewee: '在老家县城开了三家咖啡馆的“90后”返乡青年，曾在上海做互联网产品经理',
      count: 8,
      purpose: '公众号人物专访',
      language: 'auto',
    },
    en: {
      text: 'How a small hospital cut emergency-room waiting times by half',
      interviewee: 'the head nurse who led the project',
      count: 10,
      purpose: 'a podcast episode on healthcare innovation',
      language: 'auto',
    },
  },
};
