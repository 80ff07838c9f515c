const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
// Below this the asymptotic series is not yet accurate to double precision, so arguments are shifted up.
const SHIFT_TO = 10;

/**
 * ln Γ(x) for x > 0 (NaN otherwise): Stirling's series after shifting x to ≥ 10 with the
 * recurrence Γ(x+1) = xΓ(x). Absolute error ~1e-15 near the zeros at 1 and 2, relative ~1e-15 elsewhere.
 */
export function lgamma(x: number): number {
  if (!(x > 0) || x === Infinity) return x === Infinity ? Infinity : NaN;
  let shift = 0;
  if (x < SHIFT_TO) {
    let product = 1;
    while (x < SHIFT_TO) {
      product *= x;
      x += 1;
    }
    shift = Math.log(product);
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series - shift;
}

/** ψ(x) = d/dx ln Γ(x) for x > 0 (NaN otherwise), by the same shift and the asymptotic series. */
export function digamma(x: number): number {
  if (!(x > 0) || x === Infinity) return x === Infinity ? Infinity : NaN;
  let shift = 0;
  while (x < SHIFT_TO) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 *
    (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return Math.log(x) - 0.5 / x - series - shift;
}
