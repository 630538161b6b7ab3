// The GraphQL client: typed documents (graphql-codegen's client preset),
// the in-memory access token, one silent refresh when it expired.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { ApiError, type ApiErrorEntry } from './errors';
import { currentToken, refresh } from './session';

async function send(query: string, variables: unknown): Promise<{ data?: unknown; errors?: ApiErrorEntry[] }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    credentials: 'omit',
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: ApiErrorEntry[] };
}

const printed = new WeakMap<object, string>();

export async function request<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  let query = printed.get(document);
  if (!query) {
    query = print(document);
    printed.set(document, query);
  }
  let result = await send(query, variables ?? {});
  if (result.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && (await refresh())) {
    result = await send(query, variables ?? {});
  }
  const first = result.errors?.[0];
  if (first) throw new ApiError(first);
  return result.data as TResult;
}
