import { useContext } from 'react';
import type { Me } from '../api/Me';
import { CurrentUserContext } from '../CurrentUserContext';

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used below <CurrentUserContext.Provider>.');
  return me;
}
