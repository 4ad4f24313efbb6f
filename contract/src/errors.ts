import type { Label } from './labels.ts';

interface ErrorSpec extends Label {
  status: number;
}

/**
 * Every error the API can answer with. The key is the stable code clients rely on;
 * the status is the HTTP status it maps to. Add codes, never rename them.
 */
export const errorCatalog = {
  'request.invalid': { status: 400, zh: '请求内容有误，请检查后重试', en: 'The request is invalid' },
  'request.body_too_large': { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  'request.unsupported_media_type': {
    status: 415,
    zh: '不支持的内容类型',
    en: 'Unsupported content type',
  },
  'request.not_found': { status: 404, zh: '请求的地址不存在', en: 'No such route' },
  'request.rate_limited': {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests, please try again later',
  },
  'request.conflict': {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this first; reload and try again',
  },
  'auth.unauthenticated': { status: 401, zh: '请先登录', en: 'Please sign in first' },
  'auth.forbidden': { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.account_locked': {
    status: 423,
    zh: '密码错误次数过多，账号已暂时锁定，请稍后再试或联系管理员',
    en: 'Too many failed attempts; the account is locked for a while',
  },
  'auth.account_disabled': {
    status: 403,
    zh: '账号已停用，请联系管理员',
    en: 'This account is disabled; contact an administrator',
  },
  'auth.csrf_invalid': {
    status: 403,
    zh: '页面已过期，请刷新后重试',
    en: 'The page has expired (CSRF token missing or wrong); reload and try again',
  },
  'auth.password_change_required': {
    status: 403,
    zh: '首次登录或密码被重置后，请先修改密码',
    en: 'Change your password before continuing',
  },
  'auth.wrong_password': { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  'auth.weak_password': {
    status: 400,
    zh: '新密码至少 8 位，且须同时包含字母和数字',
    en: 'The new password needs at least 8 characters with letters and digits',
  },
  'auth.password_reused': {
    status: 400,
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  'org.region_not_found': { status: 404, zh: '行政区域不存在', en: 'No such region' },
  'org.unit_not_found': { status: 404, zh: '单位不存在', en: 'No such unit' },
  'org.unit_name_taken': { status: 409, zh: '单位名称已存在', en: 'A unit with this name exists' },
  'org.unit_in_use': {
    status: 409,
    zh: '该单位下仍有人员，不能停用',
    en: 'The unit still has active people and cannot be deactivated',
  },
  'org.person_not_found': { status: 404, zh: '人员不存在', en: 'No such person' },
  'org.username_taken': { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  'org.out_of_scope': {
    status: 403,
    zh: '超出您的管理范围',
    en: 'This is outside the area you administer',
  },
  'org.cannot_change_self': {
    status: 400,
    zh: '不能停用自己的账号或移除自己的管理员角色',
    en: 'You cannot disable yourself or remove your own administrator role',
  },
  'org.person_org_required': {
    status: 400,
    zh: '人员必须且只能属于一个单位或一家企业',
    en: 'A person belongs to exactly one unit or one enterprise',
  },
  'org.enterprise_not_found': { status: 404, zh: '企业不存在', en: 'No such enterprise' },
  'org.task_force_member_not_found': {
    status: 404,
    zh: '专班成员不存在',
    en: 'No such task-force member',
  },
  'calendar.date_invalid': {
    status: 400,
    zh: '日期格式不正确，应为 YYYY-MM-DD',
    en: 'The date is not a valid YYYY-MM-DD date',
  },
  'calendar.year_unknown': {
    status: 422,
    zh: '工作日历尚未包含该年份的节假日安排，请管理员先录入',
    en: 'The working-day calendar does not cover that year yet; an administrator must add it',
  },
  'calendar.day_outside_year': {
    status: 400,
    zh: '日期不属于所编辑的年份',
    en: 'A date does not belong to the year being edited',
  },
  'calendar.make_up_day_not_weekend': {
    status: 400,
    zh: '调休上班日必须是周六或周日',
    en: 'A make-up working day must be a Saturday or Sunday',
  },
  'calendar.duplicate_day': { status: 400, zh: '日期重复', en: 'A date is listed twice' },
  'enterprise.not_found': { status: 404, zh: '企业不存在', en: 'No such enterprise' },
  'enterprise.credit_code_taken': {
    status: 409,
    zh: '该统一社会信用代码已登记',
    en: 'An enterprise with this unified social credit code is already registered',
  },
  'enterprise.import_file_invalid': {
    status: 400,
    zh: '无法读取导入文件，请使用下载的模板（.xlsx）',
    en: 'The import file cannot be read; use the downloaded .xlsx template',
  },
  'enterprise.import_rows_invalid': {
    status: 422,
    zh: '导入文件有错误，未导入任何数据，请按提示修改后重新导入',
    en: 'The file has errors; nothing was imported. Fix the listed rows and import again',
  },
  'enterprise.stage_out_of_order': {
    status: 400,
    zh: '项目阶段须按“落户→动工→竣工→投产”顺序填写实际日期：后一阶段有实际日期时，前面各阶段也须有实际日期且不晚于它',
    en: 'Actual dates follow settled → started → completed → producing: a later stage’s actual date needs every earlier stage to have one, not later than it',
  },
  'enterprise.field_not_editable': {
    status: 403,
    zh: '您无权修改企业的这些信息（如名称、信用代码、区域、规模、标签或项目阶段）',
    en: 'You may not change these fields of the enterprise (such as name, code, region, scale, tags or stages)',
  },
  'appeal.not_found': { status: 404, zh: '诉求不存在', en: 'No such appeal' },
  'appeal.unknown_category': {
    status: 400,
    zh: '诉求类别不存在或已停用',
    en: 'Unknown or inactive appeal category',
  },
  'appeal.action_not_allowed': {
    status: 409,
    zh: '诉求当前状态不允许此操作',
    en: 'The appeal’s current status does not allow this',
  },
  'appeal.channel_not_allowed': {
    status: 400,
    zh: '该渠道不能用于此种登记方式',
    en: 'This channel cannot be used for this kind of recording',
  },
  'appeal.category_code_taken': { status: 409, zh: '类别代码已存在', en: 'This category code exists' },
  'appeal.category_not_found': { status: 404, zh: '诉求类别不存在', en: 'No such category' },
  'appeal.level_target_invalid': {
    status: 400,
    zh: '只能交由本市所辖、且设有专班办公室的其他县（区）办理',
    en: 'Hand it down only to another county of the city that has its own task-force office',
  },
  'commonIssue.not_found': { status: 404, zh: '共性问题不存在', en: 'No such common issue' },
  'commonIssue.appeal_already_grouped': {
    status: 409,
    zh: '诉求已归入其他共性问题',
    en: 'An appeal already belongs to another common issue',
  },
  'tier.not_found': { status: 400, zh: '办理层级不存在或已停用', en: 'Unknown or inactive handling tier' },
  'tier.code_taken': { status: 409, zh: '层级代码已存在', en: 'This tier code exists' },
  'tier.required': {
    status: 400,
    zh: '请先确定办理层级（分级办理）',
    en: 'Set the handling tier first',
  },
  'verification.request_not_found': { status: 404, zh: '核实请求不存在', en: 'No such verification request' },
  'verification.request_closed': {
    status: 409,
    zh: '该核实请求已答复或已撤回',
    en: 'This verification request is already answered or withdrawn',
  },
  'verification.unit_repeated': {
    status: 400,
    zh: '单位重复，或已有该单位尚未答复的核实请求',
    en: 'A unit is listed twice or already has an open request on this appeal',
  },
  'consultation.unknown_participant': {
    status: 400,
    zh: '发言单位须为参加会商的单位',
    en: 'Each statement must come from a unit that took part',
  },
  'assignment.lead_is_co_unit': {
    status: 400,
    zh: '主办单位不能同时是协办单位',
    en: 'The lead unit cannot also be a co-unit',
  },
  'assignment.due_date_not_workday': {
    status: 400,
    zh: '办理期限须为今天之后的工作日',
    en: 'The deadline must be a working day after today',
  },
  'event.not_found': { status: 404, zh: '活动不存在', en: 'No such event' },
  'event.date_not_workday': {
    status: 400,
    zh: '活动日期须为工作日',
    en: 'The event day must be a working day',
  },
  'event.action_not_allowed': {
    status: 409,
    zh: '活动当前状态不允许此操作',
    en: 'The event’s current status does not allow this',
  },
  'event.catalogue_empty': { status: 400, zh: '问题目录为空，不能报送', en: 'The catalogue is empty' },
  'event.appeal_not_eligible': {
    status: 409,
    zh: '诉求须已核实且未决定处理方式，且未列入其他活动目录',
    en: 'The appeal must be pooled or being verified, and on no other catalogue',
  },
  'event.item_not_found': { status: 404, zh: '目录事项不存在', en: 'No such catalogue item' },
  'event.items_not_ruled': {
    status: 409,
    zh: '尚有目录事项未形成处理意见',
    en: 'Some items on the list have no ruling yet',
  },
  'event.document_number_invalid': {
    status: 400,
    zh: '文号格式不正确，应如：河府办〔2025〕12号',
    en: 'Invalid document number; expected e.g. 河府办〔2025〕12号',
  },
  'notice.not_found': { status: 404, zh: '通知不存在', en: 'No such notice' },
  'job.not_found': { status: 404, zh: '没有这个定时任务', en: 'No such scheduled job' },
  'outbox.not_found': { status: 404, zh: '投递记录不存在', en: 'No such outbox message' },
  'outbox.not_retryable': {
    status: 409,
    zh: '只有投递失败或等待重试的消息可以重试',
    en: 'Only a failed message, or one waiting for its next attempt, can be retried',
  },
  'handling.extension_too_late': {
    status: 409,
    zh: '已超过办理期限，不能再申请延期',
    en: 'The deadline has passed; an extension can no longer be requested',
  },
  'handling.extension_date_invalid': {
    status: 400,
    zh: '延期后的期限须为原期限之后的工作日',
    en: 'The new deadline must be a working day after the current one',
  },
  'rating.not_found': { status: 404, zh: '评价不存在', en: 'No such rating' },
  'rating.closed': {
    status: 409,
    zh: '该评价已完成或已逾期',
    en: 'This rating is already given or past its time',
  },
  'rating.not_dissatisfied': {
    status: 409,
    zh: '只有“不满意”且尚未处理的评价才能重办或说明',
    en: 'Only an undecided dissatisfied rating can be reopened or explained',
  },
  'rating.reopen_cap_reached': {
    status: 409,
    zh: '重办次数已达上限，请提交说明并报领导审定',
    en: 'The appeal was reopened as often as allowed; explain it to a leader instead',
  },
  'supervision.assignment_not_found': {
    status: 404,
    zh: '交办事项不存在',
    en: 'No such assignment',
  },
  'supervision.assignment_closed': {
    status: 409,
    zh: '该交办事项已办结、已退回或已报办结，不能再督办',
    en: 'The assignment is no longer being handled; it cannot be supervised',
  },
  'supervision.level_too_low': {
    status: 409,
    zh: '督办等级不能低于该事项已采取的最高等级',
    en: 'A step may not be lower than the highest step already taken',
  },
  'supervision.action_not_found': { status: 404, zh: '督办记录不存在', en: 'No such supervision step' },
  'supervision.already_answered': {
    status: 409,
    zh: '该督办事项已答复',
    en: 'This supervision step is already answered',
  },
  'supervision.no_document': {
    status: 404,
    zh: '只有督办单才有督办文书',
    en: 'Only a supervision notice has a document',
  },
  'attachment.not_found': { status: 404, zh: '附件不存在', en: 'No such attachment' },
  'attachment.too_large': { status: 413, zh: '附件过大', en: 'The attachment is too large' },
  'attachment.type_not_allowed': {
    status: 415,
    zh: '附件类型不允许（仅限 PDF、图片、Word、Excel、文本）',
    en: 'This file type is not allowed (PDF, images, Word, Excel, text only)',
  },
  'attachment.type_mismatch': {
    status: 415,
    zh: '附件内容与文件扩展名不符',
    en: 'The file content does not match its extension',
  },
  'attachment.missing_file': { status: 400, zh: '请选择要上传的文件', en: 'No file was uploaded' },
  'integration.signature_missing': {
    status: 401,
    zh: '缺少签名信息（X-Api-Key、X-Timestamp、X-Signature）',
    en: 'Missing X-Api-Key, X-Timestamp or X-Signature',
  },
  'integration.key_invalid': { status: 401, zh: 'API 密钥无效或已停用', en: 'Unknown or revoked API key' },
  'integration.signature_invalid': { status: 401, zh: '签名校验失败', en: 'The signature does not match' },
  'integration.timestamp_out_of_window': {
    status: 401,
    zh: '请求时间戳超出允许范围（±5 分钟）',
    en: 'The timestamp is outside the allowed window (±5 minutes)',
  },
  'integration.replayed': {
    status: 409,
    zh: '重复提交的签名请求已被拒绝',
    en: 'This signed request was already received (replay)',
  },
  'integration.idempotency_key_missing': {
    status: 400,
    zh: '缺少 Idempotency-Key 请求头',
    en: 'The Idempotency-Key header is required',
  },
  'integration.idempotency_mismatch': {
    status: 422,
    zh: '同一 Idempotency-Key 已用于内容不同的请求',
    en: 'This Idempotency-Key was used with a different body',
  },
  'integration.api_key_not_found': { status: 404, zh: 'API 密钥不存在', en: 'No such API key' },
  'dashboard.region_out_of_scope': {
    status: 403,
    zh: '只能查看本县（区）的统计',
    en: 'You may only see the figures of your own county',
  },
  'dashboard.unit_out_of_scope': {
    status: 403,
    zh: '只能查看本单位的统计',
    en: 'You may only see the figures of your own unit',
  },
  'dashboard.bad_period': {
    status: 400,
    zh: '统计期间的起始月份不能晚于结束月份',
    en: 'The period must not start after it ends',
  },
  'report.bad_period': {
    status: 400,
    zh: '报告期间有误：请按所选类型填写月份（YYYY-MM）或季度（YYYY-Qn），起始月份不能晚于结束月份',
    en: 'Invalid report period: give the month (YYYY-MM) or quarter (YYYY-Qn) of the chosen kind, a range not starting after it ends',
  },
  'report.not_found': { status: 404, zh: '报告不存在', en: 'No such report' },
  'report.region_not_found': { status: 404, zh: '县（区）不存在', en: 'No such county' },
  'audit.chain_broken': {
    status: 500,
    zh: '审计日志校验失败：记录被篡改或删除',
    en: 'The audit log failed verification: a record was altered or removed',
  },
  'server.internal': {
    status: 500,
    zh: '服务器内部错误，请稍后重试并提供请求编号',
    en: 'Internal server error; try again later and quote the request id',
  },
  'server.unavailable': { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalog, code);
}
