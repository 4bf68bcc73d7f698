import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function TaskPage() {
  return <Result status="info" title="任务与期限" subTitle="建设中" />;
}
