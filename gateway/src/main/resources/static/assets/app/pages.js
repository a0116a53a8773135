import { api, ApiError, currentAccount, download, login, refreshAccount } from './api.js';
import { calendarHeatmap, dailyChart, weekHourHeatmap } from './charts.js';
import { encodeHandle, h, show } from './dom.js';
import { formatDate, formatDateTime, formatNumber, t } from './i18n.js';
import { postItem, richText } from './posts.js';

const FILTERS = ['q', 'from', 'to', 'hashtag', 'mention', 'has', 'kinds', 'lang'];

function problem(error) {
  const detail = error instanceof ApiError ? (error.problem.detail || error.problem.title || error.message) : error.message;
  return h('p', { class: 'error', role: 'alert' }, t('error.generic', { detail }));
}

function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), children);
}

function isOwner(handle) {
  const account = currentAccount();
  return !!account && (account.handle === handle || account.did === handle);
}

// ---------------------------------------------------------------------------------------------------- top

export async function homePage(view, navigate) {
  const account = currentAccount();
  show(view, h('section', { class: 'hero' }, h('h1', {}, 'Skylog'), h('p', {}, t('tagline'))));
  if (account) {
    view.append(h('p', {}, h('a', { href: `/${encodeHandle(account.handle)}`, class: 'button' }, t('nav.myArchive'))));
    return;
  }
  const status = h('p', { class: 'status', role: 'status' });
  const form = h('form', { class: 'login', autocomplete: 'on' },
    h('h2', {}, t('login.title')),
    h('label', {}, t('login.identifier'), h('input', { name: 'identifier', required: true, autocomplete: 'username', maxlength: 320 })),
    h('label', {}, t('login.password'), h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password', maxlength: 256 })),
    h('small', {}, t('login.passwordHint')),
    h('details', {}, h('summary', {}, '…'),
      h('label', {}, t('login.code'), h('input', { name: 'authFactorToken', maxlength: 64, autocomplete: 'one-time-code' })),
      h('label', {}, t('login.invitation'), h('input', { name: 'invitationCode', maxlength: 64 }))),
    h('button', { type: 'submit' }, t('login.submit')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    for (const key of Object.keys(data)) if (!data[key]) delete data[key];
    status.textContent = t('login.working');
    try {
      const me = await login(data);
      navigate(`/${encodeHandle(me.handle)}`);
    } catch (error) {
      status.replaceChildren(problem(error));
    }
  });
  view.append(form);
}

// ---------------------------------------------------------------------------------------------------- archive

function syncLine(sync, timeZone) {
  if (!sync) return h('p', { class: 'sync', 'data-state': 'none' }, t('sync.waiting'));
  if (sync.state === 'RUNNING' || sync.state === 'REQUESTED') {
    return h('p', { class: 'sync', 'data-state': 'running' }, t('sync.collecting', { posts: formatNumber(sync.postsSoFar) }));
  }
  if (sync.state === 'FAILED') {
    return h('p', { class: 'sync', 'data-state': 'failed' }, t('sync.failed', { reason: sync.failureReason || '' }));
  }
  return h('p', { class: 'sync', 'data-state': 'done' }, t('sync.done', { when: formatDateTime(sync.lastCompletedAt || sync.updatedAt, timeZone) }));
}

function profileHeader(overview) {
  const profile = overview.profile || {};
  const counts = overview.counts || {};
  const stat = (key, n) => h('li', {}, h('strong', {}, formatNumber(n)), ' ', t(key));
  return h('section', { class: 'profile' },
    profile.avatarUrl ? h('img', { class: 'avatar', src: profile.avatarUrl, alt: profile.displayName || overview.handle, width: 64, height: 64 }) : null,
    h('div', {},
      h('h1', {}, profile.displayName || overview.handle),
      h('p', { class: 'handle' }, `@${overview.handle}`, overview.visibility === 'PRIVATE' ? h('span', { class: 'badge' }, t('archive.private')) : null),
      profile.description ? richText(profile.description, [], overview.handle) : null,
      h('ul', { class: 'counts' },
        stat('archive.posts', counts.posts), stat('archive.replies', counts.replies),
        stat('archive.quotes', counts.quotes), stat('archive.reposts', counts.reposts),
        counts.likes !== null && counts.likes !== undefined ? stat('archive.likes', counts.likes) : null)),
    h('nav', { class: 'subnav' },
      h('a', { href: `/${encodeHandle(overview.handle)}/stats` }, t('nav.stats')),
      isOwner(overview.handle) ? h('a', { href: `/${encodeHandle(overview.handle)}/likes` }, t('nav.likes')) : null));
}

function searchForm(handle, params, navigate) {
  const value = (name) => params.get(name) || '';
  const option = (name, v, label) => h('option', { value: v, selected: value(name) === v }, label);
  const form = h('form', { class: 'search', role: 'search' },
    h('input', { name: 'q', type: 'search', value: value('q'), placeholder: t('archive.searchPlaceholder'), 'aria-label': t('archive.search'), maxlength: 200 }),
    h('button', { type: 'submit' }, t('archive.search')),
    h('details', { open: FILTERS.slice(1).some((f) => params.get(f)) },
      h('summary', {}, '…'),
      h('div', { class: 'filters' },
        h('label', {}, t('archive.from'), h('input', { name: 'from', type: 'date', value: value('from') })),
        h('label', {}, t('archive.to'), h('input', { name: 'to', type: 'date', value: value('to') })),
        h('label', {}, t('archive.hashtag'), h('input', { name: 'hashtag', value: value('hashtag'), maxlength: 100 })),
        h('label', {}, t('archive.mention'), h('input', { name: 'mention', value: value('mention'), maxlength: 253 })),
        h('label', {}, t('archive.has'), h('select', { name: 'has' },
          option('has', '', t('archive.hasAny')), option('has', 'media', t('archive.hasMedia')), option('has', 'link', t('archive.hasLink')))),
        h('label', {}, t('archive.kinds'), h('select', { name: 'kinds' },
          option('kinds', '', t('archive.kindsAll')), option('kinds', 'post', t('archive.posts')),
          option('kinds', 'reply', t('archive.replies')), option('kinds', 'quote', t('archive.quotes')),
          option('kinds', 'repost', t('archive.reposts')), option('kinds', '-repost', `${t('archive.kindsAll')} − ${t('archive.reposts')}`))),
        h('label', {}, t('archive.lang'), h('input', { name: 'lang', value: value('lang'), maxlength: 16, size: 5 })),
        h('a', { href: `/${encodeHandle(handle)}` }, t('archive.clear')))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, v] of new FormData(form)) if (v) query.set(name, v);
    navigate(`/${encodeHandle(handle)}${query.size ? `?${query}` : ''}`);
  });
  return form;
}

/** A list of posts with an "older" button that follows the page cursor. */
function timeline(overview, fetchPage, firstPage) {
  const list = h('ol', { class: 'timeline' });
  const more = h('button', { type: 'button', class: 'more' }, t('archive.older'));
  const owner = isOwner(overview.handle);
  const onHide = async (item, element) => {
    try {
      await api(`/api/archive/${encodeHandle(overview.handle)}/posts/${encodeURIComponent(item.rkey)}`, { method: 'DELETE' });
      element.replaceChildren(h('p', { class: 'muted' }, t('post.hidden')));
    } catch (error) {
      element.append(problem(error));
    }
  };
  const show = (page) => {
    for (const item of page.posts) list.append(postItem(item, { handle: overview.handle, timeZone: overview.timeZone, owner, onHide }));
    if (!list.childElementCount) list.replaceWith(h('p', { class: 'muted empty' }, t('archive.none')));
    more.hidden = !page.nextCursor;
    more.onclick = async () => {
      more.disabled = true;
      try {
        show(await fetchPage(page.nextCursor));
      } catch (error) {
        more.after(problem(error));
      } finally {
        more.disabled = false;
      }
    };
  };
  const container = h('div', {}, list, more);
  if (firstPage) show(firstPage);
  else fetchPage(null).then(show, (error) => container.append(problem(error)));
  return container;
}

export async function archivePage(view, handle, params, navigate) {
  let overview;
  try {
    overview = await api(`/api/archive/${encodeHandle(handle)}`);
  } catch (error) {
    show(view, error.status === 404 ? h('p', { class: 'muted' }, t('archive.notFound', { handle })) : problem(error));
    return;
  }
  document.title = `${overview.profile?.displayName || overview.handle} — Skylog`;
  if (overview.noIndex || !overview.allowCrawlers) {
    document.head.append(h('meta', { name: 'robots', content: 'noindex', 'data-page': true }));
  }
  const base = `/api/archive/${encodeHandle(overview.handle)}`;
  const fetchPage = (cursor) => {
    const query = new URLSearchParams();
    for (const f of FILTERS) if (params.get(f)) query.set(f, params.get(f));
    if (cursor) query.set('cursor', cursor);
    return api(`${base}/posts?${query}`);
  };
  const side = h('aside', { class: 'side' });
  show(view, 
    profileHeader(overview),
    syncLine(overview.sync, overview.timeZone),
    h('div', { class: 'columns' },
      h('div', { class: 'main' }, searchForm(overview.handle, params, navigate), timeline(overview, fetchPage, null)),
      side));
  sidePanels(side, overview, navigate);
  watchSync(view, overview, params, navigate);
}

function collecting(sync) {
  return !sync || sync.state === 'RUNNING' || sync.state === 'REQUESTED';
}

/**
 * While the history is still being collected, the page follows it: the sync line counts up, and when the sync
 * finishes the archive is shown again with everything it collected.
 */
function watchSync(view, overview, params, navigate) {
  if (!collecting(overview.sync)) return;
  const here = location.pathname + location.search;
  const timer = setInterval(async () => {
    if (location.pathname + location.search !== here || !view.isConnected) {
      clearInterval(timer);
      return;
    }
    try {
      const now = await api(`/api/archive/${encodeHandle(overview.handle)}`);
      view.querySelector('.sync')?.replaceWith(syncLine(now.sync, now.timeZone));
      if (!collecting(now.sync)) {
        clearInterval(timer);
        if (location.pathname + location.search === here) await archivePage(view, overview.handle, params, navigate);
      }
    } catch {
      // The next tick tries again.
    }
  }, 2000);
}

async function sidePanels(side, overview, navigate) {
  const handle = encodeHandle(overview.handle);
  const calendarBox = h('div', { class: 'chart calendar', role: 'img', 'aria-label': t('archive.calendar') });
  side.append(section(t('archive.calendar'), calendarBox));
  const [months, calendar, hashtags, partners] = await Promise.allSettled([
    api(`/api/archive/${handle}/months`),
    // The year of the latest post: an account quiet this year still shows its last active one.
    api(`/api/stats/${handle}/calendar${overview.counts?.lastPostAt ? `?year=${new Date(overview.counts.lastPostAt).getUTCFullYear()}` : ''}`),
    api(`/api/archive/${handle}/hashtags?limit=20`),
    api(`/api/archive/${handle}/replies?limit=10`),
  ]);
  if (calendar.status === 'fulfilled') {
    calendarHeatmap(calendarBox, calendar.value, (date) => navigate(`/${handle}/day/${date}`));
  }
  if (months.status === 'fulfilled' && months.value.length) {
    side.append(section(t('archive.months'), h('ul', { class: 'months' }, months.value.map((m) => {
      const [y, mo] = m.month.split('-').map(Number);
      const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      return h('li', {}, h('a', { href: `/${handle}?from=${m.month}-01&to=${m.month}-${String(last).padStart(2, '0')}` }, m.month), ` (${formatNumber(m.count)})`);
    }))));
  }
  if (hashtags.status === 'fulfilled' && hashtags.value.length) {
    side.append(section(t('archive.hashtags'), h('ul', { class: 'tags' }, hashtags.value.map((tag) =>
      h('li', {}, h('a', { href: `/${handle}?hashtag=${encodeURIComponent(tag.tag)}` }, `#${tag.tag}`), ` ${formatNumber(tag.count)}`)))));
  }
  if (partners.status === 'fulfilled' && partners.value.length) {
    side.append(section(t('archive.partners'), h('ul', { class: 'partners' }, partners.value.map((p) =>
      h('li', {}, h('a', { href: `/${handle}?mention=${encodeURIComponent(p.handle || p.did)}` }, `@${p.handle || p.did}`), ` ${formatNumber(p.count)}`)))));
  }
}

// ---------------------------------------------------------------------------------------------------- day

function shiftDay(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export async function dayPage(view, handle, date) {
  try {
    const day = await api(`/api/archive/${encodeHandle(handle)}/days/${encodeURIComponent(date)}`);
    const overview = { handle, timeZone: undefined };
    const account = await api(`/api/archive/${encodeHandle(handle)}`).catch(() => null);
    if (account) overview.timeZone = account.timeZone;
    show(view, 
      h('p', {}, h('a', { href: `/${encodeHandle(handle)}` }, `@${handle}`)),
      h('h1', {}, formatDate(day.date)),
      h('nav', { class: 'subnav' },
        h('a', { href: `/${encodeHandle(handle)}/day/${shiftDay(day.date, -1)}`, rel: 'prev' }, t('day.previous')),
        h('a', { href: `/${encodeHandle(handle)}/day/${shiftDay(day.date, 1)}`, rel: 'next' }, t('day.next'))),
      day.page.posts.length
        ? timeline(overview, (cursor) => api(`/api/archive/${encodeHandle(handle)}/days/${encodeURIComponent(date)}?cursor=${encodeURIComponent(cursor)}`).then((d) => d.page), day.page)
        : h('p', { class: 'muted empty' }, t('day.none')));
  } catch (error) {
    show(view, problem(error));
  }
}

// ---------------------------------------------------------------------------------------------------- likes

export async function likesPage(view, handle) {
  const list = h('ol', { class: 'timeline likes' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, t('likes.more'));
  const load = async (cursor) => {
    const page = await api(`/api/archive/${encodeHandle(handle)}/likes${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const like of page.likes) {
      const item = like.post
        ? postItem({ uri: like.uri, kind: 'POST', sortAt: like.likedAt, post: like.post }, { handle })
        : h('li', { class: 'post' }, like.subjectUri);
      item.prepend(h('div', { class: 'meta' }, t('likes.likedAt', { when: formatDateTime(like.likedAt) })));
      list.append(item);
    }
    if (!list.childElementCount) list.replaceWith(h('p', { class: 'muted empty' }, t('likes.none')));
    more.hidden = !page.nextCursor;
    more.onclick = () => load(page.nextCursor).catch((error) => more.after(problem(error)));
  };
  show(view, h('h1', {}, t('likes.title', { handle: `@${handle}` })), list, more);
  try {
    await load(null);
  } catch (error) {
    show(view, error.status === 401 ? h('p', {}, t('error.login')) : problem(error));
  }
}

// ---------------------------------------------------------------------------------------------------- stats

export async function statsPage(view, handle) {
  const base = `/api/stats/${encodeHandle(handle)}`;
  let summary;
  try {
    summary = await api(`${base}/summary`);
  } catch (error) {
    show(view, problem(error));
    return;
  }
  const totals = summary.totals;
  const figure = (label, value) => h('div', { class: 'figure' }, h('span', {}, label), h('strong', {}, value));
  const daily = h('div', { class: 'chart daily', role: 'img', 'aria-label': t('stats.daily') });
  const heatmap = h('div', { class: 'chart heatmap', role: 'img', 'aria-label': t('stats.heatmap') });
  show(view, 
    h('p', {}, h('a', { href: `/${encodeHandle(handle)}` }, `@${summary.handle}`)),
    h('h1', {}, t('stats.title', { handle: `@${summary.handle}` })),
    section(t('stats.totals'), h('div', { class: 'figures' },
      figure(t('archive.posts'), formatNumber(totals.posts)), figure(t('archive.replies'), formatNumber(totals.replies)),
      figure(t('archive.quotes'), formatNumber(totals.quotes)), figure(t('archive.reposts'), formatNumber(totals.reposts)),
      figure(t('archive.likes'), formatNumber(totals.likes)), figure(t('stats.media'), formatNumber(totals.withMedia)),
      figure(t('stats.average'), t('stats.chars', { n: formatNumber(Math.round(summary.averageCharacters)) })),
      figure(t('stats.first'), summary.firstPostDate || '—'), figure(t('stats.last'), summary.lastPostDate || '—'))),
    section(t('stats.streaks'), h('div', { class: 'figures' },
      figure(t('stats.current'), t('stats.days', { n: formatNumber(summary.currentStreak) })),
      figure(t('stats.longest'), t('stats.days', { n: formatNumber(summary.longestStreak) })),
      figure(t('stats.postingDays'), t('stats.days', { n: formatNumber(summary.postingDays) })),
      figure(t('stats.quietDays'), t('stats.days', { n: formatNumber(summary.daysWithoutPosts) })))),
    section(t('stats.daily'), daily),
    section(t('stats.heatmap'), heatmap));
  // The daily chart covers the year up to the latest post (the whole history when shorter), not just the
  // last 30 days, which may hold nothing for an account that posts rarely.
  const range = new URLSearchParams();
  if (summary.lastPostDate) {
    const [y, m, d] = summary.lastPostDate.split('-').map(Number);
    const yearBefore = new Date(Date.UTC(y - 1, m - 1, d + 1)).toISOString().slice(0, 10);
    range.set('from', summary.firstPostDate > yearBefore ? summary.firstPostDate : yearBefore);
    range.set('to', summary.lastPostDate);
  }
  const [days, week] = await Promise.all([api(`${base}/daily?${range}`), api(`${base}/heatmap`)]);
  dailyChart(daily, days);
  weekHourHeatmap(heatmap, week.counts);
}

// ---------------------------------------------------------------------------------------------------- settings

export async function settingsPage(view, navigate) {
  const me = await refreshAccount();
  if (!me) {
    show(view, h('p', {}, t('error.login')));
    return;
  }
  const settings = me.settings;
  const status = h('p', { class: 'status', role: 'status' });
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const form = h('form', { class: 'settings' },
    h('fieldset', {}, h('legend', {}, t('settings.visibility')),
      h('label', {}, h('input', { type: 'radio', name: 'visibility', value: 'PUBLIC', checked: settings.visibility === 'PUBLIC' }), t('settings.public')),
      h('label', {}, h('input', { type: 'radio', name: 'visibility', value: 'PRIVATE', checked: settings.visibility === 'PRIVATE' }), t('settings.privateOnly'))),
    h('label', {}, t('settings.timeZone'), h('input', { name: 'timeZone', value: settings.timeZone, list: 'zones', required: true, maxlength: 64 })),
    h('datalist', { id: 'zones' }, zones.map((zone) => h('option', { value: zone }))),
    h('label', {}, h('input', { type: 'checkbox', name: 'allowCrawlers', checked: settings.allowCrawlers }), t('settings.crawlers')),
    h('button', { type: 'submit' }, t('settings.save')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await api('/api/auth/me/settings', { method: 'PUT', body: {
        timeZone: data.get('timeZone'), visibility: data.get('visibility'), allowCrawlers: data.get('allowCrawlers') === 'on' } });
      status.textContent = t('settings.saved');
    } catch (error) {
      status.replaceChildren(problem(error));
    }
  });

  const syncStatus = h('p', { class: 'status', role: 'status' });
  const syncBox = h('div', {});
  const showSync = async () => {
    try {
      const state = await api(`/api/sync/${encodeURIComponent(me.did)}`);
      syncBox.replaceChildren(h('dl', {},
        h('dt', {}, t('settings.status')), h('dd', { class: 'sync-status' }, state.status),
        h('dt', {}, t('archive.posts')), h('dd', {}, formatNumber(state.postsFetched)),
        h('dt', {}, t('archive.likes')), h('dd', {}, formatNumber(state.likesFetched)),
        state.lastCompletedAt ? [h('dt', {}, '✓'), h('dd', {}, formatDateTime(state.lastCompletedAt))] : null,
        state.lastFailureReason ? [h('dt', {}, '✗'), h('dd', {}, state.lastFailureReason)] : null));
    } catch (error) {
      syncBox.replaceChildren(problem(error));
    }
  };
  const resync = h('button', { type: 'button', onclick: async () => {
    try {
      await api(`/api/sync/${encodeURIComponent(me.did)}`, { method: 'POST' });
      syncStatus.textContent = t('settings.resyncAsked');
      showSync();
    } catch (error) {
      syncStatus.replaceChildren(problem(error));
    }
  } }, t('settings.resync'));

  const exportStatus = h('p', { class: 'status', role: 'status' });
  const exporter = (format) => h('button', { type: 'button', onclick: () =>
    download(`/api/archive/${encodeHandle(me.handle)}/export?format=${format}`, `skylog-${me.handle}.${format}`)
      .catch((error) => exportStatus.replaceChildren(problem(error))) }, t(format === 'csv' ? 'settings.exportCsv' : 'settings.exportJson'));

  const invitations = h('ul', { class: 'invitations' });
  const admin = me.admin ? section(t('settings.invitations'), h('button', { type: 'button', onclick: async () => {
    try {
      const invitation = await api('/api/auth/invitations', { method: 'POST' });
      invitations.append(h('li', {}, h('code', {}, invitation.code)));
    } catch (error) {
      invitations.append(h('li', {}, problem(error)));
    }
  } }, t('settings.invite')), invitations) : null;

  const deleteStatus = h('p', { class: 'status', role: 'status' });
  const remove = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!window.confirm(t('settings.deleteConfirm'))) return;
    try {
      await api('/api/auth/me', { method: 'DELETE' });
      deleteStatus.textContent = t('settings.deleted');
      setTimeout(() => navigate('/'), 1500);
    } catch (error) {
      deleteStatus.replaceChildren(problem(error));
    }
  } }, t('settings.delete'));

  show(view, 
    h('h1', {}, t('settings.title')),
    me.needsLogin ? h('p', { class: 'error', role: 'alert' }, t('settings.needsLogin')) : null,
    section(t('settings.title'), form),
    section(t('settings.sync'), syncBox, resync, syncStatus),
    section(t('settings.export'), exporter('csv'), ' ', exporter('json'), exportStatus),
    admin,
    section(t('settings.delete'), remove, deleteStatus));
  showSync();
}
