const MAX_TERMS = 200_000;
const EPSILON = 1e-15;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) = Σ (a)_k (b)_k / ((c)_k k!) z^k for real
 * arguments and |z| < 1, summed until a term changes the sum by less than 1e-15 relative while
 * the terms are shrinking. For z < 0 it sums the Pfaff transform
 * (1−z)^−a 2F1(a, c−b; c; z/(z−1)), whose argument lies in (0, 1/2), so terms do not alternate.
 * NaN outside the domain: |z| ≥ 1, c a non-positive integer (a pole), a non-finite argument, or
 * no convergence within 200,000 terms (which takes z within about 2e-4 of 1).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite) || Math.abs(z) >= 1) return NaN;
  if (c <= 0 && Number.isInteger(c)) return NaN;
  if (z < 0) return Math.pow(1 - z, -a) * series(a, c - b, c, z / (z - 1));
  return series(a, b, c, z);
}

function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    // A negative integer a or b ends the series exactly.
    if (term === 0) return sum;
    if (Math.abs(term) <= EPSILON * Math.abs(sum) && Math.abs(ratio) < 1) return sum;
    if (!Number.isFinite(sum)) return NaN;
  }
  return NaN;
}
