import { describe, expect, it } from 'vitest';
import { describeNetworkFailure, unreachableMessage } from '../../../electron/remote/network-failure';
import { isLoopbackHost, parseServerUrl, ServerUrlError } from '../../../electron/remote/server-url';

describe('the Deskwatch server address', () => {
  it.each([
    ['https://deskwatch.district.example', 'https://deskwatch.district.example'],
    ['  https://deskwatch.district.example/  ', 'https://deskwatch.district.example'],
    ['https://gateway.district.example/deskwatch/', 'https://gateway.district.example/deskwatch'],
    ['HTTPS://Desk.District.Example:8443', 'https://desk.district.example:8443'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://127.3.2.1', 'http://127.3.2.1'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('accepts %s as %s', (given, canonical) => {
    expect(parseServerUrl(given)).toBe(canonical);
  });

  it.each([
    ['', /is empty/],
    ['deskwatch.district.example', /is not a web address/],
    ['http://deskwatch.district.example', /must start with https:\/\/.*only for a server on this computer/],
    ['http://10.0.0.5:8080', /must start with https:\/\//],
    ['http://127.0.0.1.nip.io', /must start with https:\/\//],
    ['http://localhost.district.example', /must start with https:\/\//],
    ['file:///etc/passwd', /is not an https:\/\/ address/],
    ['javascript:alert(1)', /is not an https:\/\/ address/],
    ['https://admin:secret@deskwatch.district.example', /must not carry a user name or password/],
    ['https://deskwatch.district.example/?token=1', /must not carry a query/],
    ['https://deskwatch.district.example/#x', /must not carry a query or a fragment/],
  ])('refuses %j in words', (given, reason) => {
    expect(() => parseServerUrl(given)).toThrow(ServerUrlError);
    expect(() => parseServerUrl(given)).toThrow(reason);
  });

  it('knows this computer by name and address only', () => {
    expect(['localhost', '127.0.0.1', '127.255.0.9', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', '127.0.0.256', 'localhost.example', '0.0.0.0', '[::2]'].some(isLoopbackHost)).toBe(false);
  });
});

describe('a request that did not reach the server', () => {
  const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });

  it('reads Node’s causes and Chromium’s error names alike', () => {
    expect(describeNetworkFailure(fetchFailed(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })))).toEqual({ reason: expect.stringMatching(/connection refused/), delivered: 'no' });
    expect(describeNetworkFailure(new Error('net::ERR_CONNECTION_REFUSED'))).toEqual({ reason: expect.stringMatching(/connection refused/), delivered: 'no' });
    expect(describeNetworkFailure(new Error('net::ERR_NAME_NOT_RESOLVED')).reason).toMatch(/name could not be found/);
    expect(describeNetworkFailure(fetchFailed(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).reason).toMatch(/name could not be found/);
    expect(describeNetworkFailure(new Error('net::ERR_CERT_AUTHORITY_INVALID')).reason).toMatch(/certificate is not trusted.*ERR_CERT_AUTHORITY_INVALID/);
    expect(describeNetworkFailure(fetchFailed(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }))).delivered).toBe('no');
    expect(describeNetworkFailure(fetchFailed(new Error('unexpected redirect'))).reason).toMatch(/redirect/);
    expect(describeNetworkFailure(fetchFailed(new AggregateError([Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })])))).toMatchObject({ delivered: 'no' });
  });

  it('does not say nothing was changed when the change may have arrived', () => {
    const lost = describeNetworkFailure(fetchFailed(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })));
    expect(lost.delivered).toBe('unknown');
    expect(unreachableMessage('https://d.example', lost, true)).toMatch(/may or may not have been saved/);
    expect(unreachableMessage('https://d.example', lost, false)).toMatch(/nothing was changed/);
    expect(describeNetworkFailure(new DOMException('late', 'TimeoutError')).delivered).toBe('unknown');
  });
});
