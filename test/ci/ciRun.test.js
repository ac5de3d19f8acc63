'use strict';
/**
 * .ci/run's counting fails closed. A copy of .ci/run runs in a temporary folder where `npm` is a
 * stand-in (its jest report and each suite's output chosen per test) and the suites' scripts are
 * stubs: a report that is cut off, not JSON, missing or stale, a suite that prints no summary
 * line, a missing suite script, or a non-zero exit with 0 failures must each fail the run.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const JEST_OK = { numTotalTestSuites: 3, numPassedTests: 10, numFailedTests: 0, numRuntimeErrorTestSuites: 0, numPendingTests: 0, numTodoTests: 0 };

// `npm test -- --json --outputFile=F` writes $FAKE_JEST_REPORT to F (nothing when unset) and exits
// $FAKE_JEST_RC; `npm run lint` passes; `npm run test:<suite>` runs scripts/<suite>.js.
const FAKE_NPM = `#!/usr/bin/env bash
case "$1" in
	test)
		for arg in "$@"; do case "$arg" in --outputFile=*) out="\${arg#--outputFile=}";; esac; done
		echo "jest output"
		if [ -n "\${FAKE_JEST_REPORT+x}" ]; then printf '%s' "$FAKE_JEST_REPORT" > "$out"; fi
		exit "\${FAKE_JEST_RC:-0}";;
	run)
		case "$2" in
			lint) exit 0;;
			test:*) exec node "scripts/\${2#test:}.js";;
		esac;;
esac
echo "fake npm: unexpected $*" >&2
exit 2
`;

/** A suite stub: prints its summary line, or what FAKE_<NAME>_OUT says, and exits FAKE_<NAME>_RC. */
const stub = (name) => `const out = process.env.FAKE_${name.toUpperCase()}_OUT;
console.log(out === undefined ? '${name}: 1 passed, 0 failed' : out);
process.exitCode = Number(process.env.FAKE_${name.toUpperCase()}_RC || 0);
`;

let dir;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-ci-run-'));
	fs.mkdirSync(path.join(dir, '.ci', 'out'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'bin'));
	fs.mkdirSync(path.join(dir, 'scripts'));
	fs.copyFileSync(path.join(ROOT, '.ci', 'run'), path.join(dir, '.ci', 'run'));
	fs.writeFileSync(path.join(dir, 'bin', 'npm'), FAKE_NPM, { mode: 0o755 });
	for (const name of ['check-pack', 'scan-package', 'lint-workflows', 'check-docs', 'e2e', 'queue', 'versions']) {
		const suiteName = { 'check-pack': 'pack', 'scan-package': 'scan', 'lint-workflows': 'workflows', 'check-docs': 'docs' }[name] || name;
		fs.writeFileSync(path.join(dir, 'scripts', `${name}${name === 'scan-package' ? '.mjs' : '.js'}`), stub(suiteName));
	}
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function ciRun(env = {}) {
	const res = spawnSync('bash', ['.ci/run'], {
		cwd: dir,
		// IPPANEL_SKIP_E2E of the run around this test (.ci/run itself) must not leak in.
		env: { ...process.env, IPPANEL_SKIP_E2E: undefined, FAKE_JEST_REPORT: JSON.stringify(JEST_OK), ...env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}` },
		encoding: 'utf8',
		timeout: 60000,
	});
	const lines = res.stdout.trim().split('\n');
	return { code: res.status, last: lines[lines.length - 1], out: res.stdout + res.stderr };
}

test('all suites pass: exit 0 and "N passed, 0 failed" last', () => {
	const run = ciRun();
	expect([run.code, run.last]).toEqual([0, '18 passed, 0 failed']);
});

test('a jest report cut off mid-way fails the run', () => {
	const run = ciRun({ FAKE_JEST_REPORT: JSON.stringify(JEST_OK).slice(0, 40) });
	expect([run.code, run.last]).toEqual([1, '8 passed, 1 failed']);
	expect(run.out).toContain('no readable jest report');
});

test('a jest report that is not JSON fails the run', () => {
	const run = ciRun({ FAKE_JEST_REPORT: 'Killed' });
	expect([run.code, run.last]).toEqual([1, '8 passed, 1 failed']);
});

test('a jest report with a count that is not a whole number fails the run', () => {
	const run = ciRun({ FAKE_JEST_REPORT: JSON.stringify({ ...JEST_OK, numFailedTests: '' }) });
	expect([run.code, run.last]).toEqual([1, '8 passed, 1 failed']);
});

test('no jest report fails the run, and a stale one from an earlier run is not read', () => {
	fs.writeFileSync(path.join(dir, '.ci', 'out', 'jest.json'), JSON.stringify(JEST_OK));
	const run = ciRun({ FAKE_JEST_REPORT: undefined });
	expect([run.code, run.last]).toEqual([1, '8 passed, 1 failed']);
});

test('npm test exiting non-zero with 0 failed tests fails the run', () => {
	const run = ciRun({ FAKE_JEST_RC: '1' });
	expect([run.code, run.last]).toEqual([1, '18 passed, 1 failed']);
});

test('skipped (pending) jest tests are reported', () => {
	const run = ciRun({ FAKE_JEST_REPORT: JSON.stringify({ ...JEST_OK, numPendingTests: 2 }) });
	expect([run.code, run.last]).toEqual([0, '18 passed, 0 failed, 2 skipped']);
});

test('a suite that prints no summary line fails the run, even when it exits 0', () => {
	const run = ciRun({ FAKE_E2E_OUT: 'something else' });
	expect([run.code, run.last]).toEqual([1, '17 passed, 1 failed']);
	expect(run.out).toContain("e2e printed no 'e2e: N passed, N failed' line");
});

test('a suite that exits non-zero reporting 0 failed fails the run', () => {
	const run = ciRun({ FAKE_QUEUE_RC: '1' });
	expect([run.code, run.last]).toEqual([1, '18 passed, 1 failed']);
});

test('a missing suite script fails the run', () => {
	fs.rmSync(path.join(dir, 'scripts', 'versions.js'));
	const run = ciRun();
	expect([run.code, run.last]).toEqual([1, '17 passed, 1 failed']);
	expect(run.out).toContain('versions: scripts/versions.js is missing');
});

test('IPPANEL_SKIP_E2E=1 reports the real-n8n suites as skipped', () => {
	const run = ciRun({ IPPANEL_SKIP_E2E: '1' });
	expect([run.code, run.last]).toEqual([0, '15 passed, 0 failed, 3 skipped']);
});
