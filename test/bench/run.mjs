// @ts-check
// Benchmark (not a pass/fail test): a busy simulated lesson on jitsi-meet's real web UI (test/jitsi-sdk) in
// headless Chromium, with the built dev extension and, side by side, the same page and load without it; then
// hang-up → leave dialog in Chromium and Firefox ESR. This file is the entry point: options, the plan, the builds measured, the
// results file. The parts: scenarios.mjs (what runs, the budgets), lesson.mjs (one run of the busy lesson,
// measured), analyse.mjs (its figures), report.mjs (results.md), hangup.mjs (hang-up → leave dialog).
//   npm run bench                               each scenario 3 runs × 60 s, then the hang-up (about 15 minutes on 2 cores; 27 with --baseline, measured 2026-12-05)
//   node test/bench/run.mjs --seconds 10 --runs 1
//   node test/bench/run.mjs --only hangup        the hang-up only (about 2½ minutes)
// Options: --scenario lesson|stress|busy[,…] (only those), --seconds N, --runs N (3 per scenario), --students N (60),
// --rate N (load changes/s of a scenario without its own rate, i.e. the lesson: 40, ≈ 3 snapshot-changing events/s on
// the real UI),
// --warmup N (3 s), --build (run `node scripts/build.mjs --dev` first), --popup-opens N (20 per run), --end-lessons N
// (1 per run), --kick-latency MS (150; the simulator's kickLatency for the end of lesson), --out DIR (bench), --profile
// (also a CPU profile of the lesson page with the extension during the window, summarised by script; the
// profiler's overhead then skews the main-thread figures), --only hangup (only hang-up → leave dialog), --no-hangup
// (the busy lesson only), --hangup-cold N (8 fresh launches per browser), --hangup-warm N (20 hang-ups per browser),
// --render (no measuring: DIR/results.md again from DIR/results.json).
// Writes DIR/results.json (machine, browser, date, parameters, raw per-run numbers) and DIR/results.md. A part
// not run this time (the busy lesson with --only hangup, the hang-up with --no-hangup) is kept from the
// existing DIR/results.json, with its own date.
// It never changes the extension: it sees the page script's room messages with its own listener in the page,
// content→background messages with its own chrome.runtime listeners in the worker.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../jitsi-sdk/server.mjs';
import { bundleSizes as measureBundles } from '../../scripts/bundle-sizes.mjs';
import { summarise } from './analyse.mjs';
import { browserVersion, CHROMIUM_PATH, round, sleep } from './common.mjs';
import { measureHangup } from './hangup.mjs';
import { chromiumArgs, ROOM, runOnce } from './lesson.mjs';
import { markdown } from './report.mjs';
import { BUDGETS, SCENARIOS } from './scenarios.mjs';

/** @typedef {import('./scenarios.mjs').ScenarioName} ScenarioName */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ── options ─────────────────────────────────────────────────────────────────────────────────────

const argv = process.argv.slice(2);
/** @param {string} name @param {number} fallback @param {number} min */
function numberOption(name, fallback, min) {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isFinite(value) || value < min) {
    console.error(`${name} needs a number ≥ ${min}`);
    process.exit(2);
  }
  return value;
}
/** @param {string} name @param {string} fallback */
function stringOption(name, fallback) {
  const index = argv.indexOf(name);
  return index >= 0 && argv[index + 1] ? String(argv[index + 1]) : fallback;
}
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(
    'node test/bench/run.mjs [--scenario lesson|stress|busy[,…]] [--seconds 60] [--runs 3] [--students 60] [--rate 40] [--warmup 3] [--build] [--out bench]\n' +
      '                        [--profile] [--only hangup | --no-hangup] [--hangup-cold 8] [--hangup-warm 20] [--render]',
  );
  process.exit(0);
}
const scenarioOption = stringOption('--scenario', '')
  .split(',')
  .filter(Boolean);
if (scenarioOption.some((name) => !Object.hasOwn(SCENARIOS, name))) {
  console.error(`--scenario takes ${Object.keys(SCENARIOS).join(', ')} (or several, separated by commas)`);
  process.exit(2);
}
const params = {
  seconds: numberOption('--seconds', 60, 1),
  /** Runs per scenario (the figures are medians over them). */
  runs: Math.round(numberOption('--runs', 3, 1)),
  students: Math.round(numberOption('--students', 60, 1)),
  /**
   * Load changes per second of a scenario without its own rate (the lesson): the redux dispatches the load's
   * events cause at once; the audio-level noise adds ~4/s. 40 makes ≈ 3 snapshot-changing events/s on the real UI
   * (smoke runs: 36 gave 2.5, 40 gave 2.95).
   */
  loadChangesPerSecond: numberOption('--rate', 40, 1),
  warmupSeconds: numberOption('--warmup', 3, 0),
  /** Times the popup is opened afresh on the busy lesson, per run. */
  popupOpens: Math.round(numberOption('--popup-opens', 20, 1)),
  /** Ends of lesson per run (a fresh room of `students` each). */
  endLessons: Math.round(numberOption('--end-lessons', 1, 1)),
  /** The simulator's kick round trip for the end of lesson (its default, 50 ms, is a server on the LAN). */
  kickLatencyMs: Math.round(numberOption('--kick-latency', 150, 0)),
  seed: 0x10ad,
  profile: argv.includes('--profile'),
  extensionDir: 'dist/chrome-dev',
  /**
   * Another dev build (e.g. the commit before a change, built in a worktree) measured the same way right
   * after each run of this one, with its own plain page: before/after from the same machine and run.
   */
  baselineDir: stringOption('--baseline', '') || null,
  releaseDir: 'dist/chrome',
};
const outDir = resolve(ROOT, stringOption('--out', 'bench'));
/** Without --scenario: every scenario, in the order of SCENARIOS (the lesson first), --runs runs each. */
const PLAN = /** @type {ScenarioName[]} */ (scenarioOption.length ? scenarioOption : Object.keys(SCENARIOS)).map((scenario) => ({
  scenario,
  runs: params.runs,
}));
const onlyOption = stringOption('--only', '');
if (onlyOption && onlyOption !== 'hangup') {
  console.error('--only takes `hangup` (the busy lesson alone: --no-hangup)');
  process.exit(2);
}
/** The bench's two parts: the busy lesson (scenarios, bundle sizes) and hang-up → leave dialog (hangup.mjs). */
const PARTS = { lesson: onlyOption !== 'hangup', hangup: !argv.includes('--no-hangup') };
if (!PARTS.lesson && !PARTS.hangup) {
  console.error('--only hangup and --no-hangup leave nothing to run');
  process.exit(2);
}
const hangupParams = {
  /** Fresh launches per browser, one hang-up each. */
  coldSamples: Math.round(numberOption('--hangup-cold', 8, 1)),
  /** Hang-ups per browser in one lesson, after one not counted. */
  warmSamples: Math.round(numberOption('--hangup-warm', 20, 1)),
  chromeDir: 'dist/chrome-dev',
  firefoxDir: 'dist/firefox-dev',
};

// ── small helpers ───────────────────────────────────────────────────────────────────────────────

/** Newest file under `dir`, unit tests left out (they are not built). @param {string} dir @returns {number} */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(dir) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir)) newest = Math.max(newest, newestMtime(join(dir, entry)));
  return newest;
}

/** @param {string[]} args */
function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// ── bundle sizes ────────────────────────────────────────────────────────────────────────────────

/** The same measure npm test enforces (scripts/bundle-sizes.mjs), on the release build. */
function bundleSizes() {
  const dist = resolve(ROOT, params.releaseDir);
  if (!existsSync(join(dist, 'manifest.json'))) return { error: `${params.releaseDir} is missing: run npm run build` };
  return { dir: params.releaseDir, ...measureBundles(dist) };
}

/** The page script's send budget as src/page/index.ts declares it (for the report; null if not found). */
function pageSendBudget() {
  try {
    const source = readFileSync(join(ROOT, 'src/page/index.ts'), 'utf8');
    const match = /SEND_BUDGET\s*=\s*\{\s*perSecond:\s*([\d.]+),\s*burst:\s*(\d+)\s*\}/.exec(source);
    return match ? { perSecond: Number(match[1]), burst: Number(match[2]) } : null;
  } catch {
    return null;
  }
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Browser policy files on this machine (Debian's paths): they apply to the bench's browsers too, e.g. an
 * e2e test's school policy running meanwhile (a language set by policy reloads the open popup).
 */
function policyFiles() {
  const chromium = '/etc/chromium/policies/managed';
  const firefox = '/etc/firefox/policies/policies.json';
  return [...(existsSync(chromium) ? readdirSync(chromium).map((name) => join(chromium, name)) : []), ...(existsSync(firefox) ? [firefox] : [])];
}
/** @type {Map<string, {appeared: string, gone: string | null}[]>} each policy file seen during this run → when it was there */
const POLICY_FILES_SEEN = new Map();
/** @type {Set<string>} */
let policyFilesNow = new Set();
/** Checked twice a second while the bench runs: a test's policy file may stay only a few seconds. */
function notePolicyFiles() {
  const at = new Date().toISOString();
  const now = new Set(policyFiles());
  for (const file of now) {
    if (policyFilesNow.has(file)) continue;
    POLICY_FILES_SEEN.set(file, [...(POLICY_FILES_SEEN.get(file) ?? []), { appeared: at, gone: null }]);
    console.warn(`warning: browser policy file ${file} appeared; it applies to the bench's browsers too`);
  }
  for (const file of policyFilesNow) {
    const last = POLICY_FILES_SEEN.get(file)?.at(-1);
    if (!now.has(file) && last) last.gone = at;
  }
  policyFilesNow = now;
}

/**
 * Where and with what the bench ran. @param {(number | null)[]} loadAtStart os.loadavg() before the bench began
 * @param {number} from @param {number} to the part's time span (epoch ms), for the policy files
 */
function machineInfo(loadAtStart, from, to) {
  const policies = [...POLICY_FILES_SEEN]
    .map(([file, spans]) => /** @type {const} */ ([file, spans.filter((span) => Date.parse(span.appeared) <= to && (span.gone === null || Date.parse(span.gone) >= from))]))
    .filter(([, spans]) => spans.length > 0);
  const cpus = os.cpus();
  return {
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.versions.node,
    loadAverageAtStart: loadAtStart,
    /** Browser policy files that were there during the part, and when. */
    policyFiles: Object.fromEntries(policies),
  };
}

/** A dev build must be there. @param {string} dir */
function requireBuild(dir) {
  if (existsSync(resolve(ROOT, dir, 'manifest.json'))) return;
  console.error(`${dir} is missing: run \`node scripts/build.mjs --dev\` (or pass --build)`);
  process.exit(1);
}

/** When the copy measured was built; one older than src/ is measured with a warning. @param {string} dir */
function buildInfo(dir) {
  const sourcesAt = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'manifest.json')));
  const builtAt = statSync(join(builtCopy(dir), 'manifest.json')).mtimeMs;
  const stale = sourcesAt > builtAt;
  if (stale) console.warn(`warning: ${dir} is older than src/ — measuring the old build (pass --build to rebuild)`);
  return { builtAt: new Date(builtAt).toISOString(), olderThanSources: stale };
}

/** Copies of the dev builds the bench loads (dist dir → copy), taken at the start. */
const BUILD_COPIES = new Map();
/** The copy of a build dir the bench loads. @param {string} dir e.g. dist/chrome-dev */
function builtCopy(dir) {
  const copy = BUILD_COPIES.get(dir);
  if (!copy) throw new Error(`no copy of ${dir} was taken`);
  return copy;
}

/**
 * Copies the builds to measure into a temporary dir (deleted by the returned function): a rebuild of dist/
 * during the bench's minutes (npm test builds it) must not change the extension under it. A copy taken
 * while a build was writing (the manifest changed meanwhile) is taken again. @param {string[]} dirs
 */
async function copyBuilds(dirs) {
  const root = mkdtempSync(join(os.tmpdir(), 'jmc-bench-builds-'));
  try {
    for (const dir of dirs) {
      const manifest = resolve(ROOT, dir, 'manifest.json');
      const copy = join(root, dir.replaceAll('/', '_'));
      for (let attempt = 1; ; attempt++) {
        const before = existsSync(manifest) ? statSync(manifest).mtimeMs : null;
        rmSync(copy, { recursive: true, force: true });
        if (before !== null) cpSync(resolve(ROOT, dir), copy, { recursive: true, preserveTimestamps: true });
        const after = existsSync(manifest) ? statSync(manifest).mtimeMs : null;
        if (before !== null && before === after && existsSync(join(copy, 'manifest.json'))) break;
        if (attempt === 10) throw new Error(`${dir} kept changing while the bench copied it`);
        await sleep(2000);
      }
      BUILD_COPIES.set(dir, copy);
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return () => rmSync(root, { recursive: true, force: true });
}

/** The commit measured, and whether the extension's sources differ from it. */
const commitInfo = () => ({
  commit: git(['rev-parse', '--short', 'HEAD']),
  dirty: Boolean(git(['status', '--porcelain', '--', 'src', 'manifest.json', 'vite.config.ts'])),
});

/** The results this run replaces part of (null when there are none, or they are unreadable). */
function previousResults() {
  try {
    return JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** One line per run on the console. @param {string} scenario @param {number} i @param {any} run @param {string} label */
function logRun(scenario, i, run, label) {
  console.log(
    `${scenario} run ${i + 1}${label}: ${run.storeChangesPerSecond.withExtension} changes/s (${run.snapshotChangingEventsPerSecond} snapshot-changing), ` +
      `${run.messages.pageToContentPerSecond} page msgs/s, ${run.messages.contentToBackgroundPerSecond} runtime msgs/s, ` +
      `latency median ${run.latencyMs.changeToBackground.median} ms p95 ${run.latencyMs.changeToBackground.p95} ms, ` +
      `popup median ${run.latencyMs.changeToOpenPopup.median} ms p95 ${run.latencyMs.changeToOpenPopup.p95} ms, ` +
      `popup open median ${run.popupOpen.toChecklistCompleteMs.median} ms, end of lesson ${run.endOfLesson.map((/** @type {any} */ end) => `${end.resultMs} ms${end.reportedEmpty ? '' : ' (not empty)'}`).join(', ')}, ` +
      `script ratio ${run.mainThread.ratio.ScriptDuration}, task ratio ${run.mainThread.ratio.TaskDuration}, ` +
      `script per snapshot-changing event ${run.mainThread.scriptMsPerSnapshotChange.withExtension} / ${run.mainThread.scriptMsPerSnapshotChange.withoutExtension} ms (subtracted ${run.mainThread.scriptMsPerSnapshotChange.added} ms), ` +
      `metered ${meteredText(run.mainThread.metered)}` +
      (run.profile ? `, extension on stack ${run.profile.extensionOnStackMs} ms in the window (profiled)` : ''),
  );
}

/** The meter's figures of a run on one line. @param {any} metered analyse.mjs's mainThread.metered */
function meteredText(metered) {
  if (!metered) return 'n/a (no meter in this build)';
  const entries = Object.entries(metered.entries)
    .map(([name, entry]) => `${name} ${entry.ms} ms / ${entry.calls} = ${entry.usPerCall ?? '—'} µs`)
    .join(', ');
  return `${metered.msPerSnapshotChange} ms per snapshot-changing event, ${metered.msPerSecond} ms/s, ratio ${metered.ratio} (${entries})`;
}

async function main() {
  const started = Date.now();
  if (argv.includes('--render')) {
    // Only the report: results.md again from results.json (after a change of the report's wording).
    const results = previousResults();
    if (!results) throw new Error(`no readable ${relative(ROOT, join(outDir, 'results.json'))}`);
    writeFileSync(join(outDir, 'results.md'), markdown(results));
    console.log(`wrote ${relative(ROOT, join(outDir, 'results.md'))} from results.json`);
    return;
  }
  if (argv.includes('--build')) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--dev'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  // The lesson is jitsi-meet's real web UI (test/jitsi-sdk), prepared as `npm test` does (cached: installs
  // only when its lock changed, builds only when its inputs did).
  const prepared = spawnSync(process.execPath, ['test/jitsi-sdk/scripts/prepare.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  // Other work on the machine skews every figure (two cores): the load before the bench started is reported.
  const loadAtStart = os.loadavg().map((load) => round(load, 2));
  notePolicyFiles();
  const policyWatch = setInterval(notePolicyFiles, 500);
  policyWatch.unref();
  const builds = [params.extensionDir, ...(PARTS.hangup ? [hangupParams.firefoxDir] : []), ...(PARTS.lesson && params.baselineDir ? [params.baselineDir] : [])];
  builds.forEach(requireBuild);
  const browser = browserVersion(CHROMIUM_PATH);
  const planText = PLAN.map(({ scenario, runs }) => `${scenario} ${runs} run(s)`).join(', ');
  if (PARTS.lesson) {
    console.log(`bench: ${browser}, ${planText} × ${params.seconds} s, ${params.students} students, ${params.loadChangesPerSecond} load changes/s + noise`);
  }
  const bundles = PARTS.lesson ? bundleSizes() : null;
  const removeCopies = await copyBuilds(builds);
  const chromeBuild = buildInfo(params.extensionDir);
  const firefoxBuild = PARTS.hangup ? buildInfo(hangupParams.firefoxDir) : null;
  const commit = commitInfo(); // when the builds were copied (commits may land while the bench runs)
  // The baseline's commit, when it was built in a checkout of its own (a worktree: DIR is <checkout>/dist/…).
  const baselineCommit = params.baselineDir ? git(['-C', resolve(ROOT, params.baselineDir, '../..'), 'rev-parse', '--short', 'HEAD']) : null;
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', quiet: true }).catch((error) => {
    removeCopies();
    throw error;
  });
  /** @type {Record<string, any>} */
  const scenarios = {};
  /** @type {number | undefined} */
  let lessonSeconds;
  /** @type {any} */
  let hangup = null;
  try {
    for (const { scenario, runs: count } of PARTS.lesson ? PLAN : []) {
      const runs = [];
      const baselineRuns = [];
      for (let i = 0; i < count; i++) {
        const run = await runOnce({ index: i, sim, scenario, params, extensionDir: builtCopy(params.extensionDir) });
        runs.push(run);
        logRun(scenario, i, run, '');
        if (params.baselineDir) {
          const before = await runOnce({ index: i, sim, scenario, params, extensionDir: builtCopy(params.baselineDir) });
          baselineRuns.push(before);
          logRun(scenario, i, before, ' (baseline)');
        }
      }
      const { mix, rate, about } = SCENARIOS[scenario];
      scenarios[scenario] = {
        mix,
        rate,
        about,
        summary: summarise(runs),
        runs,
        ...(params.baselineDir ? { baseline: { dir: params.baselineDir, commit: baselineCommit, summary: summarise(baselineRuns), runs: baselineRuns } } : {}),
      };
    }
    lessonSeconds = (Date.now() - started) / 1000;
    if (PARTS.hangup) {
      const hangupStarted = Date.now();
      // A failure here must not throw away the minutes of the busy lesson: it is reported instead.
      const measured = await measureHangup({
        sim,
        chromeExtension: builtCopy(params.extensionDir),
        firefoxExtension: builtCopy(hangupParams.firefoxDir),
        coldSamples: hangupParams.coldSamples,
        warmSamples: hangupParams.warmSamples,
      }).catch((error) => {
        console.error(`hang-up failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exitCode = 1;
        return { date: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) };
      });
      hangup = {
        ...measured,
        machine: machineInfo(loadAtStart, hangupStarted, Date.now()),
        build: { ...commit, chrome: { dir: hangupParams.chromeDir, ...chromeBuild }, firefox: { dir: hangupParams.firefoxDir, ...firefoxBuild } },
      };
    }
  } finally {
    clearInterval(policyWatch);
    await sim.close();
    removeCopies();
  }

  // A part not run this time is kept from the previous results (each part carries its own date).
  const previous = previousResults();
  const lessonPart = PARTS.lesson
    ? {
        date: new Date().toISOString(),
        machine: machineInfo(loadAtStart, started, started + (lessonSeconds ?? 0) * 1000),
        browser,
        build: { extensionDir: params.extensionDir, ...chromeBuild, ...commit },
        parameters: {
          ...params,
          plan: PLAN,
          chromiumArgs: chromiumArgs('<extension>'),
          room: ROOM,
          noise: 'on (the load\'s local audio levels, ~4/s: lib TRACK_AUDIO_LEVEL_CHANGED → LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED)',
          performanceTimeDomain: 'threadTicks',
          pageSendBudget: pageSendBudget(),
        },
        budgets: BUDGETS,
        bundles,
        scenarios,
        durationSeconds: round(lessonSeconds, 1),
      }
    : previous?.scenarios
      ? Object.fromEntries(Object.entries(previous).filter(([key]) => key !== 'hangup'))
      : {};
  const hangupPart = hangup ?? previous?.hangup ?? null;
  const results = { ...lessonPart, ...(hangupPart ? { hangup: hangupPart } : {}) };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const report = markdown(results);
  writeFileSync(join(outDir, 'results.md'), report);
  console.log(`\n${report}`);
  console.log(`wrote ${relative(ROOT, join(outDir, 'results.json'))} and results.md in ${round((Date.now() - started) / 1000, 1)} s`);
}

await main();
