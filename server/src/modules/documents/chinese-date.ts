/**
 * Dates and document numbers (发文字号) written as GB/T 9704-2012 wants them: Arabic numerals, the year in
 * full, no leading zeros (不编虚位), and the year of a document number in hexagonal brackets 〔 〕.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** U+3014 and U+3015, the only brackets the standard allows around the year of a document number. */
const OPEN = '\u3014';
const CLOSE = '\u3015';

/**
 * A document number: an issuer's code (Han characters or Latin letters, such as 国办发 or X市财发), the full
 * year in 〔 〕, then the sequence number without leading zeros and without 第, followed by 号.
 */
const DOCUMENT_NUMBER = new RegExp(`^[\\p{Script=Han}A-Za-z]+${OPEN}[1-9]\\d{3}${CLOSE}[1-9]\\d*号$`, 'u');

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps time zones out of it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** '2025-03-05' → '2025年3月5日'. Throws a RangeError unless the input is a real calendar date as YYYY-MM-DD. */
export function formatChineseDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not a date in the form YYYY-MM-DD: ${JSON.stringify(isoDate)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such date: ${isoDate}`);
  }
  return `${year}年${month}月${day}日`;
}

/** ('河工信', 2025, 12) → '河工信〔2025〕12号'. Throws a RangeError for anything that would not be a valid number. */
export function formatDocumentNumber(prefix: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) {
    throw new RangeError(`The sequence number must be a whole number from 1: ${seq}`);
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`The year must be written in full (four digits): ${year}`);
  }
  const result = `${prefix.trim()}${OPEN}${year}${CLOSE}${seq}号`;
  if (!isValidDocumentNumber(result)) {
    throw new RangeError(`Not a usable issuer code for a document number: ${JSON.stringify(prefix)}`);
  }
  return result;
}

/**
 * Whether a string is a document number as GB/T 9704-2012 §7.2.5 writes it: accepts '国办发〔2024〕7号'; rejects
 * other brackets ([2024], (2024), （2024）), a short year (〔24〕), leading zeros (07号) and 第 (第7号).
 */
export function isValidDocumentNumber(s: string): boolean {
  return DOCUMENT_NUMBER.test(s);
}
