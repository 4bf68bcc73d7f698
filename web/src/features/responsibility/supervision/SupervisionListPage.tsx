import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function SupervisionListPage() {
  return <Result status="info" title="督导检查" subTitle="建设中" />;
}
