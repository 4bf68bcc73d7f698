import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function UnitReportListPage() {
  return <Result status="info" title="部门和区县年度报告" subTitle="建设中" />;
}
