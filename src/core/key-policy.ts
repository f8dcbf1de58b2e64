import type { GlobList } from './glob.js';

/** A limit's period: the calendar day or month (Asia/Shanghai by default), or the key's whole life. */
export type Period = 'day' | 'month' | 'total';

/** A virtual key as the request path needs it: parsed once, cached by the key directory. */
export interface KeyPolicy {
  id: string;
  name: string;
  workspaceId: string;
  appId: string | null;
  models: GlobList | null;
  rpm: number | null;
  tpm: number | null;
  tokenQuota: number | null;
  tokenQuotaPeriod: Period;
  budget: number | null;
  budgetCurrency: 'CNY' | 'USD';
  budgetPeriod: Period;
  expiresAt: number | null;
  enabled: boolean;
  revoked: boolean;
  /** The key's own setting, else its app's; null when neither opted in or out. */
  cache: boolean | null;
  cacheTtlS: number | null;
  /** Segment attributes (industry, region, user_group) of the key's metadata, its app's winning; analytics groups by them. */
  segments?: Readonly<Record<string, string>>;
}
