/** Why a document could not be turned into text: a stable key the ingestion job records per document. */
export type ExtractReason =
  | 'too-large'
  | 'unsupported-format'
  | 'corrupt-pdf'
  | 'encrypted-pdf'
  | 'broken-zip'
  | 'encrypted-zip'
  | 'missing-document-xml'
  | 'zip-bomb'
  | 'undecodable-text'
  | 'encoding-unsupported';

const ZH: Record<ExtractReason, string> = {
  'too-large': '文件过大',
  'unsupported-format': '不支持的文件格式',
  'corrupt-pdf': 'PDF 文件已损坏',
  'encrypted-pdf': 'PDF 文件已加密',
  'broken-zip': 'DOCX（ZIP）文件已损坏',
  'encrypted-zip': 'DOCX 文件已加密',
  'missing-document-xml': 'DOCX 文件缺少正文（word/document.xml）',
  'zip-bomb': 'DOCX 解压后超出大小上限',
  'undecodable-text': '无法识别文本编码（支持 UTF-8、UTF-16、GB18030/GBK）',
  'encoding-unsupported': '当前 Node.js 不支持 GB18030 解码（需要完整 ICU）',
};

/**
 * A document that cannot be extracted: a corrupt or encrypted file, a broken zip, an unknown binary.
 * `reason` is stable (match on it); `message` says what happened in plain English, `messageZh` in Chinese.
 */
export class ExtractError extends Error {
  readonly messageZh: string;
  constructor(
    readonly reason: ExtractReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'ExtractError';
    this.messageZh = ZH[reason];
  }
}
