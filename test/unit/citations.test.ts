// Every fact the code relies on is written down inside the repo, and every "§n" / "§n.m" citation of one resolves
// there (issue 24): Jitsi facts in docs/jitsi.md, browser facts in docs/browsers.md. This test reads the repo's own
// text files and fails on
//   1. a citation with no matching number in the document it cites (a heading "### 9.2 …" or an item "**§0.5**"),
//   2. a pointer to notes outside the repository: the old fact sheet ("jitsi-facts"), the platform or style notes,
//      /work/shared/…, ../shared/*.md, or any relative path "../…/shared/…" that climbs out of the repository.
//
// Scope — which document a "§" cites:
// - "§" directly followed by a number ("§9.2", "§0.5"; a range "§3.1–3.2" checks both ends). Legal paragraphs are
//   written with a space ("§ 5 DSGVO", as in privacy texts) and never match; docs/privacy has no such citation.
// - On a line, a "§" cites the document named last before it ("docs/browsers.md §2.3", "jitsi.md §11");
//   with none named, docs/jitsi.md. Browser citations therefore always name docs/browsers.md.
// - Inside docs/browsers.md, a bare "§" cites docs/browsers.md.
// - A line that names another numbered source (OTHER_SOURCE: PKWARE's APPNOTE.TXT) cites that source.
// - SELF_NUMBERED files number their own claims and cite themselves; those citations must resolve in that file.
// Scanned: src, test, docs, scripts, bench and the top-level files; not node_modules, build output, this file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FACTS = 'docs/jitsi.md';
const BROWSERS = 'docs/browsers.md';
const SELF = 'test/unit/citations.test.ts';

/** Documents whose "§" cite their own numbered sections ("## 3." headings, "| 3.4 |" table rows). */
const SELF_NUMBERED: readonly string[] = ['docs/admin/host-permissions.md'];

const OTHER_SOURCE = /APPNOTE/i;
/** A document name or a citation, in the order they stand on a line. */
const DOC_OR_CITATION = /\b(jitsi|browsers)\.md|§(\d+(?:\.\d+)*)(?:–(\d+(?:\.\d+)*))?/g;
const CITATION = /§(\d+(?:\.\d+)*)(?:–(\d+(?:\.\d+)*))?/g;
const OUTSIDE_SHEET = /jitsi-facts|platform-notes|\bstyle\.md\b|\/work\/shared\b|(?:\.\.\/)+shared\/[\w-]+\.md/;
const SHARED_PATH = /(?:\.\.\/)+shared\b/g;

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

/** Whether a relative path written in `file` leads out of the repository. */
function leavesRepo(file: string, path: string): boolean {
  return relative(ROOT, resolve(ROOT, dirname(file), path)).startsWith('..');
}

/** Problems in one file's text, given the sections each cited document defines. */
function problemsIn(file: string, text: string, docs: Record<string, Set<string>>): Problem[] {
  const problems: Problem[] = [];
  const self = SELF_NUMBERED.includes(file) ? sectionsOf(text) : null;
  const fallback = file === BROWSERS ? BROWSERS : FACTS;
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    const outside =
      OUTSIDE_SHEET.test(content) || [...content.matchAll(SHARED_PATH)].some((match) => leavesRepo(file, match[0]));
    if (outside) {
      problems.push({ file, line, message: `points at notes outside the repo: cite ${FACTS} or ${BROWSERS} instead` });
      return;
    }
    if (OTHER_SOURCE.test(content)) return;
    let cited = fallback;
    for (const match of content.matchAll(DOC_OR_CITATION)) {
      if (match[1]) {
        cited = `docs/${match[1]}.md`;
        continue;
      }
      for (const number of [match[2], match[3]]) {
        if (number === undefined) continue;
        const known = self ?? docs[cited] ?? new Set<string>();
        if (!known.has(number)) {
          const where = self ? 'this document' : cited;
          problems.push({ file, line, message: `§${number} is not a numbered section of ${where}` });
        }
      }
    }
  });
  return problems;
}

const facts = sectionsOf(readFileSync(join(ROOT, FACTS), 'utf8'));
const browsers = sectionsOf(readFileSync(join(ROOT, BROWSERS), 'utf8'));
const docs: Record<string, Set<string>> = { [FACTS]: facts, [BROWSERS]: browsers };
const files = ownFiles();
const texts = new Map(files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));

describe('fact citations', () => {
  it('docs/jitsi.md keeps the numbering §0 … §11 the code cites', () => {
    for (const number of ['0', '0.1', '0.10', '1.1', '2.2', '3.4', '4.3', '5.1', '7.2', '8', '9.2', '10', '11']) {
      expect(facts, `§${number}`).toContain(number);
    }
  });

  it('docs/browsers.md keeps the numbering §1 … §3 the build and tests cite', () => {
    for (const number of ['1', '1.1', '1.2', '2', '2.1', '2.2', '2.3', '2.4', '3', '3.1', '3.2', '3.3', '3.4']) {
      expect(browsers, `§${number}`).toContain(number);
    }
  });

  it('every citation in the repo resolves in the document it cites and nothing points outside the repo', () => {
    const problems = files.flatMap((file) => problemsIn(file, texts.get(file) ?? '', docs));
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('finds the citations (the scan is not silently empty)', () => {
    const count = [...texts.values()].reduce((sum, text) => sum + [...text.matchAll(CITATION)].length, 0);
    expect(count).toBeGreaterThan(200);
    const browserCitations = [...texts.values()].reduce((sum, text) => sum + [...text.matchAll(/docs\/browsers\.md §/g)].length, 0);
    expect(browserCitations).toBeGreaterThan(10);
  });

  it('the rule bites, and leaves other uses of "§" alone', () => {
    const check = (file: string, line: string) => problemsIn(file, line, docs).map((p) => p.message);
    expect(check('src/jitsi/x.ts', '// as Jitsi does (§9.2)')).toEqual([]);
    expect(check('src/jitsi/x.ts', '// as Jitsi does (facts §12.7)')).toEqual([
      '§12.7 is not a numbered section of docs/jitsi.md',
    ]);
    // Browser facts: the citation names docs/browsers.md, and its number must be there, not in docs/jitsi.md.
    expect(check('test/e2e/x.ts', '// never resolves (docs/browsers.md §3.1)')).toEqual([]);
    expect(check('test/e2e/x.ts', '// ESR honours it (docs/browsers.md §5.5)')).toEqual([
      '§5.5 is not a numbered section of docs/browsers.md',
    ]);
    expect(check('test/e2e/x.ts', '// docs/browsers.md §9.2 and docs/jitsi.md §9.2, §3.4')).toEqual([
      '§9.2 is not a numbered section of docs/browsers.md',
    ]);
    expect(check('test/e2e/x.ts', '// docs/jitsi.md §2.4 and docs/browsers.md §2.4, §4.3')).toEqual([
      '§4.3 is not a numbered section of docs/browsers.md',
    ]);
    expect(check(BROWSERS, 'the updater (§2.1); not §4.3')).toEqual(['§4.3 is not a numbered section of docs/browsers.md']);
    // Anything outside the repository.
    const outside = ['points at notes outside the repo: cite docs/jitsi.md or docs/browsers.md instead'];
    expect(check('src/jitsi/x.ts', '// see ../shared/' + 'jitsi-facts.md §3')).toEqual(outside);
    expect(check('src/jitsi/x.ts', '// (jitsi-' + 'facts §11)')).toEqual(outside);
    expect(check('src/jitsi/x.ts', '// see /work/' + 'shared/notes.md')).toEqual(outside);
    expect(check('vite.config.ts', '// see ../shared/' + 'platform-notes.md §2')).toEqual(outside);
    expect(check('test/e2e/x.ts', '// (platform-' + 'notes §5.1)')).toEqual(outside);
    expect(check('eslint.config.js', '// (../shared/' + 'style.md §9.1)')).toEqual(outside);
    expect(check('test/sim/README.md', '[facts](../../../' + 'shared/facts.txt)')).toEqual(outside);
    expect(check('test/x.ts', "import x from '../../" + "shared/x.ts';")).toEqual(outside);
    // ...but src/shared, reached from inside src, is the repo's own.
    expect(check('src/popup/x.ts', "import { t } from '../shared/i18n.ts';")).toEqual([]);
    expect(check('test/sim/src/app/dom/x.ts', "import type { A } from '../../shared/sim-options.ts';")).toEqual([]);
    expect(check('docs/privacy/de.md', 'nach § 5 DSGVO')).toEqual([]);
    expect(check('scripts/zip.mjs', '// Layout per PKWARE APPNOTE.TXT §4.3.4.1')).toEqual([]);
    expect(check('docs/admin/host-permissions.md', '## 3. Hosts\n| 3.5 | x |\nsee §3.5, §3.9')).toEqual([
      '§3.9 is not a numbered section of this document',
    ]);
  });
});
