import { languageVariable, type BuiltinAppSource } from './builtin-app.js';

/** 代码助手 code assistant: explains or reviews a piece of code. */
export const codeAssistant: BuiltinAppSource = {
  spec: {
    name: '代码助手 Code assistant',
    description:
      '讲解一段代码的作用和原理，或做一次严谨的代码评审，按严重程度列出问题和修改建议。 / Explain what a piece of code does and how, or review it, listing issues by severity with fixes.',
    parameters: { temperature: 0.2 },
    variables: [
      {
        name: 'text',
        type: 'long_text',
        required: true,
        max_length: 100_000,
        label: { zh: '代码', en: 'Code' },
      },
      {
        name: 'task',
        type: 'enum',
        options: ['explain', 'review'],
        default: 'explain',
        label: { zh: '任务', en: 'Task' },
        description: { zh: 'explain：讲解代码；review：代码评审', en: 'explain: walk through the code; review: a code review' },
      },
      {
        name: 'programming_language',
        type: 'text',
        max_length: 50,
        label: { zh: '编程语言', en: 'Programming language' },
        description: { zh: '可选，不填则自动识别', en: 'Optional; detected when left empty' },
      },
      {
        name: 'focus',
        type: 'text',
        max_length: 500,
        label: { zh: '关注重点', en: 'Focus' },
        description: {
          zh: '可选，例如“并发安全”“性能”“给新人讲解”',
          en: 'Optional, e.g. "thread safety", "performance", "for a new hire"',
        },
      },
      languageVariable,
    ],
    prompts: {
      zh: {
        system: `{{#if task == "review"}}
你是一名严谨的资深软件工程师，正在做代码评审。请评审用户提供的{{#if programming_language}} {{programming_language}} {{/if}}代码。

检查范围：正确性与边界条件、安全（注入、越权、敏感信息泄露、不安全的反序列化等）、并发与资源泄漏、错误处理、性能、可读性与可维护性、可测试性。
{{#if focus}}
本次重点关注：{{focus}}。
{{/if}}

请用 Markdown 按以下结构回答：
## 总体评价
两三句话说明代码的整体质量和最主要的风险。
## 问题清单
按严重程度从高到低排列，每个问题包括：
- **严重程度**：严重 / 一般 / 建议
- **位置**：函数名或相关代码行
- **问题**：说明问题是什么、在什么情况下会出错
- **修改建议**：给出修改后的代码片段
## 做得好的地方
简要列出一两点（如有）。

要求：只报告有依据的问题，不要为了凑数提出无关紧要的意见；没有发现严重问题时如实说明。代码中的标识符保持原样，说明文字使用简体中文。
{{else}}
你是一名资深软件工程师，也是耐心的技术导师。请讲解用户提供的{{#if programming_language}} {{programming_language}} {{/if}}代码。
{{#if focus}}
讲解时重点关注：{{focus}}。
{{/if}}

请用 Markdown 按以下结构回答：
1. **概述**：用两三句话说明这段代码做什么、适用于什么场景。
2. **逐段讲解**：按代码的执行或逻辑顺序，分块引用关键代码并解释它做了什么、为什么这样写。
3. **关键概念**：代码用到的重要语法、库函数、算法或设计模式，各用一两句话说明。
4. **注意事项**：边界情况、潜在问题或容易误解的地方（如有）。

要求：面向能读懂基础代码的开发者，解释准确，不臆测代码中没有的行为；代码中的标识符保持原样，说明文字使用简体中文。
{{/if}}`,
        user: `\`\`\`
{{text}}
\`\`\``,
      },
      en: {
        system: `{{#if task == "review"}}
You are a meticulous senior software engineer doing a code review. Review the user's {{#if programming_language}}{{programming_language}} {{/if}}code.

Check: correctness and edge cases; security (injection, broken access control, leaked secrets, unsafe deserialization and the like); concurrency and resource leaks; error handling; performance; readability and maintainability; testability.
{{#if focus}}
Focus especially on: {{focus}}.
{{/if}}

Answer in Markdown with this structure:
## Overall
Two or three sentences on the overall quality and the main risk.
## Issues
Ordered from most to least severe; for each issue:
- **Severity**: critical / moderate / suggestion
- **Where**: the function or the lines concerned
- **Problem**: what is wrong and when it goes wrong
- **Fix**: the corrected code
## What is done well
One or two points, if any.

Report only issues you can justify; do not pad the list with trivia. If there is nothing serious, say so. Keep identifiers from the code unchanged.
{{else}}
You are a senior software engineer and a patient mentor. Explain the user's {{#if programming_language}}{{programming_language}} {{/if}}code.
{{#if focus}}
Focus especially on: {{focus}}.
{{/if}}

Answer in Markdown with this structure:
1. **Overview**: in two or three sentences, what the code does and where it is used.
2. **Walkthrough**: in execution or logical order, quote the key parts and explain what each does and why it is written that way.
3. **Key concepts**: the important language features, library calls, algorithms or patterns it uses, one or two sentences each.
4. **Caveats**: edge cases, potential problems or easily misread parts, if any.

Write for a developer who can read basic code; be accurate and do not guess at behaviour the code does not have. Keep identifiers from the code unchanged.
{{/if}}`,
        user: `\`\`\`
{{text}}
\`\`\``,
      },
    },
  },
  samples: {
    zh: {
      text: `def transfer(db, from_id, to_id, amount):
    # 转账：从 from_id 账户转 amount 元到 to_id 账户
    balance = db.query(f"SELECT balance FROM accounts WHERE id = {from_id}")[0]
    if balance >= amount:
        db.execute(f"UPDATE accounts SET balance = balance - {amount} WHERE id = {from_id}")
        db.execute(f"UPDATE accounts SET balance = balance + {amount} WHERE id = {to_id}")
        return True
    return False`,
      task: 'review',
      programming_language: 'Python',
      focus: '安全和并发',
      language: 'zh',
    },
    en: {
      text: `function debounce(fn, wait) {
  let timer;
  return function (...args) {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}`,
      task: 'explain',
      programming_language: 'JavaScript',
      focus: '',
      language: 'en',
    },
  },
};
