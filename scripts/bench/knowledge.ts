/**
 * Knowledge search at 10,000 articles. Loads generated articles (English and Hindi, a natural
 * spread of common and rare words) into a fresh PostgreSQL database, builds the index through the
 * real knowledge service (what every node does at start), then times the service's `search` on
 * Hinglish, Devanagari, English and misspelt questions, with and without filters, and how soon an
 * edited article is found.
 *
 *   npm run bench -- knowledge [--articles 10000] [--runs 5]
 * Needs DATABASE_URL (PostgreSQL); prints one JSON object.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../apps/server/src/config.js';
import { createKnowledgeService, toDevanagari } from '../../apps/server/src/modules/knowledge/index.js';
import { knowledgeArticles } from '../../apps/server/src/modules/knowledge/knowledge.tables.js';
import { SYSTEM_ACTOR } from '../../apps/server/src/platform/context.js';
import { createLogger } from '../../apps/server/src/platform/logging.js';
import { seededRandom } from '../../apps/server/src/platform/random.js';
import { createServices } from '../../apps/server/src/services.js';
import { createPostgresDatabase } from '../../apps/server/src/test/db.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const ARTICLES = Number(values.articles);
const RUNS = Number(values.runs);
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('The knowledge benchmark needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}

/** The same articles on every run. */
const rand = seededRandom(20260301);

const ENGLISH = `fees scholarship instalment hostel batch timing morning evening weekend online class course centre distance travel
  certificate exam board registration trust placement job salary refund documents admission safety family parents husband
  teacher lesson recorded phone mobile app data pack library uniform meals warden seats deadline form income waiver discount
  month year week daily schedule doubt mock test result pass marks subject science maths english hindi computer skills
  training retail hospital support interview resume employer stipend travel allowance bus auto van pin code address visit`.split(/\s+/);
const HINDI = `फीस छात्रवृत्ति किस्त हॉस्टल बैच समय सुबह शाम ऑनलाइन कक्षा कोर्स सेंटर दूरी प्रमाणपत्र परीक्षा पंजीकरण भरोसा
  नौकरी वेतन वापसी दस्तावेज़ दाखिला सुरक्षा परिवार माता पिता पति शिक्षक पढ़ाई फ़ोन खाना वार्डन सीट आय महीना साल हफ़्ता
  विषय विज्ञान गणित अंग्रेज़ी कंप्यूटर प्रशिक्षण अस्पताल इंटरव्यू भत्ता पता जानकारी सहायता लड़कियाँ महिलाएँ`.split(/\s+/);
const SYLLABLES = ['ka', 'ri', 'ma', 'no', 'ta', 'pe', 'shi', 'dra', 'lu', 'vo', 'ge', 'bha', 'chi', 'ya', 'ro', 'su', 'de', 'kho'];
// A long tail of rare words, as real text has (names of places, people, schemes), in both scripts.
const RARE = Array.from({ length: 6000 }, (_, i) => {
  const n = 2 + (i % 3);
  const w = Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join('');
  return i % 3 === 0 ? toDevanagari(w) : w;
});
const COMMON_EN = 'the a of and to for in is with on your our can at by this are be from'.split(' ');
const COMMON_HI = 'का की के है में से और को पर भी हैं यह'.split(' ');

/** Zipf-like: early words of a list come far more often than late ones. */
const zipf = (list: string[]) => list[Math.floor(list.length * rand() ** 2.5)] as string;
function sentence(hi: boolean, words: number) {
  return Array.from({ length: words }, () => {
    const r = rand();
    if (r < 0.35) return zipf(hi ? COMMON_HI : COMMON_EN);
    if (r < 0.85) return zipf(hi ? HINDI : ENGLISH);
    return zipf(RARE);
  }).join(' ');
}

const t = await createPostgresDatabase(base);
try {
  const config = loadConfig({ DATABASE_URL: base, LOG_LEVEL: 'silent' });
  const logger = createLogger({ level: 'silent' });
  const services = await createServices({ config, database: t.database, logger });
  const campaign = await services.campaigns.create(SYSTEM_ACTOR, { name: 'Bench drive' });

  const loadStart = performance.now();
  for (let done = 0; done < ARTICLES; ) {
    const n = Math.min(500, ARTICLES - done);
    const body = Array.from({ length: n }, (_, k) => {
      const hi = (done + k) % 2 === 1;
      const paragraphs = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `${sentence(hi, 25 + Math.floor(rand() * 25))}.`);
      return {
        title: sentence(hi, 3 + Math.floor(rand() * 5)),
        body: paragraphs.join('\n\n'),
        language: (hi ? 'hi' : 'en') as 'en' | 'hi',
        tags: [zipf(hi ? HINDI : ENGLISH), zipf(hi ? HINDI : ENGLISH)],
        campaignId: rand() < 0.1 ? campaign.id : null,
        active: rand() > 0.05,
      };
    });
    await t.database.db.insert(knowledgeArticles).values(body);
    done += n;
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;

  // The node's own service, as the app builds it; start() reads every article and indexes it.
  const knowledge = createKnowledgeService({ db: t.database.db, clock: services.clock, logger, audit: services.audit, bus: services.bus, nodeId: 'bench' });
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  await knowledge.start();
  const buildSeconds = (performance.now() - buildStart) / 1000;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;

  const queries: [string, Parameters<typeof knowledge.search>[1]][] = [
    ['hostel ka kharcha kitna hai', {}],
    ['chhatravritti kaise milegi', {}],
    ['फीस किस्तों में', {}],
    ['scholarship income certificate', { lang: 'en' }],
    ['online class phone pe', { campaignId: campaign.id }],
    ['placemnt salary', {}],
    ['kist', { lang: 'hi' }],
    ['documents admission ke liye', { campaignId: null }],
    ['pariksha ka samay', {}],
    ['safety ladkiyon ki', {}],
    ['refund', {}],
    ['centre door hai travel allowance', {}],
  ];
  const samples: number[] = [];
  // CPU time of the process during each search: on a busy machine, wall time also counts the
  // time the operating system gave other processes.
  const cpu: number[] = [];
  const perQuery: Record<string, { p50Ms: number; maxMs: number; hits: number }> = {};
  for (const [q, opts] of queries) await knowledge.search(q, opts); // warm
  for (const [q, opts] of queries) {
    const mine: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS * 20; i++) {
      const s = performance.now();
      const c = process.cpuUsage();
      hits = (await knowledge.search(q, { ...opts, limit: 10 })).length;
      mine.push(performance.now() - s);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    samples.push(...mine);
    mine.sort((a, b) => a - b);
    perQuery[q] = { p50Ms: round(pct(mine, 50)), maxMs: round(mine[mine.length - 1] ?? 0), hits };
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);

  // An edit, from the API call to the article being found by its new words.
  const editSamples: number[] = [];
  const [first] = await knowledge.articles.list(SYSTEM_ACTOR, { page: 1, pageSize: 1 }).then((p) => p.items);
  for (let i = 0; i < 20 && first; i++) {
    const s = performance.now();
    await knowledge.articles.update(SYSTEM_ACTOR, first.id, { title: `Edited zxqv${i} notice` });
    const found = await knowledge.search(`zxqv${i}`);
    editSamples.push(performance.now() - s);
    if (found[0]?.id !== first.id) throw new Error('the edited article was not found');
  }
  editSamples.sort((a, b) => a - b);
  await knowledge.stop();

  console.log(
    JSON.stringify(
      {
        benchmark: 'knowledge-search',
        articles: ARTICLES,
        searches: samples.length,
        loadSeconds: round(loadSeconds),
        indexBuildSeconds: round(buildSeconds),
        indexHeapMb: round(heapMb),
        searchMs: { p50: round(pct(samples, 50)), p95: round(pct(samples, 95)), p99: round(pct(samples, 99)), max: round(samples[samples.length - 1] ?? 0) },
        searchCpuMs: { p50: round(pct(cpu, 50)), p95: round(pct(cpu, 95)), p99: round(pct(cpu, 99)) },
        loadAverage: os.loadavg().map(round),
        cpus: os.cpus().length,
        perQuery,
        editToSearchableMs: { p50: round(pct(editSamples, 50)), p95: round(pct(editSamples, 95)) },
      },
      null,
      2,
    ),
  );
  await services.jobs.stop();
  await services.bus.close();
} finally {
  await t.drop();
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
function round(n: number) {
  return Math.round(n * 100) / 100;
}
