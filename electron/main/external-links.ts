/**
 * Which URLs may leave the app for the user's browser or mail program. `shell.openExternal`
 * hands its argument to the operating system, which will run whatever handler a scheme has
 * (`file:`, `smb:`, custom app schemes…), so only schemes that open a web page or a mail draft pass.
 */
export const EXTERNAL_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return EXTERNAL_SCHEMES.includes(parsed.protocol);
}

/** The one call of `shell.openExternal` in the app; the shell is passed in so the decision is testable. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Opens `url` outside the app when its scheme is allowed; answers whether it did. */
export function openExternalSafely(opener: ExternalOpener, url: string, log: (message: string) => void = console.warn): boolean {
  if (!isAllowedExternalUrl(url)) {
    log(`deskwatch: refused to open a ${describeScheme(url)} link outside the app`);
    return false;
  }
  // Normalised form: what the OS receives is exactly what was checked.
  opener.openExternal(new URL(url).href).catch((error: unknown) => {
    log(`deskwatch: the system could not open a link: ${error instanceof Error ? error.message : String(error)}`);
  });
  return true;
}

function describeScheme(url: string): string {
  try {
    return `"${new URL(url).protocol}"`;
  } catch {
    return 'malformed';
  }
}
