import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { once } from 'node:events';
import { logLine, withLeaves } from '@stackledger/audit';
import { DomainError } from '@stackledger/domain';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { Roles } from '../auth/roles.decorator';

const PAGE = 1_000;

interface StreamingResponse {
  status(code: number): StreamingResponse;
  setHeader(name: string, value: string): void;
  write(chunk: string): boolean;
  end(): void;
  on(event: 'close', listener: () => void): void;
}

function wholeNumber(value: string | undefined, field: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value) || Number(value) < min)
    throw new DomainError('VALIDATION.FORMAT', `${field} must be a whole number >= ${min}`, field);
  return Number(value);
}

/** The log for auditors: NDJSON in seq order, streamed page by page so memory stays flat. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The ledger log in seq order as NDJSON: each line the hashed envelope plus metadata and its Merkle leaf' })
  @ApiProduces('application/x-ndjson')
  @ApiQuery({ name: 'fromSeq', required: false, description: 'first seq (default 1)' })
  @ApiQuery({ name: 'limit', required: false, description: 'most events to return (default: all)' })
  async events(
    @Query('fromSeq') fromSeqParam: string | undefined,
    @Query('limit') limitParam: string | undefined,
    @Res() res: StreamingResponse,
  ): Promise<void> {
    const fromSeq = wholeNumber(fromSeqParam, 'fromSeq', 1, 1);
    const limit = wholeNumber(limitParam, 'limit', Number.MAX_SAFE_INTEGER, 1);
    let closed = false;
    res.on('close', () => (closed = true));
    res.status(200);
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    for (let next = fromSeq, left = limit; left > 0 && !closed;) {
      const page = await this.store.readAll(next, Math.min(PAGE, left));
      if (page.length === 0) break;
      if (!res.write((await withLeaves(this.store, page)).map((event) => `${logLine(event)}\n`).join('')))
        await once(res as never, 'drain');
      next = page[page.length - 1].seq + 1;
      left -= page.length;
    }
    res.end();
  }
}
