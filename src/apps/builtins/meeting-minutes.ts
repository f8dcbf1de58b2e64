import { languageVariable, type BuiltinAppSource } from './builtin-app.js';

/** The answer of `meeting-minutes` (and of each of its map steps): validated, one repair retry. */
export const MINUTES_SCHEMA = {
  type: 'object',
  properties: {
    summary: { type: 'string', description: 'Purpose, main discussion and outcome of the meeting in 3–5 sentences.' },
    decisions: { type: 'array', items: { type: 'string' }, description: 'Decisions the meeting agreed on, one sentence each.' },
    action_items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          task: { type: 'string', description: 'What to do, starting with a verb.' },
          owner: { type: ['string', 'null'], description: 'Who is responsible, as the transcript names them; null when nobody was named.' },
          due_date: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; null when no date was set.' },
        },
        required: ['task', 'owner', 'due_date'],
        additionalProperties: false,
      },
    },
  },
  required: ['summary', 'decisions', 'action_items'],
  additionalProperties: false,
};

const ZH_FIELDS = `输出一个 JSON 对象，包含以下字段：
- summary：字符串，用 3–5 句话概括会议的目的、主要讨论内容和结论。
- decisions：字符串数组，会议上明确做出的决定，每条一句话；只收录已达成一致的决定，仍在讨论或被搁置的事项不算；没有则为空数组。
- action_items：数组，每个待办事项是一个对象：
  - task：要做的事，以动词开头，具体、可执行；
  - owner：负责人，按会议记录中的称呼；没有明确负责人时为 null；
  - due_date：截止日期，格式 YYYY-MM-DD；没有提到时为 null。{{#if meeting_date}}会议日期是 {{meeting_date}}，“下周五”“月底”等相对日期请据此换算成具体日期。{{else}}只有“下周五”这类相对日期、无法确定具体日期时填 null，并在 task 中保留原话。{{/if}}

示例格式：
{"summary": "……", "decisions": ["……"], "action_items": [{"task": "……", "owner": "张伟", "due_date": "2025-03-14"}]}`;

const EN_FIELDS = `Output one JSON object with these fields:
- summary: a string of 3–5 sentences on the meeting's purpose, main discussion and outcome.
- decisions: an array of strings, the decisions the meeting clearly made, one sentence each; only what was agreed, not matters still under discussion or postponed; an empty array if none.
- action_items: an array of objects, one per action item:
  - task: what to do, starting with a verb, specific and actionable;
  - owner: who is responsible, as the transcript names them; null when nobody was named;
  - due_date: the deadline as YYYY-MM-DD; null when none was mentioned. {{#if meeting_date}}The meeting took place on {{meeting_date}}: convert relative dates such as "next Friday" or "end of the month" from it.{{else}}When only a relative date such as "next Friday" is given and the exact date is unknown, use null and keep the wording in the task.{{/if}}

Example of the format:
{"summary": "...", "decisions": ["..."], "action_items": [{"task": "...", "owner": "Alex Chen", "due_date": "2025-03-14"}]}`;

const ZH_RULES = `要求：
- 只根据会议记录整理，不要编造决定、负责人或日期。
- 略去寒暄、口头禅、重复和跑题的内容。
- 字段内容使用简体中文。
- 只输出 JSON 对象本身，不要用代码块包裹，不要附加任何说明。`;

const EN_RULES = `Requirements:
- Work only from the transcript; never invent decisions, owners or dates.
- Leave out small talk, filler, repetition and digressions.
- Write the field values in English.
- Output only the JSON object itself: no code fence, no explanation.`;

const ZH_CONTEXT = `{{#if title}}
会议主题：{{title}}
{{/if}}
{{#if participants}}
参会人：{{participants}}
{{/if}}`;
const EN_CONTEXT = `{{#if title}}
Meeting: {{title}}
{{/if}}
{{#if participants}}
Participants: {{participants}}
{{/if}}`;

/** 会议纪要 meeting minutes: a transcript → summary, decisions and action items (owner, date) as JSON. */
export const meetingMinutes: BuiltinAppSource = {
  spec: {
    name: '会议纪要 Meeting minutes',
    description:
      '把会议记录或转写稿整理成纪要：摘要、决定事项和待办（负责人、截止日期），以 JSON 输出；超长记录自动分段处理。 / Turn a meeting transcript into minutes: summary, decisions and action items with owners and dates, as JSON; long transcripts are processed in parts.',
    parameters: { temperature: 0.2 },
    variables: [
      {
        name: 'text',
        type: 'long_text',
        required: true,
        label: { zh: '会议记录', en: 'Transcript' },
        description: { zh: '会议的文字记录或语音转写稿', en: 'The notes or speech-to-text transcript of the meeting' },
      },
      { name: 'title', type: 'text', max_length: 200, label: { zh: '会议主题', en: 'Meeting title' } },
      {
        name: 'meeting_date',
        type: 'text',
        max_length: 40,
        label: { zh: '会议日期', en: 'Meeting date' },
        description: {
          zh: '可选，YYYY-MM-DD，用于换算“下周五”等相对日期',
          en: 'Optional, YYYY-MM-DD, to resolve dates like "next Friday"',
        },
      },
      { name: 'participants', type: 'text', max_length: 1000, label: { zh: '参会人', en: 'Participants' } },
      languageVariable,
    ],
    prompts: {
      zh: {
        system: `你是一名专业的会议秘书，擅长从冗长的会议记录中准确整理出纪要。请根据用户提供的会议记录整理会议纪要。

${ZH_FIELDS}

${ZH_RULES}`,
        user: `${ZH_CONTEXT}
会议记录：

{{text}}`,
      },
      en: {
        system: `You are a professional meeting secretary who turns long transcripts into accurate minutes. Write the minutes of the meeting in the user's transcript.

${EN_FIELDS}

${EN_RULES}`,
        user: `${EN_CONTEXT}
Transcript:

{{text}}`,
      },
    },
    output: { format: 'json', schema: MINUTES_SCHEMA },
    long_input: {
      strategy: 'map-reduce',
      map: {
        zh: {
          system: `你是一名专业的会议秘书。一场会议的记录太长，被按顺序分成了 {{count}} 段，你会收到其中的第 {{index}} 段。请只根据这一段整理纪要，之后会把各段的结果合并。

${ZH_FIELDS}

其中 summary 只概括这一段讨论的内容。片段开头或结尾处不完整的发言照常处理。

${ZH_RULES}`,
          user: `${ZH_CONTEXT}
会议记录第 {{index}} 段，共 {{count}} 段：

{{chunk}}`,
        },
        en: {
          system: `You are a professional meeting secretary. A meeting transcript was too long and has been split, in order, into {{count}} parts; you will receive part {{index}}. Write minutes for this part only; the results of all parts will be merged afterwards.

${EN_FIELDS}

The summary covers only what this part discusses. Remarks cut off at the start or end of the part are fine to use.

${EN_RULES}`,
          user: `${EN_CONTEXT}
Transcript, part {{index}} of {{count}}:

{{chunk}}`,
        },
      },
      reduce: {
        zh: {
          system: `你是一名专业的会议秘书。一场会议的记录被按顺序分成 {{count}} 段分别整理，下面是每一段整理出的 JSON 结果。请把它们合并成整场会议的一份完整纪要。

合并规则：
- summary：通读各段的概括，重新写成概括整场会议的 3–5 句话，不要逐段罗列。
- decisions：合并重复或被后文修改的决定，以会议中最后的结论为准。
- action_items：合并重复的待办；同一待办在不同段落中补充了负责人或日期的，合并成一条并保留最新、最具体的信息。

${ZH_FIELDS}

${ZH_RULES}`,
          user: `{{results}}`,
        },
        en: {
          system: `You are a professional meeting secretary. A meeting transcript was split, in order, into {{count}} parts and each part was turned into minutes; below are the JSON results of the parts. Merge them into one complete set of minutes for the whole meeting.

How to merge:
- summary: rewrite the parts' summaries as 3–5 sentences about the whole meeting, not part by part.
- decisions: merge duplicates and decisions revised later in the meeting, keeping the final outcome.
- action_items: merge duplicates; when later parts add an owner or a date to an item, keep one item with the latest, most specific details.

${EN_FIELDS}

${EN_RULES}`,
          user: `{{results}}`,
        },
      },
    },
  },
  samples: {
    zh: {
      text: `王磊：好，人都到齐了，我们开始。今天主要定一下新版 App 的上线时间，还有用户反馈的几个问题。
李娜：测试这边，主流程的用例已经全部跑完了，还剩支付模块有两个偶发的问题没复现出来。
王磊：那两个问题影响大吗？
李娜：都是在弱网环境下才出现，概率不到千分之一，但会导致重复扣款的提示，虽然实际没扣。
赵强：这个我来看，我怀疑是重试的时候没带幂等键。我这周四之前给结论。
王磊：好。那上线时间我的意见是定在 3 月 20 日，大家有没有问题？
李娜：如果赵强周四能修好，回归测试需要两天，20 号没问题。
王磊：行，那就定 3 月 20 日上线。另外用户反馈说夜间模式下有些文字看不清，这个谁跟一下？
陈晨：我来吧，设计稿下周一前给出来。
王磊：好的。还有应用商店的截图要更新，小周你负责，下周三之前提交审核。
周宇：收到。`,
      title: '新版 App 上线评审会',
      meeting_date: '2025-03-10',
      participants: '王磊、李娜、赵强、陈晨、周宇',
      language: 'auto',
    },
    en: {
      text: `Maria: Thanks everyone. Two things today: the Q3 pricing change and the onboarding survey.
Tom: On pricing, finance is fine with moving the Team plan from $15 to $18 per seat, as long as existing customers keep the old price for six months.
Maria: Any objections? ... No? Then we go with $18 and six months of grandfathering.
Priya: I'll need the final copy for the pricing page. Tom, can you send it by Thursday?
Tom: Yes, I'll have it to you by Thursday.
Maria: Great. On the survey, response rate is only 4 percent.
Priya: I think it's too long. I can cut it to five questions and test it with new sign-ups.
Maria: Let's do that. Priya owns it; let's look at results at the end of the month.
Tom: One open question: do we email customers about the price change or just post it on the blog? Let's decide next week.`,
      title: 'Product sync',
      meeting_date: '2025-06-02',
      participants: 'Maria, Tom, Priya',
      language: 'auto',
    },
  },
};
