import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import { settle } from './settle.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The paths (pathname only) on which each page has been checked, for the every-page guard in test.ts. */
const checkedPaths = new WeakMap<Page, Set<string>>();

export function pathsCheckedOn(page: Page): ReadonlySet<string> {
  return checkedPaths.get(page) ?? new Set();
}

const failing: readonly ImpactValue[] = ['serious', 'critical'];

interface Finding {
  id: string;
  impact: ImpactValue | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now (after loading spinners and animations have finished) and fails
 * on any violation of impact serious or critical, naming the rule and the offending elements.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await settle(page);
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
    };
    // Details of violations only: passes and incomplete checks are not needed, and cost time.
    const answer = await axe.run(document, { resultTypes: ['violations'] });
    return answer.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  const serious: Finding[] = results.filter((finding) => finding.impact && failing.includes(finding.impact));
  const where = new URL(page.url()).pathname;
  const report = serious
    .map(
      (finding) =>
        `- [${finding.impact}] ${finding.id}: ${finding.help}\n    ${finding.targets.slice(0, 8).join('\n    ')}`,
    )
    .join('\n');
  expect(serious, `serious or critical accessibility violations on ${page.url()}:\n${report}`).toEqual([]);
  const paths = checkedPaths.get(page) ?? new Set<string>();
  paths.add(where);
  checkedPaths.set(page, paths);
}
