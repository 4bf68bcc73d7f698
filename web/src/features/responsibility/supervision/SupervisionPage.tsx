import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function SupervisionPage() {
  return <Result status="info" title="督导检查详情" subTitle="建设中" />;
}
