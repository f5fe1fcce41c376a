/**
 * The most of one request that is read, in bytes of UTF-8: a body of the API (larger: 413 before it is parsed) and a
 * line of `sbsp-rules batch` alike. With the schemas' list and string caps, it bounds what refusing a request costs.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;
