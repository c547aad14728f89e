// Prints an outline (ids, classes, boxes, position) of the joined conference page, to write layout CSS against.
//   node scripts/dom-outline.mjs
import { chromium } from 'playwright-core';
import { startSimulator } from '../server.mjs';
const srv = await startSimulator();
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(srv.origin + '/MathLesson#config.prejoinConfig.enabled=false', { timeout: 15000 });
  await page.waitForFunction(() => APP.store?.getState()['features/base/participants'].local?.role === 'moderator', null, { timeout: 10000 });
  await page.waitForTimeout(500);
  console.log(await page.evaluate(() => {
    const out = [];
    const walk = (el, d) => {
      if (d > 9) return;
      const r = el.getBoundingClientRect();
      const cls = typeof el.className === 'string' ? el.className.split(' ').filter(c => !c.startsWith('css-')).join('.') : '';
      if (el.id || cls) out.push(`${'  '.repeat(d)}${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls ? '.' + cls : ''} [${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}] ${getComputedStyle(el).position}`);
      for (const c of el.children) if (c.tagName !== 'svg') walk(c, d + 1);
    };
    walk(document.getElementById('react'), 0);
    return out.join('\n');
  }));
} finally { await browser.close(); await srv.close(); }
