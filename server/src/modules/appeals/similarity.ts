import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict';

/**
 * Chinese word segmentation (jieba) for similar-appeal detection: TF-IDF keywords of a text, and
 * a score of how alike two appeals are. Loading the dictionaries takes a moment, so it happens once.
 */
let engine: { jieba: Jieba; tfidf: TfIdf } | null = null;
function segmenter() {
  engine ??= { jieba: Jieba.withDict(dict), tfidf: TfIdf.withDict(idf) };
  return engine;
}

const MEANINGFUL = /^(?=.*[\p{Script=Han}a-z])[\p{Script=Han}a-z0-9]{2,}$/u;

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** The `limit` most characteristic words of a text (two characters or more), by TF-IDF weight. */
export function keywords(text: string, limit = 12): WeightedTerm[] {
  const { jieba, tfidf } = segmenter();
  return tfidf
    .extractKeywords(jieba, text.normalize('NFKC').toLowerCase(), limit * 2)
    .filter((k) => MEANINGFUL.test(k.keyword))
    .slice(0, limit)
    .map((k) => ({ term: k.keyword, weight: k.weight }));
}

/** The distinct words of a text. */
export function words(text: string): Set<string> {
  const { jieba } = segmenter();
  return new Set(
    jieba.cutForSearch(text.normalize('NFKC').toLowerCase(), true).filter((word) => MEANINGFUL.test(word)),
  );
}

/**
 * How alike a candidate is to the source, from 0 to 1: the share of the source's keyword weight
 * that the candidate contains, blended with the overlap of their title words.
 */
export function similarity(
  source: { keywords: WeightedTerm[]; titleWords: Set<string> },
  candidate: { text: string; title: string },
): { score: number; sharedTerms: string[] } {
  const total = source.keywords.reduce((sum, k) => sum + k.weight, 0);
  const text = candidate.text.normalize('NFKC').toLowerCase();
  const shared = source.keywords.filter((k) => text.includes(k.term));
  const weighted = total > 0 ? shared.reduce((sum, k) => sum + k.weight, 0) / total : 0;
  const candidateTitle = words(candidate.title);
  const union = new Set([...source.titleWords, ...candidateTitle]).size;
  const common = [...source.titleWords].filter((w) => candidateTitle.has(w)).length;
  const jaccard = union > 0 ? common / union : 0;
  return {
    score: Math.round((0.7 * weighted + 0.3 * jaccard) * 1000) / 1000,
    sharedTerms: shared.map((k) => k.term),
  };
}
