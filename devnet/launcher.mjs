#!/usr/bin/env node
// Skylog devnet: the AT Protocol reference stack (@atproto/dev-env 0.3.215: PLC + PDS + AppView,
// plus the Ozone that dev-env always starts) in this one Node process, on loopback, backed by a
// throw-away Postgres database. Seeds alice.test and bob.test, then prints ONE JSON line on stdout
// and runs until SIGTERM/SIGINT/SIGHUP (or stdin EOF, if asked). Knobs: see README.md.

import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const T0 = Date.now()
const HERE = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const LOOPBACK = '127.0.0.1'

// stdout carries exactly one line, the JSON. Libraries print to it (dev-env's mail mock uses
// console.log), so every other write is diverted to stderr.
const emitLine = process.stdout.write.bind(process.stdout)
process.stdout.write = process.stderr.write.bind(process.stderr)
const log = (...a) => process.stderr.write(`[devnet +${((Date.now() - T0) / 1000).toFixed(1)}s] ${a.join(' ')}\n`)

// ---------------------------------------------------------------------------------------------
// Configuration

const env = (k, d) => process.env[k] || d
const portOf = (k, d) => {
  const p = Number(env(k, d))
  if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`${k} must be a port number, got ${process.env[k]}`)
  return p
}
const CFG = {
  pgAdminUrl: env('DEVNET_PG_URL', 'postgresql://postgres@127.0.0.1:5432/postgres'),
  db: env('DEVNET_DB', 'skylog_devnet'),
  ports: {
    plc: portOf('DEVNET_PLC_PORT', 2582),
    pds: portOf('DEVNET_PDS_PORT', 2583),
    appview: portOf('DEVNET_APPVIEW_PORT', 2584),
    ozone: portOf('DEVNET_OZONE_PORT', 2587),
    control: portOf('DEVNET_CONTROL_PORT', 2589),
  },
  seed: env('DEVNET_SEED', '1') !== '0',
  rateLimits: env('DEVNET_RATE_LIMITS', '0') === '1',
  logFile: env('DEVNET_LOG_FILE', ''),
  exitOnStdinEof: env('DEVNET_EXIT_ON_STDIN_EOF', '0') === '1',
  baseTime: Date.parse('2025-01-01T00:00:00.000Z'),
}
// It is spliced into DROP/CREATE DATABASE, which cannot take bind parameters.
if (!/^[a-z_][a-z0-9_]*$/.test(CFG.db)) throw new Error('DEVNET_DB must be a plain lower-case identifier')

// The atproto/plc loggers read these at import time, and without LOG_DESTINATION pino writes
// straight to fd 1, bypassing the diversion above. So logs are on only with an explicit file.
delete process.env.LOG_ENABLED
delete process.env.LOG_DESTINATION
if (CFG.logFile) {
  process.env.LOG_ENABLED = 'true'
  process.env.LOG_DESTINATION = path.resolve(CFG.logFile)
  process.env.LOG_LEVEL ||= 'info'
}
// dev-env asserts REDIS_HOST is set, but nothing in this configuration connects to it.
process.env.REDIS_HOST ||= '127.0.0.1:6379'

// ---------------------------------------------------------------------------------------------
// Loopback only: PLC, PDS, AppView, Ozone and dev-env's helper servers all call listen(port)
// without a host, i.e. on every interface. Force a loopback host onto every TCP listen.

const origListen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (args[0] === undefined || typeof args[0] === 'function') args.unshift(0)
  const a0 = args[0]
  if (typeof a0 === 'number' || (typeof a0 === 'string' && /^\d+$/.test(a0))) {
    if (typeof args[1] === 'string') args[1] = LOOPBACK
    else args.splice(1, 0, LOOPBACK)
  } else if (a0 && Object.getPrototypeOf(a0) === Object.prototype &&
             a0.path === undefined && a0.fd === undefined && a0.handle === undefined) {
    args[0] = { ...a0, host: LOOPBACK }
  }
  return origListen.apply(this, args)
}

// Port 0 is resolved up front: the AppView's DID (PLC genesis op) and its image URLs embed the
// port, and the PDS must know the AppView URL before anything listens.
const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer().once('error', reject)
  s.listen(0, () => { const { port } = s.address(); s.close(() => resolve(port)) })
})

// ---------------------------------------------------------------------------------------------
// Scratch space. dev-env puts the PDS sqlite files and blobstore under os.tmpdir(), which reads
// TMPDIR on every call. Leftovers from runs that were SIGKILLed are swept here.

const TMP_ROOT = path.join(HERE, 'tmp')
const RUN_TMP = path.join(TMP_ROOT, `run-${process.pid}`)
const pidAlive = (pid) => { try { process.kill(pid, 0); return true } catch (e) { return e.code === 'EPERM' } }
for (const name of fs.existsSync(TMP_ROOT) ? fs.readdirSync(TMP_ROOT) : []) {
  const m = /^run-(\d+)$/.exec(name)
  if (m && !pidAlive(Number(m[1]))) fs.rmSync(path.join(TMP_ROOT, name), { recursive: true, force: true })
}
fs.mkdirSync(RUN_TMP, { recursive: true })
process.env.TMPDIR = RUN_TMP

// ---------------------------------------------------------------------------------------------
// Postgres. `pg` comes with dev-env (hoisted); it is not a direct dependency on purpose, so the
// lock file stays the recipe's.

const pg = require('pg')
const dbUrl = new URL(CFG.pgAdminUrl)
dbUrl.pathname = '/' + CFG.db
const adminSql = async (sql) => {
  const c = new pg.Client({ connectionString: CFG.pgAdminUrl })
  await c.connect()
  try { await c.query(sql) } finally { await c.end() }
}
// FORCE ends connections that would make the drop fail: pools not yet closed, or another run
// that uses the same database name.
const dropDb = () => adminSql(`DROP DATABASE IF EXISTS "${CFG.db}" WITH (FORCE)`)

// ---------------------------------------------------------------------------------------------
// Lifecycle. stop() is idempotent and may be called during startup: it waits for startup to
// reach its next checkpoint, so that nothing creates the database again after it was dropped.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
let network = null
let control = null
let stopping = null
let startup = Promise.resolve()
class Stopped extends Error {}
const checkpoint = () => { if (stopping) throw new Stopped('stopping') }

function stop(reason, code = 0) {
  stopping ??= (async () => {
    log(`stopping (${reason})`)
    setTimeout(() => { log('teardown took too long, forcing exit'); process.exit(code || 1) }, 30_000)
    await Promise.race([startup, sleep(20_000)])
    control?.close()
    if (network) {
      // Bounded, so that a hung close() cannot keep the database and tmp dir alive.
      await Promise.race([network.close().catch((e) => log('close:', e.message)), sleep(10_000)])
    }
    await dropDb().catch((e) => log('drop database:', e.message))
    fs.rmSync(RUN_TMP, { recursive: true, force: true })
    log(`stopped after ${Date.now() - T0} ms uptime`)
    process.exit(code)
  })()
  return stopping
}

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => stop(sig))
// Unhandled failures would otherwise kill the process and leave the database and tmp dir behind.
process.on('uncaughtException', (e) => { log('uncaught:', e?.stack ?? e); stop('uncaught exception', 1) })
process.on('unhandledRejection', (e) => { log('unhandled rejection:', e?.stack ?? e); stop('unhandled rejection', 1) })
// EPIPE on the JSON line means the reader is already gone and nobody will use this network.
process.stdout.on('error', () => stop('stdout closed'))
if (CFG.exitOnStdinEof) {
  // The Java test kit holds a pipe to our stdin; it closes when the JVM dies, however it dies.
  process.stdin.on('end', () => stop('stdin EOF'))
  process.stdin.on('close', () => stop('stdin closed'))
  process.stdin.on('error', () => stop('stdin error'))
  process.stdin.resume()
}

// ---------------------------------------------------------------------------------------------
// Seed. createdAt = base + n minutes and rkey = TID(createdAt), so record keys are the same on
// every run, and so are the CIDs of records that embed no DID. The order of writes matters: it
// matches the recipe in ../shared/atproto/devnet/ (start-devnet.mjs), so the shared fixtures carry the same
// record keys and post CIDs. DIDs (random PLC keys) differ on every run.

async function seed(pdsUrl) {
  const { AtpAgent, RichText } = await import('@atproto/api')
  const { TID } = require('@atproto/common-web')
  const sharp = require('sharp')

  let tick = 0
  const stamp = () => {
    const ms = CFG.baseTime + tick++ * 60_000
    return { createdAt: new Date(ms).toISOString(), rkey: TID.fromTime(ms * 1000, 0).toString() }
  }
  const users = {}
  const refs = {}
  const counts = {}

  const createUser = async (name) => {
    const u = { handle: `${name}.test`, password: `${name}-password`, email: `${name}@example.com` }
    u.agent = new AtpAgent({ service: pdsUrl })
    await u.agent.createAccount({ handle: u.handle, email: u.email, password: u.password })
    u.did = u.agent.session.did
    counts[u.handle] = { posts: 0, replies: 0, quotes: 0, reposts: 0, likes: 0 }
    return (users[name] = u)
  }
  const write = async (u, collection, record, rkey) => {
    checkpoint()
    const t = stamp()
    const { data } = await u.agent.com.atproto.repo.createRecord({
      repo: u.did, collection, rkey: rkey ?? t.rkey, record: { $type: collection, createdAt: t.createdAt, ...record },
    })
    return { uri: data.uri, cid: data.cid }
  }
  const post = async (u, label, text, extra = {}) => {
    // detectFacets resolves @mentions through the PDS and yields UTF-8 byte offsets.
    const rt = new RichText({ text })
    await rt.detectFacets(u.agent)
    const ref = await write(u, 'app.bsky.feed.post', { text: rt.text, ...(rt.facets?.length && { facets: rt.facets }), ...extra })
    const c = counts[u.handle]
    c.posts++
    if (extra.reply) c.replies++
    if (/^app\.bsky\.embed\.record(WithMedia)?$/.test(extra.embed?.$type)) c.quotes++
    return (refs[label] = ref)
  }
  const subject = (label) => ({ subject: { uri: refs[label].uri, cid: refs[label].cid } })
  const repost = async (u, target, label) => { counts[u.handle].reposts++; refs[label] = await write(u, 'app.bsky.feed.repost', subject(target)) }
  const like = async (u, target) => { counts[u.handle].likes++; refs[`${u.handle.split('.')[0]}_like_${target}`] = await write(u, 'app.bsky.feed.like', subject(target)) }
  const follow = (u, other) => write(u, 'app.bsky.graph.follow', { subject: other.did })
  const png = (r, g, b) => sharp({ create: { width: 64, height: 64, channels: 3, background: { r, g, b } } }).png().toBuffer()
  const upload = async (u, bytes) => (await u.agent.uploadBlob(bytes, { encoding: 'image/png' })).data.blob
  const image = (blob, alt) => ({ image: blob, alt, aspectRatio: { width: 64, height: 64 } })
  const images = (...imgs) => ({ embed: { $type: 'app.bsky.embed.images', images: imgs } })
  const replyTo = (root, parent = root) => ({ reply: { root: refs[root], parent: refs[parent] } })

  const alice = await createUser('alice')
  const bob = await createUser('bob')
  const [red, blue] = [await png(220, 20, 60), await png(30, 60, 220)]
  const aliceRed = await upload(alice, red)
  const aliceBlue = await upload(alice, blue)
  const bobBlue = await upload(bob, blue)

  await write(alice, 'app.bsky.actor.profile', { displayName: 'Alice テスト', description: 'Seeded test account for the Java client. #devnet', avatar: aliceRed }, 'self')
  await write(bob, 'app.bsky.actor.profile', { displayName: 'Bob', description: 'Second seeded account.', avatar: bobBlue }, 'self')
  await follow(alice, bob)
  await follow(bob, alice)

  for (let i = 1; i <= 5; i++) await post(bob, `bob${i}`, i === 3 ? `Bob post ${i} #bobtag` : `Bob post ${i}`)

  await post(alice, 'a01_plain', "Hello world! This is alice's first post.")
  await post(alice, 'a02_japanese', 'こんにちは、世界！これは日本語の投稿です。', { langs: ['ja'] })
  await post(alice, 'a03_hashtags', 'Testing hashtags #atproto #bluesky #java')
  await post(alice, 'a04_japanese_hashtags', '日本語のハッシュタグ #日本語 #テスト も使えます', { langs: ['ja'] })
  await post(alice, 'a05_mention', 'Hey @bob.test, welcome to the devnet!')
  await post(alice, 'a06_link', 'Read the spec at https://atproto.com/specs/lexicon please')
  await post(alice, 'a07_link_card', 'Link with a card: https://example.com/article', {
    embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://example.com/article', title: 'Example article', description: 'An external link card (no thumb)' } },
  })
  await post(alice, 'a08_image', 'A tiny red square 🟥', images(image(aliceRed, 'red square')))
  await post(alice, 'a09_two_images', 'Two images: red and blue', images(image(aliceRed, 'red'), image(aliceBlue, 'blue')))
  await post(alice, 'a10_reply_to_bob', 'Replying to bob: nice first post!', replyTo('bob1'))
  await post(alice, 'a11_thread_1', 'Thread 1/3: a self-thread')
  await post(alice, 'a12_thread_2', 'Thread 2/3', replyTo('a11_thread_1'))
  await post(alice, 'a13_thread_3', 'Thread 3/3', replyTo('a11_thread_1', 'a12_thread_2'))
  await post(alice, 'a14_quote', 'Quoting bob:', { embed: { $type: 'app.bsky.embed.record', record: refs.bob2 } })
  await post(alice, 'a15_quote_with_media', 'Quote + image', {
    embed: {
      $type: 'app.bsky.embed.recordWithMedia',
      record: { $type: 'app.bsky.embed.record', record: refs.a01_plain },
      media: images(image(aliceBlue, 'blue square')).embed,
    },
  })
  await post(alice, 'a16_emoji', 'Emoji test 👍🏽 👨‍👩‍👧 🇯🇵 #絵文字')
  await post(alice, 'a17_multiline', 'Line 1\nLine 2\n\nLine 4 after a blank line')
  await post(alice, 'a18_mixed', 'Mixed 日本語 and English with @bob.test and https://bsky.app #mixed')
  // Fillers give alice 30 posts, enough for several pages at limit=10.
  for (let i = 19; i <= 30; i++) await post(alice, `a${i}_filler`, `Filler post number ${i}${i % 4 === 0 ? ' #filler' : ''}`)

  await repost(alice, 'bob3', 'alice_repost_bob3')
  await post(bob, 'bob_reply_to_a02', 'Bob replying to alice (日本語)', replyTo('a02_japanese'))
  await repost(bob, 'a08_image', 'bob_repost_a08')
  for (const k of ['a01_plain', 'a02_japanese', 'a03_hashtags', 'a05_mention', 'a08_image', 'a14_quote']) await like(bob, k)
  for (const k of ['bob1', 'bob2', 'bob4']) await like(alice, k)

  return { users: Object.values(users), refs, counts }
}

// ---------------------------------------------------------------------------------------------
// Startup

let info = null
let processing = Promise.resolve()
// One catch-up at a time: concurrent processAll calls race on the same subscription cursor.
const processAll = () => (processing = processing.catch(() => {}).then(() => network.processAll(60_000)))

async function main() {
  const timings = {}
  const timed = async (key, fn) => { const t = Date.now(); const r = await fn(); timings[key] = Date.now() - t; checkpoint(); return r }

  for (const k of Object.keys(CFG.ports)) if (!CFG.ports[k]) CFG.ports[k] = await freePort()
  const { ports } = CFG

  await timed('dbResetMs', async () => { await dropDb(); checkpoint(); await adminSql(`CREATE DATABASE "${CFG.db}"`) })
  const { TestNetwork } = await timed('importMs', () => import('@atproto/dev-env'))

  log(`starting network (pds :${ports.pds}, appview :${ports.appview}, database ${CFG.db})`)
  network = await timed('networkMs', () => TestNetwork.create({
    dbPostgresUrl: dbUrl.toString(),
    dbPostgresSchema: 'devnet',
    plc: { port: ports.plc },
    pds: { port: ports.pds, hostname: 'localhost', enableDidDocWithSession: true, rateLimitsEnabled: CFG.rateLimits },
    // Without publicUrl the image URLs in views point at a non-existent CDN; the AppView serves /img itself.
    bsky: { port: ports.appview, publicUrl: `http://localhost:${ports.appview}` },
    ozone: { port: ports.ozone },
  }))

  let seeded = { users: [], refs: {}, counts: {} }
  if (CFG.seed) {
    seeded = await timed('seedWriteMs', () => seed(network.pds.url))
    await timed('seedIndexMs', processAll)
  }

  control = http.createServer(async (req, res) => {
    const reply = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    try {
      if (req.method === 'POST' && req.url === '/processAll') {
        const t = Date.now()
        await processAll()
        return reply(200, { ok: true, ms: Date.now() - t })
      }
      if (req.method === 'GET' && req.url === '/info') return reply(200, info)
      reply(404, { ok: false, error: 'not found; try GET /info or POST /processAll' })
    } catch (e) {
      reply(500, { ok: false, error: String(e?.message ?? e) })
    }
  })
  await new Promise((resolve, reject) => control.once('error', reject).listen(ports.control, resolve))
  checkpoint()

  const version = (p) => { try { return require(`${p}/package.json`).version } catch { return null } }
  const appviewDid = network.bsky.ctx.cfg.serverDid
  info = {
    status: 'ready',
    pid: process.pid,
    startupMs: Date.now() - T0,
    pdsUrl: network.pds.url,
    pdsDid: network.pds.ctx.cfg.service.did,
    appviewUrl: network.bsky.url,
    appviewDid,
    atprotoProxyHeader: `${appviewDid}#bsky_appview`,
    plcUrl: network.plc.url,
    ozoneUrl: network.ozone.url,
    firehoseUrl: `${network.pds.url.replace(/^http/, 'ws')}/xrpc/com.atproto.sync.subscribeRepos`,
    controlUrl: `http://${LOOPBACK}:${control.address().port}`,
    database: CFG.db,
    databaseUrl: dbUrl.toString(),
    adminPassword: 'admin-pass',
    rateLimitsEnabled: CFG.rateLimits,
    accounts: seeded.users.map(({ handle, did, password, email }) => ({ handle, did, password, email })),
    seed: { enabled: CFG.seed, baseTime: new Date(CFG.baseTime).toISOString(), counts: seeded.counts },
    refs: seeded.refs,
    timings,
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    versions: Object.fromEntries(['@atproto/dev-env', '@atproto/pds', '@atproto/bsky', '@atproto/api'].map((p) => [p, version(p)])),
  }
  emitLine(JSON.stringify(info) + '\n')
  log(`ready in ${info.startupMs} ms (rss ${info.rssMb} MiB): pds ${info.pdsUrl}, appview ${info.appviewUrl}, control ${info.controlUrl}`)
}

startup = main().catch((e) => {
  if (e instanceof Stopped) return
  log('startup failed:', e?.stack ?? e)
  stop('startup failed', 1)
})
