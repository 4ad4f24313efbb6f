import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireSession } from './auth/RequireSession.tsx';
import { useAtCity, useSession } from './auth/session.tsx';
import { PageSpin } from './components/PageSpin.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { ForbiddenPage } from './pages/ForbiddenPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { type AppRoute, appRoutes, canOpen } from './routes.tsx';

/** Opens the page of a route, or the 403 page when the signed-in person's roles do not allow it. */
function RoutePage({ route }: { route: AppRoute }) {
  const { roles } = useSession();
  const atCity = useAtCity();
  if (route.cityOnly && atCity === undefined) return <PageSpin />;
  if (!canOpen(route, roles, atCity !== false)) return <ForbiddenPage />;
  const Page = route.page;
  return (
    <Suspense fallback={<PageSpin />}>
      <Page />
    </Suspense>
  );
}

export function AppRoutes() {
  const element = (route: AppRoute) => (
    <Route key={route.path} path={route.path} element={<RoutePage route={route} />} />
  );
  return (
    <Routes>
      {appRoutes.filter((route) => route.access === 'public').map(element)}
      <Route element={<RequireSession />}>
        {appRoutes.filter((route) => route.access !== 'public' && route.layout === 'bare').map(element)}
        <Route element={<AppLayout />}>
          {appRoutes.filter((route) => route.access !== 'public' && route.layout === 'app').map(element)}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
