/** Names an export gives its order id: InvoiceNo, order_id, Order Number, 订单号, 交易编号. */
const orderIdName =
  /^(order|invoice|transaction|receipt)[\s_-]*(id|no|nr|num|number|#)?$|^(订单|交易|发票|小票)(号|编号|id|单号)?$/i;

/**
 * The events' column that holds an order id, if one is named like it: F then counts orders, not
 * the order lines an export often has one row each for (METRICS.md, RFM: F = number of orders).
 */
export function guessOrderColumn(columns: readonly string[]): string | null {
  return columns.find((c) => orderIdName.test(c.trim())) ?? null;
}
