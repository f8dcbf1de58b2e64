import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ComponentProps } from 'react';
import { useT } from '../i18n';

type Props = Omit<ComponentProps<typeof DatePicker.RangePicker>, 'presets' | 'placeholder'> & { testId: string };

/**
 * A from–to time filter with the usual presets (last hour … last 30 days), either end optional. Used
 * inside a `Form.Item`, which passes `value` and `onChange` through.
 */
export function TimeRangePicker({ testId, ...rest }: Props) {
  const t = useT();
  const now = () => dayjs();
  const presets = [
    { label: t('logs.preset.1h'), value: () => [now().subtract(1, 'hour'), now()] as [Dayjs, Dayjs] },
    { label: t('logs.preset.24h'), value: () => [now().subtract(24, 'hour'), now()] as [Dayjs, Dayjs] },
    { label: t('logs.preset.today'), value: () => [now().startOf('day'), now()] as [Dayjs, Dayjs] },
    { label: t('logs.preset.7d'), value: () => [now().subtract(7, 'day'), now()] as [Dayjs, Dayjs] },
    { label: t('logs.preset.30d'), value: () => [now().subtract(30, 'day'), now()] as [Dayjs, Dayjs] },
  ];
  return (
    <DatePicker.RangePicker
      {...rest}
      data-testid={testId}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      allowEmpty={[true, true]}
      presets={presets}
      placeholder={[t('logs.filter.from'), t('logs.filter.to')]}
    />
  );
}
