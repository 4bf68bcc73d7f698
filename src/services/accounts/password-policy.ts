import { randomInt } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 10;
// scrypt takes any length; the cap only keeps request bodies and hashing time bounded.
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a password is not acceptable, in Chinese (null when it is): at least 10 characters, letters and digits,
 * not the username.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少需要${PASSWORD_MIN_LENGTH}个字符（当前${length}个）`;
  if (length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}个字符`;
  if (/^\s|\s$/.test(password)) return '密码首尾不能是空格';
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return '密码须同时包含字母和数字';
  if (username !== undefined && password.normalize('NFKC').toLowerCase() === username.normalize('NFKC').toLowerCase()) {
    return '密码不能与用户名相同';
  }
  return null;
}

// No 0/O, 1/l/I: a generated password is read off a terminal and typed in by hand.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

/** A random password of `length` characters (≈5.7 bits each; 16 give ≈91 bits) with letters and digits. */
export function generatePassword(length = 16): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
    if (passwordProblem(password) === null) return password;
  }
}
