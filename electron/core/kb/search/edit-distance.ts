/**
 * Optimal string alignment distance (Levenshtein plus the swap of two neighbouring letters, the
 * commonest typo: "comptuer"), given up as soon as it must exceed `max`: the caller only asks
 * whether a word is within 1 or 2 edits. Returns max + 1 when it is not.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(0); // row i - 2
  let previous = Array.from({ length: width }, (_, j) => j); // row i - 1
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[b.length] as number;
  return distance > max ? max + 1 : distance;
}

/** How many edits a word of this length may be off by and still be corrected: none below 4 letters. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length <= 6 ? 1 : 2;
}
