import { z } from 'zod';

/** The name of a stored dataset: a letter or digit, then letters, digits, `.`, `_`, `-`; 100 at most. */
export const DATASET_NAME_SOURCE = '[A-Za-z0-9][A-Za-z0-9._-]{0,99}';

/** {@link DATASET_NAME_SOURCE} as a whole-string pattern. */
export const DATASET_NAME = new RegExp(`^${DATASET_NAME_SOURCE}$`);

/** A stored dataset's name, as suites name it (`name` or `name@version`, suite.ts). */
export const datasetNameSchema = z
  .string()
  .max(100)
  .regex(DATASET_NAME, 'letters, digits, ".", "_" and "-", starting with a letter or digit (at most 100)');
