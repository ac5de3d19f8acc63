import nock from 'nock';

// nock patches Node's http module once per test file; a file that leaves it active makes the
// next file (same worker) miss its own interceptors. Every file therefore restores it at the end.
afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
