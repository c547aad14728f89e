// Every Jitsi fact the code relies on is written down in docs/jitsi.md, and every "§n" / "§n.m" citation of one
// resolves there (issue 24). This test reads the repo's own text files and fails on
//   1. a citation with no matching number in docs/jitsi.md (a heading "### 9.2 …" or an item "**§0.5**"),
//   2. a pointer to a fact sheet outside the repository: the old Jitsi fact sheet ("jitsi-facts", ../shared/*.md,
//      /work/shared/…) or the other outside notes (platform notes, style notes).
//
// Scope — which "§" is a Jitsi citation:
// - "§" directly followed by a number ("§9.2", "§0.5"; a range "§3.1–3.2" checks both ends). Legal paragraphs are
//   written with a space ("§ 5 DSGVO", as in privacy texts) and never match; docs/privacy has no such citation.
// - A line that names another numbered source (OTHER_SOURCE: the platform notes, the style notes, PKWARE's
//   APPNOTE.TXT) cites that source, not docs/jitsi.md.
// - SELF_NUMBERED files number their own claims and cite themselves; those citations must resolve in that file.
// - In OUTSIDE_SHEETS_PENDING files a bare "§n" cites the platform notes (they are not in the repo yet) unless its
//   line says "facts" or "docs/jitsi.md".
// - Everything else — code comments, tests, docs, READMEs, config — cites docs/jitsi.md.
// Scanned: src, test, docs, scripts, bench and the top-level files; not node_modules, build output, this file.
//
// The two allow-lists below are temporary and only shrink: an entry that no longer needs its exception fails too.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FACTS = 'docs/jitsi.md';
const SELF = 'test/unit/citations.test.ts';

/**
 * Files that still point at the old fact sheet outside the repo because another change was in progress in them
 * when the pointers were rewritten (issue 24). Their citations are still checked. Replace the pointer with
 * docs/jitsi.md, then delete the entry.
 */
const PENDING_REWRITE: readonly string[] = [
  'src/background/index.ts',
  'test/e2e/leave-guard.spec.ts',
  'test/sim/README.md',
];

/**
 * Files that cite notes which are not Jitsi facts and not in the repo yet (browser platform notes, style notes).
 * Moving those notes into the repo is a follow-up of issue 24; until then these files may name them.
 */
const OUTSIDE_SHEETS_PENDING: readonly string[] = [
  'eslint.config.js',
  'vite.config.ts',
  'test/chromium-flags.mjs',
  'test/e2e/firefox.spec.ts',
  'test/e2e/firefox-launch.ts',
  'test/e2e/firefox-policy.spec.ts',
  'test/e2e/force-install-chromium.spec.ts',
  'test/e2e/force-install-firefox.spec.ts',
];

/** Documents whose "§" cite their own numbered sections ("## 3." headings, "| 3.4 |" table rows). */
const SELF_NUMBERED: readonly string[] = ['docs/admin/host-permissions.md'];

const OTHER_SOURCE = /platform-notes|style\.md|APPNOTE/i;
const SAYS_JITSI = /facts|docs\/jitsi\.md/i;
const CITATION = /§(\d+(?:\.\d+)*)(?:–(\d+(?:\.\d+)*))?/g;
const OLD_FACT_SHEET = /jitsi-facts/;
const OUTSIDE_SHEET = /\/work\/shared\/|(?:\.\.\/)+shared\/[\w-]+\.md|platform-notes/;

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', '.tmp', 'release']);
const TEXT = /\.(?:[cm]?[jt]sx?|d\.mts|md|json|html|css|txt|sh|adml|admx|reg|mobileconfig|ya?ml)$/;
const SKIP_FILES = new Set(['package-lock.json', SELF]);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = dir ? `${dir}/${name}` : name;
    if (statSync(join(ROOT, path)).isDirectory()) {
      if (dir && !SKIP_DIRS.has(name)) walk(path, out);
    } else if (TEXT.test(name) && !SKIP_FILES.has(path) && !path.endsWith('/package-lock.json')) {
      out.push(path);
    }
  }
  return out;
}

/** The repo's own text files: top level, then src, test, docs, scripts, bench. */
function ownFiles(): string[] {
  const files = walk('', []);
  for (const dir of ['src', 'test', 'docs', 'scripts', 'bench']) {
    if (existsSync(join(ROOT, dir))) walk(dir, files);
  }
  return files;
}

/** Section numbers a document defines: "## 2." / "### 9.2 …" headings and "**§0.5**" items. */
function sectionsOf(markdown: string): Set<string> {
  const sections = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
    const item = /^(?:[-*]\s+)?\*\*§(\d+(?:\.\d+)*)\*\*/.exec(line);
    const row = /^\|\s*(\d+\.\d+)\s*\|/.exec(line);
    for (const match of [heading, item, row]) if (match?.[1]) sections.add(match[1]);
  }
  return sections;
}

interface Problem {
  file: string;
  line: number;
  message: string;
}

/** Problems in one file's text, given the sections docs/jitsi.md defines. */
function problemsIn(file: string, text: string, facts: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const self = SELF_NUMBERED.includes(file) ? sectionsOf(text) : null;
  const outside = OUTSIDE_SHEETS_PENDING.includes(file);
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    if (OLD_FACT_SHEET.test(content) && !PENDING_REWRITE.includes(file)) {
      problems.push({ file, line, message: `points at the old fact sheet outside the repo: cite ${FACTS} instead` });
    }
    if (OUTSIDE_SHEET.test(content) && !OLD_FACT_SHEET.test(content) && !outside) {
      problems.push({ file, line, message: 'points at notes outside the repo (/work/shared, ../shared/*.md)' });
    }
    if (OTHER_SOURCE.test(content)) return;
    if (outside && !SAYS_JITSI.test(content)) return;
    for (const match of content.matchAll(CITATION)) {
      for (const number of [match[1], match[2]]) {
        if (number === undefined) continue;
        const known = self ?? facts;
        if (!known.has(number)) {
          const where = self ? 'this document' : FACTS;
          problems.push({ file, line, message: `§${number} is not a numbered section of ${where}` });
        }
      }
    }
  });
  return problems;
}

const facts = sectionsOf(readFileSync(join(ROOT, FACTS), 'utf8'));
const files = ownFiles();
const texts = new Map(files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));

describe('Jitsi fact citations', () => {
  it('docs/jitsi.md keeps the numbering §0 … §11 the code cites', () => {
    for (const number of ['0', '0.1', '0.10', '1.1', '2.2', '3.4', '4.3', '5.1', '7.2', '8', '9.2', '10', '11']) {
      expect(facts, `§${number}`).toContain(number);
    }
  });

  it('every citation in the repo resolves in docs/jitsi.md and nothing points outside the repo', () => {
    const problems = files.flatMap((file) => problemsIn(file, texts.get(file) ?? '', facts));
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('finds the citations (the scan is not silently empty)', () => {
    const count = [...texts.values()].reduce((sum, text) => sum + [...text.matchAll(CITATION)].length, 0);
    expect(count).toBeGreaterThan(200);
  });

  it('the allow-lists only hold files that still need them', () => {
    const stale = [
      ...PENDING_REWRITE.filter((file) => !OLD_FACT_SHEET.test(texts.get(file) ?? '')),
      ...OUTSIDE_SHEETS_PENDING.filter((file) => !OUTSIDE_SHEET.test(texts.get(file) ?? '')),
    ];
    expect(stale, 'remove these entries').toEqual([]);
  });

  it('the rule bites, and leaves other uses of "§" alone', () => {
    const check = (file: string, line: string) => problemsIn(file, line, facts).map((p) => p.message);
    expect(check('src/jitsi/x.ts', '// as Jitsi does (§9.2)')).toEqual([]);
    expect(check('src/jitsi/x.ts', '// as Jitsi does (facts §12.7)')).toEqual([
      '§12.7 is not a numbered section of docs/jitsi.md',
    ]);
    expect(check('src/jitsi/x.ts', '// see ../shared/' + 'jitsi-facts.md §3')).toHaveLength(1);
    expect(check('src/jitsi/x.ts', '// see /work/' + 'shared/notes.md')).toHaveLength(1);
    expect(check('src/jitsi/x.ts', '// see ../shared/' + 'style.md §9.1')).toHaveLength(1);
    expect(check('docs/privacy/de.md', 'nach § 5 DSGVO')).toEqual([]);
    expect(check('scripts/zip.mjs', '// Layout per PKWARE APPNOTE.TXT §4.3.4.1')).toEqual([]);
    expect(check('docs/admin/host-permissions.md', '## 3. Hosts\n| 3.5 | x |\nsee §3.5, §3.9')).toEqual([
      '§3.9 is not a numbered section of this document',
    ]);
  });
});
