import { describe, expect, it } from 'vitest';
import { formatChineseDate, formatDocumentNumber, isValidDocumentNumber } from './chinese-date.ts';

describe('formatChineseDate', () => {
  it('writes the year in full and the month and day without leading zeros', () => {
    expect(formatChineseDate('2025-03-05')).toBe('2025年3月5日');
    expect(formatChineseDate('2025-10-01')).toBe('2025年10月1日');
    expect(formatChineseDate('2025-12-31')).toBe('2025年12月31日');
    expect(formatChineseDate('2024-05-10')).toBe('2024年5月10日');
  });

  it('knows leap years', () => {
    expect(formatChineseDate('2024-02-29')).toBe('2024年2月29日');
    expect(formatChineseDate('2000-02-29')).toBe('2000年2月29日');
    expect(() => formatChineseDate('1900-02-29')).toThrow(RangeError);
    expect(() => formatChineseDate('2025-02-29')).toThrow(RangeError);
  });

  it.each(['2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-03-00', '0000-01-01'])(
    'throws for the impossible date %s',
    (date) => {
      expect(() => formatChineseDate(date)).toThrow(/No such date/);
    },
  );

  it.each(['2025-3-5', '20250305', '2025/03/05', '25-03-05', '2025-03-05T08:00:00Z', ' 2025-03-05', ''])(
    'throws for %j, which is not YYYY-MM-DD',
    (date) => {
      expect(() => formatChineseDate(date)).toThrow(/YYYY-MM-DD/);
    },
  );
});

describe('formatDocumentNumber', () => {
  it('puts the full year in hexagonal brackets U+3014 and U+3015 and ends with 号', () => {
    const number = formatDocumentNumber('河工信', 2025, 12);
    expect(number).toBe('河工信〔2025〕12号');
    expect([...number].map((ch) => ch.codePointAt(0))).toContain(0x3014);
    expect([...number].map((ch) => ch.codePointAt(0))).toContain(0x3015);
    expect(number).not.toMatch(/[[\]()（）【】]/);
  });

  it('does not pad the sequence number (1, not 01)', () => {
    expect(formatDocumentNumber('国办发', 2024, 7)).toBe('国办发〔2024〕7号');
    expect(formatDocumentNumber('国办发', 2024, 1)).toBe('国办发〔2024〕1号');
    expect(formatDocumentNumber('国办发', 2024, 105)).toBe('国办发〔2024〕105号');
  });

  it('trims the issuer code', () => {
    expect(formatDocumentNumber(' 河府办 ', 2025, 3)).toBe('河府办〔2025〕3号');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws for the sequence number %s', (seq) => {
    expect(() => formatDocumentNumber('河工信', 2025, seq)).toThrow(/sequence number/);
  });

  it('throws for a year that is not written in full', () => {
    expect(() => formatDocumentNumber('河工信', 25, 1)).toThrow(/year/);
    expect(() => formatDocumentNumber('河工信', 2025.5, 1)).toThrow(/year/);
  });

  it('throws for an empty or bracketed issuer code', () => {
    expect(() => formatDocumentNumber('', 2025, 1)).toThrow(RangeError);
    expect(() => formatDocumentNumber('   ', 2025, 1)).toThrow(RangeError);
    expect(() => formatDocumentNumber('河〔工〕信', 2025, 1)).toThrow(RangeError);
  });

  it('only produces numbers that isValidDocumentNumber accepts', () => {
    for (const [prefix, year, seq] of [
      ['河工信', 2025, 12],
      ['国办发', 2024, 7],
      ['X市财发', 1992, 36],
    ] as const) {
      expect(isValidDocumentNumber(formatDocumentNumber(prefix, year, seq))).toBe(true);
    }
  });
});

describe('isValidDocumentNumber', () => {
  it.each(['国办发〔2024〕7号', '河工信〔2025〕12号', 'X市财发〔1992〕36号', '粤府函〔2023〕100号'])(
    'accepts %s',
    (number) => {
      expect(isValidDocumentNumber(number)).toBe(true);
    },
  );

  it.each([
    ['square brackets', '国办发[2024]7号'],
    ['half-width parentheses', '国办发(2024)7号'],
    ['full-width parentheses', '国办发（2024）7号'],
    ['lenticular brackets', '国办发【2024】7号'],
    ['a two-digit year', '国办发〔24〕7号'],
    ['a leading zero', '国办发〔2024〕07号'],
    ['第 before the number', '国办发〔2024〕第7号'],
    ['字第 after the year', 'X市财发〔1992〕字第36号'],
    ['sequence number 0', '国办发〔2024〕0号'],
    ['no 号', '国办发〔2024〕7'],
    ['no issuer code', '〔2024〕7号'],
    ['a space', '国办发 〔2024〕7号'],
    ['full-width digits', '国办发〔２０２４〕７号'],
    ['trailing text', '国办发〔2024〕7号文'],
    ['nothing', ''],
  ])('rejects %s: %s', (_why, number) => {
    expect(isValidDocumentNumber(number)).toBe(false);
  });
});
