import { parentPort, workerData } from 'node:worker_threads';
import { serializeDetail } from './audit-detail.js';

/**
 * The thread that serialises one large audit detail (a keyword-library upload's body, say): stripping
 * secrets from megabytes of text, its JSON text, byte count and SHA-256 would otherwise take tens of
 * milliseconds of the request thread while other workspaces wait for answers.
 */
export interface AuditDetailData {
  detail: Record<string, unknown>;
}

if (parentPort) parentPort.postMessage(serializeDetail((workerData as AuditDetailData).detail));
