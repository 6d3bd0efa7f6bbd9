// jw04 in integer cents, as the explanations recommend: exact sums (i3), one
// explicit half-up rounding (i5), the remainder given to the first shares (i6).
export interface Line { sku: string; unitPriceCents: number; qty: number }

const VAT_PERCENT = 9;
const roundHalfUp = (numerator: number, denominator: number) =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));   // integers only

export function orderTotals(lines: Line[], discountPct: number) {
  const subtotal = lines.reduce((sum, l) => sum + l.unitPriceCents * l.qty, 0);
  const discount = roundHalfUp(subtotal * discountPct, 100);
  const net = subtotal - discount;
  const vat = roundHalfUp(net * VAT_PERCENT, 100);
  return { subtotal, discount, net, vat, total: net + vat };
}

export function splitEvenly(totalCents: number, people: number): number[] {
  const base = Math.floor(totalCents / people), extra = totalCents % people;
  return Array.from({ length: people }, (_, i) => base + (i < extra ? 1 : 0));
}

export function isFullyPaid(totalCents: number, paymentsCents: number[]): boolean {
  return paymentsCents.reduce((sum, p) => sum + p, 0) === totalCents;
}
