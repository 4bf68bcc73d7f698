import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function PublicReportPage() {
  return <Result status="info" title="已发布报告" subTitle="建设中" />;
}
