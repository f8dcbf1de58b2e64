/** Knowledge bases a draft answers from, and what it does with inputs too long for the model (map-reduce prompts). */
import { Card, Form, Input, Select, Tabs } from 'antd';
import { LONG_INPUT_STRATEGIES, PROMPT_LANGS, type AppSpec, type LongInputStrategy, type Prompts } from '../../api/apps.ts';
import { useKnowledgeBases } from '../../api/knowledge.ts';
import { useT } from '../../i18n/index.ts';
import { LIMITS } from './format.ts';

const MAX_BASES = 8;
type Step = 'map' | 'reduce';

export function SourcesCard({
  spec,
  workspaceId,
  onChange,
  disabled,
}: {
  spec: AppSpec;
  workspaceId: string;
  onChange: (patch: Partial<AppSpec>) => void;
  disabled: boolean;
}) {
  const t = useT();
  const bases = useKnowledgeBases(workspaceId);
  const long = spec.long_input ?? { strategy: 'refuse' as const };
  const strategy = long.strategy ?? 'refuse';
  const langs = PROMPT_LANGS.filter((l) => spec.prompts[l]);
  const setStep = (step: Step, lang: 'zh' | 'en', field: 'system' | 'user', text: string) => {
    const prompts: Prompts = { ...(long[step] ?? {}) };
    prompts[lang] = { ...(prompts[lang] ?? { system: '', user: '' }), [field]: text };
    onChange({ long_input: { ...long, [step]: prompts } });
  };
  const names = new Set((bases.data ?? []).map((b) => b.name));
  const options = [...(bases.data ?? []).map((b) => b.name), ...(spec.knowledge ?? []).filter((k) => !names.has(k))];

  return (
    <Card size="small" title={t('apps.studio.sources')}>
      <Form layout="vertical" disabled={disabled}>
        <Form.Item label={t('apps.sources.knowledge')} extra={t('apps.sources.knowledgeHint')} style={{ marginBottom: 12 }}>
          <Select
            data-testid="studio-knowledge"
            mode="multiple"
            allowClear
            loading={bases.isLoading}
            value={spec.knowledge ?? []}
            onChange={(knowledge: string[]) => onChange({ knowledge: knowledge.slice(0, MAX_BASES) })}
            options={options.map((n) => ({ value: n, label: names.has(n) ? n : `${n} (${t('apps.sources.missing')})` }))}
            placeholder={t('apps.sources.knowledgeNone')}
            notFoundContent={t('apps.sources.noBases')}
          />
        </Form.Item>
        <Form.Item
          label={t('apps.sources.longInput')}
          extra={t(`apps.long.${strategy}Hint`)}
          style={{ marginBottom: strategy === 'map-reduce' ? 12 : 0 }}
        >
          <Select<LongInputStrategy>
            data-testid="studio-long-input"
            value={strategy}
            onChange={(s) => onChange({ long_input: { ...long, strategy: s } })}
            options={LONG_INPUT_STRATEGIES.map((s) => ({ value: s, label: t(`apps.long.${s}`) }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        {strategy === 'map-reduce' ? (
          <Tabs
            size="small"
            items={(['map', 'reduce'] as const).flatMap((step) =>
              langs.map((lang) => ({
                key: `${step}-${lang}`,
                label: t(`apps.long.${step}Tab`, { lang: t(`apps.lang.${lang}`) }),
                children: (
                  <>
                    <Form.Item label={t('apps.prompt.system')} style={{ marginBottom: 8 }}>
                      <Input.TextArea
                        data-testid={`studio-${step}-${lang}-system`}
                        value={long[step]?.[lang]?.system ?? ''}
                        maxLength={LIMITS.template}
                        autoSize={{ minRows: 2, maxRows: 10 }}
                        onChange={(e) => setStep(step, lang, 'system', e.target.value)}
                      />
                    </Form.Item>
                    <Form.Item label={t('apps.prompt.user')} extra={t(`apps.long.${step}Vars`)} style={{ marginBottom: 0 }}>
                      <Input.TextArea
                        data-testid={`studio-${step}-${lang}-user`}
                        value={long[step]?.[lang]?.user ?? ''}
                        maxLength={LIMITS.template}
                        autoSize={{ minRows: 3, maxRows: 12 }}
                        onChange={(e) => setStep(step, lang, 'user', e.target.value)}
                      />
                    </Form.Item>
                  </>
                ),
              })),
            )}
          />
        ) : null}
      </Form>
    </Card>
  );
}
