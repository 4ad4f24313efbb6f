import { describe, expect, it } from 'vitest';
import { fts5Match, indexTokens, queryTerms, RUN_BREAK, tsQuery, tsVectorLiteral } from './tokens.ts';

/** Whether `needle` occurs in `haystack` as consecutive elements (a phrase match). */
function containsPhrase(haystack: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    if (needle.every((token, j) => haystack[i + j] === token)) return true;
  }
  return false;
}

describe('indexTokens', () => {
  it('turns a run of Han characters into its overlapping bigrams', () => {
    expect(indexTokens('土地审批')).toEqual(['土地', '地审', '审批']);
    expect(indexTokens('用地')).toEqual(['用地']);
    expect(indexTokens('地')).toEqual(['地']);
  });

  it('puts a break between runs, so that punctuation and spaces separate words', () => {
    expect(indexTokens('用地。审批')).toEqual(['用地', RUN_BREAK, '审批']);
    expect(indexTokens('用地 审批')).toEqual(['用地', RUN_BREAK, '审批']);
    expect(indexTokens('用地\n\n审批，')).toEqual(['用地', RUN_BREAK, '审批']);
    expect(indexTokens('，。！')).toEqual([]);
    expect(indexTokens('')).toEqual([]);
  });

  it('keeps Latin letters and digits together as one lower-case word, apart from Han', () => {
    expect(indexTokens('ERP系统E1024')).toEqual(['erp', RUN_BREAK, '系统', RUN_BREAK, 'e1024']);
    expect(indexTokens('ISO 9001认证')).toEqual(['iso', RUN_BREAK, '9001', RUN_BREAK, '认证']);
  });

  it('normalises full-width forms (NFKC) and case', () => {
    expect(indexTokens('ＥＲＰ１２３')).toEqual(['erp123']);
    expect(indexTokens('Ｅｒｐ　系统')).toEqual(['erp', RUN_BREAK, '系统']);
  });
});

describe('queryTerms', () => {
  it('makes each whitespace-separated word a phrase of its bigrams', () => {
    expect(queryTerms('用地 土地审批')).toEqual([
      { tokens: ['用地'], prefix: false },
      { tokens: ['土地', '地审', '审批'], prefix: false },
    ]);
    expect(queryTerms('用地指')).toEqual([{ tokens: ['用地', '地指'], prefix: false }]);
  });

  it('splits at punctuation as the index does, and makes a single Han character a prefix', () => {
    expect(queryTerms('用地，审批')).toEqual([
      { tokens: ['用地'], prefix: false },
      { tokens: ['审批'], prefix: false },
    ]);
    expect(queryTerms('融')).toEqual([{ tokens: ['融'], prefix: true }]);
    expect(queryTerms('ERP')).toEqual([{ tokens: ['erp'], prefix: false }]);
  });

  it('leaves nothing of punctuation, and can never ask for the run break', () => {
    expect(queryTerms('，。！？ ')).toEqual([]);
    expect(queryTerms(RUN_BREAK)).toEqual([]);
    expect(queryTerms(`用地${RUN_BREAK}审批`).flatMap((t) => t.tokens)).not.toContain(RUN_BREAK);
  });

  it('agrees with the index: every piece of a text is found, nothing across punctuation is', () => {
    const text = '企业扩建生产线需要新增用地，但用地指标不足。ERP系统E1024';
    const tokens = indexTokens(text);
    const chars = [...text];
    let checked = 0;
    for (let start = 0; start < chars.length; start += 1) {
      for (let end = start + 2; end <= Math.min(chars.length, start + 6); end += 1) {
        const piece = chars.slice(start, end).join('');
        const terms = queryTerms(piece);
        const han = /^\p{Script=Han}+$/u;
        if (han.test(piece)) {
          // Any Han piece within a run is a phrase of the index.
          expect(terms, piece).toHaveLength(1);
          expect(containsPhrase(tokens, terms[0]?.tokens ?? []), piece).toBe(true);
          checked += 1;
        } else if (/^[a-zA-Z0-9]+$/.test(piece)) {
          // Latin words are whole words: a fragment of one is not a word of the index.
          expect(tokens.includes(piece.toLowerCase()), piece).toBe(['ERP', 'E1024'].includes(piece));
        } else {
          // Across punctuation: the same characters typed together are not a phrase of the index.
          const joined = piece.replace(/[^\p{Script=Han}]/gu, '');
          if (joined.length >= 2 && han.test(joined) && /\p{Script=Han}[，。]\p{Script=Han}/u.test(piece)) {
            const term = queryTerms(joined)[0];
            expect(containsPhrase(tokens, term?.tokens ?? []), joined).toBe(false);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('fts5Match', () => {
  it('quotes each term as a phrase and joins them', () => {
    const terms = queryTerms('用地 土地审批 融');
    expect(fts5Match(terms)).toBe('"用地" AND "土地 地审 审批" AND "融"*');
    expect(fts5Match(terms, 'OR')).toBe('"用地" OR "土地 地审 审批" OR "融"*');
    expect(fts5Match(queryTerms('erp'))).toBe('"erp"');
  });

  it('cannot be broken out of: quotes and operators in the query are only separators or words', () => {
    expect(fts5Match(queryTerms('用地" OR "x'))).toBe('"用地" AND "or" AND "x"');
    expect(fts5Match(queryTerms('NEAR(用地*'))).toBe('"near" AND "用地"');
  });
});

describe('tsQuery', () => {
  it('makes phrases with <-> and prefixes with :*', () => {
    const terms = queryTerms('用地 土地审批 融');
    expect(tsQuery(terms)).toBe("('用地') & ('土地' <-> '地审' <-> '审批') & '融':*");
    expect(tsQuery(terms, '|')).toBe("('用地') | ('土地' <-> '地审' <-> '审批') | '融':*");
  });

  it('cannot be broken out of: quotes and operators never reach the query', () => {
    expect(tsQuery(queryTerms("用地' | '审批"))).toBe("('用地') & ('审批')");
    expect(tsQuery(queryTerms('!用地 & 审批:*'))).toBe("('用地') & ('审批')");
  });
});

describe('tsVectorLiteral', () => {
  it('lists each token once with all its positions, counting from 1', () => {
    expect(tsVectorLiteral(['用地', RUN_BREAK, '用地', '地指'])).toBe(`'用地':1,3 '${RUN_BREAK}':2 '地指':4`);
    expect(tsVectorLiteral([])).toBe('');
  });

  it('doubles quotes inside a token', () => {
    expect(tsVectorLiteral(["it's"])).toBe("'it''s':1");
  });

  it('stays within PostgreSQL’s limits: positions up to 16383, at most 256 per token', () => {
    const many = Array.from({ length: 20_000 }, () => '用地');
    const literal = tsVectorLiteral(many);
    const positions = literal.slice("'用地':".length).split(',').map(Number);
    expect(positions).toHaveLength(256);
    expect(positions[0]).toBe(1);
    expect(positions[255]).toBe(256);

    const long = [...Array.from({ length: 17_000 }, (_, i) => `w${i}`), 'end'];
    expect(tsVectorLiteral(long).endsWith("'end':16383")).toBe(true);
    expect(tsVectorLiteral(long)).toContain("'w16382':16383");
  });
});
