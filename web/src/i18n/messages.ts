/**
 * One namespace of UI strings (a file under ./locales). The zh-CN dictionary names the keys and the
 * English one must have exactly the same: a missing or an extra key is a type error at the call, and
 * test/web/i18n-keys.test.ts checks the same at run time.
 */
export function messages<Zh extends Record<string, string>>(m: {
  'zh-CN': Zh;
  en: { [K in keyof NoInfer<Zh>]: string };
}): { 'zh-CN': Zh; en: Record<keyof Zh, string> } {
  return m;
}
