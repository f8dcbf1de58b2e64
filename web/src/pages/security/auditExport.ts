/** Downloads the whole audit log (JSON lines, with the hashes): fetched with the console's credentials, saved through a Blob link. */
import { authHeaders, toApiError } from '../../api/client';

/** The file name the server suggests (`content-disposition`), else one with the current time. */
function fileName(res: Response): string {
  const m = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '');
  return m?.[1] ?? `baimo-audit-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}.ndjson`;
}

/** Returns the number of bytes saved. */
export async function exportAudit(): Promise<number> {
  const res = await fetch('/api/audit/export', {
    headers: { accept: 'application/x-ndjson, application/json', ...authHeaders() },
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/x-ndjson' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName(res);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return blob.size;
}
