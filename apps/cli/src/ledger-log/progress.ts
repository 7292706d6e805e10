/** A one-line progress counter on a terminal's stderr; silent when stderr is not a TTY (CI, pipes, tests). */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let last = 0;
  const active = Boolean(stream.isTTY);
  return {
    update(events: number): void {
      const now = Date.now();
      if (!active || now - last < 200) return;
      last = now;
      const rate = Math.round(events / Math.max(0.001, (now - started) / 1000));
      stream.write(`\r  replayed ${events.toLocaleString('en')} events (${rate.toLocaleString('en')}/s)   `);
    },
    done(): void {
      if (active && last > 0) stream.write('\r\x1b[K');
    },
  };
}
