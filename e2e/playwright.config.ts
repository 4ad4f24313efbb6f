import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
// Folders named after the port, so that two runs on different ports never clear each other's.
const dataDir = path.resolve(import.meta.dirname, `../.tmp/e2e-data-${port}`);
const webDist = path.resolve(import.meta.dirname, '../web/dist');
/**
 * The server serves a copy of the built web, so that a rebuild of web/dist while the suite runs (another
 * terminal's `npm run build`) cannot pull the pages from under it.
 */
const webCopy = path.resolve(import.meta.dirname, `../.tmp/e2e-web-${port}`);

/**
 * Browser tests against the real server (SQLite, fresh demo data each run) in Debian's chromium.
 * No retries: a flaky test is a bug.
 */
export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: path.resolve(import.meta.dirname, '../.tmp/playwright.json') }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    // DOM snapshots of every step, kept when a test fails (screencast frames cost too much CPU).
    trace: { mode: 'retain-on-failure', snapshots: true, screenshots: false, sources: true },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `rm -rf "${dataDir}" "${webCopy}" && mkdir -p "${path.dirname(webCopy)}" && cp -R "${webDist}" "${webCopy}" && npx tsx ../server/src/main.ts`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST: webCopy,
      DEMO: 'true',
      // The journeys start from the bare demo: their own appeals and events, nothing else in the pool.
      DEMO_ACTIVITY: 'false',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // notifications.spec.ts: an SMS gateway the test itself starts and stops (nothing listens at first), and
      // one attempt per message, so that a failed delivery shows at once.
      SMS_GATEWAY_URL: `http://127.0.0.1:${port + 20000}/sms`,
      OUTBOX_MAX_ATTEMPTS: '1',
    },
  },
});
