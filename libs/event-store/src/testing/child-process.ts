import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One process of a child script here (`sqlite-child.js`, `postgres-child.js`), with the lines it printed so far. */
export interface Child {
  process: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

export function spawnChild(args: string[], script = 'sqlite-child.js'): Child {
  const child = spawn(process.execPath, [join(__dirname, script), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, lines, stderr: () => stderr, exited };
}

/** The `seq:id` pairs of every `ack` line a child printed. */
export function acknowledged(child: Child): { seq: number; id: string }[] {
  return child.lines
    .filter((line) => line.startsWith('ack '))
    .flatMap((line) => line.slice(4).split(' '))
    .map((pair) => ({ seq: Number(pair.split(':')[0]), id: pair.split(':')[1] }));
}
