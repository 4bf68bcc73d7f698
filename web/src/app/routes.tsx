import { lazy } from 'react';
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Navigate } from 'react-router-dom';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { AppLayout } from './AppLayout.tsx';

// Each screen is its own chunk: the first load carries only the frame (web/scripts/bundle-size.ts measures it).
// Keep pages out of static imports here and in AppLayout/nav: one static import pulls a page and its antd components
// into every first load.
const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));
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
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const FormListPage = lazy(() => import('../features/monitoring/FormListPage.tsx'));
const FormPage = lazy(() => import('../features/monitoring/FormPage.tsx'));
const ReviewQueuePage = lazy(() => import('../features/monitoring/ReviewQueuePage.tsx'));
const ProgressPage = lazy(() => import('../features/monitoring/ProgressPage.tsx'));
const RollUpPage = lazy(() => import('../features/monitoring/RollUpPage.tsx'));
const DashboardPage = lazy(() => import('../features/evaluation/DashboardPage.tsx'));
const IndicatorEvaluationPage = lazy(() => import('../features/evaluation/IndicatorEvaluationPage.tsx'));
const WarningListPage = lazy(() => import('../features/evaluation/WarningListPage.tsx'));
const WarningPage = lazy(() => import('../features/evaluation/WarningPage.tsx'));
const MidtermPage = lazy(() => import('../features/evaluation/MidtermPage.tsx'));
const ReportListPage = lazy(() => import('../features/reports/ReportListPage.tsx'));
const ReportPage = lazy(() => import('../features/reports/ReportPage.tsx'));
const UnitReportListPage = lazy(() => import('../features/unit-reports/UnitReportListPage.tsx'));
const UnitReportPage = lazy(() => import('../features/unit-reports/UnitReportPage.tsx'));
const PublicReportListPage = lazy(() => import('../features/public/PublicReportListPage.tsx'));
const PublicReportPage = lazy(() => import('../features/public/PublicReportPage.tsx'));
const PublicUnitReportListPage = lazy(() => import('../features/public/PublicUnitReportListPage.tsx'));
const PublicUnitReportPage = lazy(() => import('../features/public/PublicUnitReportPage.tsx'));
const ResponsibilityListPage = lazy(() => import('../features/responsibility/lists/ResponsibilityListPage.tsx'));
const TaskPage = lazy(() => import('../features/responsibility/tasks/TaskPage.tsx'));
const CountyPlanListPage = lazy(() => import('../features/responsibility/county-plans/CountyPlanListPage.tsx'));
const CountyPlanPage = lazy(() => import('../features/responsibility/county-plans/CountyPlanPage.tsx'));
const ImplementationPlanListPage = lazy(() => import('../features/responsibility/implementation-plans/ImplementationPlanListPage.tsx'));
const ImplementationPlanPage = lazy(() => import('../features/responsibility/implementation-plans/ImplementationPlanPage.tsx'));
const SupervisionListPage = lazy(() => import('../features/responsibility/supervision/SupervisionListPage.tsx'));
const SupervisionPage = lazy(() => import('../features/responsibility/supervision/SupervisionPage.tsx'));
const MeetingListPage = lazy(() => import('../features/responsibility/meetings/MeetingListPage.tsx'));
const PilotListPage = lazy(() => import('../features/responsibility/pilots/PilotListPage.tsx'));
const PilotPage = lazy(() => import('../features/responsibility/pilots/PilotPage.tsx'));

const guarded = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <AppLayout />,
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
      { path: 'data-entry', element: guarded(<FormListPage />) },
      { path: 'data-entry/forms/:id', element: guarded(<FormPage />) },
      { path: 'data-entry/review', element: guarded(<ReviewQueuePage />) },
      { path: 'data-entry/progress', element: guarded(<ProgressPage />) },
      { path: 'data-entry/rollup', element: guarded(<RollUpPage />) },
      { path: 'evaluation', element: guarded(<DashboardPage />) },
      { path: 'evaluation/indicators/:code', element: guarded(<IndicatorEvaluationPage />) },
      { path: 'evaluation/warnings', element: guarded(<WarningListPage />) },
      { path: 'evaluation/warnings/:id', element: guarded(<WarningPage />) },
      { path: 'evaluation/midterm', element: guarded(<MidtermPage />) },
      { path: 'reports', element: guarded(<ReportListPage />) },
      { path: 'reports/unit-reports', element: guarded(<UnitReportListPage />) },
      { path: 'reports/unit-reports/:id', element: guarded(<UnitReportPage />) },
      { path: 'reports/:id', element: guarded(<ReportPage />) },
      { path: 'public/reports', element: <PublicReportListPage /> },
      { path: 'public/reports/:id', element: <PublicReportPage /> },
      { path: 'public/unit-reports', element: <PublicUnitReportListPage /> },
      { path: 'public/unit-reports/:id', element: <PublicUnitReportPage /> },
      { path: 'responsibility', element: guarded(<ResponsibilityListPage />) },
      { path: 'responsibility/tasks', element: guarded(<TaskPage />) },
      { path: 'responsibility/county-plans', element: guarded(<CountyPlanListPage />) },
      { path: 'responsibility/county-plans/:id', element: guarded(<CountyPlanPage />) },
      { path: 'responsibility/implementation-plans', element: guarded(<ImplementationPlanListPage />) },
      { path: 'responsibility/implementation-plans/:id', element: guarded(<ImplementationPlanPage />) },
      { path: 'responsibility/supervision', element: guarded(<SupervisionListPage />) },
      { path: 'responsibility/supervision/:id', element: guarded(<SupervisionPage />) },
      { path: 'responsibility/meetings', element: guarded(<MeetingListPage />) },
      { path: 'responsibility/pilots', element: guarded(<PilotListPage />) },
      { path: 'responsibility/pilots/:id', element: guarded(<PilotPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
