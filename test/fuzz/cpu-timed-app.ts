import type { AddressInfo } from 'node:net';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet } from '../support/rule-sets.js';

/*
 * The app in a process of its own (forked with IPC), telling the CPU time it has used whenever asked: what a request
 * costs it is the difference before and after, whatever else the machine is busy with. Wall-clock time on a shared
 * machine measures the neighbours as much as the request.
 */

const send = (message: unknown): void => {
  process.send?.(message);
};

const server = createApp(fixedRuleSet(bundledRuleSet()), { decisions: new MemoryDecisionStore() }).listen(0, '127.0.0.1', () => {
  send({ port: (server.address() as AddressInfo).port });
});

process.on('message', (message) => {
  if (message === 'cpu') {
    const used = process.cpuUsage();
    send({ cpuMicroseconds: used.user + used.system });
  }
});
process.on('disconnect', () => process.exit(0));
