import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function ResponsibilityListPage() {
  return <Result status="info" title="责任清单" subTitle="建设中" />;
}
