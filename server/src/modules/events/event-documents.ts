import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { formatChineseDate } from '../documents/chinese-date.ts';
import { type OfficialBlock, renderOfficialDocument } from '../documents/official-document.ts';
import { type CatalogueEntry, catalogueOf, nUnitsOf } from './events.service.ts';

/** Chinese ordinal numbers for first-level headings: 一、二、…、二十. */
const ordinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseOrdinal(n: number): string {
  if (n <= 10) return ordinals[n - 1] ?? String(n);
  if (n < 20) return `十${ordinals[n - 11] ?? ''}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${ordinals[tens - 1] ?? ''}十${ones === 0 ? '' : (ordinals[ones - 1] ?? '')}`;
}

interface EventRow {
  id: string;
  title: string;
  date: string;
  venue: string;
  regionId: string;
  leadersJson: string;
  noticeNumber: string | null;
  noticeIssuedAt: string | null;
  opinionsPreface: string | null;
  opinionsNumber: string | null;
  opinionsApprovedAt: string | null;
  catalogueSubmittedAt: string | null;
}

/** The issuing units of the event's region: its government office and its task-force office. */
async function issuers(db: Executor, regionId: string) {
  const units = await db
    .selectFrom('units')
    .select(['name', 'type'])
    .where('regionId', '=', regionId)
    .where('type', 'in', ['governmentOffice', 'taskForceOffice', 'supervisionOffice'])
    .where('active', '=', 1)
    .orderBy('sortOrder')
    .execute();
  const of = (type: string) => units.find((u) => u.type === type)?.name;
  return {
    governmentOffice: of('governmentOffice') ?? '人民政府办公室',
    taskForceOffice: of('taskForceOffice') ?? '“面对面”政企交流活动工作专班办公室',
    supervisionOffice: of('supervisionOffice'),
  };
}

function dateOf(ctx: AppContext, instant: string | null): string {
  const at = instant ? new Date(instant) : ctx.clock.now();
  return new Intl.DateTimeFormat('en-CA', { timeZone: ctx.config.timeZone }).format(at);
}

function catalogueTable(items: readonly CatalogueEntry[]): OfficialBlock {
  return {
    kind: 'table',
    header: ['序号', '企业', '诉求事项', '涉及单位', '拟办意见'],
    rows: items.map((item, index) => [
      String(index + 1),
      item.enterpriseName,
      `${item.appealTitle}（${item.appealNumber}）`,
      item.unitNames.join('、'),
      item.proposal ? `${item.proposedHandling}（协调意见：${item.proposal}）` : item.proposedHandling,
    ]),
    columnWidths: [0.07, 0.2, 0.3, 0.18, 0.25],
  };
}

/** 企业问题目录 (Word): the list the office submits to the government office. */
export async function catalogueDocx(ctx: AppContext, event: EventRow): Promise<Buffer> {
  const items = await catalogueOf(ctx.db, event.id);
  const names = await issuers(ctx.db, event.regionId);
  const nUnits = nUnitsOf(items);
  return renderOfficialDocument({
    title: `${event.title}\n企业问题目录`,
    recipients: names.governmentOffice,
    blocks: [
      {
        kind: 'paragraph',
        text: `${event.title}定于${formatChineseDate(event.date)}在${event.venue}举行。经汇总、核实，现将拟提交活动研究的企业问题共${items.length}项报上，请审定。`,
      },
      { kind: 'heading1', text: '一、问题清单' },
      catalogueTable(items),
      { kind: 'heading1', text: '二、涉及单位' },
      {
        kind: 'paragraph',
        text: nUnits.length === 0 ? '无。' : `${nUnits.map((u) => `${u.name}（${u.items}项）`).join('、')}。`,
      },
    ],
    signature: names.taskForceOffice,
    date: dateOf(ctx, event.catalogueSubmittedAt),
  });
}

/** 企业问题目录 (Excel): one row per item with the dossier a clerk works from. */
export async function catalogueXlsx(ctx: AppContext, event: EventRow): Promise<Buffer> {
  const items = await catalogueOf(ctx.db, event.id);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Face-to-Face';
  const sheet = workbook.addWorksheet('企业问题目录');
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '诉求编号', key: 'number', width: 16 },
    { header: '企业', key: 'enterprise', width: 28 },
    { header: '诉求事项', key: 'title', width: 36 },
    { header: '诉求内容', key: 'content', width: 60 },
    { header: '办理层级', key: 'tier', width: 12 },
    { header: '核实意见', key: 'opinions', width: 50 },
    { header: '涉及单位', key: 'units', width: 30 },
    { header: '拟办意见', key: 'proposed', width: 40 },
    { header: '协调意见', key: 'proposal', width: 40 },
    { header: '牵头单位', key: 'lead', width: 20 },
    { header: '配合单位', key: 'co', width: 30 },
    { header: '办结时限', key: 'due', width: 12 },
    { header: '处理意见', key: 'measures', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  items.forEach((item, index) => {
    sheet.addRow({
      n: index + 1,
      number: item.appealNumber,
      enterprise: item.enterpriseName,
      title: item.appealTitle,
      content: item.appealContent,
      tier: item.tierCode ?? '',
      opinions: item.verificationOpinions.map((o) => `${o.unitName}：${o.answer}`).join('\n'),
      units: item.unitNames.join('、'),
      proposed: item.proposedHandling,
      proposal: item.proposal ?? '',
      lead: item.ruling?.leadUnitName ?? '',
      co: item.ruling?.coUnitNames.join('、') ?? '',
      due: item.ruling?.dueDate ?? '',
      measures: item.ruling?.measures ?? '',
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 活动通知 (Word), issued by the government office. */
export async function noticeDocx(ctx: AppContext, event: EventRow): Promise<Buffer> {
  const items = await catalogueOf(ctx.db, event.id);
  const names = await issuers(ctx.db, event.regionId);
  const leaders = JSON.parse(event.leadersJson) as { name: string; title: string }[];
  const units = nUnitsOf(items);
  const enterprises = [...new Set(items.map((i) => i.enterpriseName))];
  return renderOfficialDocument({
    issuer: names.governmentOffice,
    ...(event.noticeNumber && { documentNumber: event.noticeNumber }),
    title: `关于举办${event.title}的通知`,
    recipients: units.length > 0 ? units.map((u) => u.name).join('，') : '各有关单位',
    blocks: [
      {
        kind: 'paragraph',
        text: `为深入推进政企常态化沟通，协调解决企业发展中遇到的困难和问题，经市政府同意，定于${formatChineseDate(event.date)}举办${event.title}。现将有关事项通知如下：`,
      },
      { kind: 'heading1', text: '一、时间和地点' },
      { kind: 'paragraph', text: `时间：${formatChineseDate(event.date)}。地点：${event.venue}。` },
      { kind: 'heading1', text: '二、出席领导' },
      {
        kind: 'paragraph',
        text:
          leaders.length === 0 ? '另行通知。' : `${leaders.map((l) => `${l.title}${l.name}`).join('、')}。`,
      },
      { kind: 'heading1', text: '三、参加单位' },
      {
        kind: 'paragraph',
        text: units.length === 0 ? '另行通知。' : `${units.map((u) => u.name).join('、')}主要负责同志。`,
      },
      { kind: 'heading1', text: '四、参加企业' },
      { kind: 'paragraph', text: enterprises.length === 0 ? '另行通知。' : `${enterprises.join('、')}。` },
      { kind: 'heading1', text: '五、有关要求' },
      {
        kind: 'paragraph',
        text: '请各单位主要负责同志准时参加，提前研究目录所列问题，准备好答复意见，不得缺席或委托他人参加。',
      },
    ],
    attachments: ['企业问题目录'],
    signature: names.governmentOffice,
    date: dateOf(ctx, event.noticeIssuedAt),
    ...(names.supervisionOffice && { copyTo: [names.supervisionOffice] }),
    printedBy: { unit: names.governmentOffice, date: dateOf(ctx, event.noticeIssuedAt) },
  });
}

/** 《企业诉求事项处理意见》 (Word): the rulings, compiled by the office, edited by the government office. */
export async function opinionsDocx(ctx: AppContext, event: EventRow): Promise<Buffer> {
  const items = await catalogueOf(ctx.db, event.id);
  const names = await issuers(ctx.db, event.regionId);
  const blocks: OfficialBlock[] = [
    {
      kind: 'paragraph',
      text: event.opinionsPreface ?? `${event.title}于${formatChineseDate(event.date)}举行。`,
    },
  ];
  items.forEach((item, index) => {
    blocks.push({
      kind: 'heading1',
      text: `${chineseOrdinal(index + 1)}、${item.enterpriseName}：${item.appealTitle}`,
    });
    if (item.ruling) {
      blocks.push({ kind: 'paragraph', text: `处理意见：${item.ruling.measures}` });
      const co =
        item.ruling.coUnitNames.length > 0 ? `；配合单位：${item.ruling.coUnitNames.join('、')}` : '';
      blocks.push({
        kind: 'paragraph',
        text: `牵头单位：${item.ruling.leadUnitName}${co}；办结时限：${formatChineseDate(item.ruling.dueDate)}前。`,
      });
    } else {
      blocks.push({ kind: 'paragraph', text: '处理意见：待定。' });
    }
  });
  return renderOfficialDocument({
    issuer: names.governmentOffice,
    ...(event.opinionsNumber && { documentNumber: event.opinionsNumber }),
    title: '企业诉求事项处理意见',
    recipients: '各有关单位',
    blocks,
    signature: names.governmentOffice,
    date: dateOf(ctx, event.opinionsApprovedAt),
    ...(names.supervisionOffice && { copyTo: [names.supervisionOffice] }),
    printedBy: { unit: names.governmentOffice, date: dateOf(ctx, event.opinionsApprovedAt) },
  });
}
