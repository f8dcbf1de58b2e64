import type { MultipartFile } from '@fastify/multipart';
import { badRequest, GatewayError } from '../../core/errors.js';

/**
 * The multipart plugin's own refusals as the API's errors: too many parts, files or fields is
 * `tooMany()` (each route says what it takes), a reserved field name or a malformed body a 400
 * `invalid_body`. The route's own errors pass through.
 */
export function multipartError(err: unknown, tooMany: () => GatewayError): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') return tooMany();
  if (code === 'FST_PROTO_VIOLATION') return badRequest('A form field has a reserved name.', null, 'invalid_body');
  const detail = err instanceof Error ? err.message : String(err);
  return badRequest(`The multipart/form-data body could not be read: ${detail.slice(0, 200)}`, null, 'invalid_body');
}

/** The bytes of all files of one upload so far, refused with `over()` once past `max`. */
export interface UploadTotal {
  bytes: number;
  readonly max: number;
  over(): GatewayError;
}

/**
 * Reads a file part into memory. A file past the request's `fileSize` limit (the plugin set up with
 * `throwFileSizeLimit: false` truncates it) is read to its end without keeping the rest, then refused
 * with `tooLarge()`, so the answer can name it; `total`, when given, counts every byte received.
 */
export async function readFilePart(part: MultipartFile, tooLarge: () => GatewayError, total?: UploadTotal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    if (total) {
      total.bytes += chunk.length;
      if (total.bytes > total.max) throw total.over();
    }
    if (part.file.truncated) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  if (part.file.truncated) throw tooLarge();
  return Buffer.concat(chunks, size);
}
