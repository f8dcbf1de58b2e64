import { QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, Form, Input, InputNumber, Select, Slider, Space, Switch, Tooltip, Typography } from 'antd';
import type { ChatParams } from '../../api/stream-chat.ts';
import { useT } from '../../i18n/index.ts';

export interface SettingsValue {
  compare: boolean;
  model: string | undefined;
  compareModels: string[];
  system: string;
  params: ChatParams;
}

interface Props {
  value: SettingsValue;
  onChange: (v: SettingsValue) => void;
  models: string[];
  modelsLoading: boolean;
  modelsError: string | null;
  /** Shown when the console is not using the admin token: /v1 needs a virtual key. */
  needsKey: boolean;
  apiKey: string;
  onApiKey: (k: string) => void;
}

function ParamSlider(props: {
  label: string;
  hint: string;
  min: number;
  max: number;
  step: number;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  testid: string;
}) {
  return (
    <Form.Item
      label={
        <Space size={4}>
          {props.label}
          <Tooltip title={props.hint}>
            <QuestionCircleOutlined style={{ color: '#999' }} />
          </Tooltip>
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <Slider
          style={{ flex: 1 }}
          min={props.min}
          max={props.max}
          step={props.step}
          value={props.value ?? props.min}
          onChange={(v) => props.onChange(v)}
        />
        <InputNumber
          size="small"
          style={{ width: 72 }}
          min={props.min}
          max={props.max}
          step={props.step}
          value={props.value}
          onChange={(v) => props.onChange(v ?? undefined)}
          data-testid={props.testid}
        />
      </div>
    </Form.Item>
  );
}

export default function SettingsPanel({ value, onChange, models, modelsLoading, modelsError, needsKey, apiKey, onApiKey }: Props) {
  const t = useT();
  const set = (patch: Partial<SettingsValue>) => onChange({ ...value, ...patch });
  const setParam = (patch: Partial<ChatParams>) => set({ params: { ...value.params, ...patch } });
  const options = models.map((m) => ({ value: m, label: m }));

  return (
    <Form layout="vertical" size="middle">
      {needsKey && (
        <Form.Item label={t('playground.apiKey')} extra={t('playground.apiKeyHint')} style={{ marginBottom: 12 }}>
          <Input.Password
            value={apiKey}
            onChange={(e) => onApiKey(e.target.value.trim())}
            placeholder="sk-bm-..."
            autoComplete="off"
            data-testid="playground-key"
          />
        </Form.Item>
      )}
      {modelsError && <Alert type="warning" showIcon title={modelsError} style={{ marginBottom: 12 }} />}
      <Form.Item style={{ marginBottom: 12 }}>
        <Space>
          <Switch
            checked={value.compare}
            onChange={(compare) =>
              set({
                compare,
                compareModels: value.compareModels.length
                  ? value.compareModels
                  : [...new Set([value.model, ...models].filter((m): m is string => !!m))].slice(0, 2),
              })
            }
            data-testid="playground-compare"
          />
          <Typography.Text>{t('playground.compare')}</Typography.Text>
          <Tooltip title={t('playground.compareHint')}>
            <QuestionCircleOutlined style={{ color: '#999' }} />
          </Tooltip>
        </Space>
      </Form.Item>
      {value.compare ? (
        <Form.Item label={t('playground.compareModels')} extra={t('playground.compareModelsHint')} style={{ marginBottom: 12 }}>
          <Select
            mode="multiple"
            showSearch
            maxCount={4}
            value={value.compareModels}
            onChange={(compareModels: string[]) => set({ compareModels })}
            options={options}
            loading={modelsLoading}
            placeholder={t('playground.modelPlaceholder')}
            data-testid="playground-compare-models"
          />
        </Form.Item>
      ) : (
        <Form.Item label={t('playground.model')} style={{ marginBottom: 12 }}>
          <Select
            showSearch
            value={value.model}
            onChange={(model: string) => set({ model })}
            options={options}
            loading={modelsLoading}
            placeholder={t('playground.modelPlaceholder')}
            notFoundContent={t('playground.noModels')}
            data-testid="playground-model"
          />
        </Form.Item>
      )}
      <Form.Item label={t('playground.system')} style={{ marginBottom: 12 }}>
        <Input.TextArea
          value={value.system}
          onChange={(e) => set({ system: e.target.value })}
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t('playground.systemPlaceholder')}
          data-testid="playground-system"
        />
      </Form.Item>
      <ParamSlider
        label={t('playground.temperature')}
        hint={t('playground.temperatureHint')}
        min={0}
        max={2}
        step={0.1}
        value={value.params.temperature}
        onChange={(temperature) => setParam({ temperature })}
        testid="playground-temperature"
      />
      <ParamSlider
        label="Top P"
        hint={t('playground.topPHint')}
        min={0}
        max={1}
        step={0.05}
        value={value.params.top_p}
        onChange={(top_p) => setParam({ top_p })}
        testid="playground-top-p"
      />
      <Form.Item label={t('playground.maxTokens')} extra={t('playground.maxTokensHint')} style={{ marginBottom: 0 }}>
        <InputNumber
          style={{ width: '100%' }}
          min={1}
          max={1_000_000}
          value={value.params.max_tokens}
          onChange={(v) => setParam({ max_tokens: v ?? undefined })}
          placeholder={t('playground.maxTokensPlaceholder')}
          data-testid="playground-max-tokens"
        />
      </Form.Item>
    </Form>
  );
}
