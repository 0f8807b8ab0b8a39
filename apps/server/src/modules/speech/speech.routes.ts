/**
 * Media streams in: /media/twilio and /media/exotel (websockets; the vendor connects with the
 * signed URL we gave it, the token in the path or as ?token=), refused before the upgrade (401)
 * when the token is missing, forged, expired or for another vendor. And the admin's Exotel applet
 * URL. The stream counters are exported to /metrics.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import { z } from 'zod';
import { CommonErrors } from '../../platform/errors.js';
import { speechPolicy } from './speech.policy.js';
import type { SpeechService } from './speech.service.js';
import type { MediaGrant, MediaVendor } from './speech.tokens.js';

const ExotelAppletUrl = z.object({ url: z.string(), expiresAt: z.string(), transcribes: z.boolean() });
const TokenParams = z.object({ token: z.string().max(2048).optional() });
const TokenQuery = z.object({ token: z.string().max(2048).optional() }).passthrough();

declare module 'fastify' {
  interface FastifyRequest {
    mediaGrant?: MediaGrant;
  }
}

export const speechRoutes: FastifyPluginAsyncZod<{ speech: SpeechService; registry: Registry }> = async (app, { speech, registry }) => {
  registerMetrics(speech, registry);

  for (const vendor of ['twilio', 'exotel'] as const satisfies readonly MediaVendor[]) {
    for (const path of [`/media/${vendor}/:token`, `/media/${vendor}`]) {
      app.get(
        path,
        {
          websocket: true,
          config: { auth: 'public' },
          schema: { hide: true, params: TokenParams, querystring: TokenQuery },
          // Before the upgrade: a stream without a valid URL never becomes a websocket.
          preValidation: async (req) => {
            const token = req.params.token ?? req.query.token;
            if (!token) throw CommonErrors.UNAUTHENTICATED('The media stream URL has no token');
            const check = speech.verify(token);
            if (!check.ok)
              throw CommonErrors.UNAUTHENTICATED(check.reason === 'expired' ? 'The media stream URL has expired' : 'The media stream URL is not valid');
            if (check.grant.vendor !== vendor) throw CommonErrors.UNAUTHENTICATED('The media stream URL is for another provider');
            req.mediaGrant = check.grant;
          },
        },
        (socket, req) => {
          if (req.mediaGrant) speech.sessions.accept(socket, vendor, req.mediaGrant);
          else socket.close(1008, 'unauthenticated');
        },
      );
    }
  }

  app.get(
    '/api/v1/speech/exotel-stream',
    {
      config: { auth: speechPolicy.roles.exotelApplet },
      schema: { tags: ['speech'], summary: 'The URL to put in the Exotel stream applet (wss, signed; one for every call)', response: { 200: ExotelAppletUrl } },
    },
    async () => speech.exotelAppletUrl(),
  );
};

/** Gauges and counters read from the sessions' tallies when Prometheus scrapes. */
function registerMetrics(speech: SpeechService, registry: Registry) {
  const c = () => speech.sessions.counters();
  new Gauge({
    name: 'telehub_media_streams',
    help: 'Media streams open on this node',
    registers: [registry],
    collect() {
      this.set(speech.sessions.live());
    },
  });
  // Counters only go up: each scrape adds what happened since the last one.
  const counter = (name: string, help: string, labelNames: string[], read: () => Record<string, number>) => {
    const seen: Record<string, number> = {};
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        for (const [label, value] of Object.entries(read())) {
          const delta = value - (seen[label] ?? 0);
          if (delta > 0) this.inc(labelNames.length ? { [labelNames[0] as string]: label } : {}, delta);
          seen[label] = value;
        }
      },
    });
  };
  counter('telehub_media_streams_opened_total', 'Media streams admitted, by vendor', ['vendor'], () => c().opened);
  counter('telehub_media_streams_refused_total', 'Media streams refused after the upgrade, by reason', ['reason'], () => c().refused);
  counter('telehub_media_frames_total', 'Media frames given to the speech engine or dropped', [], () => ({ all: c().frames }));
  counter('telehub_media_frames_dropped_total', 'Media frames dropped, by reason (backlog: the speech engine fell behind)', ['reason'], () => c().dropped);
  counter('telehub_media_segments_total', 'Transcript segments stored from media streams', [], () => ({ all: c().segments }));
  counter('telehub_media_stt_errors_total', 'Streams closed because the speech engine failed', [], () => ({ all: c().sttErrors }));
}
