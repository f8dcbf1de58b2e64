/** Splits an app's traffic between two published versions by weight (A/B); the weights sum to 100. */
import { App, Form, InputNumber, Modal, Select, Slider, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSetTraffic, type AppVersion, type Traffic } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';

export function TrafficModal({
  open,
  appId,
  versions,
  traffic,
  onClose,
}: {
  open: boolean;
  appId: string;
  /** Published versions only. */
  versions: AppVersion[];
  traffic: Traffic | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSetTraffic(appId);
  const [a, setA] = useState<number | undefined>(traffic?.[0]?.version ?? versions[0]?.version);
  const [b, setB] = useState<number | undefined>(traffic?.[1]?.version ?? versions.find((v) => v.version !== a)?.version);
  const [weight, setWeight] = useState<number>(traffic?.length === 2 ? traffic[0]!.weight : 50);
  const options = versions.map((v) => ({ value: v.version, label: t('apps.run.version', { v: v.version }) }));
  const valid = a !== undefined && b !== undefined && a !== b;

  const submit = async () => {
    if (!valid) return;
    const split: Traffic = [
      { version: a, weight },
      { version: b, weight: 100 - weight },
    ].filter((x) => x.weight > 0);
    try {
      await save.mutateAsync(split);
      message.success(t('apps.traffic.saved'));
      onClose();
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Modal
      open={open}
      title={t('apps.traffic.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !valid, loading: save.isPending, 'data-testid': 'traffic-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('apps.traffic.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Space align="start" wrap>
          <Form.Item label={t('apps.traffic.a')}>
            <Select<number> data-testid="traffic-a" value={a} onChange={setA} options={options} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            label={t('apps.traffic.b')}
            validateStatus={valid ? undefined : 'error'}
            help={valid ? undefined : t('apps.traffic.twoVersions')}
          >
            <Select<number> data-testid="traffic-b" value={b} onChange={setB} options={options} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item label={t('apps.traffic.weights', { a: weight, b: 100 - weight })}>
          <Space style={{ width: '100%' }}>
            <Slider min={0} max={100} step={1} value={weight} onChange={setWeight} style={{ width: 260 }} />
            <InputNumber
              data-testid="traffic-weight"
              min={0}
              max={100}
              precision={0}
              value={weight}
              onChange={(v) => setWeight(v ?? 0)}
              suffix="%"
            />
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
