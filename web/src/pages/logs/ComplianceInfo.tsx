/** The compliance part of a log row: PII found and the action taken, moderation, data routing, the AIGC label. */
import { Descriptions, Space, Tag, Typography } from 'antd';
import { isTranslationKey, useT } from '../../i18n';
import { RiskTag } from '../security/RiskTag';
import { TrustTag } from '../security/TrustTag';
import { PII_TYPES, TRUST_LEVELS, type TrustLevel } from '../../api/security.ts';

type Json = Record<string, unknown>;

/** `compliance` arrives as an object (or, from older servers, its JSON text). */
export function parseCompliance(v: unknown): Json | null {
  if (!v) return null;
  if (typeof v === 'object' && !Array.isArray(v)) return v as Json;
  if (typeof v !== 'string') return null;
  try {
    const o: unknown = JSON.parse(v);
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Json) : null;
  } catch {
    return null;
  }
}

const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);

export function ComplianceInfo({ compliance, label }: { compliance: unknown; label: string | null | undefined }) {
  const t = useT();
  const c = parseCompliance(compliance);
  if (!c && !label) return null;
  const pii = obj(c?.pii);
  const mod = obj(c?.moderation);
  const routing = c?.routing;
  const known = new Set(['pii', 'moderation', 'routing']);
  const rest = c ? Object.entries(c).filter(([k]) => !known.has(k)) : [];
  const typeName = (k: string) => {
    const key = `security.pii.type.${k}`;
    return (PII_TYPES as readonly string[]).includes(k) && isTranslationKey(key) ? t(key) : k;
  };
  const actionName = (a: string) => {
    const key = `security.pii.action.${a}`;
    return isTranslationKey(key) ? t(key) : a;
  };
  return (
    <Descriptions size="small" column={1} bordered title={t('logs.detail.compliance')} data-testid="log-detail-compliance">
      {pii ? (
        <Descriptions.Item label={t('logs.compliance.pii')}>
          <Space size={[4, 4]} wrap>
            {typeof pii.action === 'string' ? <Tag color={pii.action === 'block' ? 'red' : 'blue'}>{actionName(pii.action)}</Tag> : null}
            {Object.entries(obj(pii.types) ?? {}).map(([k, n]) => (
              <Tag key={k}>
                {typeName(k)} × {String(n)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      ) : null}
      {mod ? (
        <Descriptions.Item label={t('logs.compliance.moderation')}>
          <Space size={[4, 4]} wrap>
            {typeof mod.risk === 'string' ? <RiskTag risk={mod.risk} /> : null}
            {typeof mod.stage === 'string' ? (
              <Tag>{t(mod.stage === 'input' ? 'logs.compliance.input' : 'logs.compliance.output')}</Tag>
            ) : null}
            {typeof mod.action === 'string' ? <Tag color="volcano">{mod.action}</Tag> : null}
          </Space>
        </Descriptions.Item>
      ) : null}
      {routing !== undefined && routing !== null ? (
        <Descriptions.Item label={t('logs.compliance.routing')}>
          {typeof routing === 'string' && (TRUST_LEVELS as readonly string[]).includes(routing) ? (
            <TrustTag level={routing as TrustLevel} />
          ) : (
            <Typography.Text code>{JSON.stringify(routing)}</Typography.Text>
          )}
        </Descriptions.Item>
      ) : null}
      {rest.map(([k, v]) => (
        <Descriptions.Item key={k} label={k}>
          <Typography.Text code>{JSON.stringify(v)}</Typography.Text>
        </Descriptions.Item>
      ))}
      {label ? (
        <Descriptions.Item label={t('logs.compliance.label')}>
          <Typography.Paragraph
            copyable={{ text: label }}
            data-testid="log-detail-aigc-label"
            style={{ margin: 0, fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}
            title={t('logs.compliance.labelHint')}
          >
            {label}
          </Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
