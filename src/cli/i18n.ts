/** CLI messages in English and Chinese; the locale comes from BAIMO_LANG, LC_ALL or LANG. */
const messages = {
  en: {
    listening: (url: string) => `baimo is listening on ${url}  (OpenAI base URL: ${url}/v1)`,
    exposed: (url: string) =>
      `warning: ${url} is not a loopback address: the console login, /metrics and the API are reachable from the network. ` +
      'Set `host: 127.0.0.1` in baimo.yaml unless this is intended (and put TLS in front; see docs/security.md).',
    configFrom: (src: string) => `config: ${src}`,
    zeroConfig: 'config: none found (zero-config mode); providers discovered from environment variables',
    discovered: (names: string) => `providers from env: ${names}`,
    noProviders:
      'no providers configured: set e.g. DEEPSEEK_API_KEY or DASHSCOPE_API_KEY, or write a baimo.yaml (see docs/configuration.md)',
    database: (p: string) => `database: ${p}`,
    shuttingDown: 'shutting down: finishing requests and flushing logs…',
    // Jobs (`baimo worker`, `baimo serve --no-workers`).
    noWorkers: 'jobs: not worked by this process (--no-workers); run `baimo worker` for them',
    workerStarted: (queues: string, mode: string) =>
      `worker started: queues ${queues || '(none)'} (${mode === 'redis' ? 'BullMQ on Redis' : 'database queue'})`,
    workerStopping: 'stopping: no new jobs; running ones finish (or go back to the queue at the deadline)…',
    workerStopped: 'worker stopped',
    unknownQueues: (names: string, known: string) => `unknown job queue: ${names} (known: ${known || 'none'})`,
    noModel: 'choose a model with -m MODEL (see `baimo models list`)',
    replHint: 'Type a message and press Enter. /exit quits, /reset clears the conversation.',
    pulled: (p: string, mb: string) => `saved ${p} (${mb} MB, sha256 verified)`,
    pullUsage: 'usage: baimo models pull <owner/repo/file.gguf | URL> [--sha256 HEX] [--dir DIR]',
    noLogs: 'no requests logged yet',
    unknownCommand: (c: string) => `unknown command: ${c}`,
    // Governance commands (keys, workspaces, users).
    usage: (u: string) => `usage: ${u}`,
    unknownSub: (group: string, sub: string, subs: string) => `unknown subcommand: baimo ${group} ${sub} (use ${subs})`,
    badFlag: (flag: string, value: string, reason: string) =>
      value ? `invalid value for ${flag}: "${value}" (${reason})` : `invalid value for ${flag}: ${reason}`,
    missingFlag: (flag: string) => `${flag} is required`,
    flagConflict: (a: string, b: string) => `${a} and ${b} cannot be used together`,
    flagNeeds: (a: string, b: string) => `${a} needs ${b}`,
    flagNotHere: (flag: string, cmd: string) => `${cmd} does not take ${flag}`,
    metaFormat: 'expected key=value',
    reasonSep: '; ',
    expiresFormat: 'use e.g. 2027-01-01, 2027-01-01T08:00:00+08:00, 30d, 12h or never',
    nothingToUpdate: 'nothing to change: give at least one flag, such as --name or --rpm',
    ambiguous: (ref: string, ids: string) => `"${ref}" matches several (${ids}); use an id`,
    workspaceNotFound: (ref: string) => `no workspace "${ref}" (see \`baimo workspaces list\`)`,
    appNotFound: (ref: string, ws: string) => `no app "${ref}" in workspace ${ws}`,
    keyNotFound: (id: string) => `no key "${id}" (see \`baimo keys list\`)`,
    userNotFound: (ref: string) => `no user "${ref}" (see \`baimo users list\`)`,
    keyCreated: (id: string, name: string, ws: string) => `created key ${id} (${name}) in workspace ${ws}`,
    keyShownOnce: 'Copy the key now: it is shown only this once and cannot be retrieved later.',
    keyUpdated: (id: string) => `updated key ${id}`,
    keyRevoked: (id: string, name: string) => `revoked key ${id} (${name}); requests with it are refused from now on`,
    keyAlreadyRevoked: (id: string, at: string) => `key ${id} was already revoked at ${at}`,
    noKeys: 'no keys yet (create one with `baimo keys create --name NAME`)',
    keyHeader: ['ID', 'NAME', 'PREFIX', 'STATUS', 'WORKSPACE', 'LIMITS'],
    workspaceRenamed: (id: string, name: string) => `renamed workspace ${id} to ${name}`,
    workspaceDeleted: (id: string, name: string) => `deleted workspace ${id} (${name})`,
    defaultWorkspace: 'the default workspace cannot be deleted',
    workspaceNotEmpty: (name: string, keys: number, apps: number) =>
      `workspace ${name} still has ${keys} key(s) and ${apps} app(s), which would be deleted with it; add --force to delete anyway`,
    workspaceHeader: ['ID', 'NAME', 'KEYS', 'MEMBERS', 'CREATED'],
    userCreated: (id: string, email: string) => `created user ${id} (${email})`,
    userExists: (email: string) => `a user with the e-mail ${email} already exists`,
    userHeader: ['ID', 'EMAIL', 'NAME', 'ADMIN', 'STATUS', 'WORKSPACES'],
    noUsers: 'no users yet (create one with `baimo users create --email E --name N --admin`)',
    roleSet: (email: string, ws: string, role: string) => `${email} is now ${role} in workspace ${ws}`,
    roleRemoved: (email: string, ws: string) => `${email} is no longer a member of workspace ${ws}`,
    userDisabled: (email: string) => `disabled ${email} and ended their sessions`,
    userEnabled: (email: string) => `enabled ${email}`,
    passwordChanged: (email: string) => `changed the password of ${email} and ended their sessions`,
    passwordMissing: 'give the password with --password or the BAIMO_PASSWORD environment variable (or run in a terminal to be asked)',
    passwordPrompt: 'Password: ',
    passwordAgain: 'Repeat password: ',
    passwordMismatch: 'the passwords do not match',
    interrupted: 'interrupted',
    // Compliance commands (audit, label).
    auditIntact: (n: number) => `audit chain intact: ${n} ${n === 1 ? 'entry' : 'entries'}`,
    auditBroken: (seq: number, id: string, reason: string) => `audit chain broken at seq ${seq}${id ? ` (id ${id})` : ''}: ${reason}`,
    auditReasons: {
      edited: 'the entry was edited',
      deleted_before: 'an entry before it was deleted',
      reordered: 'entries were swapped or reordered',
      truncated: 'the newest entries were deleted',
      broken_link: 'the entry before it was replaced',
      chain_reset: 'the chain was cut here (newest entries or the chain head deleted or altered) and writing resumed',
    },
    auditWrongKey:
      'hint: the first entry and the chain head both fail: is this the master key that wrote the log (BAIMO_MASTER_KEY / master.key)?',
    auditNoKey: (where: string) => `no master key found (${where}; or set BAIMO_MASTER_KEY): the audit chain cannot be checked without it`,
    auditExported: (n: number, file: string) => `exported ${n} audit ${n === 1 ? 'entry' : 'entries'} to ${file}`,
    labelValid: (cid: string, pc: string) => `label valid: content id ${cid}, provider code ${pc}`,
    labelDetails: (model: string, time: string, name?: string, rid?: string) =>
      `  model ${model}, created ${time}${name ? `, provider ${name}` : ''}${rid ? `, request ${rid}` : ''}`,
    labelInvalid: (reason: string) => `label invalid: ${reason}`,
    labelMissing: 'give the label as an argument or on standard input (header value, JSON label or a response body)',
    labelNoKey: (where: string) => `no master key found (${where}; or set BAIMO_MASTER_KEY): labels cannot be checked without it`,
    // Knowledge bases (`baimo kb`).
    kbNotFound: (name: string, ws?: string) => `no knowledge base "${name}"${ws ? ` in workspace ${ws}` : ''} (see \`baimo kb list\`)`,
    kbAmbiguous: (name: string, workspaces: string) =>
      `knowledge base "${name}" exists in several workspaces (${workspaces}); choose one with --workspace`,
    kbCreated: (name: string, id: string, ws: string, model: string) =>
      `created knowledge base ${name} (${id}) in workspace ${ws}; embedding model ${model}`,
    kbEmbeddingGuessed: (model: string) => `embedding model: ${model} (the config's only embedding alias; choose another with --embedding)`,
    kbNeedsEmbedding:
      'choose the embedding model with --embedding MODEL: an alias or provider/model that makes embeddings (see `baimo models list`)',
    kbEmbeddingChoice: (names: string) => `several embedding aliases are configured (${names}); choose one with --embedding`,
    kbUnknownModel: (model: string) => `no model "${model}" is configured (see \`baimo models list\`)`,
    kbDeleted: (name: string, id: string, docs: number, chunks: number) =>
      `deleted knowledge base ${name} (${id}) with ${docs} document(s) and ${chunks} chunk(s)`,
    kbNone: 'no knowledge bases yet (create one with `baimo kb create NAME --embedding MODEL`)',
    kbHeader: ['NAME', 'WORKSPACE', 'DOCUMENTS', 'CHUNKS', 'EMBEDDING', 'UPDATED'],
    kbNoHits: 'no hits',
    kbFileUnreadable: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
    kbNotAFile: (path: string) => `${path} is not a file (give files or http(s) URLs)`,
    kbFileTooLarge: (path: string, mb: string, max: number) =>
      `${path} is ${mb} MB, over the ${max} MB limit of one file (knowledge.max_file_mb in baimo.yaml)`,
    kbBadUrl: (url: string) => `not a valid http(s) URL: ${url}`,
    kbSameName: (name: string, a: string, b: string) =>
      `${a} and ${b} would both be the document "${name}"; add them in separate commands or rename one`,
    kbTooMany: (n: number, max: number) => `${n} files and URLs in one command; at most ${max}`,
    kbMetadataFormat: 'a JSON object of strings, e.g. {"team":"sales","year":"2025"}',
    kbIngesting: 'ingesting',
    kbProgress: (done: number, total: number, failed: number, chunks: number) =>
      `${done}/${total} documents${failed ? ` (${failed} failed)` : ''}, ${chunks} chunks`,
    kbUnchanged: (name: string) => `${name}: unchanged since it was last ingested`,
    kbAddSummary: (ready: number, failed: number, chunks: number) =>
      `${ready} document(s) ready${failed ? `, ${failed} failed` : ''}; ${chunks} chunk(s) in these documents`,
    kbDocFailed: (name: string, reason: string, message: string) => `failed: ${name}: ${message} [${reason}]`,
    kbJobEnded: (status: string, error: string | null) =>
      `its ingestion job ended (${status}) without finishing it${error ? `: ${error}` : ''}`,
    kbDocGone: 'it was deleted while being ingested',
    kbInterrupted: 'interrupted: unfinished documents stay queued; `baimo serve` or `baimo worker` finishes them',
    kbEvaluating: 'evaluating',
    kbEvalSearches: (done: number, total: number) => `${done}/${total} searches`,
    kbEvalFileTooLarge: (path: string, mb: number) => `${path} is larger than ${mb} MB`,
    kbEvalTooManyLines: (path: string, max: number) => `${path} has more than ${max} questions`,
    kbEvalBadLine: (path: string, line: number, reason: string) => `${path}, line ${line}: ${reason}`,
    kbEvalBadJson: 'not a JSON object',
    kbEvalEmpty: (path: string) =>
      `${path} has no questions (one JSON object a line: {"query": "...", "relevant": ["<document name or id or chunk id>", ...]})`,
    kbEvalUnknown: (line: number, item: string) =>
      `warning: line ${line}: "${item}" is no document name, document id or chunk id of this knowledge base; it counts as never found`,
    kbEvalMoreUnknown: (n: number) => `warning: ${n} more unknown relevant item(s)`,
    kbEvalTitle: (name: string, n: number, k: number) => `knowledge base ${name}: ${n} question(s), top ${k}`,
    kbEvalHeader: (k: number) => ['MODE', `RECALL@${k}`, `MRR@${k}`],
    // Scenario apps (`baimo apps`).
    appsHeader: ['SLUG', 'NAME', 'VERSION', 'TRAFFIC', 'SOURCE'],
    appsBuiltin: 'built-in',
    appsDraftOnly: (v: number) => `draft ${v}`,
    appsNotFound: (slug: string, ws: string) => `no app "${slug}" in workspace ${ws} (see \`baimo apps list\`)`,
    appsInputFormat: 'expected name=value, e.g. --input target_language=en',
    appsFileFormat: 'expected name=path, e.g. --file text=report.docx',
    appsTwice: (name: string) => `the variable ${name} is given more than once (--input and --file name one variable each)`,
    appsTooMany: (n: number, max: number) => `${n} inputs; an app has at most ${max} variables`,
    appsNotAFile: (path: string) => `${path} is not a file`,
    appsFileTooLarge: (path: string, mb: string, max: number) => `${path} is ${mb} MB; a --file may be at most ${max} MB`,
    appsFileNoText: (path: string, message: string, reason: string) => `cannot read the text of ${path}: ${message} [${reason}]`,
    appsFileTextTooLong: (path: string, chars: number, max: number) =>
      `${path} holds ${chars} characters of text; an input may have at most ${max}`,
    appsInvalidInputs: (slug: string) => `invalid inputs for app ${slug}:`,
    appsProblem: (variable: string, message: string) => `  ${variable}: ${message}`,
    appsProgressLabel: 'running',
    appsProgress: (phase: string, done: number, total: number) =>
      phase === 'map' ? `chunk ${done}/${total}` : done === 0 ? 'combining the answers' : `combining ${done}/${total}`,
    appsExported: (slug: string, file: string) => `exported app ${slug} to ${file}`,
    appsImportTooLarge: (path: string, kb: number) => `${path} is larger than ${kb} KB (an app's YAML is much smaller)`,
    appsImportedNew: (slug: string, id: string, ws: string, version: number) =>
      `created app ${slug} (${id}) in workspace ${ws} with draft version ${version}; publish it in the console or the API`,
    appsImportedDraft: (slug: string, id: string, ws: string, version: number) =>
      `app ${slug} (${id}) already exists in workspace ${ws}: imported as its new draft version ${version}`,
    // The arena (`baimo arena`).
    arenaBadLine: (file: string, line: number, en: string, _zh: string) => `${file}, line ${line}: ${en}`,
    arenaMoreBad: (n: number) => `… and ${n} more bad line(s)`,
    arenaInput: (en: string, _zh: string) => en,
    arenaNothingImported: (n: number) => `nothing imported: ${n} bad line(s); fix them, or pass --skip-invalid to import the good ones`,
    arenaImported: (n: number, ws: string, skipped: number) =>
      `imported ${n} battle(s) into workspace ${ws}${skipped ? `; skipped ${skipped} bad line(s)` : ''}`,
    arenaFileTooLarge: (path: string, mb: number) => `${path} is larger than ${mb} MiB; split it into several imports`,
    arenaNoBattles: 'no decided battles yet: vote in the console, import some with `baimo arena import`, or start LLM-judge battles',
    arenaRatingsTitle: (ws: string, source: string, n: number) => `arena ratings of workspace ${ws} (${source} battles, ${n} model(s))`,
    arenaRatingsHeader: ['RANK', 'MODEL', 'RATING', '95% CI', 'BATTLES'],
  },
  zh: {
    listening: (url: string) => `baimo 已启动：${url}（OpenAI 兼容地址：${url}/v1）`,
    exposed: (url: string) =>
      `警告：${url} 不是本机回环地址，控制台登录、/metrics 和管理 API 可从网络访问。` +
      '如非有意为之，请在 baimo.yaml 中设置 `host: 127.0.0.1`（并在前面加 TLS；见 docs/security.md）。',
    configFrom: (src: string) => `配置文件：${src}`,
    zeroConfig: '未找到配置文件（零配置模式），已从环境变量发现服务商',
    discovered: (names: string) => `从环境变量发现的服务商：${names}`,
    noProviders: '尚未配置任何服务商：请设置 DEEPSEEK_API_KEY、DASHSCOPE_API_KEY 等环境变量，或编写 baimo.yaml（见 docs/configuration.md）',
    database: (p: string) => `数据库：${p}`,
    shuttingDown: '正在关闭：等待请求完成并写入日志…',
    // 任务（`baimo worker`、`baimo serve --no-workers`）。
    noWorkers: '任务：本进程不执行任务（--no-workers），请另行运行 `baimo worker`',
    workerStarted: (queues: string, mode: string) =>
      `任务进程已启动：队列 ${queues || '（无）'}（${mode === 'redis' ? 'Redis 上的 BullMQ' : '数据库队列'}）`,
    workerStopping: '正在停止：不再领取新任务，运行中的任务将完成（或在截止时间放回队列）…',
    workerStopped: '任务进程已停止',
    unknownQueues: (names: string, known: string) => `未知的任务队列：${names}（可用：${known || '无'}）`,
    noModel: '请用 -m MODEL 选择模型（见 `baimo models list`）',
    replHint: '输入消息后回车发送。/exit 退出，/reset 清空对话。',
    pulled: (p: string, mb: string) => `已保存 ${p}（${mb} MB，sha256 校验通过）`,
    pullUsage: '用法：baimo models pull <owner/repo/file.gguf | URL> [--sha256 HEX] [--dir DIR]',
    noLogs: '暂无请求日志',
    unknownCommand: (c: string) => `未知命令：${c}`,
    // 治理命令（keys、workspaces、users）。
    usage: (u: string) => `用法：${u}`,
    unknownSub: (group: string, sub: string, subs: string) => `未知子命令：baimo ${group} ${sub}（可用：${subs}）`,
    badFlag: (flag: string, value: string, reason: string) =>
      value ? `${flag} 的值无效："${value}"（${reason}）` : `${flag} 的值无效：${reason}`,
    missingFlag: (flag: string) => `缺少必填参数 ${flag}`,
    flagConflict: (a: string, b: string) => `${a} 与 ${b} 不能同时使用`,
    flagNeeds: (a: string, b: string) => `${a} 需要同时指定 ${b}`,
    flagNotHere: (flag: string, cmd: string) => `${cmd} 不接受 ${flag}`,
    metaFormat: '格式应为 key=value',
    reasonSep: '；',
    expiresFormat: '可用格式如 2027-01-01、2027-01-01T08:00:00+08:00、30d、12h 或 never',
    nothingToUpdate: '没有要修改的内容：请至少指定一个参数，例如 --name 或 --rpm',
    ambiguous: (ref: string, ids: string) => `"${ref}" 有多个匹配（${ids}），请改用 ID`,
    workspaceNotFound: (ref: string) => `找不到工作空间 "${ref}"（见 \`baimo workspaces list\`）`,
    appNotFound: (ref: string, ws: string) => `工作空间 ${ws} 中没有应用 "${ref}"`,
    keyNotFound: (id: string) => `找不到密钥 "${id}"（见 \`baimo keys list\`）`,
    userNotFound: (ref: string) => `找不到用户 "${ref}"（见 \`baimo users list\`）`,
    keyCreated: (id: string, name: string, ws: string) => `已在工作空间 ${ws} 中创建密钥 ${id}（${name}）`,
    keyShownOnce: '请立即复制密钥：它只显示这一次，之后无法再次查看。',
    keyUpdated: (id: string) => `已更新密钥 ${id}`,
    keyRevoked: (id: string, name: string) => `已吊销密钥 ${id}（${name}），此后使用它的请求都会被拒绝`,
    keyAlreadyRevoked: (id: string, at: string) => `密钥 ${id} 已于 ${at} 吊销`,
    noKeys: '还没有密钥（用 `baimo keys create --name 名称` 创建）',
    keyHeader: ['ID', '名称', '前缀', '状态', '工作空间', '限额'],
    workspaceRenamed: (id: string, name: string) => `已将工作空间 ${id} 重命名为 ${name}`,
    workspaceDeleted: (id: string, name: string) => `已删除工作空间 ${id}（${name}）`,
    defaultWorkspace: '默认工作空间不能删除',
    workspaceNotEmpty: (name: string, keys: number, apps: number) =>
      `工作空间 ${name} 中还有 ${keys} 个密钥和 ${apps} 个应用，会随之一并删除；确认删除请加 --force`,
    workspaceHeader: ['ID', '名称', '密钥数', '成员数', '创建时间'],
    userCreated: (id: string, email: string) => `已创建用户 ${id}（${email}）`,
    userExists: (email: string) => `邮箱为 ${email} 的用户已存在`,
    userHeader: ['ID', '邮箱', '姓名', '管理员', '状态', '工作空间'],
    noUsers: '还没有用户（用 `baimo users create --email 邮箱 --name 姓名 --admin` 创建）',
    roleSet: (email: string, ws: string, role: string) => `${email} 现在是工作空间 ${ws} 的 ${role}`,
    roleRemoved: (email: string, ws: string) => `${email} 已不再是工作空间 ${ws} 的成员`,
    userDisabled: (email: string) => `已停用 ${email} 并结束其全部会话`,
    userEnabled: (email: string) => `已启用 ${email}`,
    passwordChanged: (email: string) => `已修改 ${email} 的密码并结束其全部会话`,
    passwordMissing: '请用 --password 或环境变量 BAIMO_PASSWORD 提供密码（或在终端中运行以便输入）',
    passwordPrompt: '密码：',
    passwordAgain: '再次输入密码：',
    passwordMismatch: '两次输入的密码不一致',
    interrupted: '已中断',
    // 合规命令（audit、label）。
    auditIntact: (n: number) => `审计链完整：共 ${n} 条记录`,
    auditBroken: (seq: number, id: string, reason: string) => `审计链已被破坏，位置 seq ${seq}${id ? `（id ${id}）` : ''}：${reason}`,
    auditReasons: {
      edited: '该记录被修改',
      deleted_before: '它之前的记录被删除',
      reordered: '记录被调换或重排',
      truncated: '最新的记录被删除',
      broken_link: '它之前的记录被替换',
      chain_reset: '审计链在此处被截断（最新的记录或链头被删除或篡改）后才继续写入',
    },
    auditWrongKey: '提示：第一条记录和链头都校验失败，请确认使用的是写入日志时的主密钥（BAIMO_MASTER_KEY / master.key）',
    auditNoKey: (where: string) => `找不到主密钥（${where}；也可设置 BAIMO_MASTER_KEY），没有它无法校验审计链`,
    auditExported: (n: number, file: string) => `已导出 ${n} 条审计记录到 ${file}`,
    labelValid: (cid: string, pc: string) => `标识有效：内容 ID ${cid}，服务提供者编码 ${pc}`,
    labelDetails: (model: string, time: string, name?: string, rid?: string) =>
      `  模型 ${model}，生成时间 ${time}${name ? `，服务提供者 ${name}` : ''}${rid ? `，请求 ${rid}` : ''}`,
    labelInvalid: (reason: string) => `标识无效：${reason}`,
    labelMissing: '请以参数或标准输入提供标识（响应头的值、JSON 标识或整个响应体）',
    labelNoKey: (where: string) => `找不到主密钥（${where}；也可设置 BAIMO_MASTER_KEY），没有它无法校验标识`,
    // 知识库（`baimo kb`）。
    kbNotFound: (name: string, ws?: string) => `${ws ? `工作空间 ${ws} 中` : ''}找不到知识库 "${name}"（见 \`baimo kb list\`）`,
    kbAmbiguous: (name: string, workspaces: string) => `多个工作空间（${workspaces}）中都有知识库 "${name}"，请用 --workspace 指定`,
    kbCreated: (name: string, id: string, ws: string, model: string) =>
      `已在工作空间 ${ws} 中创建知识库 ${name}（${id}），向量模型 ${model}`,
    kbEmbeddingGuessed: (model: string) => `向量模型：${model}（配置中唯一的向量模型别名；可用 --embedding 另选）`,
    kbNeedsEmbedding: '请用 --embedding MODEL 指定向量模型：能生成向量的别名或 provider/model（见 `baimo models list`）',
    kbEmbeddingChoice: (names: string) => `配置了多个向量模型别名（${names}），请用 --embedding 选择一个`,
    kbUnknownModel: (model: string) => `未配置模型 "${model}"（见 \`baimo models list\`）`,
    kbDeleted: (name: string, id: string, docs: number, chunks: number) =>
      `已删除知识库 ${name}（${id}），连同 ${docs} 个文档和 ${chunks} 个分块`,
    kbNone: '还没有知识库（用 `baimo kb create 名称 --embedding 模型` 创建）',
    kbHeader: ['名称', '工作空间', '文档数', '分块数', '向量模型', '更新时间'],
    kbNoHits: '没有命中结果',
    kbFileUnreadable: (path: string, reason: string) => `无法读取 ${path}：${reason}`,
    kbNotAFile: (path: string) => `${path} 不是文件（请给出文件或 http(s) 网址）`,
    kbFileTooLarge: (path: string, mb: string, max: number) =>
      `${path} 大小为 ${mb} MB，超过单个文件 ${max} MB 的上限（baimo.yaml 中的 knowledge.max_file_mb）`,
    kbBadUrl: (url: string) => `不是有效的 http(s) 网址：${url}`,
    kbSameName: (name: string, a: string, b: string) => `${a} 与 ${b} 会成为同名文档 "${name}"；请分两次添加或重命名其一`,
    kbTooMany: (n: number, max: number) => `一条命令给出了 ${n} 个文件和网址，最多 ${max} 个`,
    kbMetadataFormat: '应为字符串值的 JSON 对象，例如 {"team":"sales","year":"2025"}',
    kbIngesting: '入库中',
    kbProgress: (done: number, total: number, failed: number, chunks: number) =>
      `${done}/${total} 个文档${failed ? `（${failed} 个失败）` : ''}，${chunks} 个分块`,
    kbUnchanged: (name: string) => `${name}：自上次入库以来没有变化`,
    kbAddSummary: (ready: number, failed: number, chunks: number) =>
      `${ready} 个文档就绪${failed ? `，${failed} 个失败` : ''}；这些文档共 ${chunks} 个分块`,
    kbDocFailed: (name: string, reason: string, message: string) => `失败：${name}：${message} [${reason}]`,
    kbJobEnded: (status: string, error: string | null) => `其入库任务已结束（${status}）但文档未完成${error ? `：${error}` : ''}`,
    kbDocGone: '入库过程中文档被删除',
    kbInterrupted: '已中断：未完成的文档仍在队列中，`baimo serve` 或 `baimo worker` 会继续处理',
    kbEvaluating: '评测中',
    kbEvalSearches: (done: number, total: number) => `已检索 ${done}/${total} 次`,
    kbEvalFileTooLarge: (path: string, mb: number) => `${path} 超过 ${mb} MB`,
    kbEvalTooManyLines: (path: string, max: number) => `${path} 中的问题超过 ${max} 条`,
    kbEvalBadLine: (path: string, line: number, reason: string) => `${path} 第 ${line} 行：${reason}`,
    kbEvalBadJson: '不是 JSON 对象',
    kbEvalEmpty: (path: string) =>
      `${path} 中没有问题（每行一个 JSON 对象：{"query": "...", "relevant": ["<文档名、文档 ID 或分块 ID>", ...]}）`,
    kbEvalUnknown: (line: number, item: string) => `警告：第 ${line} 行："${item}" 不是本知识库的文档名、文档 ID 或分块 ID，按未命中计`,
    kbEvalMoreUnknown: (n: number) => `警告：另有 ${n} 个未知的相关项`,
    kbEvalTitle: (name: string, n: number, k: number) => `知识库 ${name}：${n} 个问题，取前 ${k} 条`,
    kbEvalHeader: (k: number) => ['检索方式', `召回率@${k}`, `MRR@${k}`],
    // 场景应用（`baimo apps`）。
    appsHeader: ['标识', '名称', '版本', '流量', '来源'],
    appsBuiltin: '内置',
    appsDraftOnly: (v: number) => `草稿 ${v}`,
    appsNotFound: (slug: string, ws: string) => `工作空间 ${ws} 中没有应用 "${slug}"（见 \`baimo apps list\`）`,
    appsInputFormat: '格式应为 name=value，例如 --input target_language=en',
    appsFileFormat: '格式应为 name=path，例如 --file text=report.docx',
    appsTwice: (name: string) => `变量 ${name} 被多次给出（每个 --input 和 --file 只能对应一个变量）`,
    appsTooMany: (n: number, max: number) => `给出了 ${n} 个输入，一个应用最多有 ${max} 个变量`,
    appsNotAFile: (path: string) => `${path} 不是文件`,
    appsFileTooLarge: (path: string, mb: string, max: number) => `${path} 大小为 ${mb} MB，--file 最大 ${max} MB`,
    appsFileNoText: (path: string, message: string, reason: string) => `无法读取 ${path} 的文本：${message} [${reason}]`,
    appsFileTextTooLong: (path: string, chars: number, max: number) => `${path} 的文本有 ${chars} 个字符，一个输入最多 ${max} 个`,
    appsInvalidInputs: (slug: string) => `应用 ${slug} 的输入无效：`,
    appsProblem: (variable: string, message: string) => `  ${variable}：${message}`,
    appsProgressLabel: '运行中',
    appsProgress: (phase: string, done: number, total: number) =>
      phase === 'map' ? `分块 ${done}/${total}` : done === 0 ? '汇总各段结果' : `合并 ${done}/${total}`,
    appsExported: (slug: string, file: string) => `已将应用 ${slug} 导出到 ${file}`,
    appsImportTooLarge: (path: string, kb: number) => `${path} 超过 ${kb} KB（应用的 YAML 远小于此）`,
    appsImportedNew: (slug: string, id: string, ws: string, version: number) =>
      `已在工作空间 ${ws} 中创建应用 ${slug}（${id}），草稿版本 ${version}；请在控制台或 API 中发布`,
    appsImportedDraft: (slug: string, id: string, ws: string, version: number) =>
      `工作空间 ${ws} 中已有应用 ${slug}（${id}）：已导入为它的新草稿版本 ${version}`,
    // 竞技场（`baimo arena`）。
    arenaBadLine: (file: string, line: number, _en: string, zh: string) => `${file} 第 ${line} 行：${zh}`,
    arenaMoreBad: (n: number) => `……另有 ${n} 行有误`,
    arenaInput: (_en: string, zh: string) => zh,
    arenaNothingImported: (n: number) => `未导入任何对战：有 ${n} 行有误；请修正，或加 --skip-invalid 只导入正确的行`,
    arenaImported: (n: number, ws: string, skipped: number) =>
      `已向工作空间 ${ws} 导入 ${n} 场对战${skipped ? `；跳过 ${skipped} 行有误的数据` : ''}`,
    arenaFileTooLarge: (path: string, mb: number) => `${path} 超过 ${mb} MiB，请分成几次导入`,
    arenaNoBattles: '还没有已决出胜负的对战：可在控制台投票，用 `baimo arena import` 导入，或发起 LLM 评审对战',
    arenaRatingsTitle: (ws: string, source: string, n: number) => `工作空间 ${ws} 的竞技场评分（${source} 对战，${n} 个模型）`,
    arenaRatingsHeader: ['排名', '模型', '评分', '95% 置信区间', '对战数'],
  },
} as const;

export type Messages = (typeof messages)['en'];

/** The user's locale: `zh` when BAIMO_LANG, LC_ALL, LC_MESSAGES or LANG (the first set) starts with zh, else `en`. */
export function cliLang(env: NodeJS.ProcessEnv = process.env): 'zh' | 'en' {
  const lang = env.BAIMO_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Messages for the user's locale (Chinese when the locale starts with zh). */
export function t(env: NodeJS.ProcessEnv = process.env): Messages {
  return (cliLang(env) === 'zh' ? messages.zh : messages.en) as Messages;
}
