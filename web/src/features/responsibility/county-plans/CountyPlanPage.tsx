import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function CountyPlanPage() {
  return <Result status="info" title="区县规划详情" subTitle="建设中" />;
}
