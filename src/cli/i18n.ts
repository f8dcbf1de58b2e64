/** CLI messages in English and Chinese; the locale comes from BAIMO_LANG, LC_ALL or LANG. */
const messages = {
  en: {
    listening: (url: string) => `baimo is listening on ${url}  (OpenAI base URL: ${url}/v1)`,
    configFrom: (src: string) => `config: ${src}`,
    zeroConfig: 'config: none found (zero-config mode); providers discovered from environment variables',
    discovered: (names: string) => `providers from env: ${names}`,
    noProviders:
      'no providers configured: set e.g. DEEPSEEK_API_KEY or DASHSCOPE_API_KEY, or write a baimo.yaml (see docs/configuration.md)',
    database: (p: string) => `database: ${p}`,
    shuttingDown: 'shutting down: finishing requests and flushing logs…',
    noModel: 'choose a model with -m MODEL (see `baimo models list`)',
    replHint: 'Type a message and press Enter. /exit quits, /reset clears the conversation.',
    pulled: (p: string, mb: string) => `saved ${p} (${mb} MB, sha256 verified)`,
    pullUsage: 'usage: baimo models pull <owner/repo/file.gguf | URL> [--sha256 HEX] [--dir DIR]',
    noLogs: 'no requests logged yet',
    unknownCommand: (c: string) => `unknown command: ${c}`,
  },
  zh: {
    listening: (url: string) => `baimo 已启动：${url}（OpenAI 兼容地址：${url}/v1）`,
    configFrom: (src: string) => `配置文件：${src}`,
    zeroConfig: '未找到配置文件（零配置模式），已从环境变量发现服务商',
    discovered: (names: string) => `从环境变量发现的服务商：${names}`,
    noProviders: '尚未配置任何服务商：请设置 DEEPSEEK_API_KEY、DASHSCOPE_API_KEY 等环境变量，或编写 baimo.yaml（见 docs/configuration.md）',
    database: (p: string) => `数据库：${p}`,
    shuttingDown: '正在关闭：等待请求完成并写入日志…',
    noModel: '请用 -m MODEL 选择模型（见 `baimo models list`）',
    replHint: '输入消息后回车发送。/exit 退出，/reset 清空对话。',
    pulled: (p: string, mb: string) => `已保存 ${p}（${mb} MB，sha256 校验通过）`,
    pullUsage: '用法：baimo models pull <owner/repo/file.gguf | URL> [--sha256 HEX] [--dir DIR]',
    noLogs: '暂无请求日志',
    unknownCommand: (c: string) => `未知命令：${c}`,
  },
} as const;

export type Messages = (typeof messages)['en'];

/** Messages for the user's locale (Chinese when the locale starts with zh). */
export function t(env: NodeJS.ProcessEnv = process.env): Messages {
  const lang = env.BAIMO_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return (lang.toLowerCase().startsWith('zh') ? messages.zh : messages.en) as Messages;
}
