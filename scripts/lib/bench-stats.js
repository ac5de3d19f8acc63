'use strict';
/** Small statistics and formatting helpers shared by the benchmark parts. */

const sorted = (values) => [...values].sort((a, b) => a - b);

function median(values) {
	if (!values.length) return NaN;
	const s = sorted(values);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const mean = (values) => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : NaN);

/** The p-th percentile (nearest rank). */
function percentile(values, p) {
	if (!values.length) return NaN;
	const s = sorted(values);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const hrMs = (startNs) => Number(process.hrtime.bigint() - startNs) / 1e6;

function ms(value) {
	if (!Number.isFinite(value)) return '–';
	if (value >= 10000) return `${(value / 1000).toFixed(1)} s`;
	if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
	return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : '–');

function ratio(ours, theirs) {
	const r = ours / theirs;
	if (!Number.isFinite(r)) return '–';
	return r < 0.1 ? `${r.toFixed(3)}×` : `${r.toFixed(2)}×`;
}

const count = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '–');

module.exports = { median, mean, percentile, hrMs, ms, mb, ratio, count };
