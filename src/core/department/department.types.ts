export interface Department {
  /** Canonical name, e.g. 市卫生健康委. */
  name: string;
  /** Other spellings found in plans or used by people. */
  aliases: string[];
}

/** A group reference in a units parenthesis, e.g. 市妇儿工委有关成员单位, 特邀单位. */
export interface DepartmentGroup {
  name: string;
}
