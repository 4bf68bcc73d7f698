import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { AuthProvider } from '../features/auth/auth-context.tsx';
import { MetaProvider } from '../features/meta/meta-context.tsx';
import { routes } from './routes.tsx';

const router = createBrowserRouter(routes);

// Government-system look: a sober blue, compact radius, CJK fonts first.
const theme = {
  token: {
    colorPrimary: '#1f4e9c',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#1f4e9c', headerHeight: 60, headerPadding: '0 24px', bodyBg: '#f0f2f5' },
    Menu: { itemSelectedBg: '#e8eef8', itemSelectedColor: '#1f4e9c' },
  },
};

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <MetaProvider>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </MetaProvider>
    </ConfigProvider>
  );
}
