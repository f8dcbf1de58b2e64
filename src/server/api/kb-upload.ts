import type { FastifyMultipartBaseOptions, MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, type GatewayError } from '../../core/errors.js';
import { KB_LIMITS, type DocumentSource } from '../../knowledge/knowledge-types.js';
import { multipartError, readFilePart, type UploadTotal } from './multipart-upload.js';

const MIB = 1024 * 1024;

/** All files of one upload together stay below this (or one file's limit, when that is larger): they are held in memory. */
export const UPLOAD_TOTAL_BYTES = 256 * MIB;

/** Characters of one text field (a URL, the metadata JSON). */
const FIELD_BYTES = 64 * 1024;

/** The multipart parser's bounds (the file size is the configured one, given per request). */
export const MULTIPART_PARSER_LIMITS: FastifyMultipartBaseOptions = {
  // Oversized files are reported by name (readDocumentUpload), not as the plugin's anonymous error.
  throwFileSizeLimit: false,
  limits: {
    fieldNameSize: 100,
    fieldSize: FIELD_BYTES,
    fields: KB_LIMITS.documentsPerAdd + 1,
    files: KB_LIMITS.documentsPerAdd,
    parts: KB_LIMITS.documentsPerAdd + 1,
    headerPairs: 50,
  },
};

/** An http(s) URL to ingest. */
export const urlSchema = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(KB_LIMITS.documentName);

/** String metadata of a document: what search filters match. */
export const documentMetadataSchema = z
  .record(z.string().min(1).max(KB_LIMITS.metadataKey), z.string().max(KB_LIMITS.metadataValue))
  .refine((m) => Object.keys(m).length <= KB_LIMITS.metadataKeys, `at most ${KB_LIMITS.metadataKeys} keys`);

/** An add naming more documents than one add takes. */
const tooMany = (): GatewayError =>
  badRequest(
    `One add takes at most ${KB_LIMITS.documentsPerAdd} files and URLs. / 一次最多添加 ${KB_LIMITS.documentsPerAdd} 个文件和网址。`,
    'file',
    'invalid_value',
  );

/** An add without a file or URL. */
export const nothingToAdd = (): GatewayError =>
  badRequest(
    'Nothing to add: send files (multipart `file` parts) or URLs (`url` fields, or JSON `urls`).',
    'file',
    'missing_required_parameter',
  );

const fileTooLarge = (name: string, maxMb: number): GatewayError =>
  gatewayError(
    'file_too_large',
    `File "${name}" is larger than ${maxMb} MiB (knowledge.max_file_mb). / 文件“${name}”超过 ${maxMb} MiB 的上限（knowledge.max_file_mb）。`,
    { param: 'file' },
  );

/** A file's display name: the base name as sent, bounded. */
function fileName(part: MultipartFile): string {
  const name = (part.filename ?? '').split(/[\\/]/).pop()!.trim();
  if (!name)
    throw badRequest('Each file part needs a file name (filename in its Content-Disposition).', 'file', 'missing_required_parameter');
  if (name.length > KB_LIMITS.documentName)
    throw badRequest(`A file name is longer than ${KB_LIMITS.documentName} characters.`, 'file', 'invalid_value');
  return name;
}

function textField(part: MultipartValue): unknown {
  if (part.valueTruncated)
    throw badRequest(`The field "${part.fieldname}" is longer than ${FIELD_BYTES} bytes.`, part.fieldname, 'invalid_value');
  return part.value;
}

function parseMetadata(value: unknown): Record<string, string> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw badRequest('The metadata field must be a JSON object of strings.', 'metadata', 'invalid_value');
    }
  }
  const r = documentMetadataSchema.safeParse(parsed);
  if (!r.success) throw badRequest(`Invalid metadata: ${r.error.issues[0]!.message}`, 'metadata', 'invalid_value');
  return r.data;
}

/**
 * Reads a `multipart/form-data` add: `file` parts (each read into memory up to `maxFileMb`: a larger
 * one is a 413 `file_too_large` naming it), `url` fields, and one optional `metadata` field (a JSON
 * object of strings) applied to every document. Nothing is stored before the whole body is read.
 */
export async function readDocumentUpload(request: FastifyRequest, maxFileMb: number): Promise<DocumentSource[]> {
  const maxFile = Math.floor(maxFileMb * MIB);
  const maxTotal = Math.max(UPLOAD_TOTAL_BYTES, maxFile);
  const files: Array<{ name: string; bytes: Uint8Array; contentType?: string }> = [];
  const urls: string[] = [];
  let metadata: Record<string, string> | undefined;
  const total: UploadTotal = {
    bytes: 0,
    max: maxTotal,
    over: () => gatewayError('request_too_large', `The files of one add may hold at most ${Math.round(maxTotal / MIB)} MiB together.`),
  };
  try {
    for await (const part of request.parts({ limits: { fileSize: maxFile } })) {
      if (part.type === 'file') {
        const name = fileName(part);
        const bytes = await readFilePart(part, () => fileTooLarge(name, maxFileMb), total);
        files.push({ name, bytes, contentType: part.mimetype || undefined });
        continue;
      }
      const value = textField(part);
      if (part.fieldname === 'url' || part.fieldname === 'urls') {
        const r = urlSchema.safeParse(typeof value === 'string' ? value.trim() : value);
        if (!r.success) throw badRequest(`Invalid url: ${r.error.issues[0]!.message}`, 'url', 'invalid_value');
        urls.push(r.data);
      } else if (part.fieldname === 'metadata') {
        if (metadata) throw badRequest('Send the metadata field once.', 'metadata', 'invalid_value');
        metadata = parseMetadata(value);
      } else {
        throw badRequest(
          `Unknown form field "${part.fieldname.slice(0, 100)}": send file parts, url fields and a metadata field.`,
          part.fieldname,
          'invalid_value',
        );
      }
    }
  } catch (err) {
    throw multipartError(err, tooMany);
  }
  if (files.length + urls.length === 0) throw nothingToAdd();
  if (files.length + urls.length > KB_LIMITS.documentsPerAdd) throw tooMany();
  return [
    ...files.map((f) => ({ kind: 'file' as const, ...f, metadata })),
    ...urls.map((url) => ({ kind: 'url' as const, url, metadata })),
  ];
}
