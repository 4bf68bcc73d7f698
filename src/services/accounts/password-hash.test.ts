import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { generatePassword, passwordProblem } from './password-policy.ts';

describe('password hashing (scrypt)', () => {
  it('stores parameters, salt and key in the hash string, and verifies only the right password', async () => {
    const hash = await hashPassword('Zibo2025women');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('Zibo2025women', hash)).toBe(true);
    expect(await verifyPassword('Zibo2025women ', hash)).toBe(false);
    expect(await verifyPassword('zibo2025women', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password-1'), hashPassword('same-password-1')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password-1', a)).toBe(true);
    expect(await verifyPassword('same-password-1', b)).toBe(true);
  });

  it('verifies a hash made with older, weaker parameters and asks for a rehash', async () => {
    const old = await hashPassword('legacy-pass-42', { ln: 12, r: 8, p: 1 });
    expect(old.startsWith('$scrypt$ln=12,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('legacy-pass-42', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('legacy-pass-42'))).toBe(false);
  });

  it('never matches a malformed or tampered hash', async () => {
    const hash = await hashPassword('abcdef123456');
    expect(await verifyPassword('abcdef123456', 'plain-text')).toBe(false);
    expect(await verifyPassword('abcdef123456', hash.replace('ln=15', 'ln=30'))).toBe(false);
    expect(await verifyPassword('abcdef123456', hash.replace('ln=15', 'ln=14'))).toBe(false);
    expect(await verifyPassword('abcdef123456', hash.slice(0, -4))).toBe(false);
    expect(needsRehash('plain-text')).toBe(true);
  });
});

describe('password rules', () => {
  it('need 10 characters with letters and digits, in Chinese', () => {
    expect(passwordProblem('abc123')).toBe('密码至少需要10个字符（当前6个）');
    expect(passwordProblem('abcdefghijk')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('12345678901')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem(' abcde12345')).toBe('密码首尾不能是空格');
    expect(passwordProblem('zhangsan123', 'ZhangSan123')).toBe('密码不能与用户名相同');
    expect(passwordProblem('a'.repeat(120) + '1'.repeat(9))).toMatch(/不能超过128个字符/);
    expect(passwordProblem('abcde12345')).toBeNull();
    // Chinese characters count as letters.
    expect(passwordProblem('妇女儿童发展规划2025')).toBeNull();
  });

  it('generate passwords that pass them, without look-alike characters, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(16);
      expect(passwordProblem(p)).toBeNull();
      expect(p).not.toMatch(/[01lIO]/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
