import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { pathsCheckedOn } from './a11y.ts';

interface ConsoleProblem {
  text: string;
  url: string;
}

/** Guards that every test gets for free; tests declare what they expect to go wrong. */
export interface PageGuards {
  /** A console error the test provokes on purpose (e.g. the 401 of a wrong password). */
  allowConsoleError: (match: (problem: ConsoleProblem) => boolean) => void;
  /** A path the browser only passes through (a redirect), so it needs no accessibility check. */
  passesThrough: (path: string) => void;
}

/** The first session check of a signed-out browser answers 401; the browser logs it as an error. */
const signedOutSessionCheck = (problem: ConsoleProblem) =>
  problem.url.endsWith('/api/auth/session') && problem.text.includes('401');

/**
 * The test runner's `test`, with two guards around every page:
 * - no console error and no uncaught exception, other than those the test allows;
 * - every path the page navigated to was checked with expectNoSeriousA11yViolations.
 */
export const test = base.extend<{ guards: PageGuards }>({
  guards: [
    async ({ page }, use, testInfo) => {
      const problems: ConsoleProblem[] = [];
      const allowed: ((problem: ConsoleProblem) => boolean)[] = [signedOutSessionCheck];
      const visited = new Set<string>();
      const transient = new Set<string>();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push({ text: message.text(), url: message.location().url });
      });
      page.on('pageerror', (error) => problems.push({ text: `uncaught: ${error.message}`, url: page.url() }));
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        const url = new URL(frame.url());
        if (url.protocol.startsWith('http')) visited.add(url.pathname);
      });

      await use({
        allowConsoleError: (match) => allowed.push(match),
        passesThrough: (path) => transient.add(path),
      });

      if (testInfo.status !== testInfo.expectedStatus) return;
      const unexpected = problems.filter((problem) => !allowed.some((match) => match(problem)));
      expect(unexpected, 'console errors').toEqual([]);
      const checked = pathsCheckedOn(page);
      const unchecked = [...visited].filter((path) => !checked.has(path) && !transient.has(path));
      expect(unchecked, 'pages visited without an accessibility check').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, type Locator, type Page };
