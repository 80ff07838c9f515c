/**
 * A share (0..1) as a percentage with `format` (a percent NumberFormat of one decimal at most),
 * except that a share above zero too small to show reads "<0.1%": 5 users of 50,000 are not 0%.
 */
export function percentText(format: Intl.NumberFormat, share: number): string {
  const smallest = 0.001;
  return share > 0 && share < smallest / 2 ? `<${format.format(smallest)}` : format.format(share);
}
