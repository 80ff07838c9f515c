import { hyp2f1 } from './hyp2f1';
import { probabilityAlive } from './p-alive';
import type { BgNbdParams, PurchaseSummary } from './types';

// Within this distance of a = 1 the bracket below cancels to fewer digits than interpolation loses.
const NEAR_ONE = 1e-5;

/**
 * (a+b+x−1)/(a−1) · [1 − (1−z)^(r+x) 2F1(r+x, b+x; a+b+x−1; z)], the factor the paper's eq. 7
 * (x = 0) and eq. 10 share. By Euler's transformation 2F1(A, B; C; z) = (1−z)^(C−A−B)
 * 2F1(C−A, C−B; C; z) the bracket is 1 − (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z), whose series
 * stays near 1 however large x is (the paper's form grows like (1−z)^−(r+x) and overflows).
 * At a = 1 the factor is 0/0 with a finite limit: near it, interpolate linearly between
 * a = 1 ± 1e-5 (error ~1e-10 relative).
 */
function growth(r: number, a: number, b: number, x: number, z: number): number {
  const at = (a: number) =>
    ((a + b + x - 1) / (a - 1)) * (1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z));
  if (Math.abs(a - 1) >= NEAR_ONE) return at(a);
  const below = at(1 - NEAR_ONE);
  const above = at(1 + NEAR_ONE);
  return below + ((above - below) * (a - 1 + NEAR_ONE)) / (2 * NEAR_ONE);
}

/**
 * E[X(t)]: the expected number of repeat purchases in the first t time units of a new customer
 * (Fader, Hardie & Lee 2005, eq. 7). t in the unit the parameters were fitted in.
 */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return growth(r, a, b, 0, t / (alpha + t));
}

/**
 * E[Y(t) | x, tx, T]: the expected number of purchases in the t time units after the calibration
 * period by a customer with that history (Fader, Hardie & Lee 2005, eq. 10).
 */
export function conditionalExpectedPurchases(params: BgNbdParams, customer: PurchaseSummary, t: number): number {
  return expectedPurchasesIfAlive(params, customer.x, customer.T, t) * probabilityAlive(params, customer);
}

/**
 * E[Y(t) | x, tx, T] / P(alive | x, tx, T): the expected purchases in the next t time units of a
 * customer still alive. It depends on x and T but not on tx, so many customers share it.
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return growth(r, a, b, x, t / (alpha + T + t));
}
