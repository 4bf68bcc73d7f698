/**
 * What kind of body a department is, read from its name (not its committee membership: the seed does not
 * say which departments are member units and which are invited units).
 */
export type DepartmentCategory =
  | 'office' // 市妇儿工委办公室: the committee's own office
  | 'party' // 市委 working bodies: 市委组织部, 市委宣传部 …
  | 'government' // 市政府 departments and agencies: 市卫生健康委, 市教育局 …
  | 'judicial' // 市法院, 市检察院
  | 'mass-organisation' // people's organisations: 市妇联, 市总工会, 团市委, 市残联, 市科协
  | 'media' // 淄博日报社, 市广播电视台
  | 'other'; // 市关工委 and anything not classified

export interface Department {
  /** Canonical name, e.g. 市卫生健康委. */
  name: string;
  /** Other spellings found in plans or used by people. */
  aliases: string[];
  category: DepartmentCategory;
}

/** A group reference in a units parenthesis, e.g. 市妇儿工委有关成员单位, 特邀单位. */
export interface DepartmentGroup {
  name: string;
  /** Other spellings meaning the same group, e.g. 市妇儿工委各成员单位. */
  aliases: string[];
}

/** A unit name from a plan, read as one department or as a group of them. */
export type NormalisedUnit =
  | { kind: 'department'; name: string; known: boolean }
  | { kind: 'group'; name: string; known: boolean };
