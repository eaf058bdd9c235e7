/**
 * What stores remember on this machine (who is at the console, the unsent case draft).
 * Typed without the DOM so the stores run in unit tests; access can throw (privacy settings,
 * full quota), and losing a remembered value must never break the console.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): KeyValueStorage | null {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}

export function readStored<T>(key: string, parse: (value: unknown) => T | null): T | null {
  try {
    const raw = storage()?.getItem(key);
    return raw == null ? null : parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered this time; the value is still in memory.
  }
}

export function forgetStored(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}
