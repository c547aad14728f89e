/* eslint-disable-next-line @typescript-eslint/ban-ts-comment -- the page.evaluate callbacks run in the page and use its globals (APP, __jitsiSim…), which no type here describes */
// @ts-nocheck
// Smoke check of the simulated Jitsi lesson in headless Chromium (no extension involved):
//   node test/sim/smoke.mjs
// Exits non-zero with the failed check's message.
import { chromium } from 'playwright-core';
import { startSimulator } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

/** @param {boolean} condition @param {string} message */
function check(condition, message) {
  if (!condition) throw new Error(`FAILED: ${message}`);
  console.log(`ok - ${message}`);
}

const sim = await startSimulator();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
/** @type {string[]} */
const pageErrors = [];
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  // --- current app, joined directly -------------------------------------------------------
  await page.goto(sim.roomUrl('MathLesson', { students: 5 }, NO_PREJOIN));
  const early = await page.evaluate(() => ({
    config: typeof window.config, lib: typeof window.JitsiMeetJS?.version, app: typeof window.APP?.conference,
  }));
  check(early.config === 'object' && early.lib === 'string' && early.app === 'object', 'globals exist at load');
  await page.waitForFunction(() => window.APP?.store?.getState()['features/base/participants'].local?.role === 'moderator');
  const joined = await page.evaluate(() => {
    const state = window.APP.store.getState();
    return {
      remote: state['features/base/participants'].remote.size,
      members: window.APP.conference.membersCount,
      title: document.title,
      room: state['features/base/conference'].room,
      hangup: Boolean(document.querySelector('.toolbox-button-wth-dialog.context-menu .hangup-menu-button')),
      layout: Boolean(document.querySelector('#react[role=main] #layout_wrapper > #videoconference_page > #videospace')),
      toolbox: Boolean(document.querySelector('#new-toolbox .toolbox-content-items')),
      panelOutside: Boolean(document.querySelector('body > aside#sim-controls')) && !document.querySelector('#react #sim-controls'),
    };
  });
  check(joined.remote === 5, 'remote.size === 5');
  check(joined.members === 6, 'APP.conference.membersCount === 6');
  check(joined.title === 'Math Lesson | Jitsi Meet', `title "${joined.title}"`);
  check(joined.room === 'MathLesson', 'redux room is the raw URL segment');
  check(joined.layout && joined.toolbox, 'conference layout and toolbox');
  check(joined.hangup, 'moderator hangup menu present');
  check(joined.panelOutside, 'control panel outside #react');

  // Remote Map identity is kept while the slice object changes.
  const identity = await page.evaluate(async () => {
    const before = window.APP.store.getState()['features/base/participants'];
    window.__jitsiSim.join('Lena');
    await new Promise((r) => setTimeout(r, 50));
    const after = window.APP.store.getState()['features/base/participants'];
    return { sameMap: before.remote === after.remote, newSlice: before !== after, size: after.remote.size };
  });
  check(identity.sameMap && identity.newSlice && identity.size === 6, 'remote Map mutated in place, slice replaced');

  // Kick via the plain KICK_PARTICIPANT action.
  const kicked = await page.evaluate(async () => {
    const id = window.__jitsiSim.remoteIds()[0];
    window.APP.store.dispatch({ type: 'KICK_PARTICIPANT', id });
    await new Promise((r) => setTimeout(r, 200));
    return { gone: !window.APP.store.getState()['features/base/participants'].remote.has(id), size: window.APP.store.getState()['features/base/participants'].remote.size };
  });
  check(kicked.gone && kicked.size === 5, 'KICK_PARTICIPANT removes the student after the latency');

  // Noise: LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED 3–5 per second.
  const noise = await page.evaluate(async () => {
    let calls = 0;
    const unsubscribe = window.APP.store.subscribe(() => calls++);
    await new Promise((r) => setTimeout(r, 2000));
    unsubscribe();
    return calls / 2;
  });
  check(noise >= 2 && noise <= 6, `audio-level noise ~${noise}/s`);

  // Security dialog: password set locally → LOCKED_LOCALLY and .info-password-local.
  await page.click('[aria-label="Security options"]');
  await page.waitForSelector('.security-dialog #lobby-section input[type=checkbox]#lobby-section-switch');
  await page.click('#lobby-section-switch');
  await page.waitForFunction(() => window.APP.store.getState()['features/lobby'].lobbyEnabled === true);
  await page.click('.add-password');
  await page.fill('#info-password-input', 'geheim');
  await page.press('#info-password-input', 'Enter');
  await page.waitForSelector('.info-password-local');
  const locked = await page.evaluate(() => window.APP.store.getState()['features/base/conference'].locked);
  check(locked === 'LOCKED_LOCALLY', 'password from the dialog → LOCKED_LOCALLY');
  const knocked = await page.evaluate(async () => {
    const id = window.__jitsiSim.knock('Outsider');
    await new Promise((r) => setTimeout(r, 50));
    return window.APP.store.getState()['features/lobby'].knockingParticipants.some((k) => k.id === id);
  });
  check(knocked, 'knocker appears in features/lobby.knockingParticipants');
  await page.click('.modal-close');

  // End for all: room destroyed, CONFERENCE_FAILED conference.destroyed, redirect to '/'.
  const actions = await page.evaluate(async () => {
    /** @type {string[]} */
    const seen = [];
    const store = window.APP.store;
    const original = store.dispatch;
    store.dispatch = (action) => {
      seen.push(action.type === 'CONFERENCE_FAILED' ? `${action.type}:${action.error.name}` : action.type);
      return original(action);
    };
    store.getState()['features/base/conference'].conference.end();
    await new Promise((r) => setTimeout(r, 150));
    return { seen, server: window.__jitsiSim.state() };
  });
  check(actions.seen.includes('CONFERENCE_FAILED:conference.destroyed'), 'end() → CONFERENCE_FAILED conference.destroyed');
  check(actions.server.occupants.length === 0, 'end() empties the room');
  await page.waitForURL(`${sim.origin}/`, { timeout: 5000 });
  const welcome = await page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 100));
    return { store: Boolean(window.APP?.store), room: window.APP?.store?.getState()['features/base/conference'].room, sim: typeof window.__jitsiSim };
  });
  check(welcome.store && welcome.room === undefined && welcome.sim === 'undefined', 'welcome page: APP.store, no room');

  // --- hangup via the plain button (participant role, no menu) -----------------------------
  await page.goto(sim.roomUrl('Bio9c', { students: 3, role: 'participant' }, NO_PREJOIN));
  await page.waitForFunction(() => window.APP?.store?.getState()['features/base/participants'].local?.role === 'participant');
  check(await page.locator('div.toolbox-button[role=button][aria-label="Leave the meeting"] > div.toolbox-icon.hangup-button').count() === 1, 'plain hangup button for a participant');
  const lockRejected = await page.evaluate(() =>
    window.APP.conference._room.lock('x').then(() => 'resolved', (error) => error.message));
  check(lockRejected === 'You are not moderator.', 'lock() rejects when not moderator');
  const leaveOrder = await page.evaluate(async () => {
    /** @type {Array<[string, number]>} */
    const seen = [];
    window.APP.store.subscribe(() => seen.push(['tick', window.APP.store.getState()['features/base/participants'].remote.size]));
    const original = window.APP.store.dispatch;
    window.APP.store.dispatch = (action) => {
      seen.push([action.type, -1]);
      return original(action);
    };
    window.APP.conference.hangup(false);
    await new Promise((r) => setTimeout(r, 100));
    return seen.map(([type]) => type).filter((type) => type !== 'tick');
  });
  check(leaveOrder[0] === 'CONFERENCE_WILL_LEAVE' && leaveOrder.includes('CONFERENCE_LEFT'), `hangup: ${leaveOrder.join(' → ')}`);
  await page.waitForURL(`${sim.origin}/`, { timeout: 5000 });

  // --- prejoin ---------------------------------------------------------------------------
  await page.goto(sim.roomUrl('Deutsch8a', { students: 2, lang: 'de' }));
  await page.waitForSelector('[data-testid="prejoin.screen"] #premeeting-name-input');
  check(await page.locator('#new-toolbox').count() === 0, 'no toolbox while prejoin shows');
  await page.fill('#premeeting-name-input', 'Frau Müller');
  await page.click('[data-testid="prejoin.joinMeeting"]');
  await page.waitForSelector('button[aria-label="Konferenz für alle beenden"]', { state: 'attached', timeout: 100 }).catch(() => undefined);
  await page.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
  await page.click('.hangup-menu-button');
  check(await page.locator('button[aria-label="Konferenz für alle beenden"]').count() === 1, 'German hangup menu');

  // --- 2021 app ----------------------------------------------------------------------------
  await page.goto(sim.roomUrl('Chemie10', { students: 6, app: '2021' }, '#config.prejoinPageEnabled=false'));
  await page.waitForFunction(() => {
    const slice = window.APP?.store?.getState()['features/base/participants'];
    return Array.isArray(slice) && slice.find((p) => p.local)?.role === 'moderator';
  });
  const legacy = await page.evaluate(() => {
    const state = window.APP.store.getState();
    const slice = state['features/base/participants'];
    const center = document.querySelector('.button-group-center');
    return {
      isArray: Array.isArray(slice),
      remotes: slice.filter((p) => !p.local).length,
      noAv: !('features/av-moderation' in state) && !('features/breakout-rooms' in state),
      hangupLabel: center?.children[1]?.getAttribute('aria-label'),
      noEnd: typeof state['features/base/conference'].conference.end === 'undefined',
      noLayoutWrapper: !document.querySelector('#layout_wrapper'),
    };
  });
  check(legacy.isArray && legacy.remotes === 6, '2021: participants slice is an array with 6 remotes');
  check(legacy.noAv && legacy.noEnd && legacy.noLayoutWrapper, '2021: no av-moderation/breakout slices, no end(), no #layout_wrapper');
  check(legacy.hangupLabel === 'Leave the call', '2021: hangup is 2nd child of .button-group-center');

  // --- lookalike ---------------------------------------------------------------------------
  await page.goto(`${sim.origin}/__fixtures/lookalike`);
  const lookalike = await page.evaluate(() => ({ app: typeof window.APP, lib: typeof window.JitsiMeetJS }));
  check(lookalike.app === 'object' && lookalike.lib === 'undefined', 'lookalike fixture');

  check(pageErrors.length === 0, `no page errors (${pageErrors.join(' | ')})`);
  console.log('smoke: all checks passed');
} finally {
  await browser.close();
  await sim.close();
}
