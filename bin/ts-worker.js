// Starts a worker thread on a TypeScript module (workerData.module) when the CLI runs from source through tsx;
// the compiled CLI starts its workers on the compiled modules directly.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.module);
