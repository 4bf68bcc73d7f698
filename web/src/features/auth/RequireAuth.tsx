import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './auth-context.tsx';

// Only a user with an administrator-set password sees it: loaded then, not with every page.
const ChangePasswordForm = lazy(() => import('./ChangePasswordForm.tsx').then((m) => ({ default: m.ChangePasswordForm })));

/** Pages that need a login: the login page first (coming back here after), then a forced password change. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user, loggedOut } = useAuth();
  const location = useLocation();
  if (status === 'checking') {
    return (
      <div className="page-loading">
        <Spin />
      </div>
    );
  }
  if (status === 'anonymous' || !user) {
    if (loggedOut) return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword) {
    return (
      <div className="must-change-password">
        <Suspense fallback={<Spin />}>
          <ChangePasswordForm forced />
        </Suspense>
      </div>
    );
  }
  return <>{children}</>;
}
