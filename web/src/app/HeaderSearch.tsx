import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';

/** Search box in the header: goes to the results page, and shows the current query there. */
export function HeaderSearch() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const current = location.pathname === '/search' ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  return (
    <Input.Search
      className="header-search"
      aria-label="搜索目标和措施"
      placeholder="搜索目标、措施原文，如：孕产妇"
      allowClear
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(q) => {
        const query = q.trim();
        if (query) navigate(`/search?q=${encodeURIComponent(query)}`);
      }}
    />
  );
}
