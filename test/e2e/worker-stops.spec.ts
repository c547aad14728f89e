// Chrome may stop the service worker while it is handling a room update; the content script must not
// give up then ("message channel closed", "receiving end does not exist" are not a dead extension).
import { expect, tabIdOf, test } from './fixtures.ts';

test('updates keep arriving when the worker is stopped again and again in the middle of them', async ({
  context, serviceWorker, simulator, extensionId,
}) => {
  test.setTimeout(60_000);
  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Race', { students: 1 }, '#config.prejoinConfig.enabled=false'));
  const tabId = await tabIdOf(serviceWorker, lesson);
  // Read storage from an extension page, so the test's own reads do not keep the worker alive.
  const reader = await context.newPage();
  await reader.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const stored = () =>
    reader.evaluate(async (id) => ((await chrome.storage.session.get(`room:${id}`))[`room:${id}`] as any)?.participants, tabId);
  await expect.poll(stored).toBe(1);

  const cdp = await context.newCDPSession(lesson);
  await cdp.send('ServiceWorker.enable');
  let stops = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.runningStatus === 'stopped') stops += 1;
  });
  // A student every 20 ms while the worker is stopped every few milliseconds for 5 s.
  await lesson.evaluate(() => {
    (window as any).joining = setInterval(() => window.__jitsiSim.join(), 20);
  });
  const end = Date.now() + 5_000;
  for (let i = 0; Date.now() < end; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((done) => setTimeout(done, 3 + ((i * 17) % 40)));
  }
  await lesson.evaluate(() => clearInterval((window as any).joining));
  const present = await lesson.evaluate(() => window.__jitsiSim.remoteIds().length);
  expect(stops).toBeGreaterThan(5);
  await expect.poll(stored, { timeout: 10_000 }).toBe(present);
});
