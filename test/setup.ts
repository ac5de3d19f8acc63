import nock from 'nock';

// No test reaches the internet: requests go to nock's interceptors or to loopback servers (the
// emulator, the trigger's fake API). Interceptors never outlive their test.
beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());

// nock patches Node's http module once per test file; a file that leaves it active makes the
// next file (same worker) miss its own interceptors. Every file therefore restores it at the end.
afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
