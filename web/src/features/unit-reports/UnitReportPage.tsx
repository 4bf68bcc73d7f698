import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function UnitReportPage() {
  return <Result status="info" title="年度报告详情" subTitle="建设中" />;
}
