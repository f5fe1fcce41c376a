import type { Server } from 'node:http';

/**
 * How long a client may take and how many may be connected at once. A client that sends its request a byte at a time
 * (slowloris) holds a connection, and a file descriptor, for as long as the server waits: without limits, 22,000 such
 * clients took every descriptor the process had. Past the limits the connection is closed (408 for a request not
 * sent in time); connections over the cap are closed as soon as they are accepted, and the others keep being served.
 */
export interface ConnectionLimits {
  /** Time to send the request line and headers (server.headersTimeout). */
  headersMilliseconds: number;
  /** Time to send the whole request, body included (server.requestTimeout): a 1 MiB body at 20 KB/s fits. */
  requestMilliseconds: number;
  /** How long an idle kept-alive connection stays open (server.keepAliveTimeout). */
  keepAliveMilliseconds: number;
  /** Connections open at once (server.maxConnections): well under the process's descriptors (`ulimit -n`). */
  maxConnections: number;
}

const VARIABLES: Record<keyof ConnectionLimits, { name: string; fallback: number }> = {
  headersMilliseconds: { name: 'HTTP_HEADERS_TIMEOUT_MS', fallback: 10_000 },
  requestMilliseconds: { name: 'HTTP_REQUEST_TIMEOUT_MS', fallback: 60_000 },
  keepAliveMilliseconds: { name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS', fallback: 5_000 },
  maxConnections: { name: 'HTTP_MAX_CONNECTIONS', fallback: 1_000 },
};

/** The limits from HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS and HTTP_MAX_CONNECTIONS. */
export function connectionLimitsFromEnvironment(environment: NodeJS.ProcessEnv): { limits: ConnectionLimits } | { problems: string[] } {
  const problems: string[] = [];
  const read = (key: keyof ConnectionLimits): number => {
    const { name, fallback } = VARIABLES[key];
    const value = environment[name];
    if (value === undefined) return fallback;
    if (/^[1-9][0-9]{0,8}$/.test(value)) return Number(value);
    problems.push(`${name}=${JSON.stringify(value)}: give a whole number, 1 or more`);
    return fallback;
  };
  const limits: ConnectionLimits = {
    headersMilliseconds: read('headersMilliseconds'),
    requestMilliseconds: read('requestMilliseconds'),
    keepAliveMilliseconds: read('keepAliveMilliseconds'),
    maxConnections: read('maxConnections'),
  };
  if (limits.requestMilliseconds < limits.headersMilliseconds)
    problems.push(`${VARIABLES.requestMilliseconds.name} must be at least ${VARIABLES.headersMilliseconds.name}: the headers are part of the request`);
  return problems.length > 0 ? { problems } : { limits };
}

/** Applies the limits to a server; call it before the server is listening. */
export function limitSlowClients(server: Server, limits: ConnectionLimits): void {
  server.headersTimeout = limits.headersMilliseconds;
  server.requestTimeout = limits.requestMilliseconds;
  server.keepAliveTimeout = limits.keepAliveMilliseconds;
  server.maxConnections = limits.maxConnections;
  // Node looks for connections past their time every connectionsCheckingInterval (30 s unless set), from when the
  // server listens: checked four times a header timeout, a slow client is closed within a quarter of it of its time.
  // The option is read from the server object, though @types/node declares it only for createServer.
  Object.assign(server, { connectionsCheckingInterval: Math.max(100, Math.floor(limits.headersMilliseconds / 4)) });
}
