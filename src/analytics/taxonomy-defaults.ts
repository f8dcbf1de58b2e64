import type { Taxonomy } from './taxonomy.js';

/**
 * The default topic/task taxonomy: the scenarios public usage reports name (knowledge Q&A, writing,
 * code on top), each with a few example prompts in Chinese and English. The examples are what gets
 * embedded to represent a label, so they are short, typical requests. `other` is the fallback: it is
 * never matched by embeddings, only chosen when nothing else is close enough.
 */
export const DEFAULT_TAXONOMY: Taxonomy = {
  labels: [
    {
      id: 'knowledge_qa',
      zh: '知识问答',
      en: 'Knowledge Q&A',
      description: 'Factual questions about the world, science, history or how things work. / 关于世界、科学、历史或事物原理的事实性提问。',
      examples: ['珠穆朗玛峰有多高？', '为什么天空是蓝色的？', 'Who wrote Dream of the Red Chamber?', 'How does photosynthesis work?'],
    },
    {
      id: 'writing',
      zh: '文本创作',
      en: 'Writing',
      description: 'Creative or long-form writing: stories, poems, essays, speeches. / 创作故事、诗歌、散文、演讲稿等文本。',
      examples: [
        '写一首关于秋天的七言绝句',
        '帮我写一篇关于坚持的作文，800字',
        'Write a short story about a robot who learns to paint',
        'Draft a wedding speech for my best friend',
      ],
    },
    {
      id: 'code',
      zh: '代码',
      en: 'Code',
      description: 'Writing, explaining, reviewing or debugging code and SQL. / 编写、解释、审查或调试代码与 SQL。',
      examples: [
        '用 Python 写一个快速排序',
        '这段 Java 代码为什么报空指针异常？',
        'Write a SQL query that returns the top 10 customers by revenue',
        'Fix this TypeScript type error',
      ],
    },
    {
      id: 'translation',
      zh: '翻译',
      en: 'Translation',
      description: 'Translating text between languages. / 在不同语言之间翻译文本。',
      examples: [
        '把这段话翻译成英文',
        '请将下面的合同条款译成中文',
        'Translate this paragraph into Japanese',
        'What is the French for "see you tomorrow"?',
      ],
    },
    {
      id: 'education',
      zh: '教育',
      en: 'Education',
      description: 'Homework help, exam preparation, lesson plans and explanations for learners. / 作业辅导、备考、教案与学习讲解。',
      examples: [
        '这道初二数学题怎么解？',
        '帮我设计一节小学语文公开课的教案',
        'Explain the Pythagorean theorem to a 12-year-old',
        'Make me a study plan for the IELTS exam',
      ],
    },
    {
      id: 'finance',
      zh: '金融',
      en: 'Finance',
      description: 'Investing, banking, accounting, insurance and financial analysis. / 投资、银行、会计、保险与财务分析。',
      examples: [
        '基金定投和一次性买入哪个好？',
        '帮我分析这家公司的资产负债表',
        'What is the difference between a bond and a stock?',
        'How do I calculate the compound interest on a loan?',
      ],
    },
    {
      id: 'medical',
      zh: '医疗',
      en: 'Medical',
      description: 'Health, symptoms, medicines and medical knowledge. / 健康、症状、药物与医学知识。',
      examples: [
        '发烧三天不退应该怎么办？',
        '布洛芬和对乙酰氨基酚有什么区别？',
        'What are the early symptoms of diabetes?',
        'Is it safe to take ibuprofen with coffee?',
      ],
    },
    {
      id: 'legal',
      zh: '法律',
      en: 'Legal',
      description: 'Laws, contracts, disputes and legal procedures. / 法律法规、合同、纠纷与诉讼程序。',
      examples: [
        '公司拖欠工资应该怎么维权？',
        '租房合同提前解约要赔偿吗？',
        'What does a non-compete clause mean?',
        'How do I file a small claims lawsuit?',
      ],
    },
    {
      id: 'office',
      zh: '办公/总结',
      en: 'Office & summaries',
      description: 'Summaries, meeting minutes, reports, emails and other office work. / 总结、会议纪要、报告、邮件等办公事务。',
      examples: [
        '帮我总结这篇文章的要点',
        '根据以下记录整理一份会议纪要',
        'Write a polite email asking for a deadline extension',
        'Summarize this report in five bullet points',
      ],
    },
    {
      id: 'marketing',
      zh: '营销文案',
      en: 'Marketing copy',
      description: 'Ads, slogans, product descriptions and social media posts. / 广告语、产品描述、社交媒体文案等营销内容。',
      examples: [
        '给新款保温杯写一段小红书种草文案',
        '为奶茶店想十个促销标语',
        'Write an Instagram caption for our summer sale',
        'Write a product description for noise-cancelling headphones',
      ],
    },
    {
      id: 'data_analysis',
      zh: '数据分析',
      en: 'Data analysis',
      description: 'Analysing tables and numbers, statistics, charts and spreadsheets. / 分析表格与数据、统计、图表和电子表格。',
      examples: [
        '分析一下这份销售数据的季度趋势',
        'Excel 里怎么用数据透视表按月汇总？',
        'Which statistical test should I use to compare two groups?',
        'Find the outliers in this CSV of sensor readings',
      ],
    },
    {
      id: 'companionship',
      zh: '情感陪伴',
      en: 'Emotional support',
      description: 'Feelings, relationships, stress and emotional support. / 情绪倾诉、人际关系、压力与情感陪伴。',
      examples: [
        '最近工作压力好大，晚上睡不着',
        '和男朋友吵架了，心里很难受',
        'I feel lonely since I moved to a new city',
        'How can I stop worrying so much about everything?',
      ],
    },
    {
      id: 'roleplay',
      zh: '角色扮演',
      en: 'Role play',
      description: 'Playing a character, interactive fiction and games. / 扮演角色、互动故事与文字游戏。',
      examples: [
        '你现在扮演诸葛亮，和我对话',
        '我们来玩一个文字冒险游戏，你是地下城主',
        'Pretend you are Sherlock Holmes and solve this case with me',
        'Act as my strict Japanese teacher for this conversation',
      ],
    },
    {
      id: 'chitchat',
      zh: '闲聊',
      en: 'Chit-chat',
      description: 'Greetings and casual conversation without a task. / 问候与没有具体任务的日常闲聊。',
      examples: ['你好呀，今天过得怎么样？', '你叫什么名字？', 'Hi there, how are you doing?', 'Tell me something fun'],
    },
    {
      id: 'other',
      zh: '其他',
      en: 'Other',
      description: 'Anything that fits none of the other labels. / 不属于以上任何类别的请求。',
      examples: [],
    },
  ],
};
