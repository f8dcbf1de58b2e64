/** What a detail page (a run, a dataset, a knowledge base) shows until its query has data. */
import { Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.ts';

interface QueryLike {
  isLoading: boolean;
  isError: boolean;
  error: Error | null;
  data?: unknown;
}

/** Whether the query has its data and no error, so the page can show it. */
export function hasData<Q extends QueryLike>(query: Q): query is Q & { data: NonNullable<Q['data']> } {
  return !query.isError && query.data !== undefined && query.data !== null;
}

/**
 * A skeleton while the query loads; then, for an answer of 404, a 404 result saying `notFound`, for
 * any other failure an error result with its message — each with the link `back`.
 */
export function QueryFallback({ query, notFound, back }: { query: QueryLike; notFound: string; back: ReactNode }) {
  const t = useT();
  if (query.isLoading) return <Skeleton active />;
  const missing = query.error instanceof ApiError && query.error.status === 404;
  return (
    <Result
      status={missing ? '404' : 'error'}
      title={missing ? notFound : t('common.error', { message: query.error?.message ?? '' })}
      extra={back}
    />
  );
}
