import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { t } from './i18n.js';

const HELP = `baimo (百模) — one OpenAI-compatible gateway in front of every model

Usage:
  baimo serve [--config F] [--port N]          run the gateway (default port 4000) and the job workers
        [--no-workers]                         the gateway only: jobs are worked by \`baimo worker\`
  baimo worker [--queues a,b]                  work background jobs only (all queues, or those named)
  baimo chat -m MODEL [prompt]                 chat in the terminal (a REPL without a prompt)
        [--system S] [--temperature T] [--max-tokens N]
  baimo models list [--json] [--catalog]       models you can call / the provider catalog
  baimo models pull <owner/repo/file.gguf | URL> [--sha256 HEX] [--dir DIR]
                                               download GGUF weights (honours HF_ENDPOINT, HF_TOKEN)
  baimo logs [--json] [--limit N]              recent requests, newest first
  baimo keys create --name N [--workspace W] [--app A] [--models 'chat,deepseek/*']
        [--rpm N] [--tpm N] [--quota N --quota-period day|month|total]
        [--budget X --currency CNY|USD --budget-period day|month|total]
        [--expires 2027-01-01|30d|never] [--industry X] [--region X] [--user-group X]
        [--tags a,b] [--meta k=v]... [--cache on|off] [--cache-ttl S] [--disabled] [--json]
                                               create a virtual key (shown once)
  baimo keys list [--workspace W] [--json] | show <id> | revoke <id>
  baimo keys update <id> [flags of create; none clears a limit] [--enabled]
  baimo workspaces list | create <name> | rename <id> <name> | delete <id> [--force]
  baimo users create --email E --name N [--admin] [--workspace W --role R]
                                               password: --password, $BAIMO_PASSWORD or a prompt
  baimo users list | role <user> --workspace W --role R|none | disable <user> | enable <user> | passwd <user>
  baimo audit verify [--json]                  check the tamper-evident audit log (exit 1 when broken)
  baimo audit export [--out FILE]              the audit log as JSON lines (stdout or FILE)
  baimo label verify [LABEL] [--json]          check an AIGC label (argument or stdin: header value,
                                               JSON label or a whole response body)
  baimo kb create <name> [--embedding MODEL] [--description T] [--workspace W]
                                               a knowledge base (documents searched by grounded chat)
  baimo kb add <name> <file|url>... [--metadata JSON]
                                               ingest txt/md/html/pdf/docx files and URLs (progress bar)
  baimo kb search <name> <query> [--k N] [--mode hybrid|keyword|vector] [--json]
  baimo kb list [--json] | rm <name>
  baimo kb eval <name> <labelled.jsonl> [--k N] [--json]
                                               recall@k and MRR of keyword, vector and hybrid retrieval
  baimo apps list [--workspace W] [--json]     scenario apps: the built-ins and the workspace's own
  baimo apps run <slug> --input name=value... [--file name=path]... [--model M]
        [--version N] [--language zh|en] [--workspace W] [--json]
                                               run an app, streaming its answer (--file: txt/md/html/pdf/docx)
  baimo apps export <slug> [--version N] [--out F] | import <file.yaml> [--workspace W]
                                               an app as YAML; import creates it or adds a draft version
  baimo arena import <battles.jsonl> [--workspace W] [--skip-invalid]
                                               arena battles (model_a, model_b, winner) from JSONL
  baimo arena ratings [--json] [--source all|vote|judge|import] [--workspace W]
                                               Bradley-Terry ratings with 95% intervals and ranks
  baimo eval run <suite.yaml> [--json] [--key KEY_ID] [--workspace W]
                                               run an evaluation suite (mcq|qa|judge|safety) with a
                                               progress bar; a dataset file or folder is stored first
                                               under the suite's name (unchanged files: no new version)
  baimo eval resume <run> [--json]             go on with an interrupted, failed or cancelled run
  baimo eval list [--json] [--workspace W] [--limit N]
                                               evaluation runs, newest first
  baimo eval report <run> --format html|csv|json [--out FILE] [--lang zh|en]
                                               a run's report (stdout without --out)
  baimo report [--from D] [--to D] [--tz Z] [--workspace W] --format html|csv|json|pdf
        [--out FILE] [--lang zh|en] [--model M] [--app A] [--key K] [--industry X] [--region X] [--user-group X]
                                               the usage report (default: the last 7 days, all workspaces);
                                               D: YYYY-MM-DD (a day in --tz, included) or an ISO time;
                                               json/csv to stdout without --out, html/pdf to report-<from>-<to>.*

Every command accepts --config F (default: $BAIMO_CONFIG, then ./baimo.yaml).
Docs: README.md and docs/ in the package.`;

const options = {
  config: { type: 'string', short: 'c' },
  port: { type: 'string', short: 'p' },
  'no-workers': { type: 'boolean' },
  queues: { type: 'string' },
  model: { type: 'string', short: 'm' },
  system: { type: 'string', short: 's' },
  temperature: { type: 'string' },
  'max-tokens': { type: 'string' },
  json: { type: 'boolean' },
  catalog: { type: 'boolean' },
  limit: { type: 'string', short: 'n' },
  sha256: { type: 'string' },
  dir: { type: 'string' },
  // Governance commands (keys, workspaces, users).
  name: { type: 'string' },
  workspace: { type: 'string', short: 'w' },
  app: { type: 'string' },
  models: { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  quota: { type: 'string' },
  'quota-period': { type: 'string' },
  budget: { type: 'string' },
  currency: { type: 'string' },
  'budget-period': { type: 'string' },
  expires: { type: 'string' },
  industry: { type: 'string' },
  region: { type: 'string' },
  'user-group': { type: 'string' },
  tags: { type: 'string' },
  meta: { type: 'string', multiple: true },
  cache: { type: 'string' },
  'cache-ttl': { type: 'string' },
  disabled: { type: 'boolean' },
  enabled: { type: 'boolean' },
  force: { type: 'boolean' },
  email: { type: 'string' },
  password: { type: 'string' },
  admin: { type: 'boolean' },
  role: { type: 'string' },
  // Compliance commands (audit, label).
  out: { type: 'string', short: 'o' },
  // Knowledge bases (kb).
  embedding: { type: 'string' },
  description: { type: 'string' },
  metadata: { type: 'string' },
  k: { type: 'string', short: 'k' },
  mode: { type: 'string' },
  // The arena.
  'skip-invalid': { type: 'boolean' },
  source: { type: 'string' },
  // Evaluation (eval).
  key: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  // The usage report (report).
  from: { type: 'string' },
  to: { type: 'string' },
  tz: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function num(name: string, v: string | undefined, integer = true): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new UsageError(`--${name} must be a ${integer ? 'whole ' : ''}number, got "${v}"`);
  return n;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  // `baimo apps` parses its own flags: `--version N` pins an app version there, and `--input` repeats.
  if (parseArgs({ args: argv, options, allowPositionals: true, strict: false }).positionals[0] === 'apps')
    return (await import('./apps-command.js')).appsCommand(argv);
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = values.config;
  switch (command) {
    case 'serve':
      await (await import('./serve-command.js')).serveCommand({ config, port: num('port', values.port), workers: !values['no-workers'] });
      return -1; // keeps running
    case 'worker':
      return (await import('./worker-command.js')).workerCommand({ config, queues: values.queues });
    case 'chat':
      return (await import('./chat-command.js')).chatCommand({
        config,
        model: values.model,
        prompt: [sub, ...rest].filter((s) => s !== undefined).join(' ') || undefined,
        system: values.system,
        temperature: num('temperature', values.temperature, false),
        maxTokens: num('max-tokens', values['max-tokens']),
      });
    case 'models':
      if (sub === 'list' || sub === undefined)
        return (await import('./models-command.js')).modelsListCommand({ config, json: values.json, catalog: values.catalog });
      if (sub === 'pull')
        return (await import('./models-command.js')).modelsPullCommand({ config, spec: rest[0], sha256: values.sha256, dir: values.dir });
      throw new UsageError(`unknown subcommand: models ${sub} (use list or pull)`);
    case 'logs':
      await (await import('./logs-command.js')).logsCommand({ config, json: values.json, limit: num('limit', values.limit) });
      return 0;
    case 'keys':
      return (await import('./keys-command.js')).keysCommand(sub, rest, values);
    case 'workspaces':
      return (await import('./workspaces-command.js')).workspacesCommand(sub, rest, values);
    case 'users':
      return (await import('./users-command.js')).usersCommand(sub, rest, values);
    case 'audit':
      return (await import('./audit-command.js')).auditCommand(sub, rest, values);
    case 'label':
      return (await import('./label-command.js')).labelCommand(sub, rest, values);
    case 'kb':
      return (await import('./kb-command.js')).kbCommand(sub, rest, values);
    case 'arena':
      return (await import('./arena-command.js')).arenaCommand(sub, rest, values);
    case 'eval':
      return (await import('./eval-command.js')).evalCommand(sub, rest, values);
    case 'report':
      return (await import('./report-command.js')).reportCommand(positionals.slice(1), values);
    default:
      throw new UsageError(t().unknownCommand(command));
  }
}

// `baimo eval list | head -3`: the reader went away. That is the end of the output, not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      process.stderr.write(`${(err as Error).message}\n\n${HELP}\n`);
    else process.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  },
);
