import { loadConfig } from '../config/load-config.js';
import { openDatabase } from '../store/open-database.js';
import { RequestLogRepository } from '../store/request-log-repository.js';
import { t } from './i18n.js';

/** `baimo logs [--json] [--limit N]`: the newest request log rows from the configured database. */
export async function logsCommand(opts: { config?: string; json?: boolean; limit?: number }): Promise<void> {
  const { config } = loadConfig({ configPath: opts.config });
  const db = await openDatabase(config.database);
  try {
    const rows = await new RequestLogRepository(db).list({ limit: opts.limit ?? 20 });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    if (rows.length === 0) {
      process.stdout.write(`${t().noLogs}\n`);
      return;
    }
    const fmtTime = new Intl.DateTimeFormat('zh-CN', {
      timeZone: process.env.TZ ?? 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'medium',
      hour12: false,
    });
    for (const r of rows) {
      const tokens = `${r.prompt_tokens}+${r.completion_tokens}${r.estimated ? '~' : ''}`;
      const cost = r.currency ? `${r.cost.toFixed(6)} ${r.currency}` : '-';
      const where = r.provider ? `${r.provider}/${r.upstream_model}` : '-';
      process.stdout.write(
        `${fmtTime.format(new Date(r.created_at))}  ${r.status}  ${r.model_requested} → ${where}  ${tokens} tok  ${cost}  ${r.latency_ms} ms${r.stream ? ' stream' : ''}${r.error_type ? `  ${r.error_type}` : ''}  ${r.id}\n`,
      );
    }
  } finally {
    await db.close();
  }
}
