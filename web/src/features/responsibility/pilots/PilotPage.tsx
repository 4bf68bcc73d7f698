import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function PilotPage() {
  return <Result status="info" title="试点详情" subTitle="建设中" />;
}
