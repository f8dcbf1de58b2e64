import type { FastifyMultipartBaseOptions } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, type GatewayError } from '../../core/errors.js';
import { DATASET_NAME } from '../../eval/dataset-name.js';
import { DATASET_SERVICE_LIMITS } from '../../eval/dataset-service.js';
import { SUITE_TYPES } from '../../eval/suite.js';
import { DATASET_FILE_LIMITS } from '../../eval/load-dataset.js';
import { multipartError, readFilePart, type UploadTotal } from './multipart-upload.js';

const MIB = 1024 * 1024;

/** The text fields of an upload besides the files. */
const FIELDS = ['name', 'type', 'format', 'split', 'description', 'note'] as const;

/** The multipart parser's bounds: the files of one upload, a few short fields. */
export const DATASET_UPLOAD_PARSER_LIMITS: FastifyMultipartBaseOptions = {
  // An oversized file is reported by name, not as the plugin's anonymous error.
  throwFileSizeLimit: false,
  limits: {
    fieldNameSize: 100,
    fieldSize: 8 * 1024,
    fields: FIELDS.length,
    files: DATASET_SERVICE_LIMITS.uploadFiles,
    parts: DATASET_SERVICE_LIMITS.uploadFiles + FIELDS.length,
    headerPairs: 50,
  },
};

/** The fields of `POST /api/eval/datasets` (multipart form fields). */
export const datasetUploadFieldsSchema = z
  .object({
    name: z.string().regex(DATASET_NAME, 'letters, digits, ".", "_" and "-", starting with a letter or digit (at most 100)'),
    type: z.enum(SUITE_TYPES).optional(),
    format: z.enum(['ceval', 'cmmlu', 'qa', 'judge', 'safety']).optional(),
    split: z.enum(['dev', 'val', 'test']).optional(),
    description: z.string().max(DATASET_SERVICE_LIMITS.description).optional(),
    note: z.string().max(DATASET_SERVICE_LIMITS.note).optional(),
  })
  .strict();

export interface DatasetUpload {
  fields: z.infer<typeof datasetUploadFieldsSchema>;
  files: Array<{ name: string; bytes: Buffer }>;
}

const tooMany = (): GatewayError =>
  badRequest(
    `One upload takes at most ${DATASET_SERVICE_LIMITS.uploadFiles} files and the fields ${FIELDS.join(', ')}. / 一次最多上传 ${DATASET_SERVICE_LIMITS.uploadFiles} 个文件。`,
    'files',
    'invalid_value',
  );

/**
 * Reads an upload: `files` (or `file`) parts, each into memory up to DATASET_FILE_LIMITS.fileBytes (a
 * larger one is a 413 `file_too_large` naming it), all together up to DATASET_FILE_LIMITS.totalBytes,
 * and the text fields name, type, format, split, description, note (each once; others are refused).
 */
export async function readDatasetUpload(request: FastifyRequest): Promise<DatasetUpload> {
  const files: Array<{ name: string; bytes: Buffer }> = [];
  const raw: Record<string, string> = {};
  const total: UploadTotal = {
    bytes: 0,
    max: DATASET_FILE_LIMITS.totalBytes,
    over: () =>
      gatewayError('request_too_large', `The files of one upload may hold at most ${DATASET_FILE_LIMITS.totalBytes / MIB} MiB together.`),
  };
  try {
    for await (const part of request.parts({ limits: { fileSize: DATASET_FILE_LIMITS.fileBytes } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'files' && part.fieldname !== 'file')
          throw badRequest(`Send files as "files" parts (got "${part.fieldname.slice(0, 100)}").`, 'files', 'invalid_value');
        const name = (part.filename ?? '').trim();
        if (!name || name.length > 500)
          throw badRequest('Each file part needs a file name of at most 500 characters.', 'files', 'missing_required_parameter');
        const tooLarge = () =>
          gatewayError(
            'file_too_large',
            `File "${name.slice(0, 200)}" is larger than ${DATASET_FILE_LIMITS.fileBytes / MIB} MiB: split it. / 文件“${name.slice(0, 200)}”超过 ${DATASET_FILE_LIMITS.fileBytes / MIB} MiB，请拆分。`,
            { param: 'files' },
          );
        files.push({ name, bytes: await readFilePart(part, tooLarge, total) });
        continue;
      }
      const field = part.fieldname;
      if (!(FIELDS as readonly string[]).includes(field))
        throw badRequest(
          `Unknown form field "${field.slice(0, 100)}": send files parts and the fields ${FIELDS.join(', ')}.`,
          field,
          'invalid_value',
        );
      if (part.valueTruncated) throw badRequest(`The field "${field}" is too long.`, field, 'invalid_value');
      if (Object.prototype.hasOwnProperty.call(raw, field)) throw badRequest(`Send the field "${field}" once.`, field, 'invalid_value');
      if (typeof part.value !== 'string') throw badRequest(`The field "${field}" must be text.`, field, 'invalid_value');
      raw[field] = part.value;
    }
  } catch (err) {
    throw multipartError(err, tooMany);
  }
  const r = datasetUploadFieldsSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const param = issue.path.map(String).join('.') || 'name';
    throw badRequest(
      `Invalid ${param}: ${issue.message}`,
      param,
      issue.code === 'invalid_type' ? 'missing_required_parameter' : 'invalid_value',
    );
  }
  if (files.length === 0)
    throw badRequest('No files: send one or more CSV or JSONL files as "files" parts. / 没有文件。', 'files', 'missing_required_parameter');
  return { fields: r.data, files };
}
