import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  type IBorderOptions,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Tab,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { formatChineseDate } from './chinese-date.ts';

/**
 * Official Chinese government documents (公文) as Word .docx files, laid out after GB/T 9704-2012《党政机关公文格式》:
 * A4, a 156 mm × 225 mm text block of 22 lines × 28 characters, the red header (版头), title, body, signature and
 * date, the colophon (版记) at the foot of the last page, and page numbers in the form '— 1 —'.
 */

export type OfficialBlock =
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; columnWidths?: number[] }
  /** A PNG centred on its own line, scaled down to the text width; width and height in pixels at 96 dpi. */
  | { kind: 'image'; png: Uint8Array; width: number; height: number; altText: string };

export interface OfficialDocument {
  /** 发文机关标志, e.g. '河源市人民政府办公室': red, centred; omitted → no header block. */
  issuer?: string;
  /** 发文字号, e.g. '河工信〔2025〕12号': centred two lines below the issuer, above the red separator line. */
  documentNumber?: string;
  /** May contain '\n' for manual line breaks. */
  title: string;
  /** 主送机关; a full-width colon is added when missing. */
  recipients?: string;
  blocks: OfficialBlock[];
  /** 附件说明: the attachment names, without numbers. */
  attachments?: string[];
  /** 发文机关署名. */
  signature?: string;
  /** 成文日期 as an ISO date, 'YYYY-MM-DD'. */
  date: string;
  /** 抄送机关, in the colophon. */
  copyTo?: string[];
  /** 印发机关和印发日期 (ISO date), in the colophon. */
  printedBy?: { unit: string; date: string };
  /** Page numbers in the footer; true when not given. */
  pageNumbers?: boolean;
}

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (millimetres: number): number => Math.round(millimetres * TWIPS_PER_MM);

const PAGE_WIDTH = 11906; // A4, 210 mm
const PAGE_HEIGHT = 16838; // A4, 297 mm
const MARGIN_TOP = mm(37);
const MARGIN_BOTTOM = mm(35);
const MARGIN_LEFT = mm(28);
const MARGIN_RIGHT = mm(26);
const TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT; // 156 mm
const TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM; // 225 mm
const LINES_PER_PAGE = 22;
const CHARS_PER_LINE = 28;
const BODY_HALF_POINTS = 32;
/**
 * Rounded down rather than to the nearest twip: 22 × 580 is more than the 12756-twip text block, and Word would fit
 * only 21 lines on a page. 579 twips is the 28.95 pt line pitch of the usual templates.
 */
const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);
/**
 * w:charSpace is the difference between the grid's character pitch and the default font size (16 pt), in 1/4096 pt.
 * Rounded down so that 28 characters always fit the line.
 */
const CHAR_SPACE = Math.floor((TEXT_WIDTH / 20 / CHARS_PER_LINE - BODY_HALF_POINTS / 2) * 4096);
/** The width of one character (字) on the grid, in twips: about 15.79 pt. */
const CHAR_PITCH = (BODY_HALF_POINTS / 2 + CHAR_SPACE / 4096) * 20;
const COLOPHON_HALF_POINTS = 28;
/** 一字 of a 4号 (14 pt) character, used for the colophon and the page numbers. */
const SMALL_CHAR = (COLOPHON_HALF_POINTS / 2) * 20;
/** Exact line height of the page-number footer (1.2 × 14 pt). */
const FOOTER_LINE = Math.round(SMALL_CHAR * 1.2);

export const layout = {
  pageWidthTwips: PAGE_WIDTH,
  pageHeightTwips: PAGE_HEIGHT,
  marginTopTwips: MARGIN_TOP,
  marginBottomTwips: MARGIN_BOTTOM,
  marginLeftTwips: MARGIN_LEFT,
  marginRightTwips: MARGIN_RIGHT,
  linesPerPage: 22,
  charsPerLine: 28,
  titleHalfPoints: 44,
  bodyHalfPoints: 32,
  colophonHalfPoints: 28,
  titleFont: '方正小标宋简体',
  bodyFont: '仿宋_GB2312',
  heading1Font: '黑体',
  heading2Font: '楷体_GB2312',
  // Beyond the numbers asked for: the derived grid and the smaller elements.
  textWidthTwips: TEXT_WIDTH,
  textHeightTwips: TEXT_HEIGHT,
  /** docGrid linePitch, and the exact line spacing of body paragraphs. */
  linePitchTwips: LINE_PITCH,
  /** docGrid charSpace. */
  charSpace: CHAR_SPACE,
  /** One character (字) on the grid, in twips (fractional). */
  charPitchTwips: CHAR_PITCH,
  /** The issuer's font size shrinks from this so that the name fits on one line. */
  issuerMaxHalfPoints: 72,
  /** 发文机关标志上边缘至版心上边缘 35 mm. */
  issuerSpaceBeforeTwips: mm(35),
  red: 'FF0000',
  /** Red separator line under the document number, in eighths of a point. */
  separatorEighths: 12,
  /** Colophon lines: the first and last 0.35 mm, the ones between 0.25 mm, in eighths of a point. */
  colophonThickEighths: 8,
  colophonThinEighths: 6,
  tableHalfPoints: 28,
  pageNumberHalfPoints: 28,
  pageNumberFont: '宋体',
  /**
   * Footer distance from the bottom edge, so that the middle of the page-number line (where the 一字线 are) is
   * 7 mm below the text block.
   */
  footerDistanceTwips: mm(35 - 7) - Math.round(FOOTER_LINE / 2),
} as const;

interface RunStyle {
  font: string;
  halfPoints: number;
  bold?: boolean;
  color?: string;
  /** false for text that should keep its natural width rather than snap to the 28-character grid. */
  snapToGrid?: boolean;
}

const BODY: RunStyle = { font: layout.bodyFont, halfPoints: layout.bodyHalfPoints };
const HEADING1: RunStyle = { font: layout.heading1Font, halfPoints: layout.bodyHalfPoints };
const HEADING2: RunStyle = { font: layout.heading2Font, halfPoints: layout.bodyHalfPoints };
const TITLE: RunStyle = { font: layout.titleFont, halfPoints: layout.titleHalfPoints, snapToGrid: false };
const COLOPHON: RunStyle = {
  font: layout.bodyFont,
  halfPoints: layout.colophonHalfPoints,
  snapToGrid: false,
};
const TABLE_TEXT: RunStyle = { font: layout.bodyFont, halfPoints: layout.tableHalfPoints, snapToGrid: false };

/** Body line spacing: exactly one grid line. */
const EXACT_LINE = { line: LINE_PITCH, lineRule: LineRuleType.EXACT } as const;
/** Two characters of first-line indent (左空二字), in character units for Word and twips for other readers. */
const INDENT_TWO_CHARS = { firstLineChars: 200, firstLine: Math.round(2 * CHAR_PITCH) } as const;

const chars = (n: number): number => Math.round(n * CHAR_PITCH);

/** Width of a text in characters (字): half-width (ASCII) characters count one half. */
function widthInChars(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0020-\u007e]/.test(ch) ? 0.5 : 1;
  return width;
}

function fontOf(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

/** Runs for a text in one style, with a line break for each '\n'. */
function runs(text: string, style: RunStyle): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        font: fontOf(style.font),
        size: style.halfPoints,
        ...(style.bold ? { bold: true } : {}),
        ...(style.color ? { color: style.color } : {}),
        ...(style.snapToGrid === false ? { snapToGrid: false } : {}),
        ...(i > 0 ? { break: 1 } : {}),
      }),
  );
}

/** Blank lines above a paragraph (下空N行), as spacing on the grid. */
const linesBefore = (n: number): number => n * LINE_PITCH;

/** Punctuation that must not end an attachment name or a 抄送 entry. */
const TRAILING_PUNCTUATION = /[\s。．.，,；;：:、]+$/u;

function header(doc: OfficialDocument): Paragraph[] {
  const issuer = doc.issuer?.trim();
  const number = doc.documentNumber?.trim();
  if (!issuer && !number) return [];
  const redLine: IBorderOptions = {
    style: BorderStyle.SINGLE,
    color: layout.red,
    size: layout.separatorEighths,
    space: 9, // pt between the line box and the rule: about 4 mm below the number's glyphs
  };
  const paragraphs: Paragraph[] = [];
  if (issuer) {
    const longestLine = Math.max(...issuer.split('\n').map(widthInChars));
    const halfPoints = Math.min(layout.issuerMaxHalfPoints, Math.floor((2 * TEXT_WIDTH) / 20 / longestLine));
    paragraphs.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: {
          before: layout.issuerSpaceBeforeTwips,
          line: Math.round(halfPoints * 10 * 1.25),
          lineRule: LineRuleType.EXACT,
        },
        ...(number ? {} : { border: { bottom: redLine } }),
        children: runs(issuer, {
          font: layout.titleFont,
          halfPoints,
          color: layout.red,
          snapToGrid: false,
        }),
      }),
    );
  }
  if (number) {
    paragraphs.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...EXACT_LINE, before: issuer ? linesBefore(2) : 0 },
        border: { bottom: redLine },
        children: runs(number, BODY),
      }),
    );
  }
  return paragraphs;
}

function title(doc: OfficialDocument, afterHeader: boolean): Paragraph {
  const text = doc.title.trim();
  if (!text) throw new RangeError('An official document needs a title');
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...EXACT_LINE, before: afterHeader ? linesBefore(2) : 0 },
    keepNext: true,
    children: runs(text, TITLE),
  });
}

function recipientsLine(recipients: string): Paragraph {
  const text = recipients.trim().replace(/[:：]$/u, '');
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing: { ...EXACT_LINE, before: linesBefore(1) },
    children: runs(`${text}：`, BODY),
  });
}

function textBlock(style: RunStyle, text: string, before: number, keepNext: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    spacing: { ...EXACT_LINE, before },
    indent: INDENT_TWO_CHARS,
    ...(keepNext ? { keepNext: true } : {}),
    children: runs(text.trim(), style),
  });
}

/** Column widths in twips from fractions of the text width; the last column takes the rounding remainder. */
function columnTwips(count: number, fractions: number[] | undefined): number[] {
  const widths = fractions ?? Array.from({ length: count }, () => 1 / count);
  if (widths.length !== count) {
    throw new RangeError(`A table has ${count} columns but ${widths.length} column widths`);
  }
  if (widths.some((w) => !(w > 0))) throw new RangeError('Column widths must be positive fractions');
  const sum = widths.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-3) throw new RangeError(`Column widths must add up to 1, not ${sum}`);
  const twips = widths.map((w) => Math.floor(w * TEXT_WIDTH));
  const used = twips.slice(0, -1).reduce((a, b) => a + b, 0);
  twips[twips.length - 1] = TEXT_WIDTH - used;
  return twips;
}

function table(block: Extract<OfficialBlock, { kind: 'table' }>): Table {
  const count = block.header.length;
  if (count === 0) throw new RangeError('A table needs at least one column');
  block.rows.forEach((row, i) => {
    if (row.length !== count) {
      throw new RangeError(`Table row ${i + 1} has ${row.length} cells, the header has ${count}`);
    }
  });
  const widths = columnTwips(count, block.columnWidths);
  const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, column: number, isHeader: boolean) =>
    new TableCell({
      width: { size: widths[column] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          alignment: isHeader ? AlignmentType.CENTER : AlignmentType.BOTH,
          spacing: { line: 240, lineRule: LineRuleType.AUTO },
          children: runs(text, { ...TABLE_TEXT, bold: isHeader }),
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: line,
      bottom: line,
      left: line,
      right: line,
      insideHorizontal: line,
      insideVertical: line,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.header.map((text, column) => cell(text, column, true)),
      }),
      ...block.rows.map(
        (row) =>
          new TableRow({ cantSplit: true, children: row.map((text, column) => cell(text, column, false)) }),
      ),
    ],
  });
}

/** A picture on its own centred line, no wider than the text block (1 px = 15 twips at 96 dpi). */
function image(block: Extract<OfficialBlock, { kind: 'image' }>, before: number): Paragraph {
  const scale = Math.min(1, TEXT_WIDTH / 15 / block.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // Auto line spacing: an exact grid line would clip the picture to one line's height.
    spacing: { before, line: 240, lineRule: LineRuleType.AUTO },
    children: [
      new ImageRun({
        type: 'png',
        data: block.png,
        transformation: {
          width: Math.floor(block.width * scale),
          height: Math.floor(block.height * scale),
        },
        altText: { name: block.altText, description: block.altText, title: block.altText },
      }),
    ],
  });
}

/** The body blocks; `blankLineFirst` puts one blank line above the first one (when there are no recipients). */
function body(blocks: OfficialBlock[], blankLineFirst: boolean): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  blocks.forEach((block, i) => {
    const before = i === 0 && blankLineFirst ? linesBefore(1) : 0;
    // The last block stays on the page of what follows, so the signature never stands alone on a page.
    const last = i === blocks.length - 1;
    switch (block.kind) {
      case 'heading1':
        out.push(textBlock(HEADING1, block.text, before, true));
        break;
      case 'heading2':
        out.push(textBlock(HEADING2, block.text, before, true));
        break;
      case 'paragraph':
        out.push(textBlock(BODY, block.text, before, last));
        break;
      case 'table':
        if (before > 0) out.push(new Paragraph({ spacing: EXACT_LINE, children: [] }));
        out.push(table(block));
        break;
      case 'image':
        out.push(image(block, before));
        break;
    }
  });
  return out;
}

/** 附件说明: '附件：1.xxx', later names aligned under the first one's number, wrapped lines under the name. */
function attachmentLines(names: string[]): Paragraph[] {
  const cleaned = names.map((n) => n.trim().replace(TRAILING_PUNCTUATION, '')).filter((n) => n.length > 0);
  const label = '附件：';
  const labelStart = 2; // 左空二字
  const afterLabel = labelStart + widthInChars(label);
  return cleaned.map((name, i) => {
    const number = cleaned.length > 1 ? `${i + 1}.` : '';
    const nameStart = afterLabel + widthInChars(number);
    const firstLineStart = i === 0 ? labelStart : afterLabel;
    return new Paragraph({
      alignment: AlignmentType.BOTH,
      spacing: { ...EXACT_LINE, before: i === 0 ? linesBefore(1) : 0 },
      indent: { left: chars(nameStart), hanging: chars(nameStart) - chars(firstLineStart) },
      keepNext: true,
      children: runs(`${i === 0 ? label : ''}${number}${name}`, BODY),
    });
  });
}

/**
 * 发文机关署名 right-aligned with two characters of space on the right, and the date on the next line starting two
 * characters to the right of the signature's first character; a date longer than that gets two characters of
 * space and the signature moves left to keep the two-character offset.
 */
function signatureAndDate(signature: string | undefined, isoDate: string): Paragraph[] {
  const date = formatChineseDate(isoDate);
  const name = signature?.trim();
  if (!name) {
    return [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { ...EXACT_LINE, before: linesBefore(1) },
        indent: { right: chars(2) },
        children: runs(date, BODY),
      }),
    ];
  }
  const nameWidth = Math.max(...name.split('\n').map(widthInChars));
  const dateWidth = widthInChars(date);
  let nameRight = 2;
  let dateRight = nameRight + nameWidth - 2 - dateWidth;
  if (dateRight < 2) {
    dateRight = 2;
    nameRight = dateRight + dateWidth + 2 - nameWidth;
  }
  return [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { ...EXACT_LINE, before: linesBefore(1) },
      indent: { right: chars(nameRight) },
      keepNext: true,
      children: runs(name, BODY),
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: EXACT_LINE,
      indent: { right: chars(dateRight) },
      children: runs(date, BODY),
    }),
  ];
}

/**
 * 版记: 抄送 and 印发机关和印发日期 in 4号仿宋 between a thick first and last rule and thin rules between, as a
 * floating table held to the bottom of the text block of the page it lands on, so that the last rule lies on the
 * text block's lower edge.
 */
function colophon(doc: OfficialDocument): (Paragraph | Table)[] {
  const copyTo = (doc.copyTo ?? [])
    .map((n) => n.trim().replace(TRAILING_PUNCTUATION, ''))
    .filter((n) => n.length > 0);
  const lines: Paragraph[] = [];
  if (copyTo.length > 0) {
    // 左右各空一字; wrapped lines line up with the first name after the colon.
    lines.push(
      new Paragraph({
        alignment: AlignmentType.BOTH,
        spacing: EXACT_LINE,
        indent: { left: SMALL_CHAR * 4, hanging: SMALL_CHAR * 3, right: SMALL_CHAR },
        children: runs(`抄送：${copyTo.join('，')}。`, COLOPHON),
      }),
    );
  }
  if (doc.printedBy) {
    // 印发机关左空一字，印发日期右空一字.
    const printedOn = formatChineseDate(doc.printedBy.date);
    lines.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: EXACT_LINE,
        indent: { left: SMALL_CHAR, right: SMALL_CHAR },
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - SMALL_CHAR }],
        children: [
          ...runs(doc.printedBy.unit.trim(), COLOPHON),
          new TextRun({
            children: [new Tab(), `${printedOn}印发`],
            font: fontOf(COLOPHON.font),
            size: COLOPHON.halfPoints,
            snapToGrid: false,
          }),
        ],
      }),
    );
  }
  if (lines.length === 0) return [];
  const thick: IBorderOptions = {
    style: BorderStyle.SINGLE,
    size: layout.colophonThickEighths,
    color: '000000',
  };
  const thin: IBorderOptions = {
    style: BorderStyle.SINGLE,
    size: layout.colophonThinEighths,
    color: '000000',
  };
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    borders: {
      top: thick,
      bottom: thick,
      insideHorizontal: thin,
      left: none,
      right: none,
      insideVertical: none,
    },
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
      topFromText: LINE_PITCH,
    },
    rows: lines.map(
      (paragraph) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, children: [paragraph] }),
          ],
        }),
    ),
  });
  // The paragraph after a floating table is its anchor; Word also wants a paragraph to end the body.
  return [table, new Paragraph({ spacing: EXACT_LINE, children: [] })];
}

/** '— 1 —' in 4号 half-width 宋体: odd pages on the right, even pages on the left, one character in from the edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { line: FOOTER_LINE, lineRule: LineRuleType.EXACT },
        indent: side === 'odd' ? { right: SMALL_CHAR } : { left: SMALL_CHAR },
        children: [
          new TextRun({
            children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'],
            font: fontOf(layout.pageNumberFont),
            size: layout.pageNumberHalfPoints,
            snapToGrid: false,
          }),
        ],
      }),
    ],
  });
}

/** Renders an official document as a .docx file. Throws a RangeError on an invalid date, title or table. */
export async function renderOfficialDocument(doc: OfficialDocument): Promise<Buffer> {
  const head = header(doc);
  const recipients = doc.recipients?.trim();
  const children: (Paragraph | Table)[] = [
    ...head,
    title(doc, head.length > 0),
    ...(recipients ? [recipientsLine(recipients)] : []),
    ...body(doc.blocks, !recipients),
    ...attachmentLines(doc.attachments ?? []),
    ...signatureAndDate(doc.signature, doc.date),
    ...colophon(doc),
  ];
  const pageNumbers = doc.pageNumbers ?? true;
  const creator = doc.issuer?.trim() || 'Face-to-Face';

  const document = new Document({
    title: doc.title.replace(/\s*\n\s*/g, ''),
    creator,
    lastModifiedBy: creator,
    ...(pageNumbers ? { evenAndOddHeaderAndFooters: true } : {}),
    styles: {
      default: {
        document: {
          run: {
            font: fontOf(layout.bodyFont),
            size: layout.bodyHalfPoints,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
            margin: {
              top: MARGIN_TOP,
              bottom: MARGIN_BOTTOM,
              left: MARGIN_LEFT,
              right: MARGIN_RIGHT,
              header: mm(15),
              footer: layout.footerDistanceTwips,
              gutter: 0,
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        ...(pageNumbers
          ? { footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') } }
          : {}),
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
