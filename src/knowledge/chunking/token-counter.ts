/**
 * Counts the tokens of a text. The caller injects the real one (the gateway's BPE, say); the default is a
 * synchronous approximation so that chunking stays pure.
 */
export type TokenCounter = (text: string) => number;

/** Han (BMP and supplementary), kana, Hangul, CJK punctuation and full-width forms: about one token per character. */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/gu;
const WORD = /[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]+/gu;

/** The default counter: a CJK character ≈ 1 token, any other word (a run without spaces) ≈ 1.3 tokens. */
export const approximateTokens: TokenCounter = (text) => {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.match(WORD)?.length ?? 0;
  return cjk + Math.ceil(words * 1.3);
};
