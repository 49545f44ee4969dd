import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import { checkPasswordStrength, PASSWORD_RULES, passwordRejected } from './password-strength.ts';

const codes = (plain: string, options?: Parameters<typeof checkPasswordStrength>[1]) =>
  checkPasswordStrength(plain, options).map((problem) => problem.code);

describe('password strength', () => {
  it('accepts a long passphrase', () => {
    assert.deepEqual(codes('淮河边的老槐树开花了'), ['PASSWORD_TOO_SHORT']);
    assert.deepEqual(codes('淮河边的老槐树又开花了两回'), []);
    assert.deepEqual(codes('correct horse battery staple', { userName: 'wangwei' }), []);
  });

  it('requires 12 characters for staff, counting each Chinese character once', () => {
    const [problem] = checkPasswordStrength('Tr0ub4dor&3');
    assert.equal(problem?.code, 'PASSWORD_TOO_SHORT');
    assert.deepEqual(problem?.details, { minLength: PASSWORD_RULES.staffMinLength, length: 11 });
    assert.match(problem!.message, /12/);
    assert.match(problem!.messageEn, /12/);
    assert.deepEqual(codes('Tr0ub4dor&3x'), []);
    assert.deepEqual(codes('Tr0ub4dor&3', { minLength: 8 }), []);
  });

  it('refuses an overlong password', () => {
    assert.deepEqual(codes('x7'.repeat(200)), ['PASSWORD_TOO_LONG', 'PASSWORD_PREDICTABLE']);
  });

  it('refuses a password containing the user name, ignoring case', () => {
    assert.deepEqual(codes('my-WangWei-secret-2024', { userName: 'wangwei' }), [
      'PASSWORD_CONTAINS_USER_NAME',
    ]);
    assert.deepEqual(codes('王伟的第一个安全密码', { userName: '王伟' }), [
      'PASSWORD_TOO_SHORT',
      'PASSWORD_CONTAINS_USER_NAME',
    ]);
    assert.deepEqual(codes('a reliable long phrase', { userName: 'li' }), []);
  });

  it('refuses the most common passwords, also with digits or symbols around them', () => {
    for (const common of ['123456', 'a123456', 'woaini1314', 'qwerty', 'password']) {
      assert.ok(codes(common).includes('PASSWORD_COMMON'), common);
    }
    for (const common of [
      'woaini1314520',
      'Password2024!',
      '1qaz2wsx3edc',
      '!!qwertyuiop!!',
      'iloveyou1314',
    ]) {
      assert.deepEqual(codes(common), ['PASSWORD_COMMON'], common);
    }
  });

  it('refuses repeated and sequential characters', () => {
    for (const predictable of [
      '123456123456',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      '123456789012',
      'zyxwvutsrqpo',
    ]) {
      assert.deepEqual(codes(predictable), ['PASSWORD_PREDICTABLE'], predictable);
    }
  });

  it('gives every problem a zh and an en message, and one 400 listing them', () => {
    const problems = checkPasswordStrength('wangwei123', { userName: 'wangwei' });
    assert.ok(problems.length >= 2);
    for (const problem of problems) assert.ok(problem.message && problem.messageEn);
    const error = passwordRejected(problems);
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'PASSWORD_WEAK');
    assert.equal(error.status, 400);
    assert.equal((error.details!.problems as unknown[]).length, problems.length);
  });
});
