/** The variables of a draft as an editable table: name, type, label, required, default, options, min/max. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { VARIABLE_TYPES, type AppVariable, type Localized, type VariableType } from '../../api/apps.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { LIMITS, localized, promptLang, VARIABLE_NAME } from './format.ts';

/** A variable of another type: what the old type alone meant (options, bounds, default) is dropped. */
export function retype(v: AppVariable, type: VariableType): AppVariable {
  const { options: _o, min: _min, max: _max, integer: _i, default: _d, max_length: _l, ...rest } = v;
  return { ...rest, type, ...(type === 'enum' ? { options: v.options?.length ? v.options : ['a', 'b'] } : {}) };
}

/** The label with the UI language's text changed (a one-string label becomes that string). */
function relabel(label: Localized | undefined, text: string, lang: 'zh' | 'en'): Localized | undefined {
  if (label && typeof label === 'object') return { ...label, [lang]: text };
  return text ? text : undefined;
}

function DefaultInput({ v, onChange }: { v: AppVariable; onChange: (d: AppVariable['default']) => void }) {
  const t = useT();
  const testId = `studio-var-default-${v.name}`;
  switch (v.type) {
    case 'enum':
      return (
        <Select
          data-testid={testId}
          size="small"
          allowClear
          value={v.default === undefined ? undefined : String(v.default)}
          onChange={(x?: string) => onChange(x)}
          options={(v.options ?? []).map((o) => ({ value: o, label: o }))}
          style={{ width: '100%' }}
        />
      );
    case 'number':
      return (
        <InputNumber
          data-testid={testId}
          size="small"
          value={typeof v.default === 'number' ? v.default : undefined}
          min={v.min}
          max={v.max}
          onChange={(x) => onChange(x ?? undefined)}
          style={{ width: '100%' }}
        />
      );
    case 'boolean':
      return (
        <Select
          data-testid={testId}
          size="small"
          allowClear
          value={v.default === undefined ? undefined : String(v.default)}
          onChange={(x?: string) => onChange(x === undefined ? undefined : x === 'true')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          style={{ width: '100%' }}
        />
      );
    default:
      return (
        <Input
          data-testid={testId}
          size="small"
          value={v.default === undefined ? '' : String(v.default)}
          onChange={(e) => onChange(e.target.value || undefined)}
          maxLength={v.max_length ?? LIMITS.text}
        />
      );
  }
}

export function VariablesTable({
  variables,
  onChange,
  unused,
  disabled,
}: {
  variables: AppVariable[];
  onChange: (vars: AppVariable[]) => void;
  /** Declared but used by no template: greyed. */
  unused: string[];
  disabled: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const pl = promptLang(lang);
  const set = (i: number, next: AppVariable) => onChange(variables.map((v, j) => (j === i ? next : v)));
  const patch = (i: number, p: Partial<AppVariable>) => {
    const next: AppVariable = { ...variables[i]!, ...p };
    for (const k of Object.keys(p) as Array<keyof AppVariable>) if (next[k] === undefined) delete next[k];
    set(i, next);
  };
  const names = variables.map((v) => v.name);
  const add = () => {
    let n = variables.length + 1;
    while (names.includes(`var_${n}`)) n++;
    onChange([...variables, { name: `var_${n}`, type: 'text', required: false }]);
  };

  const columns: TableColumnsType<AppVariable> = [
    {
      title: t('apps.var.name'),
      key: 'name',
      width: 150,
      fixed: 'left',
      render: (_, v, i) => {
        const bad = !VARIABLE_NAME.test(v.name) || names.indexOf(v.name) !== i;
        return (
          <Tooltip title={unused.includes(v.name) ? t('apps.var.unusedHint') : undefined}>
            <Input
              data-testid={`studio-var-name-${i}`}
              size="small"
              status={bad ? 'error' : undefined}
              value={v.name}
              maxLength={40}
              onChange={(e) => patch(i, { name: e.target.value })}
              style={unused.includes(v.name) ? { color: '#999' } : undefined}
            />
          </Tooltip>
        );
      },
    },
    {
      title: t('apps.var.type'),
      key: 'type',
      width: 120,
      render: (_, v, i) => (
        <Select
          data-testid={`studio-var-type-${v.name}`}
          size="small"
          value={v.type}
          onChange={(type: VariableType) => set(i, retype(v, type))}
          options={VARIABLE_TYPES.map((x) => ({ value: x, label: t(`apps.varType.${x}`) }))}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: t('apps.var.label'),
      key: 'label',
      width: 150,
      render: (_, v, i) => (
        <Input
          data-testid={`studio-var-label-${v.name}`}
          size="small"
          value={localized(v.label, lang)}
          maxLength={200}
          onChange={(e) => patch(i, { label: relabel(v.label, e.target.value, pl) })}
        />
      ),
    },
    {
      title: t('apps.var.required'),
      key: 'required',
      width: 70,
      align: 'center',
      render: (_, v, i) => (
        <Checkbox
          data-testid={`studio-var-required-${v.name}`}
          checked={Boolean(v.required)}
          onChange={(e) => patch(i, { required: e.target.checked })}
        />
      ),
    },
    {
      title: t('apps.var.default'),
      key: 'default',
      width: 150,
      render: (_, v, i) => <DefaultInput v={v} onChange={(d) => patch(i, { default: d })} />,
    },
    {
      title: t('apps.var.options'),
      key: 'options',
      width: 220,
      render: (_, v, i) =>
        v.type === 'enum' ? (
          <Select
            data-testid={`studio-var-options-${v.name}`}
            size="small"
            mode="tags"
            value={v.options ?? []}
            onChange={(options: string[]) => {
              const kept = options
                .map((o) => o.trim().slice(0, LIMITS.enumOption))
                .filter(Boolean)
                .slice(0, LIMITS.enumOptions);
              patch(i, { options: kept, ...(v.default !== undefined && !kept.includes(String(v.default)) ? { default: undefined } : {}) });
            }}
            tokenSeparators={[',', '，']}
            style={{ width: '100%' }}
          />
        ) : v.type === 'number' ? (
          <Space size={4}>
            <InputNumber
              data-testid={`studio-var-min-${v.name}`}
              size="small"
              placeholder={t('apps.var.min')}
              value={v.min}
              onChange={(x) => patch(i, { min: x ?? undefined })}
              style={{ width: 72 }}
            />
            <InputNumber
              data-testid={`studio-var-max-${v.name}`}
              size="small"
              placeholder={t('apps.var.max')}
              value={v.max}
              onChange={(x) => patch(i, { max: x ?? undefined })}
              style={{ width: 72 }}
            />
            <Checkbox checked={Boolean(v.integer)} onChange={(e) => patch(i, { integer: e.target.checked || undefined })}>
              {t('apps.var.integer')}
            </Checkbox>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 44,
      render: (_, v, i) => (
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          title={t('apps.var.remove')}
          onClick={() => onChange(variables.filter((_, j) => j !== i))}
          data-testid={`studio-var-remove-${v.name}`}
        />
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('apps.studio.variables')}
      extra={
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={add}
          disabled={disabled || variables.length >= LIMITS.variables}
          data-testid="studio-var-add"
        >
          {t('apps.var.add')}
        </Button>
      }
    >
      <Table<AppVariable>
        data-testid="studio-variables"
        size="small"
        rowKey={(_, i) => String(i)}
        columns={columns}
        dataSource={variables}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(v) => (unused.includes(v.name) ? 'studio-var-unused' : '')}
        onRow={(v) =>
          ({ 'data-variable': v.name, style: unused.includes(v.name) ? { opacity: 0.55 } : undefined }) as React.HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: t('apps.var.none') }}
      />
    </Card>
  );
}
