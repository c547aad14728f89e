// The command line (scripts/admin-kit/index.ts, runCli): arguments, --check, --config, --out.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicyText, CHROME_WEB_STORE_UPDATE_URL, type CliIo, EDGE_ADDONS_UPDATE_URL, exampleConfiguration, EXTENSION_ID_PLACEHOLDER, generateKit, runCli, shippedKit } from '../../../scripts/admin-kit/index.ts';
import { MANAGED_GECKO_ID } from '../../../scripts/manifest-variants.ts';
import { CHROME_ID, EDGE_ID, GENERATED } from './helpers.ts';

describe('admin kit: command line', () => {
  const inputFiles = new Map([
    ['ours.json', JSON.stringify({ enforced: { autoLobby: true, hosts: ['jitsi.unsere-schule.example'] }, defaults: { lessonLogDays: 7 } })],
    ['broken.json', '{ "enforced": { "autoLobby": true, } '],
    ['wrong.json', JSON.stringify({ enforced: { autoLobby: 'yes', leaveGuard: 'shout' }, extra: {} })],
  ]);
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const written = new Map<string, string>();
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readFile: (path) => {
        const content = inputFiles.get(path);
        if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return content;
      },
      writeFile: (path, content) => written.set(path, content),
    };
    const code = runCli(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n'), written };
  };

  it.each([
    [['--chrome-id', CHROME_ID], /--host is missing/],
    [['--host', 'https://jitsi.schule.example/'], /give the host name only, without https:\/\//],
    [['--host', 'jitsi_schule.example'], /not a host name/],
    [['--host', 'localhost'], /not a host name/],
    [['--host', '192.168.1.10'], /not a host name.*not an IP address/],
    [['--host', `${'a'.repeat(64)}.example`], /not a host name/],
    [['--host', 'jitsi.schule.example', '--chrome-id', 'ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP'], /--chrome-id "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP": a Chrome\/Edge extension id is 32 letters from a to p/],
    [['--host', 'jitsi.schule.example', '--chrome-id', 'abcdefghijklmnopqrstuvwxyzabcdef'], /--chrome-id .* 32 letters from a to p/],
    [['--host', 'jitsi.schule.example', '--edge-id', 'abc'], /--edge-id "abc": a Chrome\/Edge extension id is 32 letters/],
    [['--host', 'jitsi.schule.example', '--firefox-install-url', 'http://schule.example/x.xpi'], /--firefox-install-url .*must be an https:\/\/ address/],
    [['--host', 'jitsi.schule.example', '--firefox-id', 'not an id'], /--firefox-id "not an id": an add-on id looks like/],
    [['--host', 'jitsi.schule.example', '--example', 'district'], /--example "district": choose school or state/],
    [['--host', 'jitsi.schule.example', '--colour', 'red'], /Unknown option '--colour'/],
    [['--host', 'jitsi.schule.example', '--config', 'missing.json'], /--config missing.json: cannot read it as JSON \(ENOENT/],
    [['--host', 'jitsi.schule.example', '--config', 'broken.json'], /--config broken.json: cannot read it as JSON/],
    [['--host', 'jitsi.schule.example', '--config', 'wrong.json'], /extra: not a setting[\s\S]*enforced.autoLobby: wrong kind of value[\s\S]*enforced.leaveGuard: value not allowed/],
  ])('rejects %j with a clear message and writes nothing', (argv, message) => {
    const { code, err, written } = run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(written.size).toBe(0);
  });

  it('--check lists every value the extension would ignore, with what is allowed and what the browser does', () => {
    inputFiles.set(
      'chromium.json',
      JSON.stringify({
        ExtensionSettings: {},
        '3rdparty': { extensions: { [CHROME_ID]: { enforced: { autoLobby: true, passwordLength: 8, autoPassword: 'yes' }, defaults: { autoLoby: true } } } },
      }),
    );
    inputFiles.set('policies.json', JSON.stringify({ policies: { '3rdparty': { Extensions: { 'jmc@example.org': { defaults: { leaveGuard: 'Strong' } } } } } }));
    const chromium = run('--check', 'chromium.json');
    expect(chromium.code).toBe(1);
    expect(chromium.written.size).toBe(0);
    const lines = chromium.err.split('\n');
    expect(lines).toContain(`chromium.json: 3rdparty.extensions.${CHROME_ID}.enforced.passwordLength = 8: value not allowed (see settings.md); allowed: a whole number from 10 to 64 (ignored, the built-in default applies; the options page lists it)`);
    expect(chromium.err).toMatch(/enforced\.autoPassword = "yes": wrong kind of value.*allowed: true or false \(Chrome and Edge drop the whole "enforced" group/);
    expect(chromium.err).toMatch(/defaults\.autoLoby: not a setting.*drop it without a word/);
    expect(chromium.err).toContain('chrome://policy');
    const firefox = run('--check', 'policies.json');
    expect(firefox.code).toBe(1);
    expect(firefox.err).toContain('policies.3rdparty.Extensions.jmc@example.org.defaults.leaveGuard = "Strong": value not allowed (see settings.md); allowed: one of "warn", "strong"');
    const fine = run('--check', 'ours.json');
    expect(fine).toMatchObject({ code: 0, err: '' });
    expect(fine.out).toBe('ours.json: OK (2 enforced, 1 defaults)');
    expect(run('--check', 'broken.json')).toMatchObject({ code: 1, err: expect.stringMatching(/broken.json: not JSON/) });
    expect(run('--check', 'missing.json')).toMatchObject({ code: 2, err: expect.stringMatching(/cannot read it/) });
    // The shipped examples pass.
    for (const [path, content] of shippedKit()) if (path.endsWith('.json')) expect(checkPolicyText(content, path), path).toMatchObject({ ok: true });
  });

  it('writes the whole kit to --out, for the ids given', () => {
    const { code, out, written } = run('--host', 'Jitsi.Schule.example', '--chrome-id', CHROME_ID, '--edge-id', EDGE_ID, '--out', '/tmp/kit');
    expect(code).toBe(0);
    const expected = generateKit({ host: 'jitsi.schule.example', chromeId: CHROME_ID, edgeId: EDGE_ID });
    expect([...written.keys()]).toEqual([...expected.keys()].map((path) => join('/tmp/kit', path)));
    for (const [path, content] of expected) expect(written.get(join('/tmp/kit', path))).toBe(content);
    expect(out).toContain('wrote 19 files for jitsi.schule.example');
    expect(out).not.toContain(EXTENSION_ID_PLACEHOLDER);
    const edge = JSON.parse(written.get(join('/tmp/kit', 'linux/edge/jitsi-moderator-companion.json'))!);
    expect(edge.ExtensionSettings[EDGE_ID].update_url).toBe(EDGE_ADDONS_UPDATE_URL);
    const chrome = JSON.parse(written.get(join('/tmp/kit', 'linux/chrome/jitsi-moderator-companion.json'))!);
    expect(chrome.ExtensionSettings[CHROME_ID].update_url).toBe(CHROME_WEB_STORE_UPDATE_URL);
  });

  it('--config: writes the school’s own configuration into every file', () => {
    const { code, written } = run('--host', 'jitsi.unsere-schule.example', '--chrome-id', CHROME_ID, '--config', 'ours.json', '--out', 'kit');
    expect(code).toBe(0);
    const ours = JSON.parse(inputFiles.get('ours.json')!);
    expect(JSON.parse(written.get(join('kit', 'configuration.json'))!)).toEqual(ours);
    expect(JSON.parse(written.get(join('kit', 'firefox/policies.json'))!).policies['3rdparty'].Extensions[MANAGED_GECKO_ID]).toEqual(ours);
    expect(written.get(join('kit', 'windows/chrome.reg'))).toContain('"lessonLogDays"=dword:00000007');
  });

  it('without ids, writes the placeholder to the default folder and says so', () => {
    const { code, out, written } = run('--host', 'jitsi.landesschule.example', '--example', 'state');
    expect(code).toBe(0);
    expect([...written.keys()].every((path) => path.startsWith(join('docs/admin/generated')))).toBe(true);
    expect(out).toContain(`the Chrome/Edge files say ${EXTENSION_ID_PLACEHOLDER}`);
    // The managed XPI's default address carries the version, as `npm run package` names the file.
    expect(out).toMatch(/https:\/\/landesschule\.example\/jitsi-moderator-companion-\d+(\.\d+){0,3}-firefox-managed\.xpi:/);
    expect(JSON.parse(written.get(join(GENERATED, 'configuration.json'))!)).toEqual(exampleConfiguration('state', 'jitsi.landesschule.example'));
  });
});
