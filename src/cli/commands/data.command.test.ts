import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { createUser } from '../../services/accounts/user.service.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { findDataValues } from '../../storage/repositories/data-value.repository.ts';
import { CliError } from '../cli-error.ts';
import { dataExportAction, dataImportAction } from './data.command.ts';

const HEADER = 'indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note';

forEachDialect('fuer data', (getDb) => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fuer-data-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a file as approved values under the system actor, and exports them as CSV and SDMX-CSV', async () => {
    const db = getDb();
    const good = file('good.csv', `\uFEFF${HEADER}\nW2.01,370303,2024,,,,90,900,1000,\nW2.01,370304,2024,,,,,380,400,\n`);
    const lines = await dataImportAction(db, good, { status: 'approved' });
    expect(lines[0]).toBe('已导入 good.csv：2个数值（新增2，更新0，未变0），状态：已审核通过；操作人：系统（命令行）');
    const audit = await findAudit(db, { entity: 'data_value', entityKey: 'W2.01|370304|2024|_T' });
    expect(audit[0]).toMatchObject({ user_name: '系统（命令行）', origin: 'cli' });

    const out = path.join(dir, 'out.csv');
    const exported = await dataExportAction(db, { year: '2024', format: 'csv', status: 'approved', out, bom: true });
    expect(exported).toEqual({ text: null, lines: [`已导出2024年已审核通过的数据2个（项目 CSV）到 ${out}`] });
    expect(readFileSync(out, 'utf8')).toContain('W2.01,370304,2024,,,,95,380,400,,,approved,学前三年毛入园率,博山区,%');
    const sdmx = await dataExportAction(db, { year: '2024', format: 'sdmx', status: 'all', bom: true });
    expect(sdmx.text?.split('\n')[2]).toBe('dataflow,CN_ZIBO:DF_WOMEN_CHILDREN_MONITORING(1.0),I,A,W2_01,370304,_T,_T,_T,_T,2024,95,PT,A,,');
  });

  it('imports as a named user, leaving values for review with --status submitted', async () => {
    const db = getDb();
    await createUser(db, { username: 'tjj01', password: 'Statistics-2025', mustChangePassword: false, roles: ['stats'], displayName: '统计局操作员', department: null, regionCode: '370300' });
    const lines = await dataImportAction(db, file('c.csv', `${HEADER}\nC3.10,370305,2024,,,,3,,,\n`), { status: 'submitted', as: 'tjj01' });
    expect(lines[0]).toBe('已导入 c.csv：1个数值（新增1，更新0，未变0），状态：已提交（待审核）；操作人：统计局操作员');
    expect((await findDataValues(db, { indicatorCodes: ['C3.10'] }))[0]).toMatchObject({ status: 'submitted', updatedByName: '统计局操作员' });
  });

  it('refuses a bad file listing every error, a locked value without --reason, and bad options', async () => {
    const db = getDb();
    const bad = file('bad.csv', `${HEADER}\nW2.01,370303,2024,男,,,120,,,\nW2.01,370303,2024,女,,,x,,,\n`);
    await expect(dataImportAction(db, bad, { status: 'approved' })).rejects.toThrow(
      '文件“bad.csv”未导入：发现2处错误，请全部改正后重新导入（文件中的数据均未写入）\n第2行，第7列（value）：占比为120%，超出允许范围0—100%\n第3行，第7列（value）：“x”不是有效的数字，请填写数字（如1,234.5）；无数据请留空',
    );
    const change = file('change.csv', `${HEADER}\nW2.01,370303,2024,,,,91,910,1000,\n`);
    await expect(dataImportAction(db, change, { status: 'approved' })).rejects.toThrow(/第2行，第7列（value）：该数据已审核通过并锁定：修改须填写解锁原因\n（修改已审核通过的数据，请用 --reason 说明原因）/);
    expect((await dataImportAction(db, change, { status: 'approved', reason: '更正' }))[0]).toContain('更新1');
    await expect(dataImportAction(db, path.join(dir, 'missing.csv'), { status: 'approved' })).rejects.toBeInstanceOf(CliError);
    await expect(dataImportAction(db, change, { status: 'draft' })).rejects.toThrow('--status“draft”无效：应为 approved（默认）或 submitted');
    await expect(dataImportAction(db, change, { status: 'approved', as: 'nobody' })).rejects.toThrow('用户“nobody”不存在');
    await expect(dataExportAction(db, { year: '24', format: 'csv', status: 'approved', bom: true })).rejects.toThrow(/--year“24”无效/);
    await expect(dataExportAction(db, { year: '2024', format: 'xlsx', status: 'approved', bom: true })).rejects.toThrow(/--format“xlsx”无效/);
  });
});
