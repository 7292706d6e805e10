import { UsageError } from './cli-io';

/**
 * A small argv parser: `--name value`, `--name=value`, repeatable options, boolean flags, `-h`,
 * positionals, and `--` to end options. Unknown options and missing values are {@link UsageError}s.
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Collect every occurrence (string options only). */
  readonly multiple?: boolean;
  /** Single-letter alias, without the dash. */
  readonly short?: string;
}

export interface ParsedArgs {
  readonly options: Readonly<Record<string, string | string[] | boolean | undefined>>;
  readonly positionals: readonly string[];
}

export function parseArgv(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const options: Record<string, string | string[] | boolean | undefined> = {};
  const positionals: string[] = [];
  const byShort = new Map(
    Object.entries(spec)
      .filter(([, s]) => s.short)
      .map(([name, s]) => [s.short!, name]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(2, eq), arg.slice(eq + 1)] : [arg.replace(/^--?/, ''), undefined];
    const name = arg.startsWith('--') ? flag : byShort.get(flag);
    const option = name === undefined ? undefined : spec[name];
    if (name === undefined || !option) throw new UsageError(`unknown option ${arg.split('=')[0]}`);
    if (option.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (option.multiple) options[name] = [...((options[name] as string[] | undefined) ?? []), value];
    else if (options[name] !== undefined) throw new UsageError(`--${name} given twice`);
    else options[name] = value;
  }
  return { options, positionals };
}
