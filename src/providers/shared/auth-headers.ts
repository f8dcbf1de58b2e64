import type { AuthStyle } from '../../catalog/types.js';

/** Builds the auth header for a key in the provider's style. */
export function authHeaders(style: AuthStyle, apiKey: string | undefined): Record<string, string> {
  if (!apiKey || style === 'none') return {};
  switch (style) {
    case 'bearer':
      return { authorization: `Bearer ${apiKey}` };
    case 'api-key-header':
      return { 'api-key': apiKey };
    case 'x-api-key':
      return { 'x-api-key': apiKey };
    case 'x-goog-api-key':
      return { 'x-goog-api-key': apiKey };
    case 'zhipu-jwt':
    case 'sensenova-jwt':
      // Signed per call by the adapter (the token expires); see jwt-auth.ts.
      return {};
  }
}

/** Joins a base URL, a path and an optional query without doubling slashes. */
export function joinUrl(base: string, path: string, query?: Record<string, string>): string {
  const url = base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
  if (!query || Object.keys(query).length === 0) return url;
  return url + (url.includes('?') ? '&' : '?') + new URLSearchParams(query).toString();
}
