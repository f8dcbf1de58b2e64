import multipart, { type FastifyMultipartBaseOptions, type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { APP_LIMITS } from '../../apps/app-types.js';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, forbidden, type GatewayError } from '../../core/errors.js';
import { DOCUMENT_TEXT_MAX_MB, documentText, ExtractError } from '../../knowledge/extract/index.js';
import { KB_LIMITS } from '../../knowledge/knowledge-types.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { multipartError, readFilePart } from './multipart-upload.js';
import { isInstanceAdmin, requireUser, type Principal } from './principal.js';

const MIB = 1024 * 1024;
const MAX_BYTES = DOCUMENT_TEXT_MAX_MB * MIB;

/** One `file` part and nothing else; the file's size is bounded per request (`fileSize`). */
const PARSER_LIMITS: FastifyMultipartBaseOptions = {
  // An oversized file is reported by name (a 413), not as the plugin's anonymous error.
  throwFileSizeLimit: false,
  limits: { fieldNameSize: 100, fieldSize: 1024, fields: 0, files: 1, parts: 1, headerPairs: 50 },
};

/** What `POST /api/extract-text` answers. */
export const extractedTextSchema = z.object({
  object: z.literal('extracted_text'),
  name: z.string().describe('The file name as sent'),
  format: z.enum(['txt', 'md', 'html', 'pdf', 'docx']).describe('What the file was read as'),
  text: z.string().describe(`The text, at most ${APP_LIMITS.longText} characters (a file variable's most)`),
  characters: z.number().int().describe('Characters of the whole extracted text (more than `text` holds when `truncated`)'),
  truncated: z.boolean().describe('The text was cut at the limit'),
});

const onePart = (): GatewayError =>
  badRequest('Send exactly one `file` part, and no other fields. / 请只上传一个文件（`file` 字段）。', 'file', 'invalid_value');

const tooLarge = (name: string): GatewayError =>
  gatewayError(
    'file_too_large',
    `File "${name}" is larger than ${DOCUMENT_TEXT_MAX_MB} MiB. / 文件“${name}”超过 ${DOCUMENT_TEXT_MAX_MB} MiB。`,
    {
      param: 'file',
    },
  );

/** A file's display name: the base name as sent, bounded. */
function fileName(part: MultipartFile): string {
  const name = (part.filename ?? '').split(/[\\/]/).pop()!.trim();
  if (!name)
    throw badRequest('The file part needs a file name (filename in its Content-Disposition).', 'file', 'missing_required_parameter');
  if (name.length > KB_LIMITS.documentName)
    throw badRequest(`The file name is longer than ${KB_LIMITS.documentName} characters.`, 'file', 'invalid_value');
  return name;
}

/** Reads the one `file` part into memory, up to `MAX_BYTES` (a larger one is a 413 naming it, once the body was read). */
async function readOneFile(request: FastifyRequest): Promise<{ name: string; bytes: Uint8Array; contentType?: string }> {
  let file: { name: string; bytes: Uint8Array; contentType?: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_BYTES } })) {
      if (part.type !== 'file' || part.fieldname !== 'file' || file) throw onePart();
      const name = fileName(part);
      file = { name, bytes: await readFilePart(part, () => tooLarge(name)), contentType: part.mimetype || undefined };
    }
  } catch (err) {
    throw multipartError(err, onePart);
  }
  if (!file) throw badRequest('No file: send one `file` part. / 没有收到文件。', 'file', 'missing_required_parameter');
  return file;
}

/** Users and the admin token; a user must be an instance administrator or a member of some workspace. Keys may not. */
function requireMember(p: Principal): void {
  requireUser(p);
  if (!isInstanceAdmin(p) && (p.kind !== 'user' || p.roles.size === 0))
    throw forbidden('Only members of a workspace may read files as text.', 'permission_denied');
}

/** Cuts at `max` characters without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * `POST /api/extract-text` (issue 18): a file (txt, md, html, pdf, docx; text in UTF-8, UTF-16 or
 * GB18030/GBK) read as the text of a scenario app's `file` variable, the way `baimo apps run --file`
 * reads it (`documentText`). The console's app forms upload PDF and Word files here. Nothing is
 * stored and nothing audited. The multipart parser is registered for this route only.
 */
export function registerExtractTextRoutes(c: ApiContext): void {
  void c.app.register(async (scope) => {
    await scope.register(multipart, PARSER_LIMITS);
    apiRoute(scope, c.routes, {
      method: 'POST',
      url: '/api/extract-text',
      summary:
        `Read a file as text for a scenario app's \`file\` variable (users and the admin token; stores nothing): multipart/form-data with one \`file\` part (txt, md, html, pdf, docx, at most ${DOCUMENT_TEXT_MAX_MB} MiB; text in UTF-8, UTF-16 or GB18030/GBK), ` +
        `the text as \`baimo apps run --file\` reads it, cut at ${APP_LIMITS.longText} characters (\`truncated\`). A file that cannot be read is a 400 \`file_unreadable\` saying why; a larger one a 413 \`file_too_large\``,
      tag: 'apps',
      response: extractedTextSchema,
      handler: async ({ principal, request }) => {
        requireMember(principal);
        if (!request.isMultipart())
          throw badRequest(
            'Send the file as multipart/form-data with one `file` part. / 请以 multipart/form-data 上传文件。',
            'file',
            'invalid_body',
          );
        const file = await readOneFile(request);
        let read: Awaited<ReturnType<typeof documentText>>;
        try {
          read = await documentText({ bytes: file.bytes, filename: file.name, contentType: file.contentType }, { maxBytes: MAX_BYTES });
        } catch (err) {
          if (!(err instanceof ExtractError)) throw err;
          if (err.reason === 'too-large') throw tooLarge(file.name);
          throw gatewayError(
            'file_unreadable',
            `File "${file.name}" cannot be read as text (${err.reason}): ${err.message} / 无法读取文件“${file.name}”的文本：${err.messageZh}`,
            { param: 'file' },
          );
        }
        const text = cut(read.text, APP_LIMITS.longText);
        return {
          object: 'extracted_text' as const,
          name: file.name,
          format: read.format,
          text,
          characters: read.text.length,
          truncated: text.length < read.text.length,
        };
      },
    });
  });
}
