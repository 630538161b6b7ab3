// Files: downloads carry the bearer token (the download route checks it
// like the API), uploads follow the GraphQL multipart request spec with a
// progress callback (XMLHttpRequest: fetch reports no upload progress).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { ApiError, type ApiErrorEntry } from './errors';
import { currentToken, refresh } from './session';

async function authorizedGet(path: string): Promise<Response> {
  const get = () => fetch(path, { headers: currentToken() ? { Authorization: `Bearer ${currentToken()}` } : {} });
  let response = await get();
  if (response.status === 401 && (await refresh())) response = await get();
  return response;
}

/**
 * Opens a page the server authorises like the API (the fiche de
 * configuration) in a new tab: fetched with the access token, shown as a
 * `blob:` page (which keeps the console's policy: no script runs there).
 * The tab is opened first, in the click, so that no pop-up blocker stops it.
 */
export async function openPage(path: string): Promise<void> {
  const tab = window.open('', '_blank');
  const response = await authorizedGet(path);
  if (!response.ok) {
    tab?.close();
    throw new ApiError({ message: '', extensions: { code: response.status === 404 ? 'NOT_FOUND' : response.status === 403 ? 'FORBIDDEN' : 'INTERNAL' } });
  }
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html;charset=utf-8' }));
  if (tab) tab.location.href = url;
  else window.location.assign(url);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves the file at `path` as `fileName`; returns the response's headers. */
export async function download(path: string, fileName: string): Promise<Headers> {
  const response = await authorizedGet(path);
  if (!response.ok) {
    let entry: ApiErrorEntry = { message: '', extensions: { code: response.status === 404 ? 'NOT_FOUND' : 'INTERNAL' } };
    try {
      const body = (await response.json()) as { code?: string; reason?: string; message?: string };
      entry = { message: body.message ?? '', extensions: { code: body.code, reason: body.reason } };
    } catch {
      // not JSON
    }
    throw new ApiError(entry);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return response.headers;
}

/** Sends one file as the `file` variable of a mutation. */
export function upload<TResult, TVariables extends { file: File }>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  onProgress: (fraction: number) => void,
): Promise<TResult> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: print(document), variables: { ...variables, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', variables.file, variables.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/graphql');
    const token = currentToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { data?: TResult; errors?: ApiErrorEntry[] };
        const first = body.errors?.[0];
        if (first) reject(new ApiError(first));
        else resolve(body.data as TResult);
      } catch {
        reject(new ApiError({ message: '', extensions: { code: 'INTERNAL' } }));
      }
    };
    xhr.send(form);
  });
}
