import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { ApiError } from '../api/ApiError';

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
}

/** Shows the API's own message and stable code so users can quote them to support. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const apiError = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{message}</MessageBarTitle>
        {apiError && (
          <Text block size={200}>
            Code: {apiError.code}
            {apiError.errorId && <> · Reference: {apiError.errorId}</>}
          </Text>
        )}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
