/**
 * The prompts of a draft, one tab per language (system and user templates), and what the templates use:
 * variables used but not declared are flagged with a one-click "add"; declared ones no template uses are
 * greyed. Clicking a declared variable inserts `{{name}}` where the cursor was.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Popconfirm, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { PROMPT_LANGS, type AppPrompt, type AppSpec, type AppVariable, type PromptLang } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';
import { LIMITS } from './format.ts';
import { RUNNER_VARIABLES, variableUse } from './spec-problems.ts';

type Field = 'system' | 'user';

/** A variable added from a template: the main one holds long text, others one line. */
export function newVariable(name: string, spec: AppSpec): AppVariable {
  return { name, type: name === (spec.main_variable ?? 'text') ? 'long_text' : 'text', required: false };
}

export function PromptsCard({
  spec,
  onChange,
  disabled,
}: {
  spec: AppSpec;
  onChange: (patch: Partial<AppSpec>) => void;
  disabled: boolean;
}) {
  const t = useT();
  const langs = PROMPT_LANGS.filter((l) => spec.prompts[l]);
  const [active, setActive] = useState<PromptLang>(langs[0] ?? 'zh');
  const current = spec.prompts[active] ? active : (langs[0] ?? 'zh');
  // Where `{{name}}` goes when a variable tag is clicked: the last template the cursor was in.
  const cursor = useRef<{ lang: PromptLang; field: Field; at: number } | null>(null);
  const { used, undeclared, unused } = variableUse(spec);
  const declared = (spec.variables ?? []).map((v) => v.name);

  const setPrompt = (lang: PromptLang, p: AppPrompt | undefined) => {
    const prompts = { ...spec.prompts };
    if (p) prompts[lang] = p;
    else delete prompts[lang];
    onChange({ prompts });
  };
  const setField = (lang: PromptLang, field: Field, text: string) =>
    setPrompt(lang, { ...(spec.prompts[lang] ?? { system: '', user: '' }), [field]: text });
  const insert = (name: string) => {
    const c = cursor.current ?? { lang: current, field: 'user' as Field, at: (spec.prompts[current]?.user ?? '').length };
    const text = spec.prompts[c.lang]?.[c.field] ?? '';
    const at = Math.min(c.at, text.length);
    const tag = `{{${name}}}`;
    setField(c.lang, c.field, text.slice(0, at) + tag + text.slice(at));
    cursor.current = { ...c, at: at + tag.length };
  };
  const other = PROMPT_LANGS.find((l) => !spec.prompts[l]);

  const area = (lang: PromptLang, field: Field) => (
    <Input.TextArea
      data-testid={`studio-prompt-${lang}-${field}`}
      value={spec.prompts[lang]?.[field] ?? ''}
      maxLength={LIMITS.template}
      autoSize={{ minRows: field === 'user' ? 5 : 3, maxRows: 18 }}
      style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
      onChange={(e) => {
        setField(lang, field, e.target.value);
        cursor.current = { lang, field, at: e.target.selectionStart };
      }}
      onSelect={(e) => (cursor.current = { lang, field, at: (e.target as HTMLTextAreaElement).selectionStart })}
    />
  );

  return (
    <Card
      size="small"
      title={t('apps.studio.prompts')}
      extra={
        other ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={disabled}
            data-testid={`studio-prompt-add-${other}`}
            onClick={() => {
              // The new language starts as a copy of the other one, to be translated.
              setPrompt(other, { ...(spec.prompts[current] ?? { system: '', user: '' }) });
              setActive(other);
            }}
          >
            {t('apps.prompt.addLang', { lang: t(`apps.lang.${other}`) })}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={current}
        onChange={(k) => setActive(k as PromptLang)}
        size="small"
        items={langs.map((lang) => ({
          key: lang,
          label: <span data-testid={`studio-prompt-tab-${lang}`}>{t(`apps.lang.${lang}`)}</span>,
          children: (
            <Form layout="vertical" disabled={disabled}>
              <Form.Item label={t('apps.prompt.system')} extra={t('apps.prompt.systemHint')} style={{ marginBottom: 12 }}>
                {area(lang, 'system')}
              </Form.Item>
              <Form.Item label={t('apps.prompt.user')} required extra={t('apps.prompt.userHint')} style={{ marginBottom: 8 }}>
                {area(lang, 'user')}
              </Form.Item>
              {langs.length > 1 ? (
                <Popconfirm
                  title={t('apps.prompt.removeLangConfirm', { lang: t(`apps.lang.${lang}`) })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => setPrompt(lang, undefined)}
                >
                  <Button size="small" type="link" danger style={{ paddingInline: 0 }} data-testid={`studio-prompt-remove-${lang}`}>
                    {t('apps.prompt.removeLang', { lang: t(`apps.lang.${lang}`) })}
                  </Button>
                </Popconfirm>
              ) : null}
            </Form>
          ),
        }))}
      />
      <div data-testid="studio-detected" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
          {t('apps.detect.title')}
        </Typography.Text>
        <Space size={[4, 6]} wrap>
          {declared.map((name) =>
            unused.includes(name) ? (
              <Tooltip key={name} title={t('apps.detect.unused')}>
                <Tag
                  data-testid={`studio-var-unused-${name}`}
                  style={{ color: '#999', borderStyle: 'dashed', cursor: 'pointer' }}
                  onClick={() => insert(name)}
                >
                  {name}
                </Tag>
              </Tooltip>
            ) : (
              <Tooltip key={name} title={used.has(name) ? t('apps.detect.insert') : t('apps.detect.runner')}>
                <Tag
                  data-testid={`studio-var-used-${name}`}
                  color={RUNNER_VARIABLES.has(name) && !used.has(name) ? undefined : 'blue'}
                  style={{ cursor: 'pointer' }}
                  onClick={() => insert(name)}
                >
                  {`{{${name}}}`}
                </Tag>
              </Tooltip>
            ),
          )}
        </Space>
        {undeclared.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="studio-undeclared"
            title={t('apps.detect.undeclared')}
            description={
              <Space size={[4, 6]} wrap>
                {undeclared.map((name) => (
                  <Space.Compact key={name}>
                    <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid={`studio-var-undeclared-${name}`}>
                      {name}
                    </Tag>
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      icon={<PlusOutlined />}
                      disabled={disabled || (spec.variables?.length ?? 0) >= LIMITS.variables}
                      onClick={() => onChange({ variables: [...(spec.variables ?? []), newVariable(name, spec)] })}
                      data-testid={`studio-var-declare-${name}`}
                    >
                      {t('apps.detect.add')}
                    </Button>
                  </Space.Compact>
                ))}
              </Space>
            }
          />
        ) : null}
      </div>
    </Card>
  );
}
