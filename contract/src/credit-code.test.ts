import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode } from './credit-code.ts';

/** Published codes: the example of GB 32100-2015 and the business-licence codes of well-known companies. */
const published = [
  '91350100M000100Y43', // the standard's own example
  '914403001922038216', // 华为技术有限公司
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
];

describe('the unified social credit code', () => {
  it('accepts published codes', () => {
    for (const code of published) expect(creditCodeProblem(code), code).toBeNull();
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('9144030071526726X')).toBe('G');
  });

  it('says what is wrong with a bad code', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
    // I, O, Z, S and V are not in the alphabet; nor are lower-case letters.
    expect(creditCodeProblem('91350100M000100I43')).toBe('characters');
    expect(creditCodeProblem('91350100m000100Y43')).toBe('characters');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checkCharacter');
    expect(isValidCreditCode('914403001922038217')).toBe(false);
  });

  it('catches every single-character typo in a valid code', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = published[1] as string;
    let typos = 0;
    for (let i = 0; i < 18; i += 1) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(isValidCreditCode(typo), typo).toBe(false);
        typos += 1;
      }
    }
    expect(typos).toBe(18 * 30);
  });

  it('refuses a first part with a character outside the alphabet', () => {
    expect(creditCodeCheckCharacter('91350100M000100O4')).toBeNull();
    expect(creditCodeCheckCharacter('short')).toBeNull();
  });
});
