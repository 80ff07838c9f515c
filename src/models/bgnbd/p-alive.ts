import type { BgNbdParams, PurchaseSummary } from './types';

/**
 * P(alive | x, tx, T) (Fader, Hardie & Lee 2005, eq. 11) = 1 / (1 + [x>0] (a/(b+x-1))
 * ((alpha+T)/(alpha+tx))^(r+x)), with the odds in log space so a large x cannot overflow.
 * A customer with no repeat purchase has had no chance to drop out under this model: always 1.
 */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: PurchaseSummary): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}
