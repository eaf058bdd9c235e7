/**
 * The IPC channels of `window.deskwatch.session` and `window.deskwatch.connection`: main's own
 * business (who sits at this console, which core it works with), beside the contract's channels.
 * Main registers exactly these, and the preload sends on nothing else.
 */
export const SESSION_CHANNELS = {
  current: 'deskwatch-session:current',
  choose: 'deskwatch-session:choose',
  signInWithPassword: 'deskwatch-session:sign-in-with-password',
  signInWithSso: 'deskwatch-session:sign-in-with-sso',
  signOut: 'deskwatch-session:sign-out',
} as const;

export const CONNECTION_CHANNELS = {
  get: 'deskwatch-connection:get',
  setServer: 'deskwatch-connection:set-server',
} as const;

/** `window.deskwatch.printToPdf`: the desktop app saves the page as a PDF (main shows the save dialog). */
export const PRINT_CHANNELS = {
  printToPdf: 'deskwatch-print:to-pdf',
} as const;
