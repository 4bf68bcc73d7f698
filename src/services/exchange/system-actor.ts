import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';

/**
 * Who the command line acts as when no `--as USERNAME` is given: the operator at the server's console, who can
 * open the database anyway. An administrator without an account (userId 0, no users row); every write it makes
 * is audited under the name 'system' with origin 'cli'. Also used by the benchmark.
 */
export const CLI_SYSTEM_ACTOR: Readonly<Actor> = Object.freeze<Actor>({
  userId: 0,
  username: 'system',
  displayName: '系统（命令行）',
  roles: ['admin'],
  departmentId: null,
  regionCode: CITY_REGION_CODE,
});
