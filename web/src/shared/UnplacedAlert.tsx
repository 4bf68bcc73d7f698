import { Alert } from 'antd';

/** Numeric phrases the target grammar could not place: shown as 待核对, never hidden. */
export function UnplacedAlert({ unplaced }: { unplaced: { text: string; reason: string }[] }) {
  if (unplaced.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="unplaced-alert"
      title={`待核对：${unplaced.length} 处数字表述未能识别为目标`}
      description={
        <ul className="unplaced-list">
          {unplaced.map((u, i) => (
            <li key={`${i}-${u.text}`}>
              <b>{u.text}</b>：{u.reason}
            </li>
          ))}
        </ul>
      }
    />
  );
}
