// A token the user pasted in this browser tab (only when the server has none of its own).
// sessionStorage only: it dies with the tab and is never written anywhere else.
const KEY = 'vcr-session-token';

export function getSessionToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setSessionToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function clearSessionToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* storage blocked: nothing stored */
  }
}
