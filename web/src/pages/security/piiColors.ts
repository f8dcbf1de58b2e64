/** Background colors of the PII types in highlighted text and the legend. */
const COLORS: Record<string, string> = {
  id_card: '#ffd8bf',
  mobile: '#d9f7be',
  bank_card: '#ffe58f',
  uscc: '#efdbff',
  passport: '#bae0ff',
  email: '#b5f5ec',
  ipv4: '#ffd6e7',
  ipv6: '#ffd6e7',
};
const OTHER = ['#d6e4ff', '#f4ffb8', '#fff1b8', '#ffccc7'];

/** Custom recognizers and dictionary terms get a stable color from their name. */
export function piiColor(type: string): string {
  if (COLORS[type]) return COLORS[type];
  let h = 0;
  for (const c of type) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return OTHER[h % OTHER.length]!;
}
