/**
 * The credential the console runs apps with on `/v1`: the admin token when signed in with it, else a
 * virtual key the user typed (kept for the browser session, shared with the playground). With neither,
 * runs go out with the session cookie only.
 */
import { useState } from 'react';
import { getToken } from '../../api/client.ts';

const KEY_STORAGE = 'baimo.playgroundKey';

function readKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function useRunToken(): { token: string | null; isAdminToken: boolean; apiKey: string; setApiKey: (k: string) => void } {
  const adminToken = getToken();
  const [apiKey, setKey] = useState(readKey);
  const setApiKey = (k: string) => {
    setKey(k);
    try {
      sessionStorage.setItem(KEY_STORAGE, k);
    } catch {
      // Kept for this page only.
    }
  };
  return { token: adminToken ?? (apiKey.trim() || null), isAdminToken: Boolean(adminToken), apiKey, setApiKey };
}
