// What the school is told is what the browser does (issue 22): each privacy sheet and docs/security.md
// carry one table with a row per package, and each row must list exactly the permissions, host
// permissions, optional host permissions and content-script matches of that package's manifest, as
// scripts/manifest-variants.ts builds it. A permission added to manifest.json, or a flavour whose host
// access changes, fails here until the sheets say so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, outDirFor, type BuildFlavour, type BuildTarget } from '../../scripts/manifest-variants.ts';

const SHEETS = ['docs/privacy/en.md', 'docs/privacy/de.md', 'docs/privacy/nl.md', 'docs/security.md'];
/** The packages a school can install; the dev flavour is for tests only and never described. */
const PACKAGES: { target: BuildTarget; flavour: BuildFlavour }[] = [
  { target: 'chrome', flavour: 'release' },
  { target: 'firefox', flavour: 'release' },
  { target: 'chrome', flavour: 'managed' },
  { target: 'firefox', flavour: 'managed' },
];
/** The comment right above the table; the table's first column after "package" is the build folder. */
const MARKER = '<!-- package-table';
const COLUMNS = ['package', 'build', 'permissions', 'host_permissions', 'optional_host_permissions', 'matches', 'frames'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts: { matches: string[]; all_frames?: boolean }[];
}

const source = JSON.parse(readFileSync('manifest.json', 'utf8'));
const manifestOf = (target: BuildTarget, flavour: BuildFlavour) =>
  buildManifest(source, { target, flavour, version: '1.2.3' }) as unknown as Manifest;

/** The rows of the table that follows the marker (header and separator skipped). */
function packageTable(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim().startsWith(MARKER));
  if (start < 0) return [];
  const table: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim().startsWith('|')) table.push(line.trim());
    else if (table.length) break;
  }
  return table.slice(2).map((line) => {
    const cells = line.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
    return Object.fromEntries(COLUMNS.map((column, index) => [column, cells[index] ?? ''])) as Row;
  });
}

/** The code-formatted values of a cell: `storage`, `https://*\/*` … */
const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
const patterns = (cell: string) => codeSpans(cell).filter((value) => value.includes('://')).sort();
const sorted = (values: readonly string[] | undefined) => [...new Set(values ?? [])].sort();

describe.each(SHEETS)('%s: the per-package table matches the built manifests', (sheet) => {
  const rows = packageTable(readFileSync(sheet, 'utf8'));

  it('has one row for each package a school can install, and no other', () => {
    expect(rows.map((row) => codeSpans(row.build)[0]).sort()).toEqual(PACKAGES.map((p) => outDirFor(p.target, p.flavour)).sort());
  });

  it.each(PACKAGES)('$target $flavour: permissions, host access, content scripts and frames', ({ target, flavour }) => {
    const dir = outDirFor(target, flavour);
    const row = rows.find((r) => codeSpans(r.build)[0] === dir);
    expect(row, `${sheet}: a row for ${dir}`).toBeDefined();
    if (!row) return;
    const manifest = manifestOf(target, flavour);
    const where = `${sheet}, ${dir}`;
    expect(sorted(codeSpans(row.permissions)), `${where}: permissions`).toEqual(sorted(manifest.permissions));
    expect(patterns(row.host_permissions), `${where}: host_permissions`).toEqual(sorted(manifest.host_permissions));
    expect(patterns(row.optional_host_permissions), `${where}: optional_host_permissions`).toEqual(sorted(manifest.optional_host_permissions));
    expect(patterns(row.matches), `${where}: content-script matches`).toEqual(sorted(manifest.content_scripts.flatMap((s) => s.matches)));
    const allFrames = manifest.content_scripts.every((s) => s.all_frames === true);
    expect(codeSpans(row.frames).includes('all_frames'), `${where}: frames (all_frames)`).toBe(allFrames);
  });

  it('names the browser fence wherever a package holds every https site from install', () => {
    const text = readFileSync(sheet, 'utf8');
    const broad = PACKAGES.some(({ target, flavour }) => manifestOf(target, flavour).host_permissions?.includes('https://*/*'));
    if (broad) {
      expect(text).toContain('runtime_blocked_hosts');
      expect(text).toContain('runtime_allowed_hosts');
    }
  });
});

describe('the table parser', () => {
  it('reads code-formatted values and ignores plain words', () => {
    const rows = packageTable([
      'text',
      '<!-- package-table -->',
      '| package | build | permissions | hosts | optional | matches | frames |',
      '|---|---|---|---|---|---|---|',
      '| store | `dist/chrome` | `storage`, `scripting` | none | `https://*/*`, one site at a time | `https://meet.jit.si/*` and the school’s `hosts` | every frame (`all_frames`) |',
      '',
      '| not | part |',
    ].join('\n'));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(codeSpans(row.permissions)).toEqual(['storage', 'scripting']);
    expect(patterns(row.host_permissions)).toEqual([]);
    expect(patterns(row.optional_host_permissions)).toEqual(['https://*/*']);
    expect(patterns(row.matches)).toEqual(['https://meet.jit.si/*']);
    expect(codeSpans(row.frames)).toEqual(['all_frames']);
  });
});
