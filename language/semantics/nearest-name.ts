/** Did-you-mean suggestions: the nearest candidate by edit distance. */

/** Words longer than this get no suggestion (a pasted paragraph, a 1 MB identifier). */
export const MAX_SUGGESTED_WORD = 64;

/** The candidate nearest to `word` by edit distance, if near enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[], maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  if (typeof word !== 'string' || word.length > MAX_SUGGESTED_WORD) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGESTED_WORD) continue;
    const bonus = candidate === word ? 1 : 0;
    // The length difference bounds the distance from below: most candidates end here.
    const limit = Math.min(maxDistance, bestDistance - 1 + bonus);
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), limit) - bonus;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}

/** Levenshtein distance, or anything above `limit` once every path exceeds it. */
function editDistance(a: string, b: string, limit = Infinity): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    let smallest = row[0];
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
      if (row[j] < smallest) smallest = row[j];
    }
    if (smallest > limit) return limit + 1;
  }
  return row[b.length];
}

/** User text quoted in a message, cut to a readable length (a pasted line, a 1 MB word). */
export function shortened(text: string, length = 40): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
