/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): while alive, purchase rates are Gamma(shape r,
 * rate alpha) across customers; after each repeat purchase a customer drops out with a probability
 * that is Beta(a, b) across customers. alpha is in the time unit of the summaries it was fitted on.
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * One customer's calibration period, all times in one unit: x repeat purchase occasions, tx from
 * the first to the last purchase, T from the first purchase to the end of the calibration period.
 * `count` (default 1) lets a caller pass customers already grouped by (x, tx, T), as SQL can.
 */
export interface PurchaseSummary {
  x: number;
  tx: number;
  T: number;
  count?: number;
}
