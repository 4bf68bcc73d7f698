import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function PublicUnitReportListPage() {
  return <Result status="info" title="已发布的部门和区县报告" subTitle="建设中" />;
}
