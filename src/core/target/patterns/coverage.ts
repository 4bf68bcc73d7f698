import { cleanSubject } from '../indicator-name.ts';
import type { ClausePattern } from './pattern.types.ts';

const FULL_COVERAGE = /^(?:推动|推进|实现|基本实现|确保)?(?<subject>[^\d]+?)全覆盖$/;

/**
 * Goals only: 有康复需求的残疾儿童基本康复服务全覆盖 → 覆盖率 ≥ 100%.
 * In measures 全覆盖 is mostly a task (推进城乡污水管网全覆盖) and is not read as a target.
 */
export const coveragePattern: ClausePattern = ({ clause, source }) => {
  if (source !== 'goal') return null;
  const m = FULL_COVERAGE.exec(clause);
  if (!m?.groups) return null;
  const subject = cleanSubject(m.groups.subject ?? '');
  if (subject === '') return null;
  return {
    targets: [{ indicator: `${subject}覆盖率`, kind: 'threshold', op: '>=', value: 100, unit: '%', baseYear: null }],
  };
};
