import type { Actor } from '../../context.ts';
import { AppError } from '../../errors.ts';

/**
 * The county a dashboard reader sees: the city's people every county, or the one they ask for; a county's
 * people always their own (asking for another is refused).
 */
export function dashboardRegion(actor: Actor, requested: string | null): string | null {
  if (actor.regionParentId === null) return requested;
  if (requested !== null && requested !== actor.regionId) throw new AppError('dashboard.region_out_of_scope');
  return actor.regionId;
}
