import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@stackledger/domain';
import { ApplicationError, ApplicationErrorKind } from './application-error';
import { ErrorBody, errorBody } from './error-body';

/** The one map from an error's kind to its HTTP status, for domain and application errors alike. */
export const STATUS_OF_KIND: Readonly<Record<ApplicationErrorKind, number>> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
  unavailable: 503,
  'not-implemented': 501,
};

/** The answer for a coded error; also used where a response is written before Nest's filters run. */
export function bodyOf(error: DomainError | ApplicationError): ErrorBody {
  return errorBody(STATUS_OF_KIND[error.kind], error.code, error.message, error.field);
}

/** Maps every failure to one JSON shape; domain and application errors keep their stable codes. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const body = this.toBody(exception);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError || exception instanceof ApplicationError) return bodyOf(exception);
    const parserError = bodyParserError(exception);
    if (parserError) return bodyOf(parserError);
    if (exception instanceof HttpException) {
      // Nest's own: an unknown route, or a framework refusal that keeps its status.
      const status = exception.getStatus();
      if (status === 404) return bodyOf(new ApplicationError('ROUTE.NOT_FOUND', exception.message));
      return errorBody(status, `HTTP.${status}`, exception.message);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return errorBody(500, 'INTERNAL', 'internal error; nothing was stored for this request unless a 2xx was returned');
  }
}

/** body-parser's errors carry `type` and `status`; they reach the filter wrapped or bare depending on Nest's path. */
function bodyParserError(exception: unknown): ApplicationError | undefined {
  const error = exception as { type?: string; status?: number; limit?: number; expose?: boolean };
  switch (error?.type) {
    case 'entity.parse.failed':
      return new ApplicationError('REQUEST.MALFORMED_JSON', 'the request body is not valid JSON', 'body');
    case 'entity.too.large':
      return new ApplicationError('REQUEST.TOO_LARGE', `the request body exceeds ${error.limit} bytes`, 'body');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApplicationError('REQUEST.UNSUPPORTED_ENCODING', 'the request body encoding is not supported', 'body');
    default:
      // Any other client error body-parser raises (corrupt gzip/deflate data, a body shorter or
      // longer than its Content-Length, an aborted upload) is the client's fault, not a 500.
      if (error?.expose === true && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
        return new ApplicationError(
          'REQUEST.UNREADABLE_BODY',
          'the request body could not be read (corrupt compressed data, or a length that does not match Content-Length)',
          'body',
        );
      }
      return undefined;
  }
}
