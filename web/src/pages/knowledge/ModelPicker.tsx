/** A model name typed or picked: the console's aliases, then every `provider/model` /v1/models lists. Any text is allowed. */
import { AutoComplete } from 'antd';
import { useMemo } from 'react';
import { useAliases, useOpenAIModels } from '../../api/models.ts';
import { useT } from '../../i18n/index.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string) => void;
  placeholder?: string;
  allowClear?: boolean;
  'data-testid'?: string;
}

/** The picker's options: the console's aliases, then the `provider/model` names /v1/models lists (grouped). */
export function useModelOptions() {
  const t = useT();
  const aliases = useAliases();
  const listed = useOpenAIModels();
  return useMemo(() => {
    const names = (aliases.data ?? []).map((a) => a.name);
    const known = new Set(names);
    const direct = (listed.data ?? []).map((m) => m.id).filter((id) => !known.has(id) && id.includes('/'));
    return [
      { label: t('knowledge.model.aliases'), options: names.map((v) => ({ value: v, label: v })) },
      { label: t('knowledge.model.direct'), options: direct.map((v) => ({ value: v, label: v })) },
    ].filter((g) => g.options.length);
  }, [aliases.data, listed.data, t]);
}

export function ModelPicker({ value, onChange, placeholder, allowClear, 'data-testid': testId }: Props) {
  const options = useModelOptions();
  return (
    <AutoComplete
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string) => onChange?.(v)}
      options={options}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{
        filterOption: (input, o) =>
          String((o as { value?: string } | undefined)?.value ?? '')
            .toLowerCase()
            .includes(input.toLowerCase()),
      }}
      style={{ width: '100%' }}
    />
  );
}
