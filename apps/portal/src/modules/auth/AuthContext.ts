import type { User } from 'oidc-client-ts';
import { createContext } from 'react';

export interface AuthContextValue {
  /** 'loading' while the stored session is read. */
  status: 'loading' | 'signedIn' | 'signedOut';
  user: User | null;
  /** Why the user is signed out, when it was not their choice (401 or expired token). */
  sessionEndedReason: 'expired' | null;
  signIn: (returnTo: string) => Promise<void>;
  /** Redeems the authorization code on /auth/callback; resolves to the path to return to. */
  completeSignIn: () => Promise<string>;
  signOut: () => Promise<void>;
  /** Called when the API rejects the token: drop it and ask the user to sign in again. */
  endSession: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);
