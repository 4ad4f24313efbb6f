import { beforeAll, describe, expect, it } from 'vitest';
import { isWellFormedXml, paragraphTexts, readDocumentXml, readDocxPart } from './docx-reader.ts';
import { layout, type OfficialDocument, renderOfficialDocument } from './official-document.ts';

const SAMPLE: OfficialDocument = {
  issuer: '河源市人民政府办公室',
  documentNumber: '河工信〔2025〕12号',
  title: '关于开展涉企诉求\n专项走访工作的通知',
  recipients: '各县区人民政府，市直各单位',
  blocks: [
    { kind: 'heading1', text: '一、总体情况' },
    { kind: 'heading2', text: '（一）工作目标' },
    { kind: 'paragraph', text: '全面摸排企业诉求，建立台账，限时办结。' },
    {
      kind: 'table',
      header: ['序号', '单位', '诉求数'],
      rows: [
        ['1', '源城区', '12'],
        ['2', '东源县', '8'],
      ],
      columnWidths: [0.2, 0.5, 0.3],
    },
    { kind: 'paragraph', text: '请各单位于3月底前报送进展情况。' },
  ],
  attachments: ['走访企业名单', '诉求登记表。'],
  signature: '河源市人民政府办公室',
  date: '2025-03-05',
  copyTo: ['市委办公室', '市人大常委会办公室'],
  printedBy: { unit: '河源市人民政府办公室', date: '2025-03-06' },
};

async function documentXmlOf(doc: OfficialDocument): Promise<string> {
  return readDocumentXml(await renderOfficialDocument(doc));
}

/** The XML of every paragraph (w:p … /w:p). */
function paragraphsXml(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
}

/** The XML of the one paragraph whose text is exactly `text`. */
function paragraphWithText(xml: string, text: string): string {
  const matches = paragraphsXml(xml).filter((p) => paragraphTexts(p)[0] === text);
  expect(matches, `paragraphs with the text ${JSON.stringify(text)}`).toHaveLength(1);
  return matches[0] ?? '';
}

/** The XML of every run (w:r … /w:r) in a piece of XML. */
function runsXml(xml: string): string[] {
  return [...xml.matchAll(/<w:r(?:\s[^>]*)?>[\s\S]*?<\/w:r>/g)].map((m) => m[0]);
}

/** An attribute of the first element with that name, e.g. attr(xml, 'w:pgSz', 'w:w'). */
function attr(xml: string, element: string, name: string): string | undefined {
  const tag = new RegExp(`<${element}(?=[\\s/>])[^>]*>`).exec(xml)?.[0];
  return tag ? new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
}

function expectFont(run: string, font: string) {
  expect(attr(run, 'w:rFonts', 'w:eastAsia')).toBe(font);
  expect(attr(run, 'w:rFonts', 'w:ascii')).toBe(font);
  expect(attr(run, 'w:rFonts', 'w:hAnsi')).toBe(font);
}

describe('renderOfficialDocument: page set-up', () => {
  let xml: string;
  beforeAll(async () => {
    xml = await documentXmlOf(SAMPLE);
  });

  it('uses A4 with the GB/T 9704 margins (37 / 35 / 28 / 26 mm)', () => {
    expect(attr(xml, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(xml, 'w:pgSz', 'w:h')).toBe('16838');
    expect(attr(xml, 'w:pgMar', 'w:top')).toBe('2098');
    expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe('1984');
    expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1587');
    expect(attr(xml, 'w:pgMar', 'w:right')).toBe('1474');
    expect(layout).toMatchObject({
      pageWidthTwips: 11906,
      pageHeightTwips: 16838,
      marginTopTwips: 2098,
      marginBottomTwips: 1984,
      marginLeftTwips: 1587,
      marginRightTwips: 1474,
      textWidthTwips: 8845,
      textHeightTwips: 12756,
    });
  });

  it('sets a lines-and-characters grid of 22 lines × 28 characters', () => {
    expect(attr(xml, 'w:docGrid', 'w:type')).toBe('linesAndChars');
    expect(attr(xml, 'w:docGrid', 'w:linePitch')).toBe('579');
    expect(attr(xml, 'w:docGrid', 'w:charSpace')).toBe(String(layout.charSpace));
    // 22 lines fit the 225 mm text block and a 23rd does not.
    expect(22 * layout.linePitchTwips).toBeLessThanOrEqual(layout.textHeightTwips);
    expect(23 * layout.linePitchTwips).toBeGreaterThan(layout.textHeightTwips);
    // 28 characters of 16 pt plus charSpace fit the 156 mm line and a 29th does not.
    const pitch = (layout.bodyHalfPoints / 2 + layout.charSpace / 4096) * 20;
    expect(28 * pitch).toBeLessThanOrEqual(layout.textWidthTwips);
    expect(29 * pitch).toBeGreaterThan(layout.textWidthTwips);
    expect(layout.charSpace).toBe(-842);
  });

  it('defaults runs to 3号仿宋 in Chinese (zh-CN)', async () => {
    const styles = readDocxPart(await renderOfficialDocument(SAMPLE), 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(attr(defaults, 'w:lang', 'w:eastAsia')).toBe('zh-CN');
    expect(attr(defaults, 'w:lang', 'w:val')).toBe('zh-CN');
    expect(attr(defaults, 'w:sz', 'w:val')).toBe('32');
    expectFont(defaults, '仿宋_GB2312');
  });

  it('sets the core properties: title without line breaks, creator = issuer', async () => {
    const core = readDocxPart(await renderOfficialDocument(SAMPLE), 'docProps/core.xml');
    expect(core).toContain('<dc:title>关于开展涉企诉求专项走访工作的通知</dc:title>');
    expect(core).toContain('<dc:creator>河源市人民政府办公室</dc:creator>');
    const { issuer: _issuer, ...withoutIssuer } = SAMPLE;
    const core2 = readDocxPart(await renderOfficialDocument(withoutIssuer), 'docProps/core.xml');
    expect(core2).toContain('<dc:creator>Face-to-Face</dc:creator>');
  });
});

describe('renderOfficialDocument: header block, title and body', () => {
  let xml: string;
  let texts: string[];
  beforeAll(async () => {
    xml = await documentXmlOf(SAMPLE);
    texts = paragraphTexts(xml).filter((t) => t !== '');
  });

  it('prints the issuer in red 小标宋, centred, 35 mm below the top of the text block', () => {
    // The issuer and the signature have the same text: the issuer is the first paragraph.
    const first = paragraphsXml(xml)[0] ?? '';
    expect(paragraphTexts(first)).toEqual(['河源市人民政府办公室']);
    const [run] = runsXml(first);
    expect(attr(run ?? '', 'w:color', 'w:val')).toBe('FF0000');
    expectFont(run ?? '', '方正小标宋简体');
    expect(attr(first, 'w:jc', 'w:val')).toBe('center');
    expect(attr(first, 'w:spacing', 'w:before')).toBe('1984');
  });

  it('centres the document number two lines below the issuer, above a full-width red rule', () => {
    const p = paragraphWithText(xml, '河工信〔2025〕12号');
    expect(attr(p, 'w:jc', 'w:val')).toBe('center');
    expect(attr(p, 'w:spacing', 'w:before')).toBe(String(2 * 579));
    expect(attr(p, 'w:bottom', 'w:val')).toBe('single');
    expect(attr(p, 'w:bottom', 'w:color')).toBe('FF0000');
    // Full width: the paragraph has no indentation.
    expect(p).not.toContain('<w:ind');
    expect(texts.indexOf('河工信〔2025〕12号')).toBe(1);
  });

  it('sets the title in 2号 (22 pt) 小标宋, centred, two lines below the rule, with its line break', () => {
    const p = paragraphWithText(xml, '关于开展涉企诉求\n专项走访工作的通知');
    expect(attr(p, 'w:jc', 'w:val')).toBe('center');
    expect(attr(p, 'w:spacing', 'w:before')).toBe('1158');
    expect(p).toContain('<w:br/>');
    const runs = runsXml(p);
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(attr(run, 'w:sz', 'w:val')).toBe('44');
      expectFont(run, '方正小标宋简体');
      expect(run).not.toContain('w:color');
    }
  });

  it('writes the recipients flush left with a full-width colon, one line below the title', () => {
    const p = paragraphWithText(xml, '各县区人民政府，市直各单位：');
    expect(attr(p, 'w:jc', 'w:val')).toBe('left');
    expect(attr(p, 'w:spacing', 'w:before')).toBe('579');
    expect(p).not.toContain('<w:ind');
  });

  it('sets body paragraphs in 3号仿宋 with a two-character first-line indent on exact 579-twip lines', () => {
    const p = paragraphWithText(xml, '全面摸排企业诉求，建立台账，限时办结。');
    expect(attr(p, 'w:ind', 'w:firstLineChars')).toBe('200');
    expect(attr(p, 'w:spacing', 'w:line')).toBe('579');
    expect(attr(p, 'w:spacing', 'w:lineRule')).toBe('exact');
    expect(attr(p, 'w:jc', 'w:val')).toBe('both');
    const [run] = runsXml(p);
    expect(attr(run ?? '', 'w:sz', 'w:val')).toBe('32');
    expectFont(run ?? '', '仿宋_GB2312');
  });

  it('sets first-level headings in 黑体 and second-level headings in 楷体_GB2312, kept with the next line', () => {
    const h1 = paragraphWithText(xml, '一、总体情况');
    expectFont(runsXml(h1)[0] ?? '', '黑体');
    expect(attr(runsXml(h1)[0] ?? '', 'w:sz', 'w:val')).toBe('32');
    expect(h1).toContain('<w:keepNext/>');
    const h2 = paragraphWithText(xml, '（一）工作目标');
    expectFont(runsXml(h2)[0] ?? '', '楷体_GB2312');
    expect(attr(h2, 'w:ind', 'w:firstLineChars')).toBe('200');
  });

  it('keeps the order title → recipients → body → attachments → signature → date', () => {
    const order = [
      '关于开展涉企诉求\n专项走访工作的通知',
      '各县区人民政府，市直各单位：',
      '一、总体情况',
      '全面摸排企业诉求，建立台账，限时办结。',
      '请各单位于3月底前报送进展情况。',
      '附件：1.走访企业名单',
      '2025年3月5日',
    ].map((t) => texts.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The signature is the paragraph just before the date.
    const date = texts.indexOf('2025年3月5日');
    expect(texts[date - 1]).toBe('河源市人民政府办公室');
    expect(texts[0]).toBe('河源市人民政府办公室');
  });

  it('leaves out the header block and the red rule when there is no issuer or number', async () => {
    const { issuer: _i, documentNumber: _n, ...plain } = SAMPLE;
    const bare = await documentXmlOf(plain);
    expect(bare).not.toContain('FF0000');
    expect(paragraphTexts(bare)[0]).toBe('关于开展涉企诉求\n专项走访工作的通知');
    const title = paragraphsXml(bare)[0] ?? '';
    expect(attr(title, 'w:spacing', 'w:before')).toBe('0');
  });

  it('draws the red rule under the issuer when there is no document number', async () => {
    const { documentNumber: _n, ...noNumber } = SAMPLE;
    const first = paragraphsXml(await documentXmlOf(noNumber))[0] ?? '';
    expect(attr(first, 'w:bottom', 'w:color')).toBe('FF0000');
  });

  it('adds the full-width colon only once, and replaces a half-width one', async () => {
    for (const recipients of ['各县区人民政府', '各县区人民政府：', '各县区人民政府:']) {
      const texts2 = paragraphTexts(await documentXmlOf({ ...SAMPLE, recipients }));
      expect(texts2).toContain('各县区人民政府：');
      expect(texts2.some((t) => t.endsWith('：：') || t.endsWith(':'))).toBe(false);
    }
  });

  it('escapes XML special characters and the file still parses', async () => {
    const tricky = await renderOfficialDocument({
      ...SAMPLE,
      title: '关于A<&>B的"通知"',
      blocks: [{ kind: 'paragraph', text: '比较 a<b && c>d 的情况' }],
    });
    const doc = readDocumentXml(tricky);
    expect(doc).toContain('关于A&lt;&amp;&gt;B的');
    expect(doc).toContain('a&lt;b &amp;&amp; c&gt;d');
    expect(doc).not.toContain('<&>');
    expect(doc).not.toContain('a<b');
    expect(isWellFormedXml(doc)).toBe(true);
    expect(isWellFormedXml(readDocxPart(tricky, 'docProps/core.xml'))).toBe(true);
    expect(paragraphTexts(doc)).toContain('比较 a<b && c>d 的情况');
  });

  it('rejects an empty title and an invalid date', async () => {
    await expect(renderOfficialDocument({ ...SAMPLE, title: '  ' })).rejects.toThrow(/title/);
    await expect(renderOfficialDocument({ ...SAMPLE, date: '2025-02-30' })).rejects.toThrow(RangeError);
    await expect(
      renderOfficialDocument({ ...SAMPLE, printedBy: { unit: '办公室', date: '2025-3-6' } }),
    ).rejects.toThrow(RangeError);
  });
});

describe('renderOfficialDocument: tables', () => {
  let xml: string;
  beforeAll(async () => {
    xml = await documentXmlOf(SAMPLE);
  });

  it('puts the cells in order, after the paragraph before the table', () => {
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    expect(paragraphTexts(table)).toEqual([
      '序号',
      '单位',
      '诉求数',
      '1',
      '源城区',
      '12',
      '2',
      '东源县',
      '8',
    ]);
    const texts = paragraphTexts(xml);
    expect(texts.indexOf('全面摸排企业诉求，建立台账，限时办结。')).toBeLessThan(texts.indexOf('序号'));
    expect(texts.indexOf('8')).toBeLessThan(texts.indexOf('请各单位于3月底前报送进展情况。'));
  });

  it('spans the text block (156 mm) with columns in the given proportions', () => {
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    expect(attr(table, 'w:tblW', 'w:w')).toBe('8845');
    expect(attr(table, 'w:tblW', 'w:type')).toBe('dxa');
    const columns = [...table.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(columns).toEqual([1769, 4422, 2654]);
    expect(columns.reduce((a, b) => a + b, 0)).toBe(8845);
  });

  it('sets the header row bold and repeated, and the cells in 4号 (14 pt) 仿宋', () => {
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:tblHeader/>');
    for (const run of runsXml(rows[0] ?? '')) {
      expect(run).toContain('<w:b/>');
      expect(attr(run, 'w:sz', 'w:val')).toBe('28');
    }
    for (const run of runsXml(rows[1] ?? '')) {
      expect(run).not.toContain('<w:b/>');
      expect(attr(run, 'w:sz', 'w:val')).toBe('28');
      expectFont(run, '仿宋_GB2312');
    }
  });

  it('shares the width equally when no column widths are given', async () => {
    const doc = await documentXmlOf({
      ...SAMPLE,
      blocks: [{ kind: 'table', header: ['甲', '乙'], rows: [['1', '2']] }],
    });
    const columns = [...doc.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(columns.slice(0, 2)).toEqual([4422, 4423]);
  });

  it('rejects column widths that do not fit the columns or add up to 1, and ragged rows', async () => {
    const table = (columnWidths: number[] | undefined, rows: string[][] = [['1', '2']]) =>
      renderOfficialDocument({
        ...SAMPLE,
        blocks: [{ kind: 'table', header: ['甲', '乙'], rows, columnWidths }],
      });
    await expect(table([0.5, 0.3])).rejects.toThrow(/add up to 1/);
    await expect(table([1])).rejects.toThrow(/2 columns but 1/);
    await expect(table([1.5, -0.5])).rejects.toThrow(/positive/);
    await expect(table(undefined, [['1']])).rejects.toThrow(/row 1 has 1 cells/);
  });
});

describe('renderOfficialDocument: attachments, signature, date', () => {
  let xml: string;
  beforeAll(async () => {
    xml = await documentXmlOf(SAMPLE);
  });

  it('numbers several attachments, aligns the later ones under the first number, drops end punctuation', () => {
    const first = paragraphWithText(xml, '附件：1.走访企业名单');
    const second = paragraphWithText(xml, '2.诉求登记表');
    expect(attr(first, 'w:spacing', 'w:before')).toBe('579');
    // First line starts two characters in; the second starts where '1.' starts (2 + 3 characters in).
    const start = (p: string) => Number(attr(p, 'w:ind', 'w:left')) - Number(attr(p, 'w:ind', 'w:hanging'));
    expect(start(first)).toBe(Math.round(2 * layout.charPitchTwips));
    expect(start(second)).toBe(Math.round(5 * layout.charPitchTwips));
    // Wrapped lines line up with the first character of the attachment name.
    expect(attr(first, 'w:ind', 'w:left')).toBe(attr(second, 'w:ind', 'w:left'));
  });

  it('writes a single attachment without a number', async () => {
    const texts = paragraphTexts(await documentXmlOf({ ...SAMPLE, attachments: ['实施方案。'] }));
    expect(texts).toContain('附件：实施方案');
    expect(texts.some((t) => t.startsWith('附件：1.'))).toBe(false);
  });

  it('right-aligns the signature two characters in and starts the date two characters further right', () => {
    const date = paragraphWithText(xml, '2025年3月5日');
    const paragraphs = paragraphsXml(xml);
    const signature = paragraphs[paragraphs.indexOf(date) - 1] ?? '';
    expect(paragraphTexts(signature)).toEqual(['河源市人民政府办公室']);
    expect(attr(signature, 'w:jc', 'w:val')).toBe('right');
    expect(attr(signature, 'w:ind', 'w:right')).toBe(String(Math.round(2 * layout.charPitchTwips)));
    expect(attr(signature, 'w:spacing', 'w:before')).toBe('579');
    expect(attr(date, 'w:jc', 'w:val')).toBe('right');
    // Signature: 10 characters from 12 to 2 from the right; date (6 characters) starts 2 to the right, at 10.
    expect(attr(date, 'w:ind', 'w:right')).toBe(String(Math.round(4 * layout.charPitchTwips)));
    expect(attr(runsXml(date)[0] ?? '', 'w:sz', 'w:val')).toBe('32');
  });

  it('gives a date longer than the signature two characters of space and moves the signature left', async () => {
    const doc = await documentXmlOf({ ...SAMPLE, signature: '市政府' });
    const date = paragraphWithText(doc, '2025年3月5日');
    const signature = paragraphWithText(doc, '市政府');
    expect(attr(date, 'w:ind', 'w:right')).toBe(String(Math.round(2 * layout.charPitchTwips)));
    expect(attr(signature, 'w:ind', 'w:right')).toBe(String(Math.round(7 * layout.charPitchTwips)));
  });

  it('writes the date alone, two characters in from the right, when there is no signature', async () => {
    const { signature: _s, ...unsigned } = SAMPLE;
    const doc = await documentXmlOf(unsigned);
    const date = paragraphWithText(doc, '2025年3月5日');
    expect(attr(date, 'w:ind', 'w:right')).toBe(String(Math.round(2 * layout.charPitchTwips)));
    expect(attr(date, 'w:spacing', 'w:before')).toBe('579');
  });
});

describe('renderOfficialDocument: colophon and page numbers', () => {
  let docx: Buffer;
  let xml: string;
  beforeAll(async () => {
    docx = await renderOfficialDocument(SAMPLE);
    xml = readDocumentXml(docx);
  });

  it('writes 抄送 in 4号仿宋, names separated by full-width commas and ended with 。', () => {
    const p = paragraphWithText(xml, '抄送：市委办公室，市人大常委会办公室。');
    const [run] = runsXml(p);
    expect(attr(run ?? '', 'w:sz', 'w:val')).toBe('28');
    expectFont(run ?? '', '仿宋_GB2312');
    const texts = paragraphTexts(xml);
    expect(texts.findIndex((t) => t.startsWith('抄送：'))).toBeGreaterThan(texts.indexOf('2025年3月5日'));
  });

  it('writes the printing unit on the left and the printing date with 印发 at a right tab', () => {
    const p = paragraphWithText(xml, '河源市人民政府办公室\t2025年3月6日印发');
    expect(attr(p, 'w:tab', 'w:val')).toBe('right');
    expect(attr(p, 'w:tab', 'w:pos')).toBe(String(layout.textWidthTwips - 280));
    expect(attr(p, 'w:ind', 'w:left')).toBe('280');
  });

  it('keeps the colophon at the foot of the text block between thick outer and thin inner rules', () => {
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const colophon = tables.find((t) => t.includes('抄送：')) ?? '';
    expect(attr(colophon, 'w:tblpPr', 'w:vertAnchor')).toBe('margin');
    expect(attr(colophon, 'w:tblpPr', 'w:tblpYSpec')).toBe('bottom');
    expect(attr(colophon, 'w:tblW', 'w:w')).toBe('8845');
    expect(attr(colophon, 'w:top', 'w:sz')).toBe('8');
    expect(attr(colophon, 'w:bottom', 'w:sz')).toBe('8');
    expect(attr(colophon, 'w:insideH', 'w:sz')).toBe('6');
    expect(attr(colophon, 'w:left', 'w:val')).toBe('none');
  });

  it('has no colophon without 抄送 or 印发', async () => {
    const { copyTo: _c, printedBy: _p, ...bare } = SAMPLE;
    const doc = await documentXmlOf(bare);
    expect(doc).not.toContain('w:tblpPr');
    expect(paragraphTexts(doc).some((t) => t.startsWith('抄送'))).toBe(false);
  });

  it('numbers pages "— n —" in 4号宋体: odd pages on the right, even pages on the left', () => {
    const sectPr = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(xml)?.[0] ?? '';
    expect(sectPr).toMatch(/<w:footerReference w:type="default" r:id="rId\d+"\/>/);
    expect(sectPr).toMatch(/<w:footerReference w:type="even" r:id="rId\d+"\/>/);
    expect(readDocxPart(docx, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');

    const footers = ['word/footer1.xml', 'word/footer2.xml'].map((path) => readDocxPart(docx, path));
    const sides = footers.map((f) => attr(f, 'w:jc', 'w:val')).sort();
    expect(sides).toEqual(['left', 'right']);
    for (const footer of footers) {
      // The PAGE field sits between the two spaces; its result is left for Word to fill in.
      expect(paragraphTexts(footer)).toEqual(['\u2014  \u2014']);
      expect(footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      for (const run of runsXml(footer)) {
        expect(attr(run, 'w:sz', 'w:val')).toBe('28');
        expectFont(run, '宋体');
      }
    }
    const odd = footers.find((f) => attr(f, 'w:jc', 'w:val') === 'right') ?? '';
    expect(attr(odd, 'w:ind', 'w:right')).toBe('280');
  });

  it('leaves page numbers out when asked', async () => {
    const plain = await renderOfficialDocument({ ...SAMPLE, pageNumbers: false });
    expect(readDocumentXml(plain)).not.toContain('w:footerReference');
    // docx always writes the setting; switched off it says so.
    const settings = readDocxPart(plain, 'word/settings.xml');
    expect(settings).not.toContain('<w:evenAndOddHeaders/>');
    expect(attr(settings, 'w:evenAndOddHeaders', 'w:val') ?? 'false').toBe('false');
  });
});

describe('docx-reader', () => {
  it('reads paragraph texts in order, with tabs and breaks, without field codes or tab stops', () => {
    const xml =
      '<w:body><w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="100"/></w:tabs></w:pPr>' +
      '<w:r><w:t>a&lt;b</w:t><w:tab/><w:t>c</w:t></w:r></w:p><w:p/>' +
      '<w:p><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>x</w:t><w:br/><w:t>y&#x4E00;</w:t></w:r></w:p></w:body>';
    expect(paragraphTexts(xml)).toEqual(['a<b\tc', '', 'x\ny一']);
  });

  it('tells well-formed XML from broken XML', () => {
    expect(isWellFormedXml('<?xml version="1.0"?><a x="1"><b/>t &amp; u</a>')).toBe(true);
    expect(isWellFormedXml('<a><b></a></b>')).toBe(false);
    expect(isWellFormedXml('<a>t & u</a>')).toBe(false);
    expect(isWellFormedXml('<a><&></a>')).toBe(false);
    expect(isWellFormedXml('<a>')).toBe(false);
    expect(isWellFormedXml('<a/><b/>')).toBe(false);
  });

  it('throws for a part that is not in the package', async () => {
    const docx = await renderOfficialDocument(SAMPLE);
    expect(() => readDocxPart(docx, 'word/missing.xml')).toThrow(/word\/missing\.xml/);
  });
});
