import { describe, expect, it } from 'vitest';
import { isSitePattern, punycodeLabel } from './sites.ts';
import { type Problem, type SettingKey, allowedText, allowedValues, defaultSettings, valuePreview, checkHostEntry, hostPattern, MAX_PROBLEMS, mergeSettings, parsePolicy, parseTeacherChoices, ruleLines, SETTING_KEYS, SETTINGS, textInLanguage } from './settings.ts';

describe('settings model', () => {
  it('every setting has a default that passes its own check', () => {
    for (const key of SETTING_KEYS) expect(SETTINGS[key].check(SETTINGS[key].default as never), key).toMatchObject({ ok: true });
    expect(defaultSettings()).toMatchObject({ autoLobby: false, passwordLength: 12, leaveGuard: 'warn', lessonLogDays: 30, uiLanguage: 'auto' });
  });

  it('validates each kind of value with a reason', () => {
    const { enforced, defaults, problems } = parsePolicy({
      enforced: { autoLobby: true, passwordLength: 8, leaveGuard: 'shout', hosts: ['jitsi.schule.example', 'https://meet.example.org/*', 'http://insecure.example/*'] },
      defaults: { helpUrl: 'javascript:alert(1)', rulesText: { de: 'Kamera aus', fr: 'non' }, lessonLogDays: 14, colour: 'red' },
      extra: 1,
    });
    // One bad host never takes the good ones with it (issue 16).
    expect(enforced).toEqual({ autoLobby: true, hosts: ['https://jitsi.schule.example/*', 'https://meet.example.org/*'] });
    expect(defaults).toEqual({ lessonLogDays: 14 });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'extra', problem: 'unknown-key' },
        { path: 'enforced.passwordLength', problem: 'out-of-range', key: 'passwordLength', value: '8' },
        { path: 'enforced.leaveGuard', problem: 'out-of-range', key: 'leaveGuard', value: '"shout"' },
        { path: 'enforced.hosts[2]', problem: 'invalid-host', key: 'hosts', value: '"http://insecure.example/*"' },
        { path: 'defaults.helpUrl', problem: 'invalid-url', key: 'helpUrl', value: '"javascript:alert(1)"' },
        expect.objectContaining({ path: 'defaults.rulesText', problem: 'unknown-key', key: 'rulesText' }),
        { path: 'defaults.colour', problem: 'unknown-key' },
      ]),
    );
    expect(problems).toHaveLength(7);
    // One bad value never takes its neighbours with it.
    expect(parsePolicy({ enforced: { autoLobby: true, lessonLogDays: 0, leaveGuard: 'strong' } }).enforced).toEqual({ autoLobby: true, leaveGuard: 'strong' });
  });

  // Record<SettingKey, …>: a new setting without its examples does not compile.
  const EXAMPLES: Record<SettingKey, { good: unknown; bad: unknown; problem: Problem }> = {
    hosts: { good: ['jitsi.schule.example'], bad: ['https://x.example/path'], problem: 'invalid-host' },
    autoLobby: { good: true, bad: 'true', problem: 'wrong-type' },
    autoPassword: { good: false, bad: 1, problem: 'wrong-type' },
    passwordLength: { good: 16, bad: 9, problem: 'out-of-range' },
    passwordStyle: { good: 'words', bad: 'easy', problem: 'out-of-range' },
    roomPassword: { good: 'optional', bad: 'sometimes', problem: 'out-of-range' },
    lessonLogDetail: { good: 'counts', bad: 'names', problem: 'out-of-range' },
    recordingRuleText: { good: { de: 'Vorher mit der Schulleitung absprechen.' }, bad: 'absprechen', problem: 'not-an-object' },
    leaveGuard: { good: 'strong', bad: 'loud', problem: 'out-of-range' },
    endLessonMode: { good: 'remove-everyone', bad: true, problem: 'wrong-type' },
    autoStartMuted: { good: true, bad: null, problem: 'wrong-type' },
    recordingReminder: { good: false, bad: [], problem: 'wrong-type' },
    rulesText: { good: { de: 'Kamera an', nl: 'Camera aan' }, bad: { de: 'x'.repeat(4_001) }, problem: 'too-long' },
    helpUrl: { good: 'https://schule.example/hilfe', bad: 'http://schule.example/hilfe', problem: 'invalid-url' },
    noticeText: { good: { en: 'Lessons only' }, bad: 'Lessons only', problem: 'not-an-object' },
    lessonLog: { good: false, bad: 'no', problem: 'wrong-type' },
    lessonLogDays: { good: 365, bad: 7.5, problem: 'wrong-type' },
    uiLanguage: { good: 'nl', bad: 'fr', problem: 'out-of-range' },
  };

  it.each(SETTING_KEYS)('%s: a valid value is taken, an invalid one is reported and the default kept', (key) => {
    const { good, bad, problem } = EXAMPLES[key];
    const taken = parsePolicy({ enforced: { [key]: good } });
    expect(taken.problems).toEqual([]);
    expect(mergeSettings(taken, {}).values[key]).toEqual(key === 'hosts' ? ['https://jitsi.schule.example/*'] : good);
    const refused = parsePolicy({ enforced: { [key]: bad } });
    expect(refused.problems).toEqual([{ path: `enforced.${key}`, problem, key, value: valuePreview(bad) }]);
    expect(allowedText(key)).not.toBe('');
    expect(mergeSettings(refused, {}).values[key]).toEqual(SETTINGS[key].default);
  });

  it('says what is allowed, and shows a bad value short', () => {
    expect(allowedValues('passwordLength')).toEqual({ kind: 'integer', min: 10, max: 64 });
    expect(allowedText('passwordLength')).toBe('a whole number from 10 to 64');
    expect(allowedText('passwordStyle')).toBe('one of "mixed", "digits", "words"');
    expect(allowedValues('autoLobby')).toEqual({ kind: 'boolean' });
    expect(allowedValues('helpUrl')).toEqual({ kind: 'https-url' });
    expect(allowedValues('rulesText')).toEqual({ kind: 'per-language' });
    expect(allowedValues('hosts')).toEqual({ kind: 'hosts' });
    expect(valuePreview('x'.repeat(100))).toHaveLength(60);
  });

  it('turns host names into https match patterns', () => {
    expect(hostPattern('Jitsi.Schule.example')).toBe('https://jitsi.schule.example/*');
    expect(hostPattern('https://meet.example.org/*')).toBe('https://meet.example.org/*');
    expect(hostPattern('http://meet.example.org/*')).toBeNull();
    expect(hostPattern('*.example.org')).toBeNull();
    expect(parsePolicy({ enforced: { hosts: ['a.example', 'A.example'] } }).enforced.hosts).toEqual(['https://a.example/*']);
  });

  it('reads hosts exactly as the browser does: each bad one refused with its reason, the rest taken (issue 16)', () => {
    const refused = { '10.0.0.300': 'invalid-ip', '1.2.3.999': 'invalid-ip', '[:]': 'invalid-ip', '[1:2]': 'invalid-ip', 'xn--a.example': 'invalid-name' } as const;
    for (const [host, problem] of Object.entries(refused)) expect(checkHostEntry(host), host).toEqual({ problem });
    for (const host of ['jitsi.example/path', 'jitsi.example:8443', 'user@jitsi.example', 'a b.example', 'https://jitsi.example/x/*', '']) expect(checkHostEntry(host), host).toEqual({ problem: 'invalid-host' });
    // The canonical form the browser compares with a page's address: punycode, IPv6 in brackets, lower case.
    expect(hostPattern('Schüle.example')).toBe('https://xn--schle-mva.example/*');
    expect(hostPattern('[2001:DB8::1]')).toBe('https://[2001:db8::1]/*');
    expect(hostPattern('10.0.0.30')).toBe('https://10.0.0.30/*');
    const { enforced, problems } = parsePolicy({ enforced: { hosts: ['10.0.0.300', 'jitsi.schule.example', 42] } });
    expect(enforced.hosts).toEqual(['https://jitsi.schule.example/*']);
    expect(problems).toEqual([
      { path: 'enforced.hosts[0]', problem: 'invalid-ip', key: 'hosts', value: '"10.0.0.300"' },
      { path: 'enforced.hosts[2]', problem: 'wrong-type', key: 'hosts', value: '42' },
    ]);
    // A stored pattern is checked the same way (the worker's registration list).
    expect(isSitePattern('https://10.0.0.300/*')).toBe(false);
    expect(isSitePattern('https://xn--a.example/*')).toBe(false);
    expect(isSitePattern('https://[::1]/*')).toBe(true);
    // Chromium's own parser lets a broken xn-- label through, Firefox does not: refused here for both.
    expect(punycodeLabel('xn--schle-mva')).toBe('schüle');
    expect(punycodeLabel('xn--wgv71a119e')).toBe('日本語');
    expect(punycodeLabel('xn--a')).toBeNull();
  });

  it('merges: enforced beats the teacher, who beats the school default, which beats the built-in value', () => {
    const policy = parsePolicy({ enforced: { autoLobby: true }, defaults: { autoLobby: false, autoPassword: true, passwordLength: 16 } });
    const teacher = parseTeacherChoices({ autoLobby: false, passwordLength: 20, bogus: 1, lessonLog: 'yes' });
    const { values, source } = mergeSettings(policy, teacher);
    expect(values).toMatchObject({ autoLobby: true, autoPassword: true, passwordLength: 20, lessonLog: true });
    expect(source).toMatchObject({ autoLobby: 'enforced', autoPassword: 'school-default', passwordLength: 'teacher', lessonLog: 'built-in' });
  });

  it('no policy at all (Firefox rejects managed storage then) is fine', () => {
    expect(parsePolicy(undefined)).toEqual({ enforced: {}, defaults: {}, problems: [] });
    expect(parsePolicy('nonsense').problems).toEqual([{ path: '', problem: 'not-an-object' }]);
    expect(mergeSettings(parsePolicy(undefined), {}).values).toEqual(defaultSettings());
  });

  it('1000 hostile policies never throw, keep defaults where invalid, and report every problem (capped)', () => {
    // Seeded xorshift: reproducible, and no non-cryptographic randomness anywhere in src.
    let seed = 0x2545f491;
    const next = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) / 0x1_0000_0000);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
    const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });
    const hostile = (): unknown =>
      pick<() => unknown>([
        () => 'x'.repeat(Math.floor(next() * 100_000)),
        () => Math.floor(next() * 1e12) - 5e11,
        () => next() > 0.5,
        () => null,
        () => [1, 'two', { three: 3 }],
        () => deep(Math.floor(next() * 200)),
        () => ({ __proto__: { polluted: true }, constructor: 'x' }),
        () => Array.from({ length: Math.floor(next() * 500) }, () => 'h'.repeat(Math.floor(next() * 300))),
        () => ({ de: 'x'.repeat(5_000), nl: 7 }),
        () => 'https://ok.example/',
        () => NaN,
      ])();
    const keys = [...SETTING_KEYS, 'unknown', '__proto__', 'constructor', 'x'.repeat(1_000)];
    for (let i = 0; i < 1000; i++) {
      const section = () => Object.fromEntries(Array.from({ length: Math.floor(next() * 20) }, () => [pick(keys), hostile()]));
      const policy = pick<unknown>([section(), { enforced: section(), defaults: section(), [pick(keys)]: hostile() }, hostile(), { enforced: hostile() }]);
      let parsed!: ReturnType<typeof parsePolicy>;
      expect(() => (parsed = parsePolicy(policy))).not.toThrow();
      expect(parsed.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
      const { values } = mergeSettings(parsed, {});
      for (const key of SETTING_KEYS) expect(SETTINGS[key].check(values[key] as never).ok, `${i}:${key}`).toBe(true);
      for (const problem of parsed.problems) expect(problem.path.length).toBeLessThanOrEqual(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});

describe('managed_schema.json', () => {
  it('is generated from the settings model (npm run generate rewrites it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { managedSchema } = await import('./managed-schema.ts');
    const generated = `${JSON.stringify(managedSchema(), null, 2)}\n`;
    expect(readFileSync('assets/managed_schema.json', 'utf8')).toBe(generated);
    const schema = JSON.parse(generated);
    expect(Object.keys(schema.properties.enforced.properties)).toEqual(SETTING_KEYS);
    // Types only: a range or a list of choices would let Chromium drop a whole group for one bad value.
    expect(generated).not.toMatch(/"(minimum|maximum|enum)"/);
    expect(schema.properties.defaults.properties.passwordLength).toMatchObject({ type: 'integer' });
  });
});

describe('school texts in the popup', () => {
  it('picks the language shown, else the school\'s words in another language, else nothing', () => {
    expect(textInLanguage({ de: 'Regeln', en: 'Rules' }, 'en')).toBe('Rules');
    expect(textInLanguage({ de: 'Regeln' }, 'nl')).toBe('Regeln');
    expect(textInLanguage({ en: '   ', nl: 'Regels' }, 'en')).toBe('Regels');
    expect(textInLanguage({}, 'de')).toBeNull();
  });

  it('reads one rule per line, without list bullets or empty lines', () => {
    expect(ruleLines('- Kamera an\n\n* Mikro aus\r\n1. Nicht aufnehmen\n• Chat freundlich\n– Fragen im Chat\nohne Punkt')).toEqual([
      'Kamera an',
      'Mikro aus',
      'Nicht aufnehmen',
      'Chat freundlich',
      'Fragen im Chat',
      'ohne Punkt',
    ]);
    expect(ruleLines(Array.from({ length: 50 }, (_, i) => `rule ${i}`).join('\n'))).toHaveLength(30);
  });
});
