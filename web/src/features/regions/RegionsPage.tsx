import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Empty, Row, Tag, Tree, Typography, message } from 'antd';
import type { TreeDataNode } from 'antd';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { RegionSummary } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { labelOf, regionLevelLabel } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';

/** Zibo: the city the platform serves, shown first and opened on arrival. */
const HOME_CITY = '370300';

interface RegionNode extends TreeDataNode {
  key: string;
  region: RegionSummary;
  children?: RegionNode[];
}

function RegionTitle({ region }: { region: RegionSummary }) {
  return (
    <span className="region-node" data-code={region.code}>
      <span className="region-name">{region.name}</span>{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {region.code}
      </Typography.Text>
      {region.functional && (
        <Tag color="purple" style={{ marginInlineStart: 6 }}>
          功能区
        </Tag>
      )}
      {region.validTo && (
        <Tag color="default" style={{ marginInlineStart: 6 }}>
          {region.validTo} 起撤销
        </Tag>
      )}
      {region.childCount > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
          （下辖 {region.childCount}）
        </Typography.Text>
      )}
    </span>
  );
}

const toNode = (region: RegionSummary): RegionNode => ({
  key: region.code,
  title: <RegionTitle region={region} />,
  isLeaf: region.childCount === 0,
  region,
});

/** Statutory divisions in code order, then the configured functional zones. */
const byCode = (a: RegionSummary, b: RegionSummary) =>
  Number(a.functional) - Number(b.functional) || a.code.localeCompare(b.code);

function withChildren(nodes: RegionNode[], key: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((node) =>
    node.key === key
      ? { ...node, children }
      : node.children
        ? { ...node, children: withChildren(node.children, key, children) }
        : node,
  );
}

interface InitialTree {
  roots: RegionSummary[];
  /** Children of the home city, loaded up front so the counties show at once. */
  homeChildren: RegionSummary[];
}

async function loadInitialTree(signal: AbortSignal): Promise<InitialTree> {
  const cities = await api.regions({ level: 'city' }, signal);
  const roots = [...cities].sort((a, b) => (a.code === HOME_CITY ? -1 : b.code === HOME_CITY ? 1 : a.code.localeCompare(b.code)));
  const home = roots[0];
  const homeChildren = home && home.childCount > 0 ? await api.regions({ parent: home.code }, signal) : [];
  return { roots, homeChildren };
}

function RegionDetails({ region }: { region: RegionSummary | undefined }) {
  if (!region) return <Empty description="在左侧选择一个区划查看详情" />;
  return (
    <Descriptions
      bordered
      column={1}
      size="middle"
      className="region-details"
      items={[
        { key: 'name', label: '名称', children: region.name },
        { key: 'code', label: '区划代码', children: region.code },
        { key: 'level', label: '层级', children: labelOf(regionLevelLabel, region.level) },
        {
          key: 'kind',
          label: '类别',
          children: region.functional ? <Tag color="purple">功能区（无国标代码，由办公室配置）</Tag> : '行政区划（GB/T 2260）',
        },
        { key: 'parent', label: '上级代码', children: region.parentCode ?? '—' },
        { key: 'children', label: '下级区划', children: `${region.childCount} 个` },
        { key: 'from', label: '生效日期', children: region.validFrom },
        { key: 'to', label: '失效日期', children: region.validTo ?? '现行有效' },
      ]}
    />
  );
}

function RegionTree({ initial }: { initial: InitialTree }) {
  const [messageApi, messageHolder] = message.useMessage();
  const [tree, setTree] = useState<RegionNode[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<RegionSummary | undefined>();

  useEffect(() => {
    const nodes = initial.roots.map(toNode);
    const home = nodes[0];
    if (home && initial.homeChildren.length > 0) {
      setTree(withChildren(nodes, home.key, [...initial.homeChildren].sort(byCode).map(toNode)));
      setExpanded([home.key]);
    } else {
      setTree(nodes);
    }
    setSelected(initial.roots[0]);
  }, [initial]);

  const loadChildren = async (node: RegionNode) => {
    if (node.children) return;
    try {
      const children = await api.regions({ parent: node.key });
      setTree((t) => withChildren(t, node.key, [...children].sort(byCode).map(toNode)));
    } catch (err) {
      void messageApi.error(`加载${node.region.name}的下级区划失败：${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  };

  if (tree.length === 0 && initial.roots.length === 0) {
    return (
      <Card>
        <Empty description="尚未载入行政区划。请运行 fuer regions load 载入区划数据。" />
      </Card>
    );
  }
  return (
    <Row gutter={16}>
      {messageHolder}
      <Col xs={24} lg={14}>
        <Card title="区划树" className="region-tree-card">
          <Tree<RegionNode>
            className="region-tree"
            showLine
            treeData={tree}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(String))}
            loadData={loadChildren}
            onSelect={(_, info) => setSelected(info.node.region)}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title="区划详情" style={{ position: 'sticky', top: 76 }}>
          <RegionDetails region={selected} />
        </Card>
      </Col>
    </Row>
  );
}

export default function RegionsPage() {
  const state = useApi((signal) => loadInitialTree(signal), []);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '行政区划' }]}
        title="行政区划"
        subTitle="淄博市 → 区县及功能区 → 镇（街道） → 村（社区）；展开节点逐级加载，区划代码依据 GB/T 2260 及统计用区划代码"
      />
      <AsyncView state={state} what="正在加载行政区划…">
        {(initial) => <RegionTree initial={initial} />}
      </AsyncView>
    </>
  );
}
