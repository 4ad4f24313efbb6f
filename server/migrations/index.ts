import type { Migration } from 'kysely';
import * as foundation from './2026-11-25T0001-foundation.ts';
import * as enterprisesAppeals from './2026-11-25T0002-enterprises-appeals.ts';
import * as verification from './2026-11-26T0003-verification.ts';
import * as events from './2026-11-26T0004-events.ts';
import * as handling from './2026-11-26T0005-handling.ts';
import * as supervision from './2026-11-26T0006-supervision.ts';
import * as notifications from './2026-11-26T0007-notifications.ts';
import * as levels from './2026-11-26T0008-levels.ts';
import * as eventReminders from './2026-11-26T0009-event-reminders.ts';
import * as coUnitDeadlines from './2026-11-26T0010-co-unit-deadlines.ts';
import * as appealStats from './2026-11-26T0011-appeal-stats.ts';
import * as unitStats from './2026-11-26T0012-unit-stats.ts';
import * as topicStats from './2026-11-26T0013-topic-stats.ts';
import * as reports from './2026-11-26T0014-reports.ts';
import * as poolCountIndex from './2026-11-26T0015-pool-count-index.ts';
import * as openWorkStats from './2026-11-26T0016-open-work-stats.ts';
import * as assignmentUnitsAppealIndex from './2026-11-26T0017-assignment-units-appeal-index.ts';

/** Every migration, by name; names sort in the order they run. Never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T0001-foundation': foundation,
  '2026-11-25T0002-enterprises-appeals': enterprisesAppeals,
  '2026-11-26T0003-verification': verification,
  '2026-11-26T0004-events': events,
  '2026-11-26T0005-handling': handling,
  '2026-11-26T0006-supervision': supervision,
  '2026-11-26T0007-notifications': notifications,
  '2026-11-26T0008-levels': levels,
  '2026-11-26T0009-event-reminders': eventReminders,
  '2026-11-26T0010-co-unit-deadlines': coUnitDeadlines,
  '2026-11-26T0011-appeal-stats': appealStats,
  '2026-11-26T0012-unit-stats': unitStats,
  '2026-11-26T0013-topic-stats': topicStats,
  '2026-11-26T0014-reports': reports,
  '2026-11-26T0015-pool-count-index': poolCountIndex,
  '2026-11-26T0016-open-work-stats': openWorkStats,
  '2026-11-26T0017-assignment-units-appeal-index': assignmentUnitsAppealIndex,
};
