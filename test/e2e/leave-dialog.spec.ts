// The leave guard's DOM in real Chromium, before it is wired into the lesson: src/content/leave-dialog.ts
// is bundled here (with the polyfill) and run in one of the dev extension's own pages, where
// browser.i18n answers from the built catalogues. The dialog is opened in open shadow mode so that
// locators reach it; one test checks that the default, closed mode works by keyboard alone.
// Screenshots go to test-results/leave-guard-*.png.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { expect, test } from './fixtures.ts';
import type { LeaveGuardInfo } from '../../src/content/leave-dialog.ts';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const BASE: LeaveGuardInfo = { remaining: 12, elsewhere: 0, inBreakoutRoom: false, coModerators: [], promotedModerators: [], rightsPassToStudent: false, strong: false, keepsReason: true };

let bundle: Promise<string> | undefined;
/** leave-dialog.ts as an IIFE that defines the global `LeaveGuard` (its exports). */
function leaveGuardBundle(): Promise<string> {
  bundle ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: 'src/content/leave-dialog.ts', formats: ['iife'], name: 'LeaveGuard' },
    },
  }).then((output) => {
    const chunk = [output].flat().flatMap((o: any) => o.output ?? []).find((file: any) => file.type === 'chunk');
    if (!chunk) throw new Error('no bundle');
    return chunk.code as string;
  });
  return bundle;
}

/** An extension page with a focused "hang up" button (as in Jitsi) and the dialog's code loaded. */
async function openHarness(context: import('@playwright/test').BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.evaluate(await leaveGuardBundle()); // through the DevTools protocol: the page's CSP allows it
  await page.evaluate(() => {
    const hangUp = document.createElement('button');
    hangUp.id = 'hang-up';
    hangUp.textContent = 'Hang up';
    document.body.prepend(hangUp);
    hangUp.focus();
    (window as any).pageKeys = 0;
    document.addEventListener('keydown', () => (window as any).pageKeys++);
  });
  return page;
}

/** Opens the dialog without waiting for it; `result(page)` waits for the teacher's choice. */
async function show(page: Page, info: Partial<LeaveGuardInfo>, shadowMode: ShadowRootMode = 'open'): Promise<void> {
  await page.evaluate(([i, mode]) => {
    (window as any).leaveResult = (window as any).LeaveGuard.showLeaveGuard(i, { shadowMode: mode });
  }, [{ ...BASE, ...info }, shadowMode] as const);
  await expect(page.getByTestId('leave-guard')).toBeVisible({ visible: shadowMode === 'open' });
}
const result = (page: Page) => page.evaluate(() => (window as any).leaveResult);

/**
 * axe-core WCAG A/AA and best-practice violations inside the (open) shadow root; the page behind is not
 * ours. axe leaves colour contrast "incomplete" over a ::backdrop, hence contrastRatios below.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const found = await (window as any).axe.run({ fromShadowDom: ['jmc-leave-guard', 'dialog'] }, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return found.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

/** Text contrast of every text element in the dialog, from computed colours (all opaque). */
async function contrastRatios(page: Page): Promise<Record<string, number>> {
  return page.getByTestId('leave-guard').evaluate((dialog) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css).map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (element: Element | null): string => {
      for (let e = element; e; e = e.parentElement) {
        const colour = getComputedStyle(e).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)') return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    const ratios: Record<string, number> = {};
    for (const element of dialog.querySelectorAll('h2, p, small, button:enabled, label, input')) {
      const [a, b] = [luminance(getComputedStyle(element).color), luminance(background(element))].sort((x, y) => y - x);
      ratios[element.getAttribute('data-testid') ?? element.textContent ?? ''] = Math.round(((a! + 0.05) / (b! + 0.05)) * 10) / 10;
    }
    return ratios;
  });
}

async function expectAaContrast(page: Page): Promise<void> {
  const ratios = await contrastRatios(page);
  expect(Object.keys(ratios).length).toBeGreaterThanOrEqual(6);
  for (const [text, ratio] of Object.entries(ratios)) expect(ratio, text).toBeGreaterThanOrEqual(4.5);
}

test('default: texts, focus on "Stay" (an accidental Enter changes nothing), each choice says what follows, Tab cycles, Escape stays and focus returns', async ({ context, extensionId }) => {
  const page = await openHarness(context, extensionId);
  await show(page, { remaining: 12 });
  const dialog = page.getByRole('dialog', { name: '12 participants are still in the room' });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleDescription('The room and its chat stay open until the last person leaves.');
  const end = page.getByTestId('leave-guard-end');
  const stay = page.getByTestId('leave-guard-stay');
  const leave = page.getByTestId('leave-guard-leave');
  await expect(end).toHaveAccessibleName('Remove everyone and leave');
  await expect(end).toHaveAccessibleDescription('Locks the room, removes everyone still in the lesson, then you leave last.');
  await expect(stay).toHaveAccessibleName('Stay');
  await expect(stay).toHaveAccessibleDescription('You stay in the lesson; nothing changes.');
  await expect(stay).toContainText('Esc'); // Escape is Stay, and the button says so
  await expect(leave).toHaveAccessibleName('Leave anyway');
  await expect(leave).toHaveAccessibleDescription('The class stays in the open room without a teacher.');
  await expect(stay).toBeFocused();
  for (const next of [end, leave, stay]) {
    await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
  }
  await page.keyboard.press('Shift+Tab');
  await expect(leave).toBeFocused();
  // The page behind is inert: a click on it does nothing and the dialog stays.
  await page.mouse.click(5, 5);
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/leave-guard-default.png' });

  // A second call while it is open gets the same pending answer, no second dialog.
  expect(await page.evaluate(() => (window as any).LeaveGuard.showLeaveGuard({}) === (window as any).leaveResult)).toBe(true);
  expect(await page.locator('jmc-leave-guard').count()).toBe(1);

  await page.keyboard.press('Escape');
  expect(await result(page)).toEqual({ choice: 'stay' });
  expect(await page.locator('jmc-leave-guard').count()).toBe(0);
  await expect(page.locator('#hang-up')).toBeFocused();
  // Our keys never reached the page's listeners (Jitsi's shortcuts).
  expect(await page.evaluate(() => (window as any).pageKeys)).toBe(0);

  await show(page, { remaining: 1 });
  await expect(page.getByTestId('leave-guard-title')).toHaveText('1 participant is still in the room');
  await page.getByTestId('leave-guard-end').click();
  expect(await result(page)).toEqual({ choice: 'end-and-leave' });
});

test('strong policy: "Leave anyway" asks why, confirm stays disabled until a reason is typed', async ({ context, extensionId }) => {
  const page = await openHarness(context, extensionId);
  await show(page, { remaining: 3, strong: true, rightsPassToStudent: true });
  await expect(page.getByTestId('leave-guard')).toContainText('When you leave, a student becomes moderator.');
  await expect(page.getByTestId('leave-guard-reason')).toHaveCount(0);
  const leave = page.getByTestId('leave-guard-leave');
  await leave.click();
  await expect(leave).toHaveAttribute('aria-expanded', 'true');
  const reason = page.getByRole('textbox', { name: 'Why are you leaving the class alone?' });
  const confirm = page.getByTestId('leave-guard-confirm');
  await expect(reason).toBeFocused();
  await expect(confirm).toHaveText('Confirm and leave');
  await expect(confirm).toBeDisabled();
  await reason.press('Enter');
  await reason.fill('   ');
  await expect(confirm).toBeDisabled();
  await page.keyboard.press('Tab'); // a disabled confirm is skipped: back to the first button
  await expect(page.getByTestId('leave-guard-stay')).toBeFocused();
  await reason.fill('Fire alarm, Frau Kaya takes over');
  await expect(confirm).toBeEnabled();
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('leave-guard-stay')).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await expectAaContrast(page);
  await page.screenshot({ path: 'test-results/leave-guard-strong.png' });
  expect(await page.evaluate(() => (window as any).pageKeys)).toBe(0);
  await reason.press('Enter');
  expect(await result(page)).toEqual({ choice: 'leave-anyway', reason: 'Fire alarm, Frau Kaya takes over' });
});

test('a co-teacher who stays is named and plain "Leave" is the primary action, without a reason', async ({ context, extensionId }) => {
  const page = await openHarness(context, extensionId);
  await show(page, { remaining: 20, coModerators: ['Frau Kaya'], strong: true });
  await expect(page.getByTestId('leave-guard')).toContainText('Frau Kaya\u2069 is also moderator and stays with the class.');
  const leave = page.getByTestId('leave-guard-leave');
  await expect(leave).toHaveText('Leave');
  await expect(leave).toHaveClass('p');
  await expect(leave).toHaveAccessibleDescription('The class stays with the other moderator.');
  await expect(page.getByTestId('leave-guard-stay')).toBeFocused(); // Stay, even here
  await page.keyboard.press('Tab');
  await expect(leave).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await result(page)).toEqual({ choice: 'leave-anyway' });
});

test('fits 320 px, passes axe, and the page\'s CSS cannot hide or restyle it', async ({ context, extensionId }) => {
  const page = await openHarness(context, extensionId);
  await page.setViewportSize({ width: 320, height: 568 });
  await page.evaluate(() => {
    const hostile = document.createElement('style');
    hostile.textContent = `jmc-leave-guard{display:none!important} html *{font-size:4px!important;color:red!important;opacity:.1!important}
      html{font-size:10%}`;
    document.head.append(hostile);
  });
  await show(page, { remaining: 27, coModerators: ['Frau Kaya-Oberschulrätin-Mustermann', 'Herr Berg'], rightsPassToStudent: true, strong: true });
  const box = await page.getByTestId('leave-guard').boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  for (const id of ['leave-guard-end', 'leave-guard-stay', 'leave-guard-leave']) {
    const button = page.getByTestId(id);
    await expect(button).toBeInViewport();
    await expect(button).toHaveCSS('font-size', '16px');
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  await expect(page.getByTestId('leave-guard-title')).toHaveCSS('color', 'rgb(27, 27, 31)');
  expect(await axeViolations(page)).toEqual([]);
  await expectAaContrast(page);
  await page.screenshot({ path: 'test-results/leave-guard-320.png' });
});

test('closed shadow root by default: nothing reachable from the page, the keyboard still works', async ({ context, extensionId }) => {
  const page = await openHarness(context, extensionId);
  await show(page, {}, 'closed');
  expect(await page.evaluate(() => document.querySelector('jmc-leave-guard')?.shadowRoot)).toBeNull();
  await expect(page.getByTestId('leave-guard-end')).toHaveCount(0);
  await page.keyboard.press('Enter'); // the initial focus is Stay
  expect(await result(page)).toEqual({ choice: 'stay' });
  await expect(page.locator('#hang-up')).toBeFocused();
});
