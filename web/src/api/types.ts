import type { paths } from './schema.ts';

/** The JSON body of an operation's 200 answer. */
type Json<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The JSON request body of an operation. */
type Body<Operation> = Operation extends {
  requestBody?: { content: { 'application/json': infer Input } };
}
  ? Input
  : never;

export type Session = Json<paths['/api/auth/session']['get']>;
export type PublicSettings = Json<paths['/api/settings/public']['get']>;
export type Region = Json<paths['/api/org/regions']['get']>[number];
export type Unit = Json<paths['/api/org/units']['get']>[number];
export type UnitQuery = NonNullable<paths['/api/org/units']['get']['parameters']['query']>;
export type CreateUnitInput = Body<paths['/api/org/units']['post']>;
export type Person = Json<paths['/api/org/people/{id}']['get']>;
export type PersonQuery = NonNullable<paths['/api/org/people']['get']['parameters']['query']>;
export type CreatePersonInput = Body<paths['/api/org/people']['post']>;
export type UpdatePersonInput = Body<paths['/api/org/people/{id}']['patch']>;
export type TaskForce = Json<paths['/api/org/task-force']['get']>;
export type TaskForceMember = TaskForce['members'][number];
export type TaskForceMemberInput = Body<paths['/api/org/task-force']['post']>;
export type CalendarYear = Json<paths['/api/calendar/years']['get']>[number];
export type CalendarYearDetail = Json<paths['/api/calendar/years/{year}']['get']>;
export type CalendarDay = CalendarYearDetail['days'][number];
export type PutCalendarYearInput = Body<paths['/api/calendar/years/{year}']['put']>;
export type DayInfo = Json<paths['/api/calendar/day']['get']>;
export type AuditPage = Json<paths['/api/audit']['get']>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type AuditVerifyResult = Json<paths['/api/audit/verify']['get']>;

export type AppealCategory = Json<paths['/api/appeal-categories']['get']>[number];
export type AppealCategoryInput = Body<paths['/api/appeal-categories']['post']>;
export type AppealPage = Json<paths['/api/appeals']['get']>;
export type AppealListItem = AppealPage['items'][number];
export type AppealQuery = NonNullable<paths['/api/appeals']['get']['parameters']['query']>;
export type AppealDetail = Json<paths['/api/appeals/{id}']['get']>;
export type AppealAttachment = AppealDetail['attachments'][number];
export type TimelineEntry = AppealDetail['timeline'][number];
export type RecordAppealInput = Body<paths['/api/appeals']['post']>;
export type RecordExchangeInput = Body<paths['/api/exchanges']['post']>;
export type RecordExchangeResult = Json<paths['/api/exchanges']['post']>;
export type SimilarAppeal = Json<paths['/api/appeals/{id}/similar']['get']>[number];
export type CommonIssue = Json<paths['/api/common-issues']['get']>[number];
export type CommonIssueDetail = Json<paths['/api/common-issues/{id}']['get']>;
export type EnterprisePage = Json<paths['/api/enterprises']['get']>;
export type EnterpriseSummary = EnterprisePage['items'][number];
export type EnterpriseQuery = NonNullable<paths['/api/enterprises']['get']['parameters']['query']>;
export type Enterprise = Json<paths['/api/enterprises/{id}']['get']>;
export type CreateEnterpriseInput = Body<paths['/api/enterprises']['post']>;
export type UpdateEnterpriseInput = Body<paths['/api/enterprises/{id}']['patch']>;
export type EnterpriseOverview = Json<paths['/api/enterprises/{id}/overview']['get']>;
export type ImportResult = Json<paths['/api/enterprises/import']['post']>;
export type ApiKey = Json<paths['/api/admin/api-keys']['get']>[number];
export type CreateApiKeyInput = Body<paths['/api/admin/api-keys']['post']>;
export type CreatedApiKey = Json<paths['/api/admin/api-keys']['post']>;

export type HandlingTier = Json<paths['/api/handling-tiers']['get']>[number];
export type HandlingTierInput = Body<paths['/api/handling-tiers']['post']>;
export type UpdateHandlingTierInput = Body<paths['/api/handling-tiers/{code}']['put']>;
export type AppealVerification = Json<paths['/api/appeals/{id}/verification']['get']>;
export type VerificationRequestPage = Json<paths['/api/verification-requests']['get']>;
export type VerificationRequest = VerificationRequestPage['items'][number];
export type VerificationRequestQuery = NonNullable<
  paths['/api/verification-requests']['get']['parameters']['query']
>;
export type Consultation = AppealVerification['consultations'][number];
export type Assignment = AppealVerification['assignments'][number];
export type RequestVerificationInput = Body<paths['/api/appeals/{id}/verification-requests']['post']>;
export type RecordConsultationInput = Body<paths['/api/appeals/{id}/consultations']['post']>;
export type AssignInput = Body<paths['/api/appeals/{id}/assign']['post']>;
