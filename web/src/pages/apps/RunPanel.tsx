/**
 * Tries the draft in the studio: the form generated from the draft's variables, a prompt language and a
 * model override; running saves the draft first (when it changed) and pins the run to its version. It
 * runs with the console session (`POST /api/apps/{appId}/run`): no key to paste.
 */
import { Card, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AppInputs, AppSpec } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';
import { Answer } from './Answer.tsx';
import { AppForm } from './AppForm.tsx';
import { useAppRun } from './useAppRun.ts';

export type RunLanguage = 'auto' | 'zh' | 'en';

export function RunPanel({
  appId,
  spec,
  samples,
  prepare,
  busy,
}: {
  appId: string;
  spec: AppSpec;
  samples?: AppInputs;
  /** Saves the draft when needed; the version to run, or null when it could not be saved. */
  prepare: () => Promise<number | null>;
  /** Saving or publishing right now. */
  busy: boolean;
}) {
  const t = useT();
  const { state, run, stop } = useAppRun();
  const [language, setLanguage] = useState<RunLanguage>('auto');
  const [model, setModel] = useState('');
  const [version, setVersion] = useState<number | null>(null);

  const onRun = async (inputs: AppInputs) => {
    const v = await prepare();
    if (v === null) return;
    setVersion(v);
    await run({
      target: { appId },
      inputs,
      version: v,
      ...(language !== 'auto' ? { language } : {}),
      ...(model.trim() ? { model: model.trim() } : {}),
    });
  };

  return (
    <Card
      size="small"
      title={t('apps.studio.try')}
      extra={version !== null ? <Typography.Text type="secondary">{t('apps.run.pinned', { v: version })}</Typography.Text> : null}
      data-testid="studio-try"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<RunLanguage>
          data-testid="studio-try-language"
          size="small"
          value={language}
          onChange={setLanguage}
          options={(['auto', 'zh', 'en'] as const).map((l) => ({ value: l, label: t(`apps.run.lang.${l}`) }))}
          style={{ width: 140 }}
        />
        <Input
          data-testid="studio-try-model"
          size="small"
          value={model}
          onChange={(e) => setModel(e.target.value)}
          placeholder={t('apps.run.modelOverride')}
          maxLength={256}
          style={{ width: 200 }}
        />
      </Space>
      <AppForm
        variables={spec.variables ?? []}
        initial={samples}
        running={state.running || busy}
        onRun={(inputs) => void onRun(inputs)}
        onStop={state.running ? stop : undefined}
        testId="studio-try"
        runLabel={t('apps.run.saveAndRun')}
      />
      <div style={{ marginTop: 16 }}>
        <Answer run={state} format={spec.output?.format ?? 'text'} testId="studio-try-answer" />
      </div>
    </Card>
  );
}
