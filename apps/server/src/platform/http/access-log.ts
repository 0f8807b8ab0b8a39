/**
 * One access line a request, written when its response is done: method, route pattern, URL
 * (masked), status and duration in milliseconds. Fastify's separate "incoming request" line is
 * dropped; every other line Fastify writes about requests stays as it is.
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    // The logger summarises req and res (logging.ts): the body is never read.
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
