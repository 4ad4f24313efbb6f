import type { paths } from '../../api/schema.ts';

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

export type EventPage = Json<paths['/api/events']['get']>;
export type EventSummary = EventPage['items'][number];
export type EventDetail = Json<paths['/api/events/{id}']['get']>;
export type CatalogueItem = EventDetail['items'][number];
export type Ruling = NonNullable<CatalogueItem['ruling']>;
export type HistoryEntry = EventDetail['history'][number];
export type EventAction = EventDetail['allowedActions'][number];
export type CreateEventInput = Body<paths['/api/events']['post']>;
export type UpdateEventInput = Body<paths['/api/events/{id}']['patch']>;
export type AddItemsInput = Body<paths['/api/events/{id}/items']['post']>;
export type RulingInput = Body<paths['/api/events/{id}/items/{itemId}/ruling']['put']>;
export type Leader = EventDetail['leaders'][number];
