/** Checks a text against the workspace's moderation libraries and rules; hits are highlighted and listed. */
import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Library } from '../../api/moderation.ts';
import { useModerationCheck, type ModerationHit } from '../../api/security.ts';
import { useT } from '../../i18n';
import { Highlighted } from './Highlighted';
import { errorText } from './hooks';
import { RiskTag, useRiskName } from './RiskTag';

export function ModerationCheck({ workspaceId, libraries }: { workspaceId: string; libraries: Library[] }) {
  const t = useT();
  const riskName = useRiskName();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<{ text: string; hits: ModerationHit[] } | null>(null);
  const check = useModerationCheck();
  const names = new Map(libraries.map((l) => [l.id, l.name]));

  return (
    <Card size="small" title={t('security.check.title')} data-testid="moderation-check">
      <Input.TextArea
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('security.check.placeholder')}
        maxLength={100_000}
        data-testid="moderation-check-input"
      />
      <Button
        style={{ marginTop: 8 }}
        icon={<SafetyOutlined />}
        disabled={!text.trim()}
        loading={check.isPending}
        onClick={() =>
          check.mutate({ text, workspace_id: workspaceId }, { onSuccess: (r, body) => setChecked({ text: body.text, hits: r.hits }) })
        }
        data-testid="moderation-check-run"
      >
        {t('security.check.run')}
      </Button>
      {check.isError ? <Alert type="error" showIcon title={errorText(check.error)} style={{ marginTop: 12 }} /> : null}
      {checked ? (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} data-testid="moderation-check-result">
          {checked.hits.length ? (
            <Alert type="warning" showIcon title={t('security.check.hits', { n: checked.hits.length })} />
          ) : (
            <Alert type="success" showIcon title={t('security.check.clean')} data-testid="moderation-check-clean" />
          )}
          <Highlighted
            testId="moderation-check-highlight"
            text={checked.text}
            marks={checked.hits.map((h) => ({
              start: h.start,
              end: h.end,
              type: h.risk,
              color: '#ffccc7',
              title: `${h.risk} ${riskName(h.risk) ?? ''}`,
            }))}
          />
          {checked.hits.length ? (
            <Table<ModerationHit>
              size="small"
              rowKey={(h) => `${h.start}-${h.end}-${h.term}`}
              dataSource={checked.hits}
              pagination={false}
              columns={[
                { title: t('security.lib.term'), dataIndex: 'term', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                { title: t('security.lib.risk'), dataIndex: 'risk', render: (r: string) => <RiskTag risk={r} /> },
                {
                  title: t('security.check.source'),
                  dataIndex: 'source',
                  render: (s: ModerationHit['source']) => <Tag>{t(`security.check.source.${s}`)}</Tag>,
                },
                { title: t('security.check.library'), dataIndex: 'library', render: (id?: string) => (id ? (names.get(id) ?? id) : '—') },
                { title: t('security.check.span'), render: (_: unknown, h) => `${h.start}–${h.end}` },
              ]}
            />
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}
