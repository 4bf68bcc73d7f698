import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.types.ts';
import { CITY_REGION_CODE } from './actor.types.ts';
import type { AccessAction, AccessResource } from './policies.ts';
import { ACCESS_ACTIONS, can, denialMessage, permissionsOn } from './policies.ts';

const HEALTH = 7; // 市卫生健康委
const EDUCATION = 9; // 市教育局
const ZHANGDIAN = '370303';
const BOSHAN = '370304';

function actor(username: string, roles: Role[], departmentId: number | null, regionCode: string | null): Actor {
  return { userId: username.length, username, displayName: username, roles, departmentId, regionCode };
}

const ACTORS: Record<string, Actor> = {
  admin: actor('admin', ['admin'], null, CITY_REGION_CODE),
  stats: actor('stats', ['stats'], null, CITY_REGION_CODE),
  viewer: actor('viewer', ['viewer'], null, null),
  healthReporter: actor('healthReporter', ['reporter'], HEALTH, CITY_REGION_CODE),
  zhangdianReporter: actor('zhangdianReporter', ['reporter'], null, ZHANGDIAN),
  cityReporter: actor('cityReporter', ['reporter'], null, CITY_REGION_CODE),
  healthReviewer: actor('healthReviewer', ['reviewer'], HEALTH, CITY_REGION_CODE),
  zhangdianReviewer: actor('zhangdianReviewer', ['reviewer'], null, ZHANGDIAN),
  cityReviewer: actor('cityReviewer', ['reviewer'], null, CITY_REGION_CODE),
  unscopedReporter: actor('unscopedReporter', ['reporter'], null, null),
  noRoles: actor('noRoles', [], null, CITY_REGION_CODE),
};

const RESOURCES: Record<string, AccessResource> = {
  healthForm: { type: 'form', kind: 'department', departmentId: HEALTH },
  educationForm: { type: 'form', kind: 'department', departmentId: EDUCATION },
  zhangdianForm: { type: 'form', kind: 'region', regionCode: ZHANGDIAN },
  boshanForm: { type: 'form', kind: 'region', regionCode: BOSHAN },
  cityHealthValue: { type: 'value', indicatorCode: 'W1.03', regionCode: CITY_REGION_CODE, reportingDepartmentId: HEALTH },
  cityEducationValue: { type: 'value', indicatorCode: 'C4.01', regionCode: CITY_REGION_CODE, reportingDepartmentId: EDUCATION },
  cityUnassignedValue: { type: 'value', indicatorCode: 'W9.99', regionCode: CITY_REGION_CODE, reportingDepartmentId: null },
  zhangdianHealthValue: { type: 'value', indicatorCode: 'W1.03', regionCode: ZHANGDIAN, reportingDepartmentId: HEALTH },
  boshanHealthValue: { type: 'value', indicatorCode: 'W1.03', regionCode: BOSHAN, reportingDepartmentId: HEALTH },
  round: { type: 'round' },
};

// r read, w write, s submit, a approve, t return, u unlock, m admin. Written out by hand, row by row.
const ALL = 'rwsatum';
const EXPECTED: Record<string, Record<string, string>> = {
  admin: Object.fromEntries(Object.keys(RESOURCES).map((k) => [k, ALL])),
  stats: Object.fromEntries(Object.keys(RESOURCES).map((k) => [k, ALL])),
  viewer: {
    healthForm: 'r', educationForm: 'r', zhangdianForm: 'r', boshanForm: 'r',
    cityHealthValue: 'r', cityEducationValue: 'r', cityUnassignedValue: 'r', zhangdianHealthValue: 'r', boshanHealthValue: 'r',
    round: 'r',
  },
  healthReporter: {
    healthForm: 'rws', educationForm: '', zhangdianForm: '', boshanForm: '',
    // a department reports the city's figure of its indicators, not the counties'
    cityHealthValue: 'rws', cityEducationValue: '', cityUnassignedValue: '', zhangdianHealthValue: '', boshanHealthValue: '',
    round: 'r',
  },
  zhangdianReporter: {
    healthForm: '', educationForm: '', zhangdianForm: 'rws', boshanForm: '',
    cityHealthValue: '', cityEducationValue: '', cityUnassignedValue: '', zhangdianHealthValue: 'rws', boshanHealthValue: '',
    round: 'r',
  },
  cityReporter: {
    healthForm: '', educationForm: '', zhangdianForm: '', boshanForm: '',
    cityHealthValue: '', cityEducationValue: '', cityUnassignedValue: '', zhangdianHealthValue: '', boshanHealthValue: '',
    round: 'r',
  },
  healthReviewer: {
    healthForm: 'rat', educationForm: '', zhangdianForm: '', boshanForm: '',
    cityHealthValue: 'rat', cityEducationValue: '', cityUnassignedValue: '', zhangdianHealthValue: '', boshanHealthValue: '',
    round: 'r',
  },
  zhangdianReviewer: {
    healthForm: '', educationForm: '', zhangdianForm: 'rat', boshanForm: '',
    cityHealthValue: '', cityEducationValue: '', cityUnassignedValue: '', zhangdianHealthValue: 'rat', boshanHealthValue: '',
    round: 'r',
  },
  cityReviewer: {
    healthForm: 'rat', educationForm: 'rat', zhangdianForm: 'rat', boshanForm: 'rat',
    cityHealthValue: 'rat', cityEducationValue: 'rat', cityUnassignedValue: 'rat', zhangdianHealthValue: 'rat', boshanHealthValue: 'rat',
    round: 'r',
  },
  unscopedReporter: Object.fromEntries(Object.keys(RESOURCES).map((k) => [k, k === 'round' ? 'r' : ''])),
  noRoles: Object.fromEntries(Object.keys(RESOURCES).map((k) => [k, ''])),
};

const LETTER: Record<AccessAction, string> = { read: 'r', write: 'w', submit: 's', approve: 'a', return: 't', unlock: 'u', admin: 'm' };

describe('access policies', () => {
  for (const [actorName, a] of Object.entries(ACTORS)) {
    for (const [resourceName, resource] of Object.entries(RESOURCES)) {
      for (const action of ACCESS_ACTIONS) {
        const expected = (EXPECTED[actorName]?.[resourceName] ?? '?').includes(LETTER[action]);
        it(`${actorName} ${expected ? 'may' : 'may not'} ${action} ${resourceName}`, () => {
          expect(can(a, action, resource)).toBe(expected);
        });
      }
    }
  }

  it('covers every actor and resource in the expectations', () => {
    for (const name of Object.keys(ACTORS)) expect(Object.keys(EXPECTED[name] ?? {}).sort()).toEqual(Object.keys(RESOURCES).sort());
  });

  it('grants the union of several roles', () => {
    const both = actor('both', ['reporter', 'reviewer'], null, ZHANGDIAN);
    expect(permissionsOn(both, RESOURCES.zhangdianForm as AccessResource)).toEqual({
      read: true, write: true, submit: true, approve: true, return: true, unlock: false, admin: false,
    });
    expect(permissionsOn(both, RESOURCES.boshanForm as AccessResource)).toEqual({
      read: false, write: false, submit: false, approve: false, return: false, unlock: false, admin: false,
    });
  });

  it('explains a refusal in Chinese by the actor’s role and scope', () => {
    expect(denialMessage(ACTORS.zhangdianReporter as Actor, 'approve', '报表')).toBe('无权审核通过报表：填报员不能审核');
    expect(denialMessage(ACTORS.zhangdianReporter as Actor, 'write', '博山区的数据')).toBe('无权填报博山区的数据：您只能处理本地区的数据');
    expect(denialMessage(ACTORS.healthReporter as Actor, 'write', '该指标')).toBe('无权填报该指标：您只能处理本部门负责报送的指标');
    expect(denialMessage(ACTORS.viewer as Actor, 'write', '数据')).toBe('无权填报数据：只读账号不能修改数据');
    expect(denialMessage(ACTORS.cityReviewer as Actor, 'unlock', '数据')).toBe('无权解锁数据：仅统计局或管理员可以操作');
  });
});
