/** PII test: scan a text with the workspace's effective recognizers; findings highlighted, masked versions below. */
import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Input, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PII_TYPES, usePiiScan, type PiiFinding, type PiiScanResult } from '../../api/security.ts';
import { isTranslationKey, useT } from '../../i18n';
import { Highlighted } from './Highlighted';
import { errorText } from './hooks';
import { piiColor } from './piiColors';

const SAMPLE = '客户张三，身份证号 11010519491231002X，手机 138-0013-8000，邮箱 zhangsan@example.com，服务器 192.168.1.10。';

function Output({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <Col xs={24} lg={12}>
      <Typography.Title level={5} copyable={{ text }}>
        {title}
      </Typography.Title>
      <pre
        data-testid={testId}
        style={{
          background: '#f6f8fa',
          padding: 12,
          borderRadius: 6,
          margin: 0,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          fontSize: 13,
        }}
      >
        {text}
      </pre>
    </Col>
  );
}

export function PiiTestTab({ workspaceId }: { workspaceId: string }) {
  const t = useT();
  const [text, setText] = useState('');
  const [scanned, setScanned] = useState<{ text: string; result: PiiScanResult } | null>(null);
  const scan = usePiiScan();

  const typeName = (f: Pick<PiiFinding, 'type' | 'label'>) => {
    const key = `security.pii.type.${f.type}`;
    return (PII_TYPES as readonly string[]).includes(f.type) && isTranslationKey(key) ? t(key) : f.label || f.type;
  };
  const findings = scanned?.result.findings ?? [];
  const counts = new Map<string, { n: number; f: PiiFinding }>();
  for (const f of findings) counts.set(f.type, { n: (counts.get(f.type)?.n ?? 0) + 1, f });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('security.piiTest.hint')}</Typography.Paragraph>
        <Input.TextArea
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('security.piiTest.placeholder')}
          maxLength={100_000}
          data-testid="pii-test-input"
        />
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            icon={<ScanOutlined />}
            loading={scan.isPending}
            disabled={!text.trim()}
            onClick={() =>
              scan.mutate({ text, workspace_id: workspaceId }, { onSuccess: (result, body) => setScanned({ text: body.text, result }) })
            }
            data-testid="pii-test-scan"
          >
            {t('security.piiTest.scan')}
          </Button>
          <Button onClick={() => setText(SAMPLE)} data-testid="pii-test-sample">
            {t('security.piiTest.sample')}
          </Button>
        </Space>
      </Card>
      {scan.isError ? <Alert type="error" showIcon title={errorText(scan.error)} /> : null}
      {scanned ? (
        <Card size="small" title={t('security.piiTest.result', { n: findings.length })} data-testid="pii-test-result">
          <Space size={[4, 8]} wrap style={{ marginBottom: 12 }} data-testid="pii-test-legend">
            {[...counts.entries()].map(([type, { n, f }]) => (
              <Tag key={type} color={piiColor(type)} style={{ color: '#262626' }} data-type={type}>
                {typeName(f)} × {n}
              </Tag>
            ))}
            {!findings.length ? <Typography.Text type="secondary">{t('security.piiTest.none')}</Typography.Text> : null}
          </Space>
          <Highlighted
            testId="pii-test-highlight"
            text={scanned.text}
            marks={findings.map((f) => ({
              start: f.start,
              end: f.end,
              type: f.type,
              color: piiColor(f.type),
              title: t('security.piiTest.markTitle', { type: typeName(f), confidence: `${Math.round(f.confidence * 100)}%` }),
            }))}
          />
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Output title={t('security.piiTest.redacted')} text={scanned.result.redacted} testId="pii-test-redacted" />
            <Output title={t('security.piiTest.pseudonymized')} text={scanned.result.pseudonymized} testId="pii-test-pseudonymized" />
          </Row>
        </Card>
      ) : (
        <Empty description={t('security.piiTest.empty')} />
      )}
    </Space>
  );
}
