import { parentPort } from 'node:worker_threads';
import { checkSignatures, SignatureJobItem } from './signature-check';

// One message, one answer: the checks of every item, in the order given (signature-pool.ts).
parentPort!.on('message', (items: SignatureJobItem[]) => parentPort!.postMessage(items.map(checkSignatures)));
