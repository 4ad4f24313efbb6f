import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Heyuan@2024';

/** What the tests need of POST /api/auth/login's answer. */
export interface SignedIn {
  csrfToken: string;
  mustChangePassword: boolean;
  roles: string[];
  person: { id: string; name: string; username: string };
}

/**
 * Signs in through the API with the page's own request context, so that the session cookie lands in the
 * browser context; the next navigation is signed in. Returns the session (its CSRF token for API calls).
 */
export async function signInByApi(page: Page, username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const response = await page.request.post('/api/auth/login', { data: { username, password } });
  expect(response.status(), `sign-in of ${username}`).toBe(200);
  return (await response.json()) as SignedIn;
}

/** Fills and submits the sign-in form (the page must show it). */
export async function submitSignInForm(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** A state-changing API call as the signed-in person (cookie from the context, CSRF header from the session). */
export async function apiCall<T>(
  page: Page,
  session: SignedIn,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  data?: unknown,
): Promise<T> {
  const response = await page.request.fetch(url, {
    method,
    data,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.ok(), `GET ${url}: ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** A suffix that keeps names unique across tests and runs against the same database. */
let counter = 0;
export function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
}
