import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function ReportListPage() {
  return <Result status="info" title="统计监测报告" subTitle="建设中" />;
}
