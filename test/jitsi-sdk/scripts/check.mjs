// Headless Chromium check of jitsi-meet's real web UI (from @jitsi/react-native-sdk) against the stand-ins.
// Usage: node scripts/check.mjs [--no-css] [--minify]
// Prints one line per check and "N passed, N failed"; exits 1 on any failure. Screenshots: screens/*.png.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { build } from './build.mjs';
import { startSimulator } from '../server.mjs';

const NO_CSS = process.argv.includes('--no-css');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const T = { nav: 20000, ui: 8000 };
const results = [];
const t0 = Date.now();

function record(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
async function check(name, fn) {
  try {
    const detail = await fn();
    record(name, true, typeof detail === 'string' ? detail : '');
  } catch (e) {
    record(name, false, String(e?.message ?? e).split('\n')[0]);
  }
}
const assert = (cond, msg) => { if (!cond) throw new Error(msg); };

mkdirSync('screens', { recursive: true });
// --minify: production React + minified bundle (rebuilds; the default is the cached development build).
const b = process.argv.includes('--minify') ? await build({ quiet: true, minify: true, force: true }) : await build({ quiet: true });
console.log(`build: ${b.skipped ? 'cached' : `${b.ms} ms`}`);
const srv = await startSimulator({ langDelayMs: Number(process.env.LANG_DELAY_MS ?? 300) });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], timeout: 30000 });

/** A page with error capture; optional route blocking the layout CSS. */
async function openPage(path) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await ctx.newPage();
  page.errors = [];
  page.on('pageerror', e => page.errors.push(`${new URL(page.url()).pathname}: ${e.message} @ ${e.stack?.split('\n')[1]?.trim()}`));
  if (NO_CSS) await page.route('**/css/layout.css', r => r.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  await page.goto(srv.origin + path, { timeout: T.nav });
  return page;
}
const waitModerator = page => page.waitForFunction(
  () => window.APP?.store?.getState()['features/base/participants'].local?.role === 'moderator', null, { timeout: T.ui });
const calls = (page, prefix) => page.evaluate(p => window.__calls.filter(c => c.what.startsWith(p)), prefix);
/**
 * Records calls into the fake lib and APP.conference in `window.__calls` (check-only spies: APP.conference's
 * leave/join/hangup, every conference's moderation and join/leave methods, conferences created later too).
 */
const recordCalls = page => page.evaluate(() => {
  window.__calls = window.__calls ?? [];
  const safe = a => (a === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof a)) ? a : a instanceof String ? String(a) : `[${a?.constructor?.name ?? typeof a}]`;
  const wrap = (obj, prefix, names) => {
    for (const n of names) {
      const f = obj[n];
      if (typeof f !== 'function' || f.__spied) continue;
      const w = function (...a) { window.__calls.push({ what: prefix + n, args: a.map(safe), t: Date.now() }); return f.apply(this, a); };
      w.__spied = true;
      obj[n] = w;
    }
  };
  const conferenceMethods = ['join', 'leave', 'lock', 'enableLobby', 'disableLobby', 'kickParticipant', 'enableAVModeration', 'disableAVModeration', 'end', 'setStartMutedPolicy'];
  wrap(APP.conference, 'APP.conference.', ['hangup', 'leaveRoom', 'joinRoom']);
  if (APP.conference._room) wrap(APP.conference._room, 'conference.', conferenceMethods);
  const init = APP.connection.initJitsiConference;
  if (!init.__spied) {
    APP.connection.initJitsiConference = function (...a) { const c = init.apply(this, a); wrap(c, 'conference.', conferenceMethods); return c; };
    APP.connection.initJitsiConference.__spied = true;
  }
});
const SERVER = "Symbol.for('jitsi-sim/fake-server')";

try {
  // ---------------------------------------------------------------- 1. prejoin -> conference, moderator with end support
  const page = await openPage('/MathLesson');
  await check('APP.store appears after DOMContentLoaded; prejoin screen renders', async () => {
    await page.waitForSelector('[data-testid="prejoin.screen"]', { timeout: T.ui });
    const s = await page.evaluate(() => APP.store.getState()['features/prejoin'].showPrejoin);
    assert(s === true, `showPrejoin=${s}`);
  });
  await page.screenshot({ path: 'screens/01-prejoin.png' });

  await check('real "Join meeting" click joins; join-in-progress before joined; local user becomes moderator', async () => {
    // Record the order of the conference actions the SDK dispatches (subscribe sees state only, so watch slices).
    await page.evaluate(() => {
      window.__order = [];
      let prev = APP.store.getState()['features/base/conference'];
      APP.store.subscribe(() => {
        const s = APP.store.getState(); const c = s['features/base/conference'];
        if (c.joining && !prev.joining) window.__order.push('WILL_JOIN');
        if (s['features/prejoin'].showPrejoin === false && !window.__order.includes('PREJOIN_HIDDEN')) window.__order.push('PREJOIN_HIDDEN');
        if (c.conference && !prev.conference) window.__order.push('JOINED');
        prev = c;
      });
    });
    await page.fill('#premeeting-name-input', 'Teacher');
    await page.click('[data-testid="prejoin.joinMeeting"]', { timeout: T.ui });
    await waitModerator(page);
    await recordCalls(page);
    const order = await page.evaluate(() => window.__order);
    // PREJOIN_HIDDEN comes from CONFERENCE_JOIN_IN_PROGRESS (base/conference/middleware.web.ts).
    assert(order.join() === 'WILL_JOIN,PREJOIN_HIDDEN,JOINED', `order ${order}`);
    return order.join(' → ');
  });

  await check('real toolbar renders (#new-toolbox with .toolbox-button items, no prejoin)', async () => {
    await page.waitForSelector('#new-toolbox .toolbox-content-items .toolbox-button', { timeout: T.ui });
    const n = await page.locator('#new-toolbox .toolbox-button').count();
    const prejoin = await page.locator('[data-testid="prejoin.screen"]').count();
    assert(n >= 4 && prejoin === 0, `buttons=${n} prejoin=${prejoin}`);
    return `${n} toolbox buttons`;
  });

  await check('store has the feature keys the companion reads; remote is a Map', async () => {
    const r = await page.evaluate(() => {
      const s = APP.store.getState();
      const keys = ['features/base/conference', 'features/base/participants', 'features/lobby', 'features/recording',
        'features/breakout-rooms', 'features/av-moderation', 'features/prejoin', 'features/base/config'];
      return { missing: keys.filter(k => !(k in s)), isMap: s['features/base/participants'].remote instanceof Map,
        conf: s['features/base/conference'].conference === APP.conference._room, total: Object.keys(s).length,
        sessionDatas: Array.isArray(s['features/recording'].sessionDatas), rooms: typeof s['features/breakout-rooms'].rooms };
    });
    assert(r.missing.length === 0, `missing ${r.missing}`);
    assert(r.isMap, 'remote is not a Map');
    assert(r.conf, "'features/base/conference'.conference !== APP.conference._room");
    assert(r.sessionDatas && r.rooms === 'object', JSON.stringify(r));
    return `${r.total} slices`;
  });

  await check('remote participant via lib USER_JOINED appears in participants.remote', async () => {
    const id = await page.evaluate(() => window.__jitsiSim.join('Anna'));
    await page.waitForFunction(i => APP.store.getState()['features/base/participants'].remote.has(i), id, { timeout: T.ui });
    const r = await page.evaluate(i => {
      const p = APP.store.getState()['features/base/participants'].remote.get(i);
      return { name: p.name, role: p.role, count: APP.conference.membersCount, listed: APP.conference.listMembers().length };
    }, id);
    assert(r.name === 'Anna' && r.count === 2 && r.listed === 1, JSON.stringify(r));
    return JSON.stringify(r);
  });

  await check('participant left via lib USER_LEFT leaves participants.remote (same Map instance)', async () => {
    const r = await page.evaluate(async () => {
      const before = APP.store.getState()['features/base/participants'].remote;
      const id = window.__jitsiSim.join('Ben');
      await new Promise(res => setTimeout(res, 50));
      const had = before.has(id);
      window.__jitsiSim.leave(id);
      await new Promise(res => setTimeout(res, 50));
      const after = APP.store.getState()['features/base/participants'].remote;
      return { had, gone: !after.has(id), sameMap: before === after };
    });
    assert(r.had && r.gone, JSON.stringify(r));
    return `sameMap=${r.sameMap}`;
  });
  await page.screenshot({ path: 'screens/02-conference.png' });

  await check('hang-up menu (moderator + end supported): real click opens "End meeting for all" / "Leave meeting"', async () => {
    const toggle = page.locator('.toolbox-button-wth-dialog:has(.hangup-menu-button) .toolbox-button, .toolbox-button:has(.hangup-menu-button)').first();
    await toggle.click({ timeout: T.ui });
    const end = page.getByRole('button', { name: 'End meeting for all' });
    const leave = page.getByRole('button', { name: 'Leave meeting' });
    await end.waitFor({ state: 'visible', timeout: T.ui });
    await leave.waitFor({ state: 'visible', timeout: T.ui });
    const visible = await page.evaluate(() => APP.store.getState()['features/toolbox'].hangupMenuVisible);
    assert(visible === true, `hangupMenuVisible=${visible}`);
  });
  await page.screenshot({ path: 'screens/03-hangup-menu.png' });
  await page.keyboard.press('Escape');
  await page.mouse.click(640, 300);

  await check('Security options dialog opens by real click; lobby switch calls enableLobby; lobbyEnabled true after MEMBERS_ONLY_CHANGED', async () => {
    let sec = page.locator('#new-toolbox [aria-label="Security options"]');
    if (!(await sec.count())) {
      // Not in the main toolbar at this width: it is in the overflow ("More actions") menu.
      await page.locator('#new-toolbox [aria-label="More actions"]').first().click({ timeout: T.ui });
      sec = page.locator('[aria-label="Security options"]');
    }
    await sec.first().click({ timeout: T.ui });
    await page.waitForSelector('.security-dialog', { timeout: T.ui });
    await page.waitForSelector('#lobby-section #lobby-section-switch', { timeout: T.ui, state: 'attached' });
    await page.screenshot({ path: 'screens/04-security-dialog.png' });
    const before = await page.evaluate(() => APP.store.getState()['features/lobby'].lobbyEnabled);
    // The switch is a visually hidden <input type=checkbox> inside span.toggle-container; click its visible box.
    const sw = page.locator('#lobby-section-switch');
    const box = page.locator('#lobby-section .toggle-container, #lobby-section-switch').first();
    await box.click({ timeout: T.ui });
    await page.waitForFunction(() => APP.store.getState()['features/lobby'].lobbyEnabled === true, null, { timeout: T.ui });
    const c = await calls(page, 'conference.enableLobby');
    assert(before === false && c.length === 1, `before=${before} enableLobby calls=${c.length}`);
    assert(await sw.isChecked(), 'switch not checked');
    await page.waitForTimeout(150);
    await page.screenshot({ path: 'screens/05-lobby-on.png' });
  });
  await check('Security dialog password: "Add password", type, Enter → conference.lock(pw) → locked LOCKED_LOCALLY + password', async () => {
    await page.locator('.security-dialog .add-password').click({ timeout: T.ui });
    await page.locator('#info-password-input').fill('1234');
    await page.locator('#info-password-input').press('Enter');
    await page.waitForFunction(() => APP.store.getState()['features/base/conference'].locked === 'LOCKED_LOCALLY', null, { timeout: T.ui });
    const r = await page.evaluate(() => APP.store.getState()['features/base/conference'].password);
    const c = await calls(page, 'conference.lock');
    assert(r === '1234' && c.length === 1 && c[0].args[0] === '1234', `password=${r} lock calls=${JSON.stringify(c)}`);
    await page.locator('.security-dialog .info-password-local').waitFor({ timeout: T.ui });
    await page.screenshot({ path: 'screens/05b-password-set.png' });
  });
  await page.keyboard.press('Escape');

  await check('plain actions from outside: REQUEST_ENABLE_AUDIO_MODERATION → enableAVModeration; KICK_PARTICIPANT → kickParticipant; SET_LOCAL_RECORDING_RUNNING {running} → localRecordingRunning', async () => {
    const r = await page.evaluate(async () => {
      APP.store.dispatch({ type: 'REQUEST_ENABLE_AUDIO_MODERATION' });
      const id = [...APP.store.getState()['features/base/participants'].remote.keys()][0];
      APP.store.dispatch({ type: 'KICK_PARTICIPANT', id });
      // The test double's way to fake browser-local recording (facts §9.3): the plain reducer action.
      APP.store.dispatch({ type: 'SET_LOCAL_RECORDING_RUNNING', running: true });
      await new Promise(res => setTimeout(res, 150));
      const s = APP.store.getState();
      const rec = s['features/recording'].localRecordingRunning;
      APP.store.dispatch({ type: 'SET_LOCAL_RECORDING_RUNNING', running: false });
      return { rec, av: s['features/av-moderation'].audioModerationEnabled, gone: !s['features/base/participants'].remote.has(id),
        calls: window.__calls.filter(c => /AVModeration|kickParticipant/.test(c.what)).map(c => c.what) };
    });
    assert(r.rec === true && r.av === true && r.gone && r.calls.includes('conference.enableAVModeration') && r.calls.includes('conference.kickParticipant'), JSON.stringify(r));
  });

  await check('lobby turned off by another moderator (lib MEMBERS_ONLY_CHANGED false) updates lobbyEnabled', async () => {
    await page.evaluate(s => window[eval(s)].setMembersOnly(false), SERVER);
    await page.waitForFunction(() => APP.store.getState()['features/lobby'].lobbyEnabled === false, null, { timeout: T.ui });
  });

  await check('moveToRoom (lib BREAKOUT_ROOMS_MOVE_TO_ROOM): _RESET_BREAKOUT_ROOMS, leaveRoom(false,"switch_room"), joinRoom, new conference', async () => {
    const r = await page.evaluate(async (slot) => {
      const server = window[eval(slot)];
      const br = window.__jitsiSim.openBreakoutRoom('Group 1', []);
      await new Promise(res => setTimeout(res, 100));
      const roomsBefore = Object.keys(APP.store.getState()['features/breakout-rooms'].rooms).length;
      const old = APP.conference._room;
      const n0 = window.__calls.length;
      // _RESET_BREAKOUT_ROOMS returns the slice to its default (rooms {}): note how many calls had happened then.
      let resetAt = -1;
      const unsub = APP.store.subscribe(() => {
        if (resetAt < 0 && Object.keys(APP.store.getState()['features/breakout-rooms'].rooms).length === 0) resetAt = window.__calls.length - n0;
      });
      // The breakout component asks our client to switch (a moderator sent us): lib BREAKOUT_ROOMS_MOVE_TO_ROOM.
      server.moveOccupant(server.local.id, br);
      for (let i = 0; i < 100 && (APP.conference._room === old || !APP.conference.isJoined()); i++) await new Promise(res => setTimeout(res, 20));
      unsub();
      return { br, roomsBefore, resetAt, jid: APP.conference._room.room.roomjid, isBreakout: APP.conference._room.getBreakoutRooms().isBreakoutRoom(), newConf: APP.conference._room !== old, joined: APP.conference.isJoined(),
        seq: window.__calls.slice(n0).map(c => `${c.what}(${c.args.join(',')})`) };
    }, SERVER);
    const id = r.br.split('@')[0];
    assert(r.roomsBefore === 2 && r.newConf && r.joined && r.isBreakout && r.jid === r.br, JSON.stringify(r));
    assert(r.resetAt === 0, `breakout rooms reset after ${r.resetAt} calls (expected before leaveRoom)`);
    const want = ['APP.conference.leaveRoom(false,switch_room)', 'conference.leave(switch_room)'];
    assert(want.every(w => r.seq.includes(w)) && r.seq.some(s => s.startsWith(`APP.conference.joinRoom(${id}`)), r.seq.join(' | '));
    return `_RESET_BREAKOUT_ROOMS → ${r.seq.join(' → ')}`;
  });
  await waitModerator(page);

  await check('inside a breakout room the hang-up control offers no "End meeting for all"', async () => {
    await page.waitForTimeout(300);
    const menu = page.locator('.toolbox-button:has(.hangup-menu-button)');
    let labels = [];
    if (await menu.count()) {
      await menu.first().click({ timeout: T.ui });
      await page.waitForTimeout(300);
      labels = await page.locator('.popover button, [role="menu"] button').evaluateAll(bs => bs.map(b => b.getAttribute('aria-label') || b.textContent));
      await page.keyboard.press('Escape');
    }
    const plain = await page.locator('.toolbox-button:has(.hangup-button)').count();
    await page.screenshot({ path: 'screens/05c-breakout-room.png' });
    assert(!labels.includes('End meeting for all'), `labels ${labels}`);
    return `menu=${await menu.count()} plain=${plain} labels=${JSON.stringify(labels)}`;
  });

  await check('back to the main room (lib BREAKOUT_ROOMS_MOVE_TO_ROOM with the main room JID) → joined again', async () => {
    const r = await page.evaluate(async (slot) => {
      const server = window[eval(slot)];
      const old = APP.conference._room;
      server.moveOccupant(server.local.id, server.mainRoomJid);
      for (let i = 0; i < 100 && (APP.conference._room === old || !APP.conference.isJoined()); i++) await new Promise(res => setTimeout(res, 20));
      return { jid: APP.conference._room.room.roomjid, joined: APP.conference.isJoined() };
    }, SERVER);
    assert(r.joined && r.jid.includes(`@conference.`), JSON.stringify(r));
    await waitModerator(page);
    return r.jid;
  });

  const missing = await page.evaluate(() => window[Symbol.for('jitsi-sim/missing-lib-names')]());
  await check('"End meeting for all" → conference.end() → CONFERENCE_FAILED destroyed → APP.conference.hangup(true, reason, true)', async () => {
    await page.locator('.toolbox-button:has(.hangup-menu-button)').first().click({ timeout: T.ui });
    await page.getByRole('button', { name: 'End meeting for all' }).click({ timeout: T.ui });
    await page.waitForFunction(() => window.__calls.some(c => c.what === 'APP.conference.hangup'), null, { timeout: T.ui });
    const h = (await calls(page, 'APP.conference.hangup'))[0].args;
    const end = await calls(page, 'conference.end');
    assert(end.length === 1, 'conference.end not called');
    assert(h[0] === true && h[1] === 'The meeting has been terminated' && h[2] === true, JSON.stringify(h));
    return `hangup(${h.map(a => JSON.stringify(a)).join(', ')})`;
  });
  await page.screenshot({ path: 'screens/06-after-end.png' });
  await check('after hang-up the app navigates to the welcome page "/" (thank-you toast, ~3 s)', async () => {
    await page.waitForURL(u => new URL(u).pathname === '/', { timeout: 6000 });
  });
  await check('no uncaught page errors in the main page', async () => {
    assert(page.errors.length === 0, page.errors.slice(0, 3).join(' | '));
  });
  await page.context().close();

  // ---------------------------------------------------------------- 2. no end support: plain hang-up button, once()
  const t2 = Date.now();
  const p2 = await openPage('/PlainLesson?endConference=0#config.prejoinConfig.enabled=false');
  await check('prejoin skipped by hash override #config.prejoinConfig.enabled=false', async () => {
    await waitModerator(p2);
    const ms = Date.now() - t2;
    assert(await p2.locator('[data-testid="prejoin.screen"]').count() === 0, 'prejoin shown');
    const t = await p2.evaluate(() => ({ dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd) }));
    return `new page → moderator in ${ms} ms (DOMContentLoaded at ${t.dcl} ms)`;
  });
  await check('plain hang-up button (.toolbox-button:has(.hangup-button)) when end is unsupported; no menu', async () => {
    await p2.waitForSelector('.toolbox-button:has(.hangup-button)', { timeout: T.ui });
    assert(await p2.locator('.hangup-menu-button').count() === 0, 'menu present');
    return await p2.locator('.toolbox-button:has(.hangup-button)').getAttribute('aria-label');
  });
  await check('hang-up click → APP.conference.hangup(true, undefined, undefined); a 2nd click is swallowed by lodash once()', async () => {
    // Hold the real hangup (like a leave confirmation would), click twice.
    await p2.evaluate(() => {
      const real = APP.conference.hangup;
      window.__held = [];
      APP.conference.hangup = (...a) => { window.__held.push(a); };
      window.__realHangup = real;
    });
    const btn = p2.locator('.toolbox-button:has(.hangup-button)');
    await btn.click({ timeout: T.ui });
    await p2.waitForTimeout(200);
    await btn.click({ timeout: T.ui });
    await p2.waitForTimeout(300);
    const held = await p2.evaluate(() => window.__held);
    assert(held.length === 1, `hangup reached ${held.length} times`);
    assert(held[0][0] === true && held[0][1] === undefined, JSON.stringify(held[0]));
    return `args=${JSON.stringify(held[0])}`;
  });
  await p2.screenshot({ path: 'screens/07-plain-hangup.png' });
  await p2.context().close();

  // ---------------------------------------------------------------- 3. kicked out
  const p3 = await openPage('/KickLesson#config.prejoinConfig.enabled=false');
  await check('KICKED → KICKED_OUT → APP.conference.hangup(true, "<kicker> kicked you out…", true)', async () => {
    await waitModerator(p3);
    await recordCalls(p3);
    await p3.evaluate(() => { window.__jitsiSim.join('Mr Smith', { moderator: true }); window.__jitsiSim.kickMe(); });
    await p3.waitForFunction(() => window.__calls.some(c => c.what === 'APP.conference.hangup'), null, { timeout: T.ui });
    const h = (await calls(p3, 'APP.conference.hangup'))[0].args;
    assert(h[0] === true && typeof h[1] === 'string' && h[2] === true, JSON.stringify(h));
    return `hangup(${h.map(a => JSON.stringify(a)).join(', ')})`;
  });
  await p3.context().close();

  // Unknown enum names become placeholder strings (events the fake never emits); unknown methods matter more.
  const methods = missing.filter(m => !m.startsWith('enum '));
  console.log(`fake lib: ${missing.length - methods.length} event/error names jitsi-meet listens for are never emitted; ${methods.length} unknown lib methods called${methods.length ? `:\n  ${methods.join('\n  ')}` : ''}`);
} finally {
  await browser.close();
  await srv.close();
}
const failed = results.filter(r => !r.ok).length;
console.log(`\n${results.length - failed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
