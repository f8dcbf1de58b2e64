/** Form rules shared by the create dialog and the settings tab. */
import type { FormInstance } from 'antd';
import type { TFunction } from '../../i18n/index.ts';
import { linesToWords, wordProblem } from './format.ts';

/** A textarea of one word per line: each word short enough, not too many. */
export const wordsRule = (t: TFunction) => ({
  validator: async (_: unknown, text: string | undefined) => {
    const p = wordProblem(linesToWords(text));
    if (p?.tooLong) throw new Error(t('knowledge.words.tooLong', { word: p.tooLong }));
    if (p?.tooMany) throw new Error(t('knowledge.words.tooMany', { n: p.tooMany }));
  },
});

/** The overlap stays below half a chunk (`chunkField`: the chunk size field; empty = 400, the default). */
export const overlapRule =
  (t: TFunction, chunkField: string) =>
  ({ getFieldValue }: Pick<FormInstance, 'getFieldValue'>) => ({
    validator: async (_: unknown, overlap: number | null | undefined) => {
      const size = (getFieldValue(chunkField) as number | null | undefined) ?? 400;
      if (overlap !== null && overlap !== undefined && overlap * 2 >= size) throw new Error(t('knowledge.field.overlapTooBig'));
    },
  });
