import {
  CreditCode,
  type Enterprise,
  EnterpriseContact,
  type EnterpriseScale,
  type EnterpriseTag,
  enterpriseScaleLabels,
  enterpriseScales,
  enterpriseTagLabels,
  enterpriseTags,
  type ImportResult,
  type ImportRowError,
} from '@f2f/contract';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { uuidv7 } from 'uuidv7';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { canImport, canRegisterIn, regionScope } from './enterprises.policy.ts';
import * as repo from './enterprises.repository.ts';
import { actorOf, normaliseContacts } from './enterprises.service.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest upload the import accepts. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Data rows per file; larger registers are imported in several files. */
export const MAX_IMPORT_ROWS = 10_000;
export const DATA_SHEET = '企业名录';
export const INSTRUCTIONS_SHEET = '填写说明';

type ColumnKey =
  | 'name'
  | 'creditCode'
  | 'region'
  | 'industry'
  | 'address'
  | 'legalRepresentative'
  | 'scale'
  | 'tags'
  | 'isProject'
  | 'contactName'
  | 'contactTitle'
  | 'contactPhone'
  | 'contactEmail';

interface Column {
  key: ColumnKey;
  header: string;
  required?: boolean;
  max?: number;
  width: number;
}

/** The columns of the template (and the first columns of the export), in order. */
export const importColumns: readonly Column[] = [
  { key: 'name', header: '企业名称', required: true, max: 100, width: 36 },
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 24 },
  { key: 'region', header: '所属区域', required: true, width: 14 },
  { key: 'industry', header: '行业', max: 60, width: 16 },
  { key: 'address', header: '地址', max: 200, width: 36 },
  { key: 'legalRepresentative', header: '法定代表人', max: 40, width: 12 },
  { key: 'scale', header: '企业规模', width: 12 },
  { key: 'tags', header: '企业标签', width: 30 },
  { key: 'isProject', header: '项目企业', width: 10 },
  { key: 'contactName', header: '联系人', max: 40, width: 12 },
  { key: 'contactTitle', header: '联系人职务', max: 40, width: 14 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
  { key: 'contactEmail', header: '联系邮箱', max: 120, width: 24 },
];

const headerText = (column: Column) => (column.required ? `${column.header}*` : column.header);
/** Header cells as people leave them: asterisks, spaces and a bracketed note do not matter. */
const normaliseHeader = (value: string) =>
  value
    .replace(/[（(].*$/u, '')
    .replace(/[*＊\s]/gu, '')
    .trim();

const TAG_SEPARATORS = /[、,，;；/\s]+/u;
const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

// ---------------------------------------------------------------------------------------------
// The template

function columnLetter(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

const letterOf = (key: ColumnKey) => columnLetter(importColumns.findIndex((c) => c.key === key));

/**
 * The import template: the data sheet with its Chinese header row and drop-downs, and an
 * instructions sheet listing the allowed regions (those the person may register in), scales and tags.
 */
export async function buildTemplate(regionNames: readonly string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Face-to-Face';
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = importColumns.map((c) => ({ header: headerText(c), key: c.key, width: c.width }));
  // Text, so that Excel keeps codes and phone numbers as typed.
  for (const key of ['creditCode', 'contactPhone'] as const) sheet.getColumn(key).numFmt = '@';
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, col) => {
    const required = importColumns[col - 1]?.required;
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: required ? 'FFFCE4D6' : 'FFDDEBF7' },
    };
  });

  const info = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  info.getColumn(1).width = 24;
  info.getColumn(2).width = 20;
  info.getColumn(3).width = 20;
  info.getColumn(4).width = 12;
  const lines = [
    '企业名录导入说明 (How to fill in the enterprise import sheet)',
    `1. 在“${DATA_SHEET}”工作表中，第 1 行为表头，请勿修改；从第 2 行起每行填写一家企业。`,
    '2. 带 * 的列为必填：企业名称、统一社会信用代码、所属区域。',
    '3. 统一社会信用代码为 18 位，系统会校验最后一位校验码；请勿与已登记企业重复。',
    '4. 所属区域、企业规模、项目企业请从下拉列表选择，可选值见下表。',
    '5. 企业标签可填多个，用顿号（、）或逗号分隔。',
    '6. 可先“仅校验”检查文件；只要有一行有错误，整个文件都不会导入，请按提示修改后重新导入。',
    `7. 每个文件最多 ${MAX_IMPORT_ROWS} 行、5 MB。`,
  ];
  for (const line of lines) info.addRow([line]);
  info.getRow(1).font = { bold: true, size: 13 };
  info.addRow([]);
  const listHeader = info.addRow(['所属区域 Region', '企业规模 Scale', '企业标签 Tags', '项目企业 Project']);
  listHeader.font = { bold: true };
  const listStart = listHeader.number + 1;
  const scales = enterpriseScales.map((s) => enterpriseScaleLabels[s].zh);
  const tags = enterpriseTags.map((t) => enterpriseTagLabels[t].zh);
  const height = Math.max(regionNames.length, scales.length, tags.length, 2);
  for (let i = 0; i < height; i += 1) {
    info.addRow([regionNames[i] ?? null, scales[i] ?? null, tags[i] ?? null, ['是', '否'][i] ?? null]);
  }

  const last = MAX_IMPORT_ROWS + 1;
  const list = (formula: string, title: string) => ({
    type: 'list' as const,
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: title,
    error: '请从下拉列表中选择',
  });
  // exceljs 4.4 supports range validations, but its type declarations lack `dataValidations`.
  const validations = (sheet as unknown as { dataValidations: DataValidations }).dataValidations;
  const regionEnd = listStart + Math.max(regionNames.length, 1) - 1;
  validations.add(
    `${letterOf('region')}2:${letterOf('region')}${last}`,
    list(`'${INSTRUCTIONS_SHEET}'!$A$${listStart}:$A$${regionEnd}`, '所属区域'),
  );
  validations.add(
    `${letterOf('scale')}2:${letterOf('scale')}${last}`,
    list(`"${scales.join(',')}"`, '企业规模'),
  );
  validations.add(`${letterOf('isProject')}2:${letterOf('isProject')}${last}`, list('"是,否"', '项目企业'));
  // Several tags fit in one cell, which a list validation cannot express: a prompt instead.
  validations.add(`${letterOf('tags')}2:${letterOf('tags')}${last}`, {
    type: 'custom',
    allowBlank: true,
    formulae: ['TRUE'],
    showInputMessage: true,
    promptTitle: '企业标签',
    prompt: `可填多个，用顿号分隔：${tags.join('、')}`,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading a file

/** The text of a cell, whatever Excel stored in it. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return typeof text === 'string' ? text.trim() : cellText(text as ExcelJS.CellValue);
  }
  return '';
}

interface DataValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

type RawRow = { row: number } & Record<ColumnKey, string>;

const fileInvalid = (reason: string, extra: Record<string, unknown> = {}) =>
  new AppError('enterprise.import_file_invalid', { reason, ...extra });

/**
 * Reads the data sheet of an uploaded file: refuses what is not an xlsx by its content, maps the
 * header row to our columns (any order), and returns the non-empty data rows with their sheet row numbers.
 */
export async function readImportFile(
  buffer: Buffer,
): Promise<{ rows: RawRow[]; headerErrors: ImportRowError[] }> {
  let type: Awaited<ReturnType<typeof fileTypeFromBuffer>>;
  try {
    type = await fileTypeFromBuffer(buffer);
  } catch {
    type = undefined;
  }
  if (type?.ext !== 'xlsx') throw fileInvalid('notXlsx', { detected: type?.mime ?? null });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw fileInvalid('unreadable');
  }
  const sheet =
    workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets.find((w) => w.name !== INSTRUCTIONS_SHEET);
  if (!sheet) throw fileInvalid('noSheet');

  const positions = new Map<ColumnKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const title = normaliseHeader(cellText(cell.value));
    const column = importColumns.find((c) => c.header === title);
    if (column && !positions.has(column.key)) positions.set(column.key, col);
  });
  const headerErrors: ImportRowError[] = importColumns
    .filter((c) => c.required && !positions.has(c.key))
    .map((c) => ({ row: 1, column: c.header, message: `缺少“${c.header}”列，请使用下载的模板` }));

  const rows: RawRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1 || tooMany) return;
    const raw = { row: number } as RawRow;
    let blank = true;
    for (const column of importColumns) {
      const position = positions.get(column.key);
      const value = position === undefined ? '' : cellText(row.getCell(position).value);
      raw[column.key] = value;
      if (value !== '') blank = false;
    }
    if (blank) return;
    if (rows.length >= MAX_IMPORT_ROWS) tooMany = true;
    else rows.push(raw);
  });
  if (tooMany) throw fileInvalid('tooManyRows', { maxRows: MAX_IMPORT_ROWS });
  return { rows, headerErrors };
}

// ---------------------------------------------------------------------------------------------
// Validating rows

function byLabel<T extends string>(codes: readonly T[], labels: Record<T, { zh: string; en: string }>) {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(labels[code].zh, code);
    map.set(labels[code].en.toLowerCase(), code);
    map.set(code.toLowerCase(), code);
  }
  return (value: string): T | undefined => map.get(value) ?? map.get(value.toLowerCase());
}
const scaleOf = byLabel(enterpriseScales, enterpriseScaleLabels);
const tagOf = byLabel(enterpriseTags, enterpriseTagLabels);

export interface ValidRow {
  row: number;
  name: string;
  creditCode: string;
  regionId: string;
  regionName: string;
  industry: string | null;
  address: string | null;
  legalRepresentative: string | null;
  scale: EnterpriseScale | null;
  tags: EnterpriseTag[];
  isProject: boolean;
  contacts: EnterpriseContact[];
}

/**
 * Checks every row and collects every problem (row number, column, reason in Chinese); a row with
 * any problem is left out of `valid`.
 */
export async function validateRows(
  db: Executor,
  actor: Actor,
  rows: readonly RawRow[],
): Promise<{ valid: ValidRow[]; errors: ImportRowError[] }> {
  const regions = await repo.regionsByName(db);
  const codes = rows.map((r) => r.creditCode.toUpperCase());
  const registered = await repo.registeredCodes(db, codes);
  const firstRowOf = new Map<string, number>();
  const errors: ImportRowError[] = [];
  const valid: ValidRow[] = [];

  for (const raw of rows) {
    const problems: ImportRowError[] = [];
    const problem = (key: ColumnKey, message: string) => {
      const column = importColumns.find((c) => c.key === key) as Column;
      problems.push({ row: raw.row, column: column.header, message });
    };
    for (const column of importColumns) {
      const value = raw[column.key];
      if (column.required && value === '') problem(column.key, `请填写${column.header}`);
      else if (column.max !== undefined && value.length > column.max)
        problem(column.key, `${column.header}不能超过 ${column.max} 个字`);
    }
    if (raw.name !== '' && raw.name.length < 2) problem('name', '企业名称至少 2 个字');

    let creditCode = '';
    if (raw.creditCode !== '') {
      const parsed = CreditCode.safeParse(raw.creditCode);
      if (!parsed.success) {
        problem('creditCode', parsed.error.issues[0]?.message ?? '统一社会信用代码不正确');
      } else {
        creditCode = parsed.data;
        const first = firstRowOf.get(creditCode);
        if (first !== undefined) problem('creditCode', `与第 ${first} 行的统一社会信用代码重复`);
        else firstRowOf.set(creditCode, raw.row);
        if (registered.has(creditCode)) problem('creditCode', '该统一社会信用代码已登记');
      }
    }

    const region = raw.region === '' ? undefined : regions.get(raw.region);
    if (raw.region !== '' && !region) problem('region', `区域“${raw.region}”不存在，请从下拉列表选择`);
    if (region && !canRegisterIn(actor, region.id))
      problem('region', `超出您的管理范围，不能登记“${region.name}”的企业`);

    const scale = raw.scale === '' ? null : (scaleOf(raw.scale) ?? null);
    if (raw.scale !== '' && scale === null) {
      const allowed = enterpriseScales.map((s) => enterpriseScaleLabels[s].zh).join('、');
      problem('scale', `企业规模“${raw.scale}”无效，可选：${allowed}`);
    }

    const tags: EnterpriseTag[] = [];
    for (const part of raw.tags.split(TAG_SEPARATORS).filter(Boolean)) {
      const tag = tagOf(part);
      if (tag) {
        if (!tags.includes(tag)) tags.push(tag);
      } else {
        const allowed = enterpriseTags.map((t) => enterpriseTagLabels[t].zh).join('、');
        problem('tags', `企业标签“${part}”无效，可选：${allowed}`);
      }
    }

    const flag = raw.isProject.toLowerCase();
    const isProject = YES.has(flag);
    if (flag !== '' && !isProject && !NO.has(flag)) problem('isProject', '项目企业应填“是”或“否”');

    const contacts: EnterpriseContact[] = [];
    const hasDetails = raw.contactTitle !== '' || raw.contactPhone !== '' || raw.contactEmail !== '';
    if (raw.contactName === '' && hasDetails)
      problem('contactName', '填写联系人职务、电话或邮箱时，请同时填写联系人');
    if (raw.contactName !== '') {
      const contact = EnterpriseContact.safeParse({
        name: raw.contactName,
        title: raw.contactTitle || null,
        phone: raw.contactPhone || null,
        email: raw.contactEmail || null,
      });
      if (contact.success) contacts.push(...normaliseContacts([contact.data]));
      else {
        const fields = new Set(contact.error.issues.map((i) => i.path[0]));
        if (fields.has('phone'))
          problem('contactPhone', '联系电话格式不正确（5–20 位数字，可含 + - 括号和空格）');
        if (fields.has('email')) problem('contactEmail', '联系邮箱格式不正确');
      }
    }

    if (problems.length > 0 || !region) {
      errors.push(...problems);
      continue;
    }
    valid.push({
      row: raw.row,
      name: raw.name,
      creditCode,
      regionId: region.id,
      regionName: region.name,
      industry: raw.industry || null,
      address: raw.address || null,
      legalRepresentative: raw.legalRepresentative || null,
      scale,
      tags: enterpriseTags.filter((t) => tags.includes(t)),
      isProject,
      contacts,
    });
  }
  return { valid, errors };
}

// ---------------------------------------------------------------------------------------------
// Importing

function rowsInvalid(errors: ImportRowError[]): AppError {
  return new AppError('enterprise.import_rows_invalid', errors);
}

/**
 * Imports a file: either every row is valid and all are registered in one transaction, or nothing is
 * written and the answer lists every problem. A dry run validates only.
 *
 * Audit: one row per enterprise (action enterprise.import, the enterprise as `after`), all sharing
 * the request id. Each enterprise's history then starts with its own creation record, found by its id
 * like any other change; the import as a whole is the set of rows with that request id.
 */
export async function importEnterprises(
  ctx: AppContext,
  meta: RequestMeta,
  buffer: Buffer,
  dryRun: boolean,
): Promise<ImportResult> {
  const actor = actorOf(meta);
  if (!canImport(actor)) throw new AppError('auth.forbidden');
  const { rows, headerErrors } = await readImportFile(buffer);
  if (headerErrors.length > 0) throw rowsInvalid(headerErrors);
  if (rows.length === 0)
    throw rowsInvalid([{ row: 2, column: null, message: '文件中没有企业数据：请从第 2 行起填写' }]);

  if (dryRun) {
    const { valid, errors } = await validateRows(ctx.db, actor, rows);
    if (errors.length > 0) throw rowsInvalid(errors);
    return { imported: 0, valid: valid.length, dryRun: true, errors: [] };
  }
  try {
    return await transact(ctx, meta, async (tx) => {
      // Validated inside the transaction, so that the codes checked are the codes at insert time.
      const { valid, errors } = await validateRows(tx.trx, actor, rows);
      if (errors.length > 0) throw rowsInvalid(errors);
      const records = valid.map((v) => ({ ...v, id: uuidv7(), stages: [] }));
      await repo.insertEnterprises(tx.trx, records, tx.now, uuidv7);
      for (const record of records) {
        const after: Enterprise = {
          id: record.id,
          name: record.name,
          creditCode: record.creditCode,
          regionId: record.regionId,
          regionName: record.regionName,
          industry: record.industry,
          address: record.address,
          legalRepresentative: record.legalRepresentative,
          scale: record.scale,
          tags: record.tags,
          isProject: record.isProject,
          contacts: record.contacts,
          stages: [],
          version: 1,
          createdAt: tx.now,
          updatedAt: tx.now,
        };
        await tx.audit({
          action: 'enterprise.import',
          entityType: 'enterprise',
          entityId: record.id,
          after: { ...after, importRow: record.row },
        });
      }
      return { imported: records.length, valid: records.length, dryRun: false, errors: [] };
    });
  } catch (error) {
    // Someone registered one of the codes between the check and the insert.
    if (isUniqueViolation(error)) throw new AppError('enterprise.credit_code_taken');
    throw error;
  }
}

/** The region names the template offers the person: those they may register enterprises in. */
export async function templateRegionNames(db: Executor, actor: Actor): Promise<string[]> {
  const regions = await repo.regionsIn(db, regionScope(actor));
  return regions.map((r) => r.name);
}
