import { expect, type Page } from '@playwright/test';

/**
 * Waits until the page is at rest: nothing is marked busy (antd spinners and loading tables set aria-busy)
 * and every finite CSS animation or transition (drawers, modals, messages) has finished. antd's click
 * ripple (.ant-wave, two seconds, decorative) is not waited for.
 */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.evaluate(async () => {
    const running = document.getAnimations().filter((animation) => {
      const effect = animation.effect;
      const end = effect?.getComputedTiming().endTime;
      const target = effect instanceof KeyframeEffect ? effect.target : null;
      if (target?.classList.contains('ant-wave')) return false;
      return typeof end === 'number' && Number.isFinite(end);
    });
    await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
  });
}
