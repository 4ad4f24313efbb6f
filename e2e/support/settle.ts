import { expect, type Page } from '@playwright/test';

/**
 * Waits until the page is at rest: nothing is marked busy (antd spinners and loading tables set aria-busy)
 * and every finite CSS animation or transition (drawers, modals, messages) has finished. antd's click
 * ripple (.ant-wave, two seconds, decorative) is not waited for.
 *
 * antd (rc-motion) starts a modal's or drawer's animation a frame or two after the element appears, so a
 * single look at `document.getAnimations()` can find nothing and let a check run on a half-faded dialog.
 * The page is therefore looked at again after two animation frames, until a look finds nothing running.
 */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.evaluate(async () => {
    const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    for (let look = 0; look < 20; look += 1) {
      await nextFrame();
      await nextFrame();
      const running = document.getAnimations().filter((animation) => {
        const effect = animation.effect;
        const end = effect?.getComputedTiming().endTime;
        const target = effect instanceof KeyframeEffect ? effect.target : null;
        if (target?.classList.contains('ant-wave')) return false;
        return typeof end === 'number' && Number.isFinite(end) && animation.playState !== 'finished';
      });
      if (running.length === 0) return;
      await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
    }
  });
}
