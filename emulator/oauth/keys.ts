// The ID-token signing key: RS256, generated when first needed (so the many emulators tests
// create pay for none) and kept for the emulator's lifetime, across `reset`, so a client's
// cached JWKS stays valid. `kid` is the key's RFC 7638 thumbprint.
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  publicJwk: JWK;
  sign(claims: Record<string, unknown>): Promise<string>;
}

export function lazySigningKey(): () => Promise<SigningKey> {
  let pending: Promise<SigningKey> | undefined;
  return () => (pending ??= create());
}

async function create(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { ...jwk, kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    publicJwk,
    sign: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey),
  };
}
