/** Two versions side by side: one form (the variables of both), the same inputs, both answers streaming at once (run with the console session). */
import { Card, Col, Empty, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AppInputs, AppVariable, AppVersion } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';
import { Answer } from './Answer.tsx';
import { AppForm } from './AppForm.tsx';
import { useAppRun } from './useAppRun.ts';

/** The variables of both versions, each once (the first version's definition wins). */
export function unionVariables(a: AppVariable[], b: AppVariable[]): AppVariable[] {
  const names = new Set(a.map((v) => v.name));
  return [...a, ...b.filter((v) => !names.has(v.name))];
}

function VersionPick({
  versions,
  value,
  onChange,
  testId,
}: {
  versions: AppVersion[];
  value?: number;
  onChange: (v: number) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <Select<number>
      data-testid={testId}
      value={value}
      onChange={onChange}
      style={{ minWidth: 200 }}
      options={versions.map((v) => ({
        value: v.version,
        label: `${t('apps.run.version', { v: v.version })} · ${t(`apps.status.${v.status}`)}`,
      }))}
    />
  );
}

export function ComparePanel({ appId, versions, samples }: { appId: string; versions: AppVersion[]; samples?: AppInputs }) {
  const t = useT();
  const left = useAppRun();
  const right = useAppRun();
  const [a, setA] = useState<number | undefined>(versions[0]?.version);
  const [b, setB] = useState<number | undefined>(versions[1]?.version ?? versions[0]?.version);
  const va = versions.find((v) => v.version === a);
  const vb = versions.find((v) => v.version === b);
  if (!versions.length) return <Empty description={t('apps.compare.none')} />;

  const variables = unionVariables(va?.spec.variables ?? [], vb?.spec.variables ?? []);
  const running = left.state.running || right.state.running;
  const onRun = (inputs: AppInputs) => {
    // Each version gets only the inputs it declares (an unknown input is a 400).
    const only = (v: AppVersion) => Object.fromEntries(Object.entries(inputs).filter(([k]) => v.spec.variables?.some((x) => x.name === k)));
    if (va) void left.run({ target: { appId }, inputs: only(va), version: va.version });
    if (vb) void right.run({ target: { appId }, inputs: only(vb), version: vb.version });
  };
  const stop = () => {
    left.stop();
    right.stop();
  };
  const pane = (v: AppVersion | undefined, state: typeof left.state, side: 'a' | 'b') => (
    <Card
      size="small"
      title={
        v ? (
          <Space>
            {t('apps.run.version', { v: v.version })}
            <Tag color={v.status === 'published' ? 'green' : v.status === 'draft' ? 'gold' : undefined}>{t(`apps.status.${v.status}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {v.spec.model || t('apps.field.modelDefault')}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        )
      }
    >
      <Answer run={state} format={v?.spec.output?.format ?? 'text'} testId={`compare-answer-${side}`} />
    </Card>
  );

  return (
    <div data-testid="studio-compare">
      <Space wrap style={{ marginBottom: 12 }}>
        <VersionPick versions={versions} value={a} onChange={setA} testId="compare-version-a" />
        <Typography.Text type="secondary">vs</Typography.Text>
        <VersionPick versions={versions} value={b} onChange={setB} testId="compare-version-b" />
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('apps.compare.inputs')}>
            <AppForm
              variables={variables}
              initial={samples}
              running={running}
              onRun={onRun}
              onStop={running ? stop : undefined}
              testId="compare"
              runLabel={t('apps.compare.run')}
              disabled={!va || !vb}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          {pane(va, left.state, 'a')}
        </Col>
        <Col xs={24} lg={8}>
          {pane(vb, right.state, 'b')}
        </Col>
      </Row>
    </div>
  );
}
