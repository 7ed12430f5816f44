/**
 * What a repository method returns when one backend answers at once (the file stores, from
 * memory) and another over the network (PostgreSQL): callers `await` it either way.
 */
export type Awaitable<T> = T | Promise<T>;
