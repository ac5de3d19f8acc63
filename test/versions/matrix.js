'use strict';
/**
 * The n8n versions this package supports, and why (see docs/versions.md).
 *
 * The floor comes from what the compiled package uses of n8n-workflow, read in the published
 * n8n-workflow packages (`npm pack n8n-workflow@<v>`):
 *   NodeConnectionTypes (node inputs/outputs)   first in n8n-workflow 1.83.0 (absent in 1.82.0)
 *   usableAsTool                                 1.70.0
 *   icon { light, dark } (type Icon)             ≤ 1.55.0
 *   updateDisplayOptions                         ≤ 1.35.0
 *   sleep, NodeOperationError, NodeApiError, IPollFunctions, httpRequestWithAuthentication  ≤ 1.0.0
 *   httpRequestWithAuthentication's preAuthenticationRetryStatusCode   2.40.0 — an optional
 *     argument: older n8n-core ignores it and repeats a request once after a 401 in API-key mode
 *     too (the repeat gets the same 401; no send is repeated, as a 401 send was not accepted).
 * So: n8n-workflow >= 1.83.0, i.e. n8n >= 1.85 (the first n8n release in the registry that ships
 * n8n-workflow 1.83.0 is 1.85.3; it pins n8n-core 1.84.0 and @n8n/di 0.4.0).
 */
module.exports = {
	peerRange: '>=1.83.0',
	/** Run in the engine harness: n8n itself cannot be installed here (see `installs`). */
	oldest: { n8n: '1.85.3', 'n8n-workflow': '1.83.0', 'n8n-core': '1.84.0', '@n8n/di': '0.4.0' },
	/** The newest n8n that installs here: run for real (n8n execute) and in the engine harness. */
	newest: { n8n: '2.41.1', 'n8n-workflow': '2.41.0', 'n8n-core': '2.41.1', '@n8n/di': '0.17.0' },
	/** Just below the floor: loading the package must fail there (proves the floor is real). */
	belowFloor: { n8n: '1.82.3', 'n8n-workflow': '1.82.0' },
	/** What `versions.js --probe-installs` re-checks: each must still fail to install. */
	probes: ['2.41.3', '2.32.0', '1.85.3'],
	/** `npm install n8n@<v>` on these machines (npm registry only, no other host), measured 2026-11-23. */
	installs: {
		'2.41.3': 'fails (the `latest` tag): No matching version found for @n8n/agents@0.26.2',
		'2.41.1': 'installs (the cached runtime of dev/n8n/runtime.js)',
		'2.32.0': 'fails: No matching version found for @n8n/agents@0.17.0',
		'2.31.x and older, 1.x (incl. 1.85.3, 1.123.x)':
			'fails: n8n-nodes-base depends on xlsx from https://cdn.sheetjs.com (ENOTFOUND); n8n-nodes-base 2.32.0 dropped it',
	},
};
