import { describe, expect, it } from 'vitest';
import { guessOrderColumn } from '../../../../src/analyses/rfm/order-column-guess';

describe('the order id column guessed for RFM', () => {
  it('finds the order id among the columns exports give it', () => {
    expect(guessOrderColumn(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'UnitPrice', 'Country'])).toBe('InvoiceNo');
    expect(guessOrderColumn(['channel', 'order_id'])).toBe('order_id');
    expect(guessOrderColumn(['Order Number'])).toBe('Order Number');
    expect(guessOrderColumn(['商品', '订单号'])).toBe('订单号');
    expect(guessOrderColumn(['交易编号'])).toBe('交易编号');
  });

  it('guesses nothing from columns that only mention orders', () => {
    expect(guessOrderColumn(['order_status', 'order_date', 'orders', 'StockCode', '订单金额'])).toBeNull();
    expect(guessOrderColumn([])).toBeNull();
  });
});
