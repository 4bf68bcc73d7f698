import { Empty, Table, Tabs, Typography } from 'antd';

/** The compendium's content as stored (compendiumContent in report-publication.service.ts). */
export interface CompendiumContent {
  title: string;
  year: number;
  years: number[];
  demo: boolean;
  sheets: { name: string; title: string; planKind: string; lines: CompendiumLineView[] }[];
}

interface CompendiumLineView {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  regionCode: string;
  regionName: string;
  group: string;
  values: Record<string, number>;
  note: string;
}

export function isCompendiumContent(content: unknown): content is CompendiumContent {
  const c = content as Partial<CompendiumContent> | null;
  return typeof c === 'object' && c !== null && Array.isArray(c.sheets) && Array.isArray(c.years);
}

/** The statistical compendium: one tab per domain, indicators × regions × groups by year. */
export function CompendiumView({ content }: { content: CompendiumContent }) {
  if (content.sheets.length === 0) return <Empty description="统计资料中没有数据" />;
  return (
    <Tabs
      className="compendium-view"
      items={content.sheets.map((sheet) => ({
        key: sheet.name,
        label: sheet.name,
        children: (
          <>
            <Typography.Title level={4}>{sheet.title}</Typography.Title>
            <Table<CompendiumLineView>
              size="small"
              bordered
              scroll={{ x: true }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              rowKey={(l) => `${l.indicatorCode}|${l.regionCode}|${l.group}`}
              dataSource={sheet.lines}
              columns={[
                { title: '指标', dataIndex: 'indicatorName' },
                { title: '单位', dataIndex: 'unit', width: 80 },
                { title: '地区', dataIndex: 'regionName', width: 100 },
                { title: '分组', dataIndex: 'group', width: 90 },
                ...content.years.map((y) => ({
                  title: `${y}年`,
                  key: String(y),
                  align: 'right' as const,
                  render: (_: unknown, l: CompendiumLineView) => (l.values[String(y)] === undefined ? '—' : Number(l.values[String(y)]!.toFixed(2))),
                })),
                { title: '备注', dataIndex: 'note' },
              ]}
            />
          </>
        ),
      }))}
    />
  );
}
