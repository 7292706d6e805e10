/**
 * A setting that stops the start. The message names the variable (or each bad variable, `; `
 * between them) and never holds a key, a password or an RPC URL's credentials.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
