import { createContext } from 'react';
import type { Me } from './api/Me';

/** Filled once /me has loaded, so pages below the frame never handle a missing user. */
export const CurrentUserContext = createContext<Me | null>(null);
