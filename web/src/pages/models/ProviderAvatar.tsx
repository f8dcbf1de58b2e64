/** A provider's brand mark without images: a circle in the vendor's colour with its short name (from GET /api/catalog). */
import { Avatar, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useLocalized, useProviderType } from './hooks';

interface Mark {
  text: string;
  color: string;
}

const NEUTRAL = '#8c8c8c';

/** The catalog's brand mark, else the first letter of the display name on a neutral grey. */
export function providerMark(brand: { mark: string; color: string } | null, name: string): Mark {
  if (brand) return { text: brand.mark, color: brand.color };
  const first = Array.from(name.replace(/^[^\p{L}\p{N}]+/u, ''))[0] ?? '?';
  return { text: first.toUpperCase(), color: NEUTRAL };
}

/** The type's name in the UI language and its mark (from the catalog). */
function useProviderLook(type: string): { name: string; mark: Mark } {
  const entry = useProviderType(type);
  const name = useLocalized()(entry.names) || type;
  return { name, mark: providerMark(entry.brand, name) };
}

export function ProviderAvatar({ type, size = 28, tooltip = true }: { type: string; size?: number; tooltip?: boolean }) {
  const { name, mark } = useProviderLook(type);
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
  const { name } = useProviderLook(type);
  return (
    <Space size={8} align="center">
      <ProviderAvatar type={type} size={size} tooltip={false} />
      <span>{name}</span>
      {suffix}
    </Space>
  );
}
