/** Filter bar of the logs page: time range, workspace, key, app, model, scenario, status. */
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { TimeRangePicker } from '../../app/TimeRangePicker';
import type { LogFilters as Filters, StatusFilter } from '../../api/logs.ts';
import { useDirectory } from './useDirectory';

interface Values {
  range?: [Dayjs | null, Dayjs | null] | null;
  workspaceId?: string;
  keyId?: string;
  appId?: string;
  model?: string;
  scenario?: string;
  status: StatusFilter;
  code?: string;
}

const toValues = (f: Filters): Values => ({
  range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
  workspaceId: f.workspaceId,
  keyId: f.keyId,
  appId: f.appId,
  model: f.model,
  scenario: f.scenario,
  status: f.status,
  code: f.code,
});

const clean = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function LogFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const workspaceId = Form.useWatch('workspaceId', form) as string | undefined;
  const status = Form.useWatch('status', form) as StatusFilter | undefined;
  const dir = useDirectory(workspaceId);

  useEffect(() => form.setFieldsValue(toValues(value)), [value, form]);

  const submit = (v: Values) =>
    onChange({
      from: v.range?.[0]?.valueOf(),
      to: v.range?.[1]?.valueOf(),
      workspaceId: v.workspaceId || undefined,
      keyId: clean(v.keyId),
      appId: clean(v.appId),
      model: clean(v.model),
      scenario: clean(v.scenario),
      status: v.status,
      code: v.status === 'code' ? clean(v.code) : undefined,
    });

  return (
    <Form form={form} layout="inline" onFinish={submit} initialValues={toValues(value)} style={{ rowGap: 12 }} data-testid="logs-filters">
      <Form.Item name="range">
        <TimeRangePicker testId="logs-filter-range" />
      </Form.Item>
      <Form.Item name="workspaceId">
        <Select
          data-testid="logs-filter-workspace"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('logs.filter.workspace')}
          style={{ width: 170 }}
          options={dir.workspaces.map((w) => ({ value: w.id, label: w.name }))}
          onChange={() => form.setFieldsValue({ keyId: undefined, appId: undefined })}
        />
      </Form.Item>
      <Form.Item name="keyId">
        <AutoComplete
          data-testid="logs-filter-key"
          allowClear
          placeholder={t('logs.filter.key')}
          style={{ width: 170 }}
          options={dir.keys.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix})` }))}
        />
      </Form.Item>
      <Form.Item name="appId">
        <AutoComplete
          data-testid="logs-filter-app"
          allowClear
          placeholder={t('logs.filter.app')}
          style={{ width: 150 }}
          options={dir.apps.map((a) => ({ value: a.id, label: a.name }))}
        />
      </Form.Item>
      <Form.Item name="model">
        <Input data-testid="logs-filter-model" allowClear placeholder={t('logs.filter.model')} style={{ width: 170 }} />
      </Form.Item>
      <Form.Item name="scenario">
        <Input data-testid="logs-filter-scenario" allowClear placeholder={t('logs.filter.scenario')} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="status">
        <Select
          data-testid="logs-filter-status"
          style={{ width: 130 }}
          options={(['all', 'ok', 'error', 'code'] as const).map((s) => ({ value: s, label: t(`logs.status.${s}`) }))}
        />
      </Form.Item>
      {status === 'code' ? (
        <Form.Item name="code" rules={[{ pattern: /^\d{3}$/, message: t('logs.filter.codeInvalid') }]}>
          <Input data-testid="logs-filter-code" placeholder="429" style={{ width: 80 }} maxLength={3} />
        </Form.Item>
      ) : null}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="logs-search">
            {t('logs.filter.search')}
          </Button>
          <Button
            icon={<UndoOutlined />}
            data-testid="logs-reset"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({
                range: null,
                workspaceId: undefined,
                keyId: undefined,
                appId: undefined,
                model: undefined,
                scenario: undefined,
                status: 'all',
                code: undefined,
              });
              submit({ status: 'all' });
            }}
          >
            {t('logs.filter.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
