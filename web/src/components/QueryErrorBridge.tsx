import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useShowError } from '../api/useShowError.ts';

/** Shows a toast when loading data fails, so that no page fails silently. */
export function QueryErrorBridge() {
  const queryClient = useQueryClient();
  const showError = useShowError();
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'error') showError(event.action.error);
      }),
    [queryClient, showError],
  );
  return null;
}
