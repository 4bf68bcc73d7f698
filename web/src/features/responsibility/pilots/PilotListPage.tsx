import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function PilotListPage() {
  return <Result status="info" title="试点" subTitle="建设中" />;
}
