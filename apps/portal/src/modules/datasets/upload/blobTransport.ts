// The Blob service REST calls the browser makes with a write-only SAS URL: Put Block and Put Block List.
// XMLHttpRequest rather than fetch, for upload progress within a block.

export const BLOB_API_VERSION = '2021-12-02';

/** A failed Blob service call: HTTP status (0 when the request never got an answer) and the service's error code. */
export class BlobRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'BlobRequestError';
    this.status = status;
    this.code = code;
  }
}

export interface BlobTransport {
  putBlock(sasUrl: string, blockId: string, body: Blob, onProgress: (loadedBytes: number) => void, signal: AbortSignal): Promise<void>;
  putBlockList(sasUrl: string, blockListXml: string, contentType: string, signal: AbortSignal): Promise<void>;
}

/** `<sas>&comp=block&blockid=…`; the SAS URL already carries its query. */
export function withQuery(sasUrl: string, query: Record<string, string>): string {
  // Appended as text: re-serialising the SAS query could re-encode its signature.
  const extra = Object.entries(query)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return `${sasUrl}${sasUrl.includes('?') ? '&' : '?'}${extra}`;
}

function errorCode(xhr: XMLHttpRequest): string {
  const header = xhr.getResponseHeader('x-ms-error-code');
  if (header) return header;
  const match = /<Code>([^<]+)<\/Code>/.exec(typeof xhr.responseText === 'string' ? xhr.responseText : '');
  return match?.[1] ?? `HTTP_${xhr.status}`;
}

function send(method: string, url: string, headers: Record<string, string>, body: Blob | string, signal: AbortSignal, onProgress?: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('The upload was stopped.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded);
    const onAbort = () => xhr.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    xhr.onload = () => {
      signal.removeEventListener('abort', onAbort);
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else {
        const code = errorCode(xhr);
        reject(new BlobRequestError(xhr.status, code, `Storage refused the upload (${xhr.status} ${code}).`));
      }
    };
    xhr.onerror = () => {
      signal.removeEventListener('abort', onAbort);
      reject(
        new BlobRequestError(0, 'NETWORK_ERROR', 'The storage account could not be reached (network down, or it does not allow uploads from this site: CORS).'),
      );
    };
    xhr.onabort = () => {
      signal.removeEventListener('abort', onAbort);
      reject(new DOMException('The upload was stopped.', 'AbortError'));
    };
    xhr.send(body);
  });
}

export const xhrBlobTransport: BlobTransport = {
  putBlock(sasUrl, blockId, body, onProgress, signal) {
    return send('PUT', withQuery(sasUrl, { comp: 'block', blockid: blockId }), { 'x-ms-version': BLOB_API_VERSION }, body, signal, onProgress);
  },
  putBlockList(sasUrl, xml, contentType, signal) {
    return send(
      'PUT',
      withQuery(sasUrl, { comp: 'blocklist' }),
      { 'x-ms-version': BLOB_API_VERSION, 'x-ms-blob-content-type': contentType, 'Content-Type': 'application/xml' },
      xml,
      signal,
    );
  },
};
