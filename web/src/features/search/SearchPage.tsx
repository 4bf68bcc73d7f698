import type { ReactNode } from 'react';
import { Card, Empty, Flex, Input, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { SearchHit, SearchResult } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { domainLabel, ordLabel } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { markRanges } from './mark-ranges.ts';

/** The snippet with the matched parts marked. */
function Snippet({ hit, query }: { hit: SearchHit; query: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const [start, end] of markRanges(hit.snippet, query, hit.matchStart, hit.matchEnd)) {
    parts.push(hit.snippet.slice(last, start), <mark key={start}>{hit.snippet.slice(start, end)}</mark>);
    last = end;
  }
  parts.push(hit.snippet.slice(last));
  return <>{parts}</>;
}

function HitItem({ hit, query }: { hit: SearchHit; query: string }) {
  const isGoal = hit.type === 'goal';
  const to = `/${isGoal ? 'goals' : 'measures'}/${hit.id}`;
  return (
    <div className="search-hit" data-type={hit.type} data-id={hit.id}>
      <Flex gap={8} align="center" wrap>
        <Tag color={isGoal ? 'blue' : 'default'}>{isGoal ? '主要目标' : '策略措施'}</Tag>
        <Link to={to} className="search-hit-title">
          {hit.plan.title} · {domainLabel(hit.domain)} · {isGoal ? '主要目标' : '策略措施'}
          {ordLabel(hit.ord)}
        </Link>
      </Flex>
      <Typography.Paragraph className="search-hit-snippet" style={{ margin: '6px 0 0' }}>
        <Snippet hit={hit} query={query} />
      </Typography.Paragraph>
    </div>
  );
}

function Results({ result }: { result: SearchResult }) {
  if (result.total === 0) return <Empty description={`没有找到包含“${result.query}”的目标或措施`} />;
  const goals = result.hits.filter((h) => h.type === 'goal').length;
  return (
    <>
      <Typography.Text type="secondary" className="search-summary">
        找到 {result.total} 条结果{result.hits.length < result.total ? `，显示前 ${result.hits.length} 条` : ''}（主要目标{' '}
        {goals} 条，策略措施 {result.hits.length - goals} 条）
      </Typography.Text>
      <div className="search-hits">
        {result.hits.map((hit) => (
          <HitItem key={`${hit.type}-${hit.id}`} hit={hit} query={result.query} />
        ))}
      </div>
    </>
  );
}

export default function SearchPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = (params.get('q') ?? '').trim();
  const state = useApi((signal) => (q ? api.search(q, signal) : Promise.resolve(null)), [q]);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '搜索' }]}
        title="搜索"
        documentTitle={q ? `搜索：${q}` : '搜索'}
        subTitle="在两部规划的主要目标和策略措施原文中查找"
      />
      <Card>
        <div className="search-page-box">
          <Input.Search
            key={q}
            aria-label="搜索关键词"
            className="search-page-input"
            size="large"
            enterButton="搜索"
            placeholder="输入关键词，如：孕产妇、托育、家庭教育"
            defaultValue={q}
            allowClear
            onSearch={(value) => {
              const query = value.trim();
              navigate(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
            }}
            style={{ maxWidth: 640 }}
          />
        </div>
        <AsyncView state={state} what="正在搜索…">
          {(result) =>
            result ? <Results result={result} /> : <Empty description="请输入关键词开始搜索" />
          }
        </AsyncView>
      </Card>
    </>
  );
}
