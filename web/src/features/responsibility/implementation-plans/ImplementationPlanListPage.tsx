import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function ImplementationPlanListPage() {
  return <Result status="info" title="实施方案" subTitle="建设中" />;
}
