/** The Analytics page's view in the URL, the zone it is read in, and the report query it makes. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ReportQuery } from '../../api/analytics.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useAuth } from '../../app/auth.tsx';
import { parseView, reportQuery, viewParams, viewPeriod, type AnalyticsView } from './analytics-view.ts';
import { zonedDate, zonedDayStart } from './zoned-days.ts';

/** The instance's zone until a report says otherwise (the configuration's default). */
const DEFAULT_ZONE = 'Asia/Shanghai';
const ZONE_KEY = 'baimo.analytics.zone';

function storedZone(): string {
  try {
    return sessionStorage.getItem(ZONE_KEY) ?? DEFAULT_ZONE;
  } catch {
    return DEFAULT_ZONE;
  }
}

export interface AnalyticsViewState {
  /** The view as the URL says, with the workspace a non-administrator is confined to filled in. */
  view: AnalyticsView;
  /** Changes the URL (replacing the entry, so the back button leaves the page). */
  update: (patch: Partial<AnalyticsView>) => void;
  /** The zone the period's days are read in: the view's, else the instance's. */
  zone: string;
  period: ReturnType<typeof viewPeriod>;
  query: ReportQuery;
  /** Called with the zone a report was made in: when the view names none, that is the instance's. */
  learnZone: (reportZone: string) => void;
  isAdmin: boolean;
}

export function useAnalyticsView(): AnalyticsViewState {
  const [params, setParams] = useSearchParams();
  const { me } = useAuth();
  const isAdmin = Boolean(me?.is_admin);
  const { workspaceId } = useCurrentWorkspace();
  const [instanceZone, setInstanceZone] = useState(storedZone);
  const parsed = useMemo(() => parseView(params), [params]);
  // Only administrators see every workspace at once; others read the one they work in.
  const view = useMemo(
    () => (isAdmin || parsed.workspace ? parsed : { ...parsed, workspace: workspaceId }),
    [parsed, isAdmin, workspaceId],
  );
  const zone = view.tz ?? instanceZone;
  // The days of a preset move at midnight: the query changes with the date, not with every render.
  const [clock, setClock] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const today = zonedDate(clock, zone);
  const { period, query } = useMemo(() => {
    const now = zonedDayStart(today, zone);
    return { period: viewPeriod(view, now, zone), query: reportQuery(view, now, zone) as ReportQuery };
  }, [view, zone, today]);

  const update = useCallback(
    (patch: Partial<AnalyticsView>) => setParams(viewParams({ ...parsed, ...patch }), { replace: true }),
    [parsed, setParams],
  );
  const learnZone = useCallback(
    (reportZone: string) => {
      if (parsed.tz || reportZone === instanceZone) return;
      setInstanceZone(reportZone);
      try {
        sessionStorage.setItem(ZONE_KEY, reportZone);
      } catch {
        // Learnt again next time.
      }
    },
    [parsed.tz, instanceZone],
  );
  return { view, update, zone, period, query, learnZone, isAdmin };
}
