import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function CountyPlanListPage() {
  return <Result status="info" title="区县规划" subTitle="建设中" />;
}
