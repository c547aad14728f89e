// The layering rules live in eslint.config.js; prove they bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture boundaries', () => {
  it.each([
    ['src/core/x.ts', "import browser from 'webextension-polyfill';\nexport const a = browser;"],
    ['src/jitsi/x.ts', "import { t } from '../shared/i18n.ts';\nexport const a = t;"],
    ['src/page/x.ts', "import browser from 'webextension-polyfill';\nexport const a = browser;"],
    ['src/popup/x.ts', "import { STATE_KEYS } from '../jitsi/adapter.ts';\nexport const a = STATE_KEYS;"],
    ['src/background/x.ts', "import { x } from '../../test/sim/server.mjs';\nexport const a = x;"],
    ['src/core/y.ts', "import { STATE_KEYS } from '../jitsi/adapter.ts';\nexport const a = STATE_KEYS;"],
  ])('%s may not import that', async (file, code) => {
    expect(await errorsFor(file, code)).toContain('no-restricted-imports');
  });

  it('allowed imports pass', async () => {
    expect(await errorsFor('src/page/x.ts', "import { STATE_KEYS } from '../jitsi/adapter.ts';\nexport const a = STATE_KEYS;")).toEqual([]);
    expect(await errorsFor('src/popup/x.ts', "import browser from 'webextension-polyfill';\nexport const a = browser;")).toEqual([]);
  });

  it('bans Math.random and innerHTML everywhere in src', async () => {
    expect(await errorsFor('src/core/z.ts', 'export const n = Math.random();')).toContain('no-restricted-syntax');
    expect(await errorsFor('src/content/z.ts', 'document.body.innerHTML = "x";')).toContain('no-restricted-syntax');
  });
});
