import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { fetchDevMailbox } from '../api/notificationRequests';

/** Mail the local dev SMTP server caught (local mode only), refreshed while the page is open. */
export function useDevMailbox() {
  const client = useApiClient();
  return useQuery({ queryKey: ['dev', 'mailbox'], queryFn: () => fetchDevMailbox(client), refetchInterval: 5_000 });
}
