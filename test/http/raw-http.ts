import type { Express } from 'express';
import { type IncomingHttpHeaders, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An app listening on 127.0.0.1 on a free port, for requests whose bytes a test chooses (headers, encodings, bodies). */
export interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

export function listen(app: Express): Promise<Listening> {
  return new Promise((resolve) => {
    const server: Server = app.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections();
            server.close(() => closed());
          }),
      }),
    );
  });
}

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** The body of a reply as JSON (a problem document or an answer). */
export function jsonOf(reply: RawReply): Record<string, unknown> {
  return JSON.parse(reply.text) as Record<string, unknown>;
}

/**
 * One request on a connection of its own, with these headers (and the body's Content-Length unless they give one) and
 * body bytes. A server may answer before it
 * has read the whole body (a refusal) and then drop the connection: an error after the answer arrived is that.
 */
export function send(port: number, method: string, path: string, headers: Record<string, string | number>, body?: Buffer | string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const length = body === undefined ? {} : { 'content-length': Buffer.byteLength(body) };
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...length, ...headers }, agent: false }, (incoming) => {
      answered = true;
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      const done = (): void => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text });
      incoming.on('end', done);
      incoming.on('error', done);
    });
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    outgoing.end(body);
  });
}
