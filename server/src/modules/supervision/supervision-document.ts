import { supervisionLevelLabels } from '@f2f/contract';
import type { AppContext } from '../../context.ts';
import { localDate } from '../../context.ts';
import { formatChineseDate } from '../documents/chinese-date.ts';
import { renderOfficialDocument } from '../documents/official-document.ts';
import type { loadNotice } from './supervision.service.ts';

type Notice = Awaited<ReturnType<typeof loadNotice>>;

const statusText: Record<string, string> = {
  pending: '尚未签收',
  accepted: '正在办理',
  returned: '已退回',
  reported: '已报办结',
  closed: '已办结',
};

/** The issuing supervision office: the region's, else the city's. */
async function issuerOf(ctx: AppContext, regionId: string): Promise<string> {
  const own = await ctx.db
    .selectFrom('units')
    .select('name')
    .where('regionId', '=', regionId)
    .where('type', '=', 'supervisionOffice')
    .where('active', '=', 1)
    .orderBy('sortOrder')
    .executeTakeFirst();
  if (own) return own.name;
  const city = await ctx.db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.regionId')
    .select('u.name')
    .where('r.parentId', 'is', null)
    .where('u.type', '=', 'supervisionOffice')
    .where('u.active', '=', 1)
    .orderBy('u.sortOrder')
    .executeTakeFirst();
  return city?.name ?? '人民政府督查室';
}

/** 督办单 (Word), laid out after GB/T 9704 and sent to the lead unit. */
export async function supervisionNoticeDocx(ctx: AppContext, notice: Notice): Promise<Buffer> {
  const { action, appeal, assignment } = notice;
  const issuer = await issuerOf(ctx, appeal.regionId);
  return renderOfficialDocument({
    issuer,
    documentNumber: action.documentNumber ?? undefined,
    title: `关于督促办理“${appeal.title}”的\n${supervisionLevelLabels.supervisionNotice.zh}`,
    recipients: action.unitName,
    blocks: [
      {
        kind: 'paragraph',
        text: `你单位主办的企业诉求事项“${appeal.title}”（诉求编号${appeal.number}，${appeal.enterpriseName}），办理期限为${formatChineseDate(assignment.dueDate)}，目前${statusText[assignment.status] ?? assignment.status}。现予以督办。`,
      },
      { kind: 'heading1', text: '一、督办事项' },
      { kind: 'paragraph', text: action.note },
      { kind: 'heading1', text: '二、交办的处理意见' },
      { kind: 'paragraph', text: assignment.measures },
      { kind: 'heading1', text: '三、答复要求' },
      {
        kind: 'paragraph',
        text: `请于${formatChineseDate(action.answerDueDate)}前将办理情况书面报送${issuer}，并通过平台答复。`,
      },
    ],
    signature: issuer,
    date: localDate(ctx, action.createdAt),
  });
}
