/** How to call an app from code: curl on the run API, and the openai SDK (Python, Node) with `app:{slug}`. */
import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Tabs, Typography } from 'antd';
import type { AppInputs, AppSpec } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';
import { buildAppSnippet, SNIPPET_LANGS, type SnippetLang } from './snippets.ts';

const TITLES: Record<SnippetLang, string> = { curl: 'curl', python: 'Python (openai)', node: 'Node.js (openai)' };

/** Example inputs: the samples given, else each variable's default, else a placeholder for required ones. */
export function exampleInputs(spec: AppSpec, samples: AppInputs | undefined): AppInputs {
  if (samples && Object.keys(samples).length) return samples;
  const out: AppInputs = {};
  for (const v of spec.variables ?? []) {
    if (v.default !== undefined) out[v.name] = v.default;
    else if (v.required)
      out[v.name] = v.type === 'enum' ? (v.options?.[0] ?? '') : v.type === 'number' ? (v.min ?? 1) : v.type === 'boolean' ? false : '…';
  }
  return out;
}

export function ApiSnippets({ slug, spec, samples }: { slug: string; spec: AppSpec; samples?: AppInputs }) {
  const t = useT();
  const { message } = App.useApp();
  const inputs = exampleInputs(spec, samples);
  const main = spec.main_variable ?? 'text';
  const mainText = typeof inputs[main] === 'string' ? (inputs[main] as string) : '…';
  const copy = (text: string) =>
    navigator.clipboard.writeText(text).then(
      () => message.success(t('common.copied')),
      () => message.error(t('common.copyFailed')),
    );
  return (
    <div data-testid="app-snippets">
      <Typography.Paragraph type="secondary">{t('apps.api.hint', { slug, main })}</Typography.Paragraph>
      <Tabs
        items={SNIPPET_LANGS.map((lang) => {
          const code = buildAppSnippet(lang, slug, inputs, mainText);
          return {
            key: lang,
            label: <span data-testid={`app-snippet-tab-${lang}`}>{TITLES[lang]}</span>,
            children: (
              <div style={{ position: 'relative' }}>
                <Button
                  size="small"
                  icon={<CopyOutlined />}
                  style={{ position: 'absolute', top: 8, insetInlineEnd: 8 }}
                  onClick={() => void copy(code)}
                  data-testid={`app-snippet-copy-${lang}`}
                >
                  {t('common.copy')}
                </Button>
                <pre
                  data-testid={`app-snippet-${lang}`}
                  style={{ background: '#f6f8fa', padding: 12, borderRadius: 6, overflowX: 'auto', margin: 0 }}
                >
                  {code}
                </pre>
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
