import { Result } from 'antd';

// Stub until the screen lands (replaced by the helper building it).
export default function MeetingListPage() {
  return <Result status="info" title="会议" subTitle="建设中" />;
}
