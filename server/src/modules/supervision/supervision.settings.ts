import { SupervisionSettings } from '@f2f/contract';
import type { Executor } from '../../db/database.ts';

const KEY = 'supervision';

export const defaultSupervisionSettings: SupervisionSettings = {
  dueSoonWorkingDays: 3,
  staleWorkingDays: 5,
  returnedMoreThan: 2,
  answerWorkingDays: {
    reminder: 3,
    urge: 2,
    supervisionNotice: 5,
    listedSupervision: 5,
    circular: 10,
  },
  noticeNumberPrefix: '督办',
};

/** The thresholds (settings row 'supervision'), the defaults filling whatever is not stored. */
export async function readSupervisionSettings(db: Executor): Promise<SupervisionSettings> {
  const row = await db.selectFrom('settings').select('valueJson').where('key', '=', KEY).executeTakeFirst();
  if (!row) return defaultSupervisionSettings;
  const stored = JSON.parse(row.valueJson) as Partial<SupervisionSettings>;
  const merged = {
    ...defaultSupervisionSettings,
    ...stored,
    answerWorkingDays: { ...defaultSupervisionSettings.answerWorkingDays, ...stored.answerWorkingDays },
  };
  const parsed = SupervisionSettings.safeParse(merged);
  return parsed.success ? parsed.data : defaultSupervisionSettings;
}

export async function writeSupervisionSettings(
  db: Executor,
  value: SupervisionSettings,
  now: string,
): Promise<void> {
  const valueJson = JSON.stringify(value);
  const existing = await db.selectFrom('settings').select('key').where('key', '=', KEY).executeTakeFirst();
  if (existing)
    await db.updateTable('settings').set({ valueJson, updatedAt: now }).where('key', '=', KEY).execute();
  else await db.insertInto('settings').values({ key: KEY, valueJson, updatedAt: now }).execute();
}
