import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict';
import { domainWords, stopWords } from './stop-words.ts';

/**
 * Hot-topic words of an appeal (热点问题): Chinese segmentation and TF-IDF keyword extraction with
 * @node-rs/jieba (jieba-rs, the dictionary and IDF table it ships), then our own filter. Pure: no
 * database. Each appeal contributes its top `TOPIC_WORDS_PER_APPEAL` words once (document frequency).
 */

/** Words an appeal counts under: its strongest keywords, after the filter. */
export const TOPIC_WORDS_PER_APPEAL = 8;

/**
 * Parts of speech a topic may be (jieba's tag set): nouns of every kind, verbs and verbal nouns,
 * idioms, set phrases and abbreviations, Latin words. Leaves out numerals and measure words
 * (三个, 30亩), adverbs, pronouns, adjectives and function words.
 */
const TOPIC_PARTS_OF_SPEECH = [
  'n',
  'nr',
  'nrt',
  'nrfg',
  'ns',
  'nt',
  'nz',
  'ng',
  'v',
  'vn',
  'l',
  'i',
  'j',
  'eng',
];

// Loading the dictionary takes about half a second: once, on first use.
let engine: { jieba: Jieba; tfidf: TfIdf } | null = null;
function loaded(): { jieba: Jieba; tfidf: TfIdf } {
  if (!engine) {
    const jieba = Jieba.withDict(dict);
    // Our words, with a frequency high enough to win over the general dictionary's cuts.
    jieba.loadDict(Buffer.from(domainWords.map((w) => `${w} 20000 vn\n`).join('')));
    engine = { jieba, tfidf: TfIdf.withDict(idf) };
  }
  return engine;
}

/** Letters of any script (CJK included); a word without one is a number or punctuation. */
const hasLetter = /\p{L}/u;
const digitsOrSymbols = /^[\p{N}\p{P}\p{S}\s]+$/u;

/** Whether a segmented word may be a topic: two or more characters, a letter, not a stop word. */
export function isTopicWord(word: string): boolean {
  if ([...word].length < 2) return false;
  if (!hasLetter.test(word) || digitsOrSymbols.test(word)) return false;
  // Mixed numbers and units (12万元, 3个月, 2025年) are quantities, not topics.
  if (/\p{N}/u.test(word)) return false;
  return !stopWords.has(word);
}

/**
 * The topic words of a text, strongest first, at most `limit`, each once. Extraction ranks more
 * candidates than needed because the filter drops some of them.
 */
export function topicWords(text: string, limit = TOPIC_WORDS_PER_APPEAL): string[] {
  const { jieba, tfidf } = loaded();
  const words: string[] = [];
  for (const { keyword } of tfidf.extractKeywords(jieba, text, limit * 4, TOPIC_PARTS_OF_SPEECH)) {
    const word = keyword.trim();
    if (isTopicWord(word) && !words.includes(word)) words.push(word);
    if (words.length === limit) break;
  }
  return words;
}

/** The topic words of an appeal: those of its title and content (not the enterprise's name). */
export function appealTopicWords(appeal: { title: string; content: string }): string[] {
  return topicWords(`${appeal.title}\n${appeal.content}`);
}

/** The month (YYYY-MM) of an instant in China Standard Time (UTC+8), as appeal_stats counts it. */
export function cityMonthOf(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 7);
}
