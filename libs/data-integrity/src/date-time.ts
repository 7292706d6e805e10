/**
 * XML Schema 1.1 `dateTime` values as proofs carry them (`created`), restricted to four-digit
 * years: `YYYY-MM-DDThh:mm:ss(.fraction)?(Z|±hh:mm)?`, every field in range (a real calendar day;
 * `24:00:00` only with no fraction; no leap seconds), offsets up to ±14:00.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;

/** Whether `value` is a dateTime as described above (time zone optional). */
export function isXsdDateTime(value: unknown): value is string {
  return typeof value === 'string' && fieldsOf(value) !== undefined;
}

/**
 * The instant of a dateTime that names its time zone (`Z` or an offset), in epoch milliseconds;
 * `undefined` for anything else (a malformed value, or a local time that names no instant).
 */
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const f = fieldsOf(value);
  if (f === undefined || f.zone === undefined) return undefined;
  // Set field by field, because Date.UTC reads years 0-99 as 1900-1999 (24:00 rolls to the next day).
  const date = new Date(0);
  date.setUTCFullYear(f.year, f.month - 1, f.day);
  date.setUTCHours(f.hour, f.minute, f.second, f.millis);
  return date.getTime() - f.zone * 60_000;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** Offset east of UTC in minutes; undefined when the value names no zone. */
  zone: number | undefined;
}

function fieldsOf(value: string): Fields | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = m[7];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || (fraction !== undefined && /[1-9]/.test(fraction))))) return undefined;
  let zone: number | undefined;
  if (m[8] !== undefined) {
    if (m[8] === 'Z') zone = 0;
    else {
      const zh = Number(m[9]);
      const zm = Number(m[10]);
      if (zm > 59 || zh > 14 || (zh === 14 && zm !== 0)) return undefined;
      zone = (m[8][0] === '-' ? -1 : 1) * (zh * 60 + zm);
    }
  }
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
  return { year, month, day, hour, minute, second, millis, zone };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
