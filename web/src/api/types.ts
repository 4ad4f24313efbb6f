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
