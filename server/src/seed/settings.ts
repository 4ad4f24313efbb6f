import type { Executor } from '../db/database.ts';
import { reusable } from '../db/reusable.ts';

export interface CitySettings {
  productName: string;
  cityName: string;
  cityRegionId: string | null;
  /** Prefix of human appeal numbers, e.g. HY in HY-2025-00042. */
  appealNumberPrefix: string;
}

const defaults: CitySettings = {
  productName: '“面对面”政企交流平台',
  cityName: '',
  cityRegionId: null,
  appealNumberPrefix: 'FF',
};

// Read by every appeal recorded (its number's prefix): built once (reusable.ts).
const citySettingsRow = reusable((db) =>
  db.selectFrom('settings').select('valueJson').where('key', '=', 'city'),
);

export async function readCitySettings(db: Executor): Promise<CitySettings> {
  const [row] = await citySettingsRow(db);
  return row ? { ...defaults, ...(JSON.parse(row.valueJson) as Partial<CitySettings>) } : defaults;
}

export async function writeCitySettings(db: Executor, value: CitySettings, now: string): Promise<void> {
  const valueJson = JSON.stringify(value);
  const existing = await db.selectFrom('settings').select('key').where('key', '=', 'city').executeTakeFirst();
  if (existing)
    await db.updateTable('settings').set({ valueJson, updatedAt: now }).where('key', '=', 'city').execute();
  else await db.insertInto('settings').values({ key: 'city', valueJson, updatedAt: now }).execute();
}
