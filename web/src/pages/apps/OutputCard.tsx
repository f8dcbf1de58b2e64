/** Output format of a draft (text, Markdown, JSON) and, for JSON, the JSON Schema the answer must match. */
import { Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { OUTPUT_FORMATS, type AppSpec, type OutputFormat } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';
import { LIMITS } from './format.ts';

const SCHEMA_EXAMPLE = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] };

/** The schema text parsed: an object, or why not. */
export function parseSchema(text: string): { schema?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return {};
  if (text.length > LIMITS.jsonSchema) return { error: `> ${LIMITS.jsonSchema}` };
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: 'not a JSON object' };
    return { schema: v as Record<string, unknown> };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function OutputCard({
  spec,
  onChange,
  onSchemaError,
  disabled,
}: {
  spec: AppSpec;
  onChange: (patch: Partial<AppSpec>) => void;
  /** The schema text does not parse (the draft cannot be saved), or null. */
  onSchemaError: (error: string | null) => void;
  disabled: boolean;
}) {
  const t = useT();
  const format = spec.output?.format ?? 'text';
  const [text, setText] = useState(() => (spec.output?.schema ? JSON.stringify(spec.output.schema, null, 2) : ''));
  const [error, setError] = useState<string | null>(null);
  const setFormat = (f: OutputFormat) => {
    onChange({ output: f === 'json' ? { format: f, ...(spec.output?.schema ? { schema: spec.output.schema } : {}) } : { format: f } });
    if (f !== 'json') {
      setError(null);
      onSchemaError(null);
    }
  };
  const setSchemaText = (next: string) => {
    setText(next);
    const parsed = parseSchema(next);
    setError(parsed.error ?? null);
    onSchemaError(parsed.error ?? null);
    if (!parsed.error) onChange({ output: { format: 'json', ...(parsed.schema ? { schema: parsed.schema } : {}) } });
  };
  return (
    <Card size="small" title={t('apps.studio.output')}>
      <Form layout="vertical" disabled={disabled}>
        <Form.Item label={t('apps.output.format')} style={{ marginBottom: format === 'json' ? 12 : 0 }}>
          <Segmented<OutputFormat>
            data-testid="studio-output-format"
            value={format}
            onChange={setFormat}
            options={OUTPUT_FORMATS.map((f) => ({
              value: f,
              label: <span data-testid={`studio-output-${f}`}>{t(`apps.output.${f}`)}</span>,
            }))}
          />
        </Form.Item>
        {format === 'json' ? (
          <Form.Item
            label={t('apps.output.schema')}
            extra={error ? undefined : t('apps.output.schemaHint')}
            validateStatus={error ? 'error' : undefined}
            help={error ? t('apps.output.schemaInvalid', { message: error }) : undefined}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              data-testid="studio-output-schema"
              value={text}
              onChange={(e) => setSchemaText(e.target.value)}
              autoSize={{ minRows: 6, maxRows: 24 }}
              maxLength={LIMITS.jsonSchema}
              placeholder={JSON.stringify(SCHEMA_EXAMPLE, null, 2)}
              style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                disabled={Boolean(error) || !text.trim()}
                onClick={() => setSchemaText(JSON.stringify(JSON.parse(text), null, 2))}
                data-testid="studio-output-schema-format"
              >
                {t('apps.output.formatJson')}
              </Button>
            </Typography.Text>
          </Form.Item>
        ) : null}
      </Form>
    </Card>
  );
}
