import { Alert } from 'antd';
import { useMeta } from './meta-context.tsx';

/** On every screen of a demo database: the numbers are generated, not real monitoring data. */
export function DemoBanner() {
  const meta = useMeta();
  if (!meta?.demo) return null;
  return (
    <Alert
      className="demo-banner"
      banner
      type="warning"
      showIcon
      title={
        <span>
          <b>示例数据</b>：本平台当前载入的是生成的演示数据（fuer demo），仅供试用，不代表淄博市的真实监测结果。
        </span>
      }
    />
  );
}
