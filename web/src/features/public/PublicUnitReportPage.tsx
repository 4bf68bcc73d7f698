import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function PublicUnitReportPage() {
  return <Result status="info" title="已发布的年度报告" subTitle="建设中" />;
}
