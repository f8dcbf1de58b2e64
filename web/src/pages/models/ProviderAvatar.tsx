/** A provider's brand mark without images: a circle in the vendor's colour with its short name. */
import { Avatar, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../../i18n';
import { providerType } from './catalog';

interface Mark {
  text: string;
  color: string;
}

/** Vendor marks by provider type (several types share one vendor). */
const MARKS: Record<string, Mark> = {
  qianfan: { text: '文心', color: '#2932e1' },
  ernie: { text: '文心', color: '#2932e1' },
  qwen: { text: '通义', color: '#615ced' },
  dashscope: { text: '通义', color: '#615ced' },
  spark: { text: '星火', color: '#1677ff' },
  'spark-ws': { text: '星火', color: '#1677ff' },
  hunyuan: { text: '混元', color: '#0052d9' },
  'hunyuan-tc3': { text: '混元', color: '#0052d9' },
  zhipu: { text: '智谱', color: '#3859ff' },
  deepseek: { text: 'DS', color: '#4d6bfe' },
  moonshot: { text: 'Kimi', color: '#16191e' },
  doubao: { text: '豆包', color: '#1e6fff' },
  minimax: { text: 'MiniMax', color: '#e73562' },
  openai: { text: 'OpenAI', color: '#10a37f' },
  'azure-openai': { text: 'OpenAI', color: '#0078d4' },
  anthropic: { text: 'Claude', color: '#d97757' },
  gemini: { text: 'Gemini', color: '#4285f4' },
  ollama: { text: 'Ollama', color: '#262626' },
};

const NEUTRAL = '#8c8c8c';

/** The mark for a type: the vendor's, else the first letter of its display name on a neutral grey. */
export function providerMark(type: string, name: string): Mark {
  const known = MARKS[type];
  if (known) return known;
  const first = Array.from(name.replace(/^[^\p{L}\p{N}]+/u, ''))[0] ?? '?';
  return { text: first.toUpperCase(), color: NEUTRAL };
}

/** The type's name in the UI language (from the catalog). */
export function useProviderName(type: string): string {
  const { lang } = useLang();
  const pt = providerType(type);
  return lang === 'zh-CN' ? pt.zh : pt.en;
}

export function ProviderAvatar({ type, size = 28, tooltip = true }: { type: string; size?: number; tooltip?: boolean }) {
  const name = useProviderName(type);
  const mark = providerMark(type, name);
  // Long Latin marks get a smaller font so they stay legible inside the circle.
  const long = Array.from(mark.text).length > 2;
  const avatar = (
    <Avatar
        size={size}
        gap={2}
        aria-label={name}
        data-testid={`provider-avatar-${type}`}
        style={{ backgroundColor: mark.color, flex: 'none', fontSize: long ? Math.max(8, size * 0.3) : size * 0.4, fontWeight: 600 }}
      >
        {mark.text}
      </Avatar>
  );
  return tooltip ? <Tooltip title={name}>{avatar}</Tooltip> : avatar;
}

/** Avatar + localized name, for table cells and select options. */
export function ProviderLabel({ type, size = 20, suffix }: { type: string; size?: number; suffix?: ReactNode }) {
  const name = useProviderName(type);
  return (
    <Space size={8} align="center">
      <ProviderAvatar type={type} size={size} tooltip={false} />
      <span>{name}</span>
      {suffix}
    </Space>
  );
}
