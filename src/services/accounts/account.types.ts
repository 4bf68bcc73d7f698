import type { Role } from '../../core/access/actor.types.ts';

/** A user as services and the API show it: never the password hash. */
export interface AccountUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: number | null;
  departmentName: string | null;
  regionCode: string | null;
  regionName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUserInput {
  username: string;
  /** Default: the username. */
  displayName?: string;
  roles: readonly Role[];
  /** Department id, canonical name or alias. */
  department?: number | string | null;
  regionCode?: string | null;
  /** Omitted: a strong password is generated and returned once. */
  password?: string;
  /** Default: true when the password was generated, false when given. */
  mustChangePassword?: boolean;
}

export interface UserChanges {
  displayName?: string;
  roles?: readonly Role[];
  department?: number | string | null;
  regionCode?: string | null;
  active?: boolean;
  /** A new password set by an administrator (the user must change it at next login). */
  password?: string;
  /** true: generate a new password (returned once); the user must change it at next login. */
  resetPassword?: boolean;
}

export interface UserWithPassword {
  user: AccountUser;
  /** Only when the password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}
