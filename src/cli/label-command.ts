import { LabelSigner } from '../compliance/labels/aigc-label.js';
import { loadConfig } from '../config/load-config.js';
import { deriveKey, KEY_PURPOSES } from '../security/derive-key.js';
import { findMasterKey } from './compliance-key.js';
import { t } from './i18n.js';
import { CliError, printJson, type Flags } from './open-store.js';

const USAGE = 'baimo label verify [LABEL] [--config F] [--json]';

/**
 * `baimo label verify [LABEL]`: checks an implicit AIGC label against this deployment's key. The
 * label comes from the argument or standard input: the x-aigc-label header value, the JSON label,
 * or a whole response body (or SSE stream) carrying `aigc_label`. Exit 0 when genuine, 1 when not.
 */
export async function labelCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (sub !== 'verify') {
    process.stderr.write(`${t().unknownSub('label', sub ?? '', 'verify')}\n`);
    return 2;
  }
  try {
    const input = args.length > 0 ? args.join(' ') : await readStdin();
    if (!input.trim()) throw new CliError(`${t().labelMissing}\n${t().usage(USAGE)}`, 2);
    const { config } = loadConfig({ configPath: typeof f.config === 'string' ? f.config : undefined });
    const mk = findMasterKey(config);
    if (!mk.key) throw new CliError(t().labelNoKey(mk.where), 1);
    // Only the key matters for verifying; the provider code comes from the label itself.
    const signer = new LabelSigner(deriveKey(mk.key, KEY_PURPOSES.aigcLabel), { providerCode: 'verify', timezone: 'UTC' });
    const r = signer.verify(input);
    if (f.json) {
      printJson(r.ok ? { ok: true, label: r.label } : { ok: false, reason: r.reason });
      return r.ok ? 0 : 1;
    }
    if (!r.ok) {
      process.stderr.write(`${t().labelInvalid(r.reason)}\n`);
      return 1;
    }
    const l = r.label;
    process.stdout.write(`${t().labelValid(l.content_id, l.provider_code)}\n`);
    process.stdout.write(`${t().labelDetails(l.model, l.created_at, l.provider_name, l.request_id)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

/** All of standard input; empty when it is a terminal (nothing piped in). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
