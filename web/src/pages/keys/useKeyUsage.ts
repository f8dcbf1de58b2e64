import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client.ts';
import type { Period, UsageRow } from './types.ts';

/** Today in the report time zone (the server's default is Asia/Shanghai). */
function today(tz = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const FROM: Record<Period, (d: string) => string> = {
  day: (d) => d,
  month: (d) => `${d.slice(0, 8)}01`,
  total: () => '2000-01-01',
};

export type UsageByPeriod = Record<Period, Map<string, UsageRow>>;

/** Usage per key for the current day, month and all time, to set against each key's limits. */
export function useKeyUsage(workspaceId: string) {
  return useQuery({
    queryKey: ['key-usage', workspaceId],
    queryFn: async (): Promise<UsageByPeriod> => {
      const to = today();
      const periods: Period[] = ['day', 'month', 'total'];
      const results = await Promise.all(
        periods.map((p) =>
          api<{ data: UsageRow[] }>('GET', `/api/usage${qs({ group_by: 'key', workspace_id: workspaceId, from: FROM[p](to), to })}`),
        ),
      );
      const out = {} as UsageByPeriod;
      periods.forEach((p, i) => (out[p] = new Map(results[i]!.data.map((r) => [r.group, r]))));
      return out;
    },
    refetchInterval: 60_000,
  });
}
