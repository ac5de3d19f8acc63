// Copies node and credential icons next to the compiled files: n8n loads them from dist.
const path = require('path');
const { src, dest, task } = require('gulp');

function copyIcons() {
	const nodeIcons = src('nodes/**/*.{png,svg}');
	const nodesDest = path.resolve('dist', 'nodes');
	nodeIcons.pipe(dest(nodesDest));
	const credIcons = src('credentials/**/*.{png,svg}', { allowEmpty: true });
	return credIcons.pipe(dest(path.resolve('dist', 'credentials')));
}

task('build:icons', copyIcons);
