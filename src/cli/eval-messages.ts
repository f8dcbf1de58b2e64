import type { EvalInputError } from '../eval/eval-input-error.js';
import { cliLang } from './i18n.js';

/** Messages of `baimo eval` in English and Chinese (the locale as src/cli/i18n.ts reads it). */
const messages = {
  en: {
    inputError: (e: EvalInputError) =>
      `${[e.source, e.line === undefined ? undefined : `line ${e.line}`].filter(Boolean).join(': ')}${e.source || e.line !== undefined ? ': ' : ''}${e.en}`,
    datasetStored: (name: string, version: number, items: number, created: boolean) =>
      created
        ? `dataset ${name}@${version} stored: ${items} item(s)`
        : `dataset ${name}@${version}: unchanged, ${items} item(s) (no new version)`,
    datasetWarnings: (n: number) => `${n} warning(s) reading the dataset:`,
    runStarted: (id: string, name: string, models: number, items: number) =>
      `run ${id} (${name}): ${models} model(s), ${items} item(s) in all`,
    runId: (id: string) => `run: ${id}`,
    progressLabel: 'eval',
    progressDetail: (models: string, errors: number) => `${models} · ${errors} error(s)`,
    resumeHint: (id: string) => `resume it with: baimo eval resume ${id}`,
    interrupted: (id: string, done: number, total: number) =>
      `interrupted: run ${id} cancelled at ${done}/${total} item(s); finished items are kept (never paid for twice)`,
    runFailed: (id: string, error: string) => `run ${id} failed: ${error}`,
    runCancelled: (id: string, done: number, total: number) => `run ${id} was cancelled at ${done}/${total} item(s)`,
    runGone: (id: string) => `run ${id} was deleted while it ran`,
    itemErrors: (errors: number, total: number, id: string) =>
      `${errors} of ${total} item(s) failed for good (no score): see \`baimo eval report ${id}\``,
    note: (text: string) => `note: ${text}`,
    alreadyCompleted: (id: string) => `run ${id} is already completed`,
    attaching: (id: string, status: string) => `run ${id} is ${status}: waiting for it (this process works the eval queue too)`,
    resumed: (id: string, left: number) => `run ${id} resumed: ${left} item(s) left`,
    runNotFound: (id: string) => `no evaluation run "${id}" (see \`baimo eval list\`)`,
    noRuns: 'no evaluation runs yet (start one with `baimo eval run <suite.yaml>`)',
    listHeader: ['ID', 'NAME', 'TYPE', 'STATUS', 'PROGRESS', 'MODELS', 'CREATED'],
    reportWritten: (path: string, bytes: number) => `wrote ${path} (${bytes} bytes)`,
    formatNeeded: 'html, csv or json (or an --out file ending in .html, .csv or .json)',
    safetyVerdict: (model: string, verdict: string) => `${model}: ${verdict}`,
  },
  zh: {
    inputError: (e: EvalInputError) =>
      `${[e.source, e.line === undefined ? undefined : `第 ${e.line} 行`].filter(Boolean).join(' ')}${e.source || e.line !== undefined ? '：' : ''}${e.zh}`,
    datasetStored: (name: string, version: number, items: number, created: boolean) =>
      created ? `数据集 ${name}@${version} 已存储：${items} 条` : `数据集 ${name}@${version} 未变化：${items} 条（不生成新版本）`,
    datasetWarnings: (n: number) => `读取数据集时有 ${n} 条警告：`,
    runStarted: (id: string, name: string, models: number, items: number) => `评测运行 ${id}（${name}）：${models} 个模型，共 ${items} 条`,
    runId: (id: string) => `运行：${id}`,
    progressLabel: '评测',
    progressDetail: (models: string, errors: number) => `${models} · 错误 ${errors}`,
    resumeHint: (id: string) => `继续运行：baimo eval resume ${id}`,
    interrupted: (id: string, done: number, total: number) =>
      `已中断：评测运行 ${id} 在 ${done}/${total} 条时取消；已完成的条目会保留（不会重复计费）`,
    runFailed: (id: string, error: string) => `评测运行 ${id} 失败：${error}`,
    runCancelled: (id: string, done: number, total: number) => `评测运行 ${id} 已在 ${done}/${total} 条时被取消`,
    runGone: (id: string) => `评测运行 ${id} 在运行中被删除`,
    itemErrors: (errors: number, total: number, id: string) =>
      `${total} 条中有 ${errors} 条最终失败（无得分）：详见 \`baimo eval report ${id}\``,
    note: (text: string) => `注意：${text}`,
    alreadyCompleted: (id: string) => `评测运行 ${id} 已完成`,
    attaching: (id: string, status: string) => `评测运行 ${id} 状态为 ${status}：等待其完成（本进程也处理 eval 队列）`,
    resumed: (id: string, left: number) => `评测运行 ${id} 已继续：剩余 ${left} 条`,
    runNotFound: (id: string) => `没有评测运行“${id}”（参见 \`baimo eval list\`）`,
    noRuns: '还没有评测运行（用 `baimo eval run <suite.yaml>` 发起一次）',
    listHeader: ['ID', '名称', '类型', '状态', '进度', '模型', '创建时间'],
    reportWritten: (path: string, bytes: number) => `已写入 ${path}（${bytes} 字节）`,
    formatNeeded: 'html、csv 或 json（或以 .html、.csv、.json 结尾的 --out 文件）',
    safetyVerdict: (model: string, verdict: string) => `${model}：${verdict}`,
  },
} as const;

export type EvalMessages = (typeof messages)['en'];

/** `baimo eval` messages for the user's locale. */
export function evalT(env: NodeJS.ProcessEnv = process.env): EvalMessages {
  return (cliLang(env) === 'zh' ? messages.zh : messages.en) as EvalMessages;
}
