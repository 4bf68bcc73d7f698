import type { HTMLAttributes } from 'react';
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { ReportVersionView } from '../../api/reports.types.ts';
import { beijingTime } from '../monitoring/monitoring-labels.tsx';
import { ReportStatusTag } from './report-labels.tsx';

/** The versions of a report series, newest first, with the note of each correction. */
export function ReportVersionList({ versions, currentId, linkTo }: { versions: readonly ReportVersionView[]; currentId: number; linkTo: (v: ReportVersionView) => string }) {
  return (
    <Table<ReportVersionView>
      className="report-versions"
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={[...versions]}
      onRow={(v) => ({ 'data-version': v.version }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '版本',
          key: 'version',
          width: 130,
          render: (_, v) =>
            v.id === currentId ? (
              <span>
                第{v.version}版 <Tag>当前</Tag>
              </span>
            ) : (
              <Link to={linkTo(v)}>第{v.version}版</Link>
            ),
        },
        { title: '状态', key: 'status', width: 90, render: (_, v) => <ReportStatusTag status={v.status} /> },
        { title: '更正说明', key: 'note', className: 'version-note', render: (_, v) => v.correctionNote ?? (v.version === 1 ? '初版' : '—') },
        { title: '生成时间', key: 'created', width: 150, render: (_, v) => beijingTime(v.createdAt) },
        { title: '发布时间', key: 'published', width: 150, render: (_, v) => (v.publishedAt ? beijingTime(v.publishedAt) : '—') },
      ]}
    />
  );
}
