import { unwrap } from './client.ts';

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The file name of a Content-Disposition header: the UTF-8 `filename*` first, else `filename`. */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

/**
 * Saves a file the API answers with (an api call made with `parseAs: 'blob'`), under the name the
 * server gives it. Fetching first, instead of following a link, lets an error answer show as a
 * message rather than replace the page.
 */
export async function saveDownload(call: Promise<Answer<Blob>>, fallbackName: string): Promise<void> {
  let disposition: string | null = null;
  const blob = await unwrap(
    call.then((answer) => {
      disposition = answer.response.headers.get('content-disposition');
      return answer;
    }),
  );
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameOf(disposition) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
