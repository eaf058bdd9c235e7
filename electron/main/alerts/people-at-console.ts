/**
 * Which staff member each window acts as. The renderer sends `meta.actorId` with every call; the
 * IPC bridge reports the id of each call the core answered, so the shell knows the person at a
 * window without asking the page. The last person seen stays known after their window closes
 * (macOS keeps the app running without one), so their alerts still reach them.
 */
export class PeopleAtConsole {
  private readonly byContents = new Map<number, number>();
  private lastKnown: number | null = null;

  /** Records that window `contentsId` acts as `staffId`; answers whether that changed who is there. */
  note(contentsId: number, staffId: number): boolean {
    const before = this.byContents.get(contentsId);
    this.byContents.set(contentsId, staffId);
    this.lastKnown = staffId;
    return before !== staffId;
  }

  personAt(contentsId: number): number | null {
    return this.byContents.get(contentsId) ?? null;
  }

  /**
   * The people to alert, given the webContents ids of the windows open now: each one's person,
   * once; with no window open, the last person known; nobody before anyone has been seen.
   */
  people(openContentsIds: readonly number[]): number[] {
    if (openContentsIds.length === 0) return this.lastKnown === null ? [] : [this.lastKnown];
    const found = openContentsIds.map((id) => this.byContents.get(id)).filter((id): id is number => id !== undefined);
    return [...new Set(found)];
  }

  /** The person the tray speaks for: the one at the first (oldest) open window that has one, else the last known. */
  primary(openContentsIds: readonly number[]): number | null {
    for (const id of openContentsIds) {
      const person = this.byContents.get(id);
      if (person !== undefined) return person;
    }
    return this.lastKnown;
  }
}
