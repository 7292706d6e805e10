import type { CredentialFields } from '@stackledger/client';
import { CREDENTIAL_INPUT_FIELDS } from '@stackledger/domain';

/** A line of the input that cannot be read: its line number (1-based) and why. */
export class InputError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'InputError';
  }
}

const COLUMNS: readonly string[] = CREDENTIAL_INPUT_FIELDS;
const NUMBERS = new Set(['hours', 'level']);

/** JSON lines: one object per non-blank line, with the fields of `POST /v1/credentials` (skills an array). */
export function parseJsonLines(text: string): CredentialFields[] {
  const out: CredentialFields[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(i + 1, 'not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(i + 1, 'not a JSON object');
    out.push(value as CredentialFields);
  });
  return out;
}

/**
 * CSV (RFC 4180: quoted fields may hold commas, quotes doubled, newlines): a header row naming
 * the columns (those of `POST /v1/credentials`), then one credential per row. `skills` are
 * separated by `;`; `hours` and `level` are numbers; an empty cell is an absent field.
 */
export function parseCsv(text: string): CredentialFields[] {
  const rows = csvRows(text);
  if (rows.length === 0) return [];
  const header = rows[0].cells.map((h) => h.trim());
  const unknown = header.find((h) => !COLUMNS.includes(h));
  if (unknown !== undefined) throw new InputError(1, `unknown column ${JSON.stringify(unknown)} (columns: ${COLUMNS.join(', ')})`);
  return rows.slice(1).map(({ line, cells }) => {
    if (cells.length !== header.length) throw new InputError(line, `${cells.length} cells, the header has ${header.length}`);
    const fields: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const cell = cells[i];
      if (cell === '') return;
      if (name === 'skills')
        fields.skills = cell
          .split(';')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      else if (NUMBERS.has(name)) {
        const n = Number(cell);
        if (!Number.isFinite(n) || cell.trim() === '') throw new InputError(line, `${name} ${JSON.stringify(cell)} is not a number`);
        fields[name] = n;
      } else fields[name] = cell;
    });
    if (fields.skills === undefined) fields.skills = [];
    return fields as unknown as CredentialFields;
  });
}

function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw new InputError(rowLine, 'a quoted field is not closed');
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
