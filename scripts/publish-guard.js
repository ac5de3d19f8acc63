#!/usr/bin/env node
'use strict';
// prepublishOnly: this package is published only by the "Publish to npm" GitHub Actions
// workflow (.github/workflows/publish.yml), with an npm provenance statement. n8n verifies
// community packages by that statement, so a version published from a laptop could never be
// verified. A local `npm publish` therefore stops here and says how to release.
const inActions = process.env.GITHUB_ACTIONS === 'true';
// `npm publish --provenance` passes npm_config_provenance; NPM_CONFIG_PROVENANCE is the same setting
// given as an environment variable (what n8n's `n8n-node release` sets).
const provenance = [process.env.npm_config_provenance, process.env.NPM_CONFIG_PROVENANCE].some(
	(value) => String(value ?? '').toLowerCase() === 'true',
);

if (inActions && provenance) process.exit(0);

const version = require('../package.json').version;
const why = inActions ? 'npm publish was run without --provenance' : 'npm publish was run outside GitHub Actions';
console.error(`
Refusing to publish: ${why}.

n8n only accepts community node packages published from GitHub Actions with an npm provenance
statement. To release ${version}:
  1. add its section to CHANGELOG.md and set "version" in package.json (npm version ${version} --no-git-tag-version)
  2. commit, then tag and push:  git tag v${version} && git push origin v${version}
  3. the "Publish to npm" workflow (.github/workflows/publish.yml) tests the tagged commit and
     runs npm publish --provenance --access public through npm trusted publishing.
See CONTRIBUTING.md, "Releasing".
`);
process.exit(1);
