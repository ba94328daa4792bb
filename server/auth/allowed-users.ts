// ALLOWED_USERS: who may use the server's own token once sign-in has proved who they are.
// Entries are Vercel usernames, email addresses, or `@domain` for every verified address at
// that domain. Matching ignores case, as Vercel does for both.
export type AllowedEntry =
  | { kind: 'username'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'domain'; value: string };

export interface SignedInIdentity {
  username?: string;
  email?: string;
  /** False when the issuer says the address is unverified; then it proves nothing. */
  emailVerified?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL_LOCAL = /^[^\s@]{1,64}$/;

export function parseAllowedUsers(value: string): AllowedEntry[] {
  const entries: AllowedEntry[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    if (item.startsWith('@')) {
      const domain = item.slice(1);
      if (!DOMAIN.test(domain)) throw new Error(`ALLOWED_USERS: "${raw.trim()}" is not a domain.`);
      entries.push({ kind: 'domain', value: domain });
    } else if (item.includes('@')) {
      const at = item.lastIndexOf('@');
      if (!EMAIL_LOCAL.test(item.slice(0, at)) || !DOMAIN.test(item.slice(at + 1))) {
        throw new Error(`ALLOWED_USERS: "${raw.trim()}" is not an email address.`);
      }
      entries.push({ kind: 'email', value: item });
    } else {
      if (!USERNAME.test(item)) {
        throw new Error(`ALLOWED_USERS: "${raw.trim()}" is not a Vercel username.`);
      }
      entries.push({ kind: 'username', value: item });
    }
  }
  if (entries.length === 0) {
    throw new Error('ALLOWED_USERS is empty: list usernames, emails or @domain, comma-separated.');
  }
  return entries;
}

export function isAllowed(entries: readonly AllowedEntry[], who: SignedInIdentity): boolean {
  const username = who.username?.toLowerCase();
  // An address the issuer marks unverified could belong to anyone.
  const email = who.emailVerified === false ? undefined : who.email?.toLowerCase();
  return entries.some((entry) => {
    switch (entry.kind) {
      case 'username':
        return username !== undefined && username === entry.value;
      case 'email':
        return email !== undefined && email === entry.value;
      case 'domain':
        return email !== undefined && email.endsWith(`@${entry.value}`);
    }
  });
}
