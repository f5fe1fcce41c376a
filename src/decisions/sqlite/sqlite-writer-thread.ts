import { parentPort, workerData } from 'node:worker_threads';
import { WriteConnection } from './write-connection.js';
import type { WriterFailure, WriterReply, WriterRequest, WriterResults, WriterSetup, WriterStart } from './writer-messages.js';

/*
 * The writer thread: holds the write connection and does what the service's thread asks, one request at a time,
 * in order. Requests that arrive while a commit is being fsynced wait in the port; the store has grouped the
 * appends of that time into its next request already.
 */

function failureOf(error: unknown): WriterFailure {
  const code = (error as { code?: unknown }).code;
  return { code: typeof code === 'string' ? code : null, message: error instanceof Error ? error.message : String(error) };
}

const port = parentPort;
if (port === null) throw new Error('sqlite-writer-thread runs as a worker thread');

let connection: WriteConnection | null = null;
try {
  connection = WriteConnection.open(workerData as WriterSetup);
  port.postMessage({ ready: true, applied: connection.applied } satisfies WriterStart);
} catch (error) {
  port.postMessage({ ready: false, failure: failureOf(error) } satisfies WriterStart);
}

function serve(open: WriteConnection, request: WriterRequest): WriterResults[WriterRequest['kind']] {
  switch (request.kind) {
    case 'commit':
      return open.commit(request);
    case 'purge':
      return open.purge(request.before);
    case 'erase-person':
      return open.erasePerson(request.hmacSha256);
    case 'check':
      open.check(request.time);
      return null;
    case 'close':
      open.close();
      return null;
  }
}

port.on('message', ({ id, request }: { id: number; request: WriterRequest }) => {
  let reply: WriterReply;
  try {
    if (connection === null) throw new Error('the decision database is not open');
    reply = { id, ok: true, result: serve(connection, request) };
    if (request.kind === 'close') connection = null;
  } catch (error) {
    reply = { id, ok: false, failure: failureOf(error) };
  }
  port.postMessage(reply);
  if (request.kind === 'close') port.close();
});
