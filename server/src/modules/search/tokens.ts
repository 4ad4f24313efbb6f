/**
 * Tokens for the Chinese full-text index. Chinese has no spaces, and words are mostly two
 * characters long, so each run of Han characters is indexed as its overlapping bigrams
 * (土地审批 → 土地 地审 审批) and each run of Latin letters or digits as one word. A query is
 * a phrase of the same bigrams, so a two-character word is one index lookup and longer terms
 * are phrase matches: the same index serves 用地, 用地审 and 土地审批 alike, on SQLite (FTS5)
 * and PostgreSQL (tsvector with positions).
 */

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

interface Run {
  han: boolean;
  text: string;
}

function runs(input: string): Run[] {
  const result: Run[] = [];
  let current: Run | null = null;
  for (const char of input.normalize('NFKC').toLowerCase()) {
    const han = HAN.test(char);
    const word = han || WORD.test(char);
    if (!word) {
      current = null;
      continue;
    }
    if (current && current.han === han) current.text += char;
    else {
      current = { han, text: char };
      result.push(current);
    }
  }
  return result;
}

function runTokens(run: Run): string[] {
  if (!run.han) return [run.text];
  const chars = [...run.text];
  if (chars.length === 1) return chars;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) bigrams.push(`${chars[i]}${chars[i + 1]}`);
  return bigrams;
}

/**
 * A token that separates runs, so that a phrase never matches across punctuation. It is a
 * private-use character: the tokenizers keep it as a token, but no query can contain it (queries
 * keep only letters and digits), so searching for it finds nothing.
 */
export const RUN_BREAK = '\uE000';

/** The tokens of a text, in order, with a break token between runs. */
export function indexTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of runs(text)) {
    if (tokens.length > 0) tokens.push(RUN_BREAK);
    tokens.push(...runTokens(run));
  }
  return tokens;
}

/**
 * A query: each whitespace-separated term becomes a phrase of its tokens; all terms must match.
 * A single Han character becomes a prefix term. Empty when nothing searchable is left.
 */
export interface QueryTerm {
  tokens: string[];
  prefix: boolean;
}

export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const run of runs(query)) {
    const tokens = runTokens(run);
    const prefix = run.han && [...run.text].length === 1;
    if (tokens.length > 0) terms.push({ tokens, prefix });
  }
  return terms;
}

/** FTS5 MATCH syntax: "a b" is a phrase, a* a prefix; terms are implicitly AND-ed. */
export function fts5Match(terms: QueryTerm[], join: 'AND' | 'OR' = 'AND'): string {
  return terms
    .map((term) => (term.prefix ? `"${term.tokens[0]}"*` : `"${term.tokens.join(' ')}"`))
    .join(` ${join} `);
}

/** PostgreSQL tsquery syntax: 'a' <-> 'b' is a phrase, 'a':* a prefix. */
export function tsQuery(terms: QueryTerm[], join: '&' | '|' = '&'): string {
  return terms
    .map((term) =>
      term.prefix ? `'${term.tokens[0]}':*` : `(${term.tokens.map((token) => `'${token}'`).join(' <-> ')})`,
    )
    .join(` ${join} `);
}

/** PostgreSQL tsvector literal with positions, so that phrase queries work without a text parser. */
export function tsVectorLiteral(tokens: string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    // tsvector positions stop at 16383; later tokens keep the last position (phrases there are rare).
    const position = Math.min(index + 1, 16383);
    const list = positions.get(token) ?? [];
    if (list.length < 256) list.push(position);
    positions.set(token, list);
  });
  return [...positions.entries()]
    .map(([token, list]) => `'${token.replaceAll("'", "''")}':${list.join(',')}`)
    .join(' ');
}
