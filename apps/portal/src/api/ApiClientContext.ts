import { createContext } from 'react';
import type { ApiClient } from './client';

/** The signed-in user's API client; null outside the signed-in part of the app. */
export const ApiClientContext = createContext<ApiClient | null>(null);
