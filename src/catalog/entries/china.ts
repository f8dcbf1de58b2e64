import type { CatalogEntry } from '../types.js';
import { chinaCloudEntries } from './china-clouds.js';
import { chinaLabEntries } from './china-labs.js';
import { chinaNativeEntries } from './china-native.js';

/** Every provider based in mainland China (prices in CNY). */
export const chinaEntries: CatalogEntry[] = [...chinaLabEntries, ...chinaCloudEntries, ...chinaNativeEntries];
