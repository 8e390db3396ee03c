import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { useApiClient } from '../../../api/useApiClient';
import { expectData } from '../../../api/expectData';
import { ErrorState } from '../../../ui/ErrorState';

/**
 * Opens Bull Board. A new tab cannot carry our bearer token, so the API first sets a short-lived cookie scoped to
 * the dashboard's path; then the tab opens.
 */
export function QueueDashboardButton() {
  const client = useApiClient();
  const [error, setError] = useState<unknown>(null);
  const open = async () => {
    setError(null);
    try {
      const { url } = expectData(await client.POST('/api/v1/admin/queue-board/session', { body: {} }));
      window.open(url, '_blank', 'noopener');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Button onClick={() => void open()}>Open queue dashboard</Button>
      {error !== null && <ErrorState error={error} />}
    </>
  );
}
