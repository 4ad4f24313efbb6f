import { strFromU8, unzipSync } from 'fflate';

/**
 * A small reader for .docx files, for tests and inspection: the XML of a part, and the plain text of the
 * paragraphs in document order. It reads WordprocessingML with regular expressions, which is enough for the
 * files this module writes (no text boxes or nested paragraphs).
 */

/** The text of one part of a .docx package, e.g. 'word/styles.xml'. Throws if the part is missing. */
export function readDocxPart(docx: Uint8Array, path: string): string {
  const files = unzipSync(docx, { filter: (file) => file.name === path });
  const part = files[path];
  if (!part) throw new Error(`No ${path} in the .docx file`);
  return strFromU8(part);
}

/** The text of word/document.xml. */
export function readDocumentXml(docx: Uint8Array): string {
  return readDocxPart(docx, 'word/document.xml');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/**
 * The plain text of every paragraph (w:p) in order, table cells included: the w:t text, '\t' for a w:tab and
 * '\n' for a w:br. Field codes (w:instrText) are left out. Empty paragraphs give ''.
 */
export function paragraphTexts(xml: string): string[] {
  const texts: string[] = [];
  let current: string | null = null;
  let inRun = false;
  let inText = false;
  const token = /<(\/?)([\w:]+)([^>]*?)(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(token)) {
    const [, closing, name, , selfClosing, chars] = m;
    if (chars !== undefined) {
      if (inText && current !== null) current += unescapeXml(chars);
      continue;
    }
    if (name === 'w:p') {
      if (closing) {
        if (current !== null) texts.push(current);
        current = null;
      } else if (selfClosing) {
        texts.push('');
      } else {
        current = '';
      }
    } else if (name === 'w:r') {
      inRun = !closing && !selfClosing;
    } else if (name === 'w:t') {
      inText = !closing && !selfClosing;
    } else if (current !== null && inRun && !closing) {
      if (name === 'w:tab') current += '\t';
      else if (name === 'w:br') current += '\n';
    }
  }
  return texts;
}

/**
 * A simple well-formedness check: every start tag is closed in order, and every '&' starts an entity. No DTDs,
 * CDATA or comments are expected in the files this module writes; they make the check fail.
 */
export function isWellFormedXml(xml: string): boolean {
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  let roots = 0;
  for (const m of body.matchAll(token)) {
    const [, closing, name, attributes, selfClosing, chars, stray] = m;
    if (stray !== undefined) return false;
    const text = chars ?? attributes ?? '';
    if (/&(?!(?:#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);)/i.test(text)) return false;
    if (chars !== undefined) {
      if (stack.length === 0 && chars.trim() !== '') return false;
      continue;
    }
    if (closing) {
      if (attributes || selfClosing || stack.pop() !== name) return false;
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name ?? '');
    }
  }
  return stack.length === 0 && roots === 1;
}
