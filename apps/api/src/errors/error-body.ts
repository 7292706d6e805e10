import { STATUS_CODES } from 'node:http';

/** The one error shape every 4xx/5xx answer carries; clients branch on its stable `code`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  field?: string;
}

export function errorBody(statusCode: number, code: string, message: string, field?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message, ...(field && { field }) };
}
