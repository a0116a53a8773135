import { h, safeUrl, encodeHandle } from './dom.js';
import { t, formatDateTime } from './i18n.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Post text with its facets as links. Bluesky's facet offsets count UTF-8 bytes, not characters, so the text is
 * cut as bytes: a Japanese character is three of them, an emoji four.
 */
export function richText(text, facets, handle) {
  const bytes = encoder.encode(text || '');
  const parts = [];
  let at = 0;
  const sorted = [...(facets || [])].sort((a, b) => a.byteStart - b.byteStart);
  for (const facet of sorted) {
    if (facet.byteStart < at || facet.byteEnd > bytes.length) continue;
    if (facet.byteStart > at) parts.push(decoder.decode(bytes.slice(at, facet.byteStart)));
    const label = decoder.decode(bytes.slice(facet.byteStart, facet.byteEnd));
    parts.push(facetLink(facet, label, handle));
    at = facet.byteEnd;
  }
  if (at < bytes.length) parts.push(decoder.decode(bytes.slice(at)));
  return h('p', { class: 'text' }, parts);
}

function facetLink(facet, label, handle) {
  if (facet.kind === 'TAG') {
    return h('a', { href: `/${encodeHandle(handle)}?hashtag=${encodeURIComponent(facet.value)}`, class: 'tag' }, label);
  }
  if (facet.kind === 'MENTION') {
    return h('a', { href: `https://bsky.app/profile/${encodeURIComponent(facet.value)}`, rel: 'noopener noreferrer', target: '_blank' }, label);
  }
  const url = safeUrl(facet.value);
  return url ? h('a', { href: url, rel: 'nofollow noopener noreferrer ugc', target: '_blank' }, label) : label;
}

function bskyUrl(post) {
  const rkey = post.uri.split('/').pop();
  return `https://bsky.app/profile/${encodeURIComponent(post.authorDid)}/post/${encodeURIComponent(rkey)}`;
}

function media(items) {
  if (!items?.length) return null;
  return h('div', { class: 'media' }, items.map((item) => {
    const full = safeUrl(item.fullsizeUrl) || safeUrl(item.thumbUrl);
    const thumb = safeUrl(item.thumbUrl) || full;
    if (!thumb) return null;
    const img = h('img', { src: thumb, alt: item.alt || '', loading: 'lazy', width: item.width || null, height: item.height || null });
    return full ? h('a', { href: full, target: '_blank', rel: 'noopener noreferrer' }, img) : img;
  }));
}

function linkCard(link) {
  const url = link && safeUrl(link.uri);
  if (!url) return null;
  return h('a', { class: 'card', href: url, target: '_blank', rel: 'nofollow noopener noreferrer ugc' },
    h('strong', {}, link.title || url), link.description ? h('span', {}, link.description) : null);
}

/** One archived post (or repost): who, what kind, its text, media, link card and quote, and where it lives. */
export function postItem(item, { handle, timeZone, owner, onHide } = {}) {
  const post = item.post;
  const kind = item.kind;
  const day = item.sortAt ? dayIn(item.sortAt, timeZone) : null;
  const header = [];
  if (kind === 'REPOST') header.push(h('span', { class: 'badge' }, t('post.reposted')), ' ');
  if (kind === 'REPLY' && post.reply) {
    header.push(h('span', { class: 'badge' }, t('post.replyTo', { handle: post.reply.parentAuthorHandle ? `@${post.reply.parentAuthorHandle}` : '' })), ' ');
  }
  if (kind === 'REPOST' || post.authorDid && post.authorHandle && post.authorHandle !== handle) {
    header.push(h('span', { class: 'author' }, `@${post.authorHandle || post.authorDid}`));
  }
  const actions = [
    day ? h('a', { href: `/${encodeHandle(handle)}/day/${day}` }, formatDateTime(item.sortAt, timeZone)) : null,
    h('a', { href: bskyUrl(post), target: '_blank', rel: 'noopener noreferrer' }, t('post.open')),
  ];
  if (owner && onHide && kind !== 'REPOST') {
    actions.push(h('button', { type: 'button', class: 'link', onclick: (event) => onHide(item, event.target.closest('li')) }, t('post.hide')));
  }
  return h('li', { class: `post kind-${kind.toLowerCase()}`, 'data-uri': item.uri },
    header.length ? h('div', { class: 'meta' }, header) : null,
    richText(post.text, post.facets, handle),
    media(post.media),
    linkCard(post.link),
    post.quotedUri ? h('div', { class: 'quote' }, `${t('post.quote')}: `, h('a', { href: quoteUrl(post.quotedUri), target: '_blank', rel: 'noopener noreferrer' }, post.quotedUri)) : null,
    h('div', { class: 'actions' }, actions));
}

function quoteUrl(atUri) {
  const [, , did, , rkey] = atUri.split('/');
  return `https://bsky.app/profile/${encodeURIComponent(did)}/post/${encodeURIComponent(rkey)}`;
}

/** The calendar day an instant falls on in the account's time zone, as yyyy-mm-dd. */
export function dayIn(iso, timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso));
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
