/**
 * Pulls a human message and code out of the error bodies providers send: OpenAI
 * `{error:{message,code,type}}`, Anthropic `{type:"error",error:{type,message}}`, Gemini
 * `{error:{code,message,status}}`, Baidu `{error_code,error_msg}`, DashScope `{code,message}`,
 * Hunyuan `{Response:{Error:{Code,Message}}}`, or plain text.
 */
export function parseUpstreamError(text: string): { message: string; code: string | null } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { message: text.trim().slice(0, 500), code: null };
  }
  const o = (body ?? {}) as Record<string, any>;
  const e = (typeof o.error === 'object' && o.error !== null ? o.error : (o.Response?.Error ?? o)) as Record<string, any>;
  const message = str(e.message) ?? str(e.Message) ?? str(o.error_msg) ?? str(o.msg) ?? str(o.error) ?? text.slice(0, 500);
  const code = str(e.code) ?? str(e.Code) ?? str(e.status) ?? str(e.type) ?? str(o.error_code) ?? null;
  return { message, code };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}
