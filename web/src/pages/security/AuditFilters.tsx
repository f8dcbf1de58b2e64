/** Filter bar of the audit log: workspace, action, actor, time range. */
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n';
import { TimeRangePicker } from '../../app/TimeRangePicker';
import type { AuditFilters as Filters } from '../../api/audit.ts';

interface Values {
  workspaceId?: string;
  action?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const clean = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

interface Props {
  onChange: (f: Filters) => void;
  /** Offered as a filter to instance administrators; others see their own workspace only. */
  workspaces?: { id: string; name: string }[];
  /** Actions seen so far, offered as completions. */
  actions: string[];
}

export function AuditFilters({ onChange, workspaces, actions }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    onChange({
      workspaceId: v.workspaceId || undefined,
      action: clean(v.action),
      actorId: clean(v.actorId),
      since: v.range?.[0]?.toISOString(),
      until: v.range?.[1]?.toISOString(),
    });
  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 12 }} data-testid="audit-filters">
      <Form.Item name="workspaceId" hidden={!workspaces}>
        <Select
          data-testid="audit-filter-workspace"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('logs.filter.workspace')}
          style={{ width: 170 }}
          options={(workspaces ?? []).map((w) => ({ value: w.id, label: w.name }))}
        />
      </Form.Item>
      <Form.Item name="action">
        <AutoComplete
          data-testid="audit-filter-action"
          allowClear
          placeholder={t('security.audit.actionFilter')}
          style={{ width: 200 }}
          options={actions.map((a) => ({ value: a }))}
          showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
        />
      </Form.Item>
      <Form.Item name="actorId">
        <Input data-testid="audit-filter-actor" allowClear placeholder={t('security.audit.actorId')} style={{ width: 170 }} />
      </Form.Item>
      <Form.Item name="range">
        <TimeRangePicker testId="audit-filter-range" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
            {t('logs.filter.search')}
          </Button>
          <Button
            icon={<UndoOutlined />}
            data-testid="audit-reset"
            onClick={() => {
              form.resetFields();
              submit({});
            }}
          >
            {t('logs.filter.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
