/**
 * An expected failure of an account operation. `status` is the HTTP status the API answers with; the CLI
 * prints the Chinese message.
 */
export type AccountErrorCode =
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'account_inactive'
  | 'invalid_password'
  | 'wrong_password'
  | 'invalid_user'
  | 'username_taken'
  | 'user_not_found'
  | 'last_admin';

const STATUS: Record<AccountErrorCode, number> = {
  invalid_credentials: 401,
  too_many_attempts: 429,
  account_inactive: 403,
  invalid_password: 400,
  wrong_password: 400,
  invalid_user: 400,
  username_taken: 409,
  user_not_found: 404,
  last_admin: 409,
};

export class AccountError extends Error {
  readonly status: number;
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
