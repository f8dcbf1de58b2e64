import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { authStatusQuery } from '../api/auth.ts';
import { queryClient } from '../api/query-client.ts';
import AppLayout, { PageFallback } from './AppLayout.tsx';
import { useAuth } from './auth.tsx';
import RouteError from './RouteError.tsx';

const loadLogin = () => import('../pages/login/index.tsx');
const LoginPage = lazy(loadLogin);
// A visitor who is not logged in will see the login page: fetch its code, and whether this is a fresh
// install (which tab it opens on), while /api/auth/me is still in flight instead of after it (the first
// page then renders in one round trip less).
if (location.pathname.startsWith('/login') || (!sessionStorage.getItem('baimo.token') && !localStorage.getItem('baimo.session'))) {
  void loadLogin();
  void queryClient.prefetchQuery(authStatusQuery);
}
const OverviewPage = lazy(() => import('../pages/overview/index.tsx'));
const AnalyticsPage = lazy(() => import('../pages/analytics/index.tsx'));
const PlaygroundPage = lazy(() => import('../pages/playground/index.tsx'));
const ModelsPage = lazy(() => import('../pages/models/index.tsx'));
const KeysPage = lazy(() => import('../pages/keys/index.tsx'));
const LogsPage = lazy(() => import('../pages/logs/index.tsx'));
const JobsPage = lazy(() => import('../pages/jobs/index.tsx'));
const AppsPage = lazy(() => import('../pages/apps/index.tsx'));
const AppStudioPage = lazy(() => import('../pages/apps/StudioPage.tsx'));
const AppUsePage = lazy(() => import('../pages/apps/UsePage.tsx'));
const KnowledgePage = lazy(() => import('../pages/knowledge/index.tsx'));
const KnowledgeBasePage = lazy(() => import('../pages/knowledge/BasePage.tsx'));
const SecurityPage = lazy(() => import('../pages/security/index.tsx'));
const EvalPage = lazy(() => import('../pages/eval/index.tsx'));
const EvalRunPage = lazy(() => import('../pages/eval/RunPage.tsx'));
const EvalDatasetPage = lazy(() => import('../pages/eval/DatasetPage.tsx'));
const ArenaPage = lazy(() => import('../pages/arena/index.tsx'));
const WorkspacesPage = lazy(() => import('../pages/workspaces/index.tsx'));

/** Sends visitors who are not logged in to /login, remembering where they were going. */
function RequireAuth({ children, admin }: { children: ReactNode; admin?: boolean }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageFallback />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (admin && !me.is_admin) return <Navigate to="/overview" replace />;
  return <>{children}</>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageFallback />;
  if (me) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/overview'} replace />;
  return <Suspense fallback={<PageFallback />}>{children}</Suspense>;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <GuestOnly>
        <LoginPage />
      </GuestOnly>
    ),
    errorElement: <RouteError />,
  },
  {
    // An app's end-user page: the form and the answer, without the console around it.
    path: '/apps/:slug/use',
    element: (
      <RequireAuth>
        <Suspense fallback={<PageFallback />}>
          <AppUsePage />
        </Suspense>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/overview" replace /> },
      { path: 'overview', element: <OverviewPage /> },
      { path: 'analytics', element: <AnalyticsPage /> },
      { path: 'playground', element: <PlaygroundPage /> },
      { path: 'apps', element: <AppsPage /> },
      { path: 'apps/:appId/studio', element: <AppStudioPage /> },
      { path: 'models', element: <ModelsPage /> },
      { path: 'keys', element: <KeysPage /> },
      { path: 'logs', element: <LogsPage /> },
      { path: 'knowledge', element: <KnowledgePage /> },
      { path: 'knowledge/:kb', element: <KnowledgeBasePage /> },
      { path: 'eval', element: <EvalPage /> },
      { path: 'eval/runs/:id', element: <EvalRunPage /> },
      { path: 'eval/datasets/:id', element: <EvalDatasetPage /> },
      { path: 'arena', element: <ArenaPage /> },
      { path: 'jobs', element: <JobsPage /> },
      { path: 'security', element: <SecurityPage /> },
      {
        path: 'workspaces',
        element: (
          <RequireAuth admin>
            <WorkspacesPage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <Navigate to="/overview" replace /> },
    ],
  },
]);
