import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@stackledger/domain';
import { ErrorBody, errorBody } from './error-body';

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
};

/** Maps every failure to one JSON shape; domain errors keep their stable codes. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const body = this.toBody(exception);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return errorBody(STATUS_OF_KIND[exception.kind] ?? 400, exception.code, exception.message, exception.field);
    }
    const parserError = bodyParserError(exception);
    if (parserError) return parserError;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'ROUTE.NOT_FOUND' : `HTTP.${status}`;
      return errorBody(status, code, exception.message);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return errorBody(500, 'INTERNAL', 'internal error; nothing was stored for this request unless a 2xx was returned');
  }
}

/** body-parser's errors carry `type` and `status`; they reach the filter wrapped or bare depending on Nest's path. */
function bodyParserError(exception: unknown): ErrorBody | undefined {
  const error = exception as { type?: string; status?: number; limit?: number; expose?: boolean };
  switch (error?.type) {
    case 'entity.parse.failed':
      return errorBody(400, 'REQUEST.MALFORMED_JSON', 'the request body is not valid JSON', 'body');
    case 'entity.too.large':
      return errorBody(413, 'REQUEST.TOO_LARGE', `the request body exceeds ${error.limit} bytes`, 'body');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return errorBody(415, 'REQUEST.UNSUPPORTED_ENCODING', 'the request body encoding is not supported', 'body');
    default:
      // Any other client error body-parser raises (corrupt gzip/deflate data, a body shorter or
      // longer than its Content-Length, an aborted upload) is the client's fault, not a 500.
      if (error?.expose === true && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
        return errorBody(400, 'REQUEST.UNREADABLE_BODY', 'the request body could not be read (corrupt compressed data, or a length that does not match Content-Length)', 'body');
      }
      return undefined;
  }
}
