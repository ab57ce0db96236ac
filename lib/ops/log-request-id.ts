// The request id that ties together every log line one request produces. Kept free of Node-only
// imports and of lib/env: proxy.ts uses it too.

export const requestIdHeader = "x-request-id";

/** What an id from outside may look like: a load balancer's or client's id, bounded, nothing that could break a log line or a header. */
const wellFormed = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming X-Request-Id when it is well-formed, else a new one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && wellFormed.test(incoming) ? incoming : crypto.randomUUID();
}
