/**
 * The form of an app, generated from its variables: text and long text, enum (a select), number (min,
 * max, integer), boolean (a switch), file (pasted, or a PDF, Word, HTML or text file read as text by the
 * server: POST /api/extract-text, with a warning when the text was cut). Labels follow the UI language;
 * defaults fill it; required ones are checked before a run. Submitting hands over the cleaned inputs.
 */
import { PaperClipOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space, Switch, Tooltip, Upload } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppInputs, AppVariable } from '../../api/apps.ts';
import { EXTRACT_ACCEPT, EXTRACT_MAX_MB, extractText } from '../../api/extract-text.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { cleanInputs, LIMITS, localized, variableLabel } from './format.ts';

interface Props {
  variables: AppVariable[];
  /** Values to start from (sample inputs); defaults fill the rest. */
  initial?: AppInputs;
  running: boolean;
  onRun: (inputs: AppInputs) => void;
  onStop?: () => void;
  /** Test id prefix: `{prefix}-input-{name}`, `{prefix}-run`. */
  testId: string;
  runLabel?: string;
  /** More buttons beside Run. */
  extra?: ReactNode;
  disabled?: boolean;
}

function initialValues(variables: AppVariable[], initial: AppInputs | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of variables) {
    const value = initial?.[v.name] ?? v.default;
    if (value === undefined) continue;
    if (v.type === 'number') out[v.name] = typeof value === 'number' ? value : Number(value);
    else if (v.type === 'boolean') out[v.name] = value === true || value === 'true';
    else out[v.name] = String(value);
  }
  return out;
}

function FileText({ value, onChange, testId, max }: { value?: string; onChange?: (v: string) => void; testId: string; max: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [reading, setReading] = useState<{ name: string; percent: number } | null>(null);
  const [truncated, setTruncated] = useState<string | null>(null);
  const upload = useRef<AbortController | null>(null);
  useEffect(() => () => upload.current?.abort(), []);

  const read = (file: File) => {
    upload.current?.abort();
    const ctl = new AbortController();
    upload.current = ctl;
    setReading({ name: file.name, percent: 0 });
    setTruncated(null);
    extractText(file, { signal: ctl.signal, onProgress: (f) => setReading({ name: file.name, percent: Math.round(f * 100) }) })
      .then((r) => {
        const text = r.text.slice(0, max);
        onChange?.(text);
        if (r.truncated || text.length < r.text.length)
          setTruncated(t('apps.form.fileTruncated', { name: r.name, total: r.characters, kept: text.length }));
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') message.error(t('apps.form.fileUnreadable', { name: file.name, message: e.message }));
      })
      .finally(() => {
        if (upload.current === ctl) {
          upload.current = null;
          setReading(null);
        }
      });
  };

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Input.TextArea
        data-testid={testId}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 14 }}
        maxLength={max}
        placeholder={t('apps.form.filePlaceholder')}
      />
      <Upload
        accept={EXTRACT_ACCEPT}
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > EXTRACT_MAX_MB * 1024 * 1024) message.error(t('apps.form.fileTooBig', { mb: EXTRACT_MAX_MB }));
          else read(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button size="small" icon={<PaperClipOutlined />} loading={reading !== null} data-testid={`${testId}-file`}>
          {reading ? t('apps.form.fileReading', { name: reading.name, percent: reading.percent }) : t('apps.form.readFile')}
        </Button>
      </Upload>
      {truncated && (
        <Alert type="warning" showIcon closable onClose={() => setTruncated(null)} title={truncated} data-testid={`${testId}-truncated`} />
      )}
    </Space>
  );
}

/** What Form.Item hands its control: the value (`checked` for a switch), the change handler, the id the label points at. */
type FieldProps = Record<string, unknown>;

function Control({ v, testId, ...field }: { v: AppVariable; testId: string } & FieldProps) {
  const { lang } = useLang();
  const placeholder = localized(v.description, lang) || undefined;
  switch (v.type) {
    case 'text':
      return <Input {...field} data-testid={testId} maxLength={v.max_length ?? LIMITS.text} placeholder={placeholder} allowClear />;
    case 'long_text':
      return (
        <Input.TextArea
          {...field}
          data-testid={testId}
          maxLength={v.max_length}
          autoSize={{ minRows: 4, maxRows: 14 }}
          placeholder={placeholder}
        />
      );
    case 'file':
      return <FileText {...field} testId={testId} max={v.max_length ?? 1_000_000} />;
    case 'enum':
      return (
        <Select
          {...field}
          data-testid={testId}
          allowClear={!v.required}
          placeholder={placeholder}
          options={(v.options ?? []).map((o) => ({ value: o, label: o }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      );
    case 'number':
      return (
        <InputNumber
          {...field}
          data-testid={testId}
          min={v.min}
          max={v.max}
          precision={v.integer ? 0 : undefined}
          placeholder={placeholder}
          style={{ width: '100%' }}
        />
      );
    case 'boolean':
      return <Switch {...field} data-testid={testId} />;
  }
}

export function AppForm({ variables, initial, running, onRun, onStop, testId, runLabel, extra, disabled }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Record<string, unknown>>();
  // New variables or new samples: the form starts again from them.
  const signature = JSON.stringify([variables.map((v) => [v.name, v.type, v.default]), initial ?? null]);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialValues(variables, initial));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, form]);

  const submit = async () => {
    // Invalid fields show their messages in the form.
    const values = await form.validateFields().catch(() => null);
    if (values) onRun(cleanInputs(values));
  };

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={initialValues(variables, initial)}
      data-testid={`${testId}-form`}
    >
      {variables.map((v) => {
        const description = localized(v.description, lang);
        return (
          <Form.Item
            key={v.name}
            name={v.name}
            label={
              description ? (
                <Tooltip title={description}>
                  <span>{variableLabel(v, lang)}</span>
                </Tooltip>
              ) : (
                variableLabel(v, lang)
              )
            }
            valuePropName={v.type === 'boolean' ? 'checked' : 'value'}
            rules={
              v.required && v.type !== 'boolean'
                ? [{ required: true, message: t('apps.form.required', { name: variableLabel(v, lang) }) }]
                : []
            }
            style={{ marginBottom: 12 }}
          >
            <Control v={v} testId={`${testId}-input-${v.name}`} />
          </Form.Item>
        );
      })}
      <Space wrap>
        {running && onStop ? (
          <Button icon={<StopOutlined />} onClick={onStop} data-testid={`${testId}-stop`}>
            {t('apps.run.stop')}
          </Button>
        ) : (
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={running}
            disabled={disabled}
            onClick={() => void submit()}
            data-testid={`${testId}-run`}
          >
            {runLabel ?? t('apps.run.button')}
          </Button>
        )}
        {extra}
      </Space>
    </Form>
  );
}
