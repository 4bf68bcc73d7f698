import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Navigate } from 'react-router-dom';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage, RouteErrorPage } from './ErrorPages.tsx';

// Each screen is its own chunk: the first load carries only the frame.
const PlanListPage = lazy(() => import('../features/plans/PlanListPage.tsx'));
const PlanPage = lazy(() => import('../features/plans/PlanPage.tsx'));
const GoalPage = lazy(() => import('../features/goals/GoalPage.tsx'));
const MeasurePage = lazy(() => import('../features/goals/MeasurePage.tsx'));
const DepartmentListPage = lazy(() => import('../features/departments/DepartmentListPage.tsx'));
const DepartmentPage = lazy(() => import('../features/departments/DepartmentPage.tsx'));
const IndicatorListPage = lazy(() => import('../features/indicators/IndicatorListPage.tsx'));
const IndicatorPage = lazy(() => import('../features/indicators/IndicatorPage.tsx'));
const RegionsPage = lazy(() => import('../features/regions/RegionsPage.tsx'));
const SearchPage = lazy(() => import('../features/search/SearchPage.tsx'));

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/plans" replace /> },
          { path: 'plans', element: <PlanListPage /> },
          { path: 'plans/:code', element: <PlanPage /> },
          { path: 'goals/:id', element: <GoalPage /> },
          { path: 'measures/:id', element: <MeasurePage /> },
          { path: 'departments', element: <DepartmentListPage /> },
          { path: 'departments/:id', element: <DepartmentPage /> },
          { path: 'indicators', element: <IndicatorListPage /> },
          { path: 'indicators/:code', element: <IndicatorPage /> },
          { path: 'regions', element: <RegionsPage /> },
          { path: 'search', element: <SearchPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
