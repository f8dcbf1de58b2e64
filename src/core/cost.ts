/** What one call cost, as priced by the price book. */
export interface Cost {
  /** Cost in the catalog's currency for this model. */
  amount: number;
  currency: 'CNY' | 'USD' | null;
  /** The same amount in CNY (at the configured rate), for reports that add providers up. */
  cny: number;
}

export const NO_COST: Cost = { amount: 0, currency: null, cny: 0 };
