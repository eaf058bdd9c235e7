/**
 * Which addresses the desktop app may use as its Deskwatch server. Sign-in passwords, session
 * tokens and case data travel to it, so it must be https://; plain http:// is accepted only
 * for a server on this same computer (tests, a server run beside the console), where nothing
 * crosses a network.
 */

export class ServerUrlError extends Error {
  override readonly name = 'ServerUrlError';
}

const EXAMPLE = 'for example https://deskwatch.district.example';

/**
 * The server's address in one canonical form: scheme, host, port and any path prefix (a server
 * behind a reverse proxy at /deskwatch), without a trailing slash. Throws a ServerUrlError that
 * says what is wrong with the address and what is expected instead.
 */
export function parseServerUrl(text: string): string {
  const given = typeof text === 'string' ? text.trim() : '';
  if (!given) throw new ServerUrlError(`The Deskwatch server address is empty: give its https:// address (${EXAMPLE}).`);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new ServerUrlError(`"${given}" is not a web address: give the Deskwatch server's https:// address (${EXAMPLE}).`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ServerUrlError(
      `The Deskwatch server address must start with https:// ("${given}" would carry passwords and case data unencrypted). ` +
        'http:// is accepted only for a server on this computer (127.0.0.1 or localhost).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ServerUrlError(`"${given}" is not an https:// address: give the Deskwatch server's https:// address (${EXAMPLE}).`);
  }
  if (url.username || url.password) {
    throw new ServerUrlError(`The Deskwatch server address "${url.host}" must not carry a user name or password: people sign in from the console.`);
  }
  if (url.search || url.hash) {
    throw new ServerUrlError(`The Deskwatch server address must not carry a query or a fragment ("${given}"): give only its https:// address (${EXAMPLE}).`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Whether a URL's hostname is this computer: localhost, 127.0.0.0/8 or ::1 (as URL writes it, in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return ipv4 !== null && ipv4.slice(1).every((part) => Number(part) <= 255) && ipv4[1] === '127';
}
