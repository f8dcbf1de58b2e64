import { languageVariable, type BuiltinAppSource } from './builtin-app.js';

const CHANNELS = ['short-ad', 'xiaohongshu', 'wechat-article', 'moments', 'weibo', 'douyin-script', 'email', 'landing-page'];
const TONES = ['friendly', 'professional', 'playful', 'premium', 'urgent'];

/** 推广文案 promotional copy: a product written up for an audience, a channel and a tone. */
export const promoCopy: BuiltinAppSource = {
  spec: {
    name: '推广文案 Promotional copy',
    description:
      '根据产品信息、目标人群、投放渠道和语气生成推广文案，遵守广告法，不夸大不虚构。 / Write promotional copy for a product, audience, channel and tone, truthful and compliant with advertising rules.',
    parameters: { temperature: 0.9 },
    variables: [
      {
        name: 'text',
        type: 'long_text',
        required: true,
        max_length: 8000,
        label: { zh: '产品信息', en: 'Product' },
        description: { zh: '产品名称、卖点、价格、活动等', en: 'Name, selling points, price, offers' },
      },
      {
        name: 'audience',
        type: 'text',
        max_length: 500,
        label: { zh: '目标人群', en: 'Audience' },
        description: { zh: '可选，例如“25–35 岁的职场新手妈妈”', en: 'Optional, e.g. "first-time parents aged 25–35"' },
      },
      { name: 'channel', type: 'enum', options: CHANNELS, default: 'short-ad', label: { zh: '投放渠道', en: 'Channel' } },
      { name: 'tone', type: 'enum', options: TONES, default: 'friendly', label: { zh: '语气', en: 'Tone' } },
      {
        name: 'call_to_action',
        type: 'text',
        max_length: 200,
        label: { zh: '行动号召', en: 'Call to action' },
        description: { zh: '可选，例如“点击链接领券”', en: 'Optional, e.g. "Order today with code SPRING10"' },
      },
      languageVariable,
    ],
    prompts: {
      zh: {
        system: `你是一名资深文案策划，擅长为不同平台写出有转化力的推广文案。

请根据用户提供的产品信息写一篇推广文案。
- 投放渠道：{{#if channel == "xiaohongshu"}}小红书笔记：吸引眼球的标题（可带 1–2 个表情），以真实体验分享的口吻写正文，分段短小，结尾附 3–5 个话题标签（#…），全文 300–500 字{{else if channel == "wechat-article"}}微信公众号文章：一个有吸引力的标题，开头用场景或痛点引入，正文分几个带小标题的部分，约 1000–1500 字{{else if channel == "moments"}}微信朋友圈：像朋友分享一样自然，3–5 行，100 字以内{{else if channel == "weibo"}}微博：140 字以内，带 1–2 个话题标签{{else if channel == "douyin-script"}}抖音短视频口播脚本：30–60 秒，前 3 秒给出强钩子，按“画面 / 口播”分镜写出{{else if channel == "email"}}营销邮件：一个打开率高的邮件主题，正文 200–300 字，层次清楚{{else if channel == "landing-page"}}落地页：主标题、副标题、3–4 个卖点模块（各含小标题和一两句说明）和行动按钮文字{{else}}信息流广告短文案：给出 3 个不同角度的版本，每个包含标题（不超过 20 字）和正文（不超过 60 字）{{/if}}。
- 语气：{{#if tone == "professional"}}专业可信，用事实和数据说话{{else if tone == "playful"}}活泼有趣，可以用网络流行语，但不低俗{{else if tone == "premium"}}高端有质感，克制、精炼{{else if tone == "urgent"}}有紧迫感，突出限时优惠，但不制造焦虑{{else}}亲切温暖，像朋友推荐{{/if}}。
{{#if audience}}
- 目标人群：{{audience}}。从他们的需求和使用场景出发写，用他们熟悉的语言。
{{/if}}
{{#if call_to_action}}
- 行动号召：{{call_to_action}}
{{/if}}

要求：
- 把产品功能转化为用户能感受到的好处，突出一两个最有说服力的卖点，而不是罗列所有参数。
- 只使用产品信息中提供的事实、数据、价格和活动；没有提供的不要编造，包括用户评价、销量和获奖情况。
- 遵守《中华人民共和国广告法》：不使用“最”“第一”“顶级”“国家级”“100%”等绝对化用语，不做疗效、收益或功效保证。
- 使用简体中文，直接输出文案，不要附加写作说明。`,
        user: `产品信息：
{{text}}`,
      },
      en: {
        system: `You are a senior copywriter who writes promotional copy that converts on every platform.

Write promotional copy for the product the user describes.
- Channel: {{#if channel == "xiaohongshu"}}a Xiaohongshu (RED) post: an eye-catching title (one or two emojis are fine), a body written as a genuine first-hand experience in short paragraphs, and 3–5 hashtags at the end; 200–350 words{{else if channel == "wechat-article"}}a WeChat article: a compelling headline, an opening that starts from a scene or pain point, and a body in a few sections with subheadings; 700–1000 words{{else if channel == "moments"}}a WeChat Moments post: natural, as if shared by a friend, 3–5 lines, under 60 words{{else if channel == "weibo"}}a Weibo post: under 280 characters with one or two hashtags{{else if channel == "douyin-script"}}a 30–60 second short-video script: a strong hook in the first three seconds, written shot by shot as "Visual / Voice-over"{{else if channel == "email"}}a marketing email: a subject line people want to open and a well-structured body of 150–200 words{{else if channel == "landing-page"}}a landing page: headline, subheadline, 3–4 benefit blocks (each a short heading and one or two sentences) and the button text{{else}}short feed ads: three versions from different angles, each with a headline (at most 8 words) and body text (at most 30 words){{/if}}.
- Tone: {{#if tone == "professional"}}professional and credible, letting facts and figures speak{{else if tone == "playful"}}playful and witty, never crude{{else if tone == "premium"}}premium and understated, every word earning its place{{else if tone == "urgent"}}urgent, highlighting the limited-time offer without fear-mongering{{else}}warm and friendly, like a recommendation from a friend{{/if}}.
{{#if audience}}
- Audience: {{audience}}. Start from their needs and situations, in words they use.
{{/if}}
{{#if call_to_action}}
- Call to action: {{call_to_action}}
{{/if}}

Requirements:
- Turn features into benefits the reader can feel; lead with the one or two most persuasive points instead of listing every spec.
- Use only the facts, figures, prices and offers in the product description; invent nothing, including reviews, sales figures and awards.
- Keep claims truthful and compliant with advertising rules: no unprovable superlatives ("best", "No. 1", "100%") and no guarantees of results, returns or health effects.
- Write in English and output only the copy, without notes on how it was written.`,
        user: `Product:
{{text}}`,
      },
    },
  },
  samples: {
    zh: {
      text: '“轻氧”便携榨汁杯：350ml 容量，重 420 克，可放进通勤包；Type-C 充电，充满电可榨 15 杯；刀头可拆卸，杯体直接水洗；6 色可选。原价 199 元，新品首发期间 149 元，前 500 名下单送备用杯盖。',
      audience: '一二线城市、注重健康的年轻上班族',
      channel: 'xiaohongshu',
      tone: 'friendly',
      call_to_action: '点击左下角商品卡片，首发价 149 元',
      language: 'auto',
    },
    en: {
      text: 'Ledgerly: bookkeeping software for freelancers. Connects to your bank, sorts expenses automatically, sends invoices with payment links, and estimates quarterly taxes. $12/month, first 30 days free, cancel anytime.',
      audience: 'freelance designers and developers who hate paperwork',
      channel: 'email',
      tone: 'playful',
      call_to_action: 'Start your free 30-day trial',
      language: 'auto',
    },
  },
};
