import type { Writable } from 'node:stream';
import {
  type Enterprise,
  enterpriseScaleLabels,
  enterpriseTagLabels,
  type ProjectStageRecord,
  projectStageLabels,
} from '@f2f/contract';
import ExcelJS from 'exceljs';
import { dateInZone } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import * as repo from './enterprises.repository.ts';
import { importColumns } from './import.ts';

/** The export repeats the template's columns (so a sheet reads the same both ways), then adds its own. */
const extraColumns = [
  { key: 'otherContacts', header: '其他联系人', width: 36 },
  { key: 'stages', header: '项目阶段', width: 40 },
  { key: 'appealCount', header: '诉求数量', width: 10 },
  { key: 'createdOn', header: '登记日期', width: 12 },
] as const;

function contactText(contact: Enterprise['contacts'][number]): string {
  const title = contact.title ? `（${contact.title}）` : '';
  return [`${contact.name}${title}`, contact.phone, contact.email].filter(Boolean).join(' ');
}

function stageText(stage: ProjectStageRecord): string {
  const label = projectStageLabels[stage.stage].zh;
  if (stage.actualDate) return `${label} ${stage.actualDate}`;
  if (stage.plannedDate) return `${label} 计划 ${stage.plannedDate}`;
  return label;
}

function rowOf(enterprise: Enterprise, appealCount: number, timeZone: string) {
  const [first, ...others] = enterprise.contacts;
  // Blank cells stay empty (null), rather than holding an empty string.
  const blank = (value: string | null | undefined) => (value ? value : null);
  return {
    name: enterprise.name,
    creditCode: enterprise.creditCode,
    region: enterprise.regionName,
    industry: blank(enterprise.industry),
    address: blank(enterprise.address),
    legalRepresentative: blank(enterprise.legalRepresentative),
    scale: enterprise.scale ? enterpriseScaleLabels[enterprise.scale].zh : null,
    tags: blank(enterprise.tags.map((t) => enterpriseTagLabels[t].zh).join('、')),
    isProject: enterprise.isProject ? '是' : '否',
    contactName: blank(first?.name),
    contactTitle: blank(first?.title),
    contactPhone: blank(first?.phone),
    contactEmail: blank(first?.email),
    otherContacts: blank(others.map(contactText).join('；')),
    stages: blank(enterprise.stages.map(stageText).join('；')),
    appealCount,
    createdOn: dateInZone(new Date(enterprise.createdAt), timeZone),
  };
}

/**
 * Writes the filtered register to `stream` as an xlsx, row by row with exceljs's streaming writer and
 * the database read in batches, so that neither the rows nor the workbook are held whole in memory.
 * Returns the number of enterprises written (fewer when the client goes away midway).
 */
export async function writeEnterpriseExport(
  ctx: AppContext,
  actor: Actor,
  filter: repo.ScopedFilter,
  stream: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Face-to-Face';
  const sheet = workbook.addWorksheet('企业名录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...importColumns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    ...extraColumns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
  ];
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  for await (const batch of repo.enterpriseBatches(ctx.db, actor, filter)) {
    // The client went away: stop reading the database.
    if (stream.destroyed) return count;
    for (const { enterprise, appealCount } of batch) {
      sheet.addRow(rowOf(enterprise, appealCount, ctx.config.timeZone)).commit();
      count += 1;
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
