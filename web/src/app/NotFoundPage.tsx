import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

/** Unknown addresses: a lazy route of its own, since Result carries large illustrations. */
export default function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，请从左侧菜单选择功能。"
      extra={
        <Link to="/plans">
          <Button type="primary">返回规划浏览</Button>
        </Link>
      }
    />
  );
}
