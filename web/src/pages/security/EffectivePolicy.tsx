/** Read-only view of the effective policy: deployment defaults ← workspace ← app ← key, merged by the server. */
import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { errorText } from './hooks';
import { TrustTag } from './TrustTag';
import type { Library } from '../../api/moderation.ts';
import type { PolicyDocument, TrustLevel } from '../../api/security.ts';

interface Props {
  policy: PolicyDocument | undefined;
  loading: boolean;
  error: unknown;
  libraries: Library[];
}

export function EffectivePolicy({ policy, loading, error, libraries }: Props) {
  const t = useT();
  const [json, setJson] = useState(false);
  const unset = <Typography.Text type="secondary">{t('security.effective.unset')}</Typography.Text>;
  const all = <Typography.Text type="secondary">{t('security.effective.all')}</Typography.Text>;
  const levels = (l: TrustLevel[] | undefined): ReactNode =>
    l ? (
      <Space size={[0, 4]} wrap>
        {l.length ? l.map((x) => <TrustTag key={x} level={x} />) : <Tag color="red">{t('security.effective.nowhere')}</Tag>}
      </Space>
    ) : (
      all
    );
  const names = new Map(libraries.map((l) => [l.id, l.name]));
  const p = policy ?? {};
  const explicit = p.labels?.explicit;
  return (
    <Card size="small" title={t('security.effective.title')} data-testid="policy-effective">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('security.effective.hint')}
      </Typography.Paragraph>
      {loading ? <Skeleton active /> : null}
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {policy ? (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('security.policy.piiAction')}>
              {p.pii?.action ? (
                <Tag
                  color={p.pii.action === 'block' ? 'red' : p.pii.action === 'allow' ? 'default' : 'blue'}
                  data-testid="effective-pii-action"
                >
                  {t(`security.pii.action.${p.pii.action}`)}
                </Tag>
              ) : (
                unset
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.policy.piiTypes')}>
              {p.pii?.types ? (
                <Space size={[0, 4]} wrap>
                  {p.pii.types.map((x) => (
                    <Tag key={x}>{t(`security.pii.type.${x}`)}</Tag>
                  ))}
                </Space>
              ) : (
                all
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.effective.recognizers')}>
              {t('security.effective.recognizersN', { custom: p.pii?.custom?.length ?? 0, terms: p.pii?.terms?.length ?? 0 })}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.policy.routingAllow')}>{levels(p.routing?.allow)}</Descriptions.Item>
            <Descriptions.Item label={t('security.policy.routingPii')}>{levels(p.routing?.pii)}</Descriptions.Item>
            <Descriptions.Item label={t('security.policy.moderationInput')}>
              {p.moderation?.input ? t(`security.moderation.${p.moderation.input}`) : unset}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.policy.moderationOutput')}>
              {p.moderation?.output ? t(`security.moderation.${p.moderation.output}`) : unset}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.policy.libraries')}>
              {p.moderation?.libraries ? p.moderation.libraries.map((id) => names.get(id) ?? id).join('、') : all}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.policy.section.labels')}>
              {explicit ? `${explicit.text} · ${t(`security.policy.position.${explicit.position}`)}` : t('security.policy.label.none')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Link
            onClick={() => setJson((v) => !v)}
            style={{ display: 'inline-block', marginTop: 8 }}
            data-testid="policy-effective-toggle"
          >
            {json ? <DownOutlined /> : <RightOutlined />} {t('security.effective.json')}
          </Typography.Link>
          {json ? (
            <pre
              data-testid="policy-effective-json"
              style={{ fontSize: 12, margin: '8px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              {JSON.stringify(policy, null, 2)}
            </pre>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
