import type { AnnualReport } from '../../api/reports.types.ts';

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The annual report's indicator table as CSV (UTF-8 with BOM, so Excel reads the Chinese): one line per target,
 * the numbers as the report holds them.
 */
export function annualReportCsv(report: AnnualReport): string {
  const header = ['规划', '领域', '指标代码', '指标', '单位', '数据年份', `${report.year}年数值`, '上年数值', '规划目标', '实现情况', '牵头单位'];
  const lines = report.chapters.flatMap((c) =>
    c.rows.map((r) => [c.planTitle, c.title, r.indicatorCode, r.indicatorName, r.unit, r.valueYear, r.value, r.previous, r.targetText, r.statusLabel, r.departmentName]),
  );
  return `\uFEFF${[header, ...lines].map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Hands a text to the browser to save under `name`. */
export function saveText(text: string, name: string, mime = 'text/csv;charset=utf-8'): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: mime }));
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
