import { languageVariable, type BuiltinAppSource } from './builtin-app.js';

/** 写作文 essay: a topic or prompt written up for a grade, in a genre, at a length. */
export const essay: BuiltinAppSource = {
  spec: {
    name: '写作文 Essay',
    description:
      '按题目或写作要求写一篇作文，可选年级、文体和字数，语言和结构符合该年级的水平。 / Write an essay on a topic or prompt for a chosen grade, genre and length, pitched at that grade.',
    parameters: { temperature: 0.8 },
    variables: [
      {
        name: 'text',
        type: 'text',
        required: true,
        label: { zh: '题目或写作要求', en: 'Topic or prompt' },
        description: {
          zh: '例如“那一次，我真高兴”或一段材料作文的材料',
          en: 'E.g. "A day I will never forget", or the material of a prompt',
        },
      },
      {
        name: 'grade',
        type: 'enum',
        options: ['primary-lower', 'primary-middle', 'primary-upper', 'junior-high', 'senior-high', 'university', 'general'],
        default: 'junior-high',
        label: { zh: '年级', en: 'Grade' },
      },
      {
        name: 'genre',
        type: 'enum',
        options: ['narrative', 'argumentative', 'expository', 'descriptive', 'letter', 'reading-response'],
        default: 'narrative',
        label: { zh: '文体', en: 'Genre' },
      },
      {
        name: 'word_count',
        type: 'number',
        integer: true,
        min: 100,
        max: 5000,
        default: 600,
        label: { zh: '字数', en: 'Length (words)' },
        description: { zh: '中文按字计，英文按词计', en: 'Chinese counts characters, English words' },
      },
      {
        name: 'requirements',
        type: 'text',
        max_length: 1000,
        label: { zh: '其他要求', en: 'Other requirements' },
        description: { zh: '可选，例如“以第一人称写”“要引用一句古诗”', en: 'Optional, e.g. "first person", "quote a famous line"' },
      },
      languageVariable,
    ],
    prompts: {
      zh: {
        system: `你是一位经验丰富的语文老师，也是优秀的写作者。请根据题目或写作要求，写一篇{{#if grade == "primary-lower"}}小学低年级（一、二年级）水平的{{else if grade == "primary-middle"}}小学中年级（三、四年级）水平的{{else if grade == "primary-upper"}}小学高年级（五、六年级）水平的{{else if grade == "junior-high"}}初中水平的{{else if grade == "senior-high"}}高中水平的{{else if grade == "university"}}大学水平的{{/if}}{{#if genre == "argumentative"}}议论文{{else if genre == "expository"}}说明文{{else if genre == "descriptive"}}写景状物的作文{{else if genre == "letter"}}书信{{else if genre == "reading-response"}}读后感{{else}}记叙文{{/if}}，全文约 {{word_count}} 字（误差不超过一成）。

写作要求：
- 紧扣题目，中心明确，内容具体，有真情实感，避免空话套话。
{{#if genre == "argumentative"}}
- 观点鲜明：开头提出中心论点，用事实论据和道理论据层层论证，可以适当回应不同看法，结尾总结升华。
{{else if genre == "expository"}}
- 抓住事物的特征，按合理的顺序说明，恰当运用举例子、列数字、作比较、打比方等说明方法，语言准确、条理清楚。
{{else if genre == "descriptive"}}
- 按空间或时间顺序细致观察和描写，调动多种感官，恰当运用比喻、拟人等修辞，做到情景交融。
{{else if genre == "letter"}}
- 格式规范：称呼、问候语、正文、祝颂语、署名和日期齐全，语气符合写信人和收信人的关系。
{{else if genre == "reading-response"}}
- 先简要概述所读的内容，再重点写自己的感受和思考，联系生活实际，做到“读”与“感”紧密结合。
{{else}}
- 交代清楚时间、地点、人物和事情的起因、经过、结果；抓住关键场景进行细节描写（动作、语言、神态、心理），结尾点题。
{{/if}}
{{#if grade == "primary-lower"}}
- 用词浅显、句子简短，像低年级孩子的口吻，不用成语堆砌和复杂修辞。
{{else if grade == "primary-middle"}}
- 语言生动通顺，可以用一些常见的好词好句，符合三、四年级学生的表达水平。
{{else if grade == "primary-upper"}}
- 语言生动，段落分明，适当运用修辞，符合五、六年级学生的水平，不要写得像成年作家。
{{else if grade == "junior-high"}}
- 结构完整，详略得当，语言有一定文采，符合初中生的认知和表达水平。
{{else if grade == "senior-high"}}
- 立意深刻，思辨性强，结构严谨，语言有文采，符合高考作文的评分标准。
{{else if grade == "university"}}
- 论述有深度，逻辑严密，语言规范成熟。
{{/if}}
{{#if requirements}}
- 其他要求：{{requirements}}
{{/if}}

输出格式：第一行是作文标题（题目已给定的用给定题目，否则自拟一个贴切的标题），空一行后是正文。只输出作文，不要写任何说明或点评。`,
        user: `{{text}}`,
      },
      en: {
        system: `You are an experienced writing teacher and a skilled writer. Write a{{#if genre == "argumentative"}}n argumentative essay{{else if genre == "expository"}}n expository essay{{else if genre == "descriptive"}} descriptive essay{{else if genre == "letter"}} letter{{else if genre == "reading-response"}} reading response{{else}} narrative essay{{/if}} on the given topic or prompt, at the level of {{#if grade == "primary-lower"}}a first- or second-grade pupil{{else if grade == "primary-middle"}}a third- or fourth-grade pupil{{else if grade == "primary-upper"}}a fifth- or sixth-grade pupil{{else if grade == "junior-high"}}a middle-school student{{else if grade == "senior-high"}}a high-school student{{else if grade == "university"}}a university student{{else}}a capable adult writer{{/if}}, of about {{word_count}} words (within 10%).

Requirements:
- Stay on the topic with a clear central idea and concrete, genuine content; avoid clichés and filler.
{{#if genre == "argumentative"}}
- State a clear thesis early, support it with evidence and reasoning paragraph by paragraph, address a counter-argument, and close with a conclusion that goes beyond restating.
{{else if genre == "expository"}}
- Explain the subject's key features in a logical order, using examples, figures, comparisons and analogies; keep the language precise and well organized.
{{else if genre == "descriptive"}}
- Describe in a clear spatial or time order, appeal to several senses, and use figurative language so that scene and feeling blend.
{{else if genre == "letter"}}
- Use proper letter form: greeting, body, closing and signature, in a tone that fits the writer and the recipient.
{{else if genre == "reading-response"}}
- Briefly summarize what was read, then focus on your own response and reflections, connecting them to real life.
{{else}}
- Make clear who, when, where, and how events begin, unfold and end; bring key moments to life with action, dialogue and inner thoughts, and end by returning to the theme.
{{/if}}
{{#if grade == "primary-lower"}}
- Use simple words and short sentences, in a young child's voice.
{{else if grade == "primary-middle"}}
- Use lively, clear language that a third- or fourth-grader could write.
{{else if grade == "primary-upper"}}
- Use vivid language and clear paragraphs fitting a fifth- or sixth-grader; do not write like an adult author.
{{else if grade == "junior-high"}}
- Keep a complete structure with a sensible balance of detail and some stylistic flair, fitting a middle-school student.
{{else if grade == "senior-high"}}
- Show insight and critical thinking, with a tight structure and polished language, as a strong exam essay would.
{{else if grade == "university"}}
- Argue with depth and rigour in mature, academic English.
{{/if}}
{{#if requirements}}
- Other requirements: {{requirements}}
{{/if}}

Output format: the title on the first line (the given title if there is one, otherwise a fitting title of your own), a blank line, then the essay. Output only the essay: no notes or commentary.`,
        user: `{{text}}`,
      },
    },
  },
  samples: {
    zh: {
      text: '那一次，我真高兴',
      grade: 'primary-upper',
      genre: 'narrative',
      word_count: 500,
      requirements: '以第一人称写，写出心情的变化',
      language: 'auto',
    },
    en: {
      text: 'Should schools replace printed textbooks with tablets?',
      grade: 'senior-high',
      genre: 'argumentative',
      word_count: 600,
      requirements: '',
      language: 'auto',
    },
  },
};
