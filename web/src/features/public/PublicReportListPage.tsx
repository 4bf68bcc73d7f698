import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function PublicReportListPage() {
  return <Result status="info" title="已发布的监测报告" subTitle="建设中" />;
}
