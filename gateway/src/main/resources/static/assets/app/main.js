import { currentAccount, logout, restoreSession } from './api.js';
import { encodeHandle, h } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { archivePage, dayPage, homePage, likesPage, settingsPage, statsPage } from './pages.js';

const view = document.getElementById('app');

// The same paths the gateway answers with this page (WebUiController); anything else is the top page.
const routes = [
  [/^\/$/, () => homePage(view, navigate)],
  [/^\/settings$/, () => settingsPage(view, navigate)],
  [/^\/([^/]+)\/day\/(\d{4}-\d{2}-\d{2})$/, (handle, date) => dayPage(view, handle, date)],
  [/^\/([^/]+)\/likes$/, (handle) => likesPage(view, handle)],
  [/^\/([^/]+)\/stats$/, (handle) => statsPage(view, handle)],
  [/^\/([^/]+)$/, (handle) => archivePage(view, handle, new URLSearchParams(location.search), navigate)],
];

function renderNav() {
  const account = currentAccount();
  const nav = document.getElementById('nav');
  if (!account) {
    nav.replaceChildren(h('a', { href: '/' }, t('nav.login')));
    return;
  }
  const mine = `/${encodeHandle(account.handle)}`;
  nav.replaceChildren(
    h('a', { href: mine }, t('nav.myArchive')),
    h('a', { href: `${mine}/stats` }, t('nav.stats')),
    h('a', { href: `${mine}/likes` }, t('nav.likes')),
    h('a', { href: '/settings' }, t('nav.settings')),
    h('button', { type: 'button', class: 'link', id: 'logout', onclick: async () => {
      await logout();
      navigate('/');
    } }, t('nav.logout')));
}

function renderChrome() {
  document.documentElement.lang = lang;
  document.getElementById('lang').textContent = t('lang');
  document.getElementById('footer').textContent = t('footer');
  renderNav();
}

async function render() {
  renderChrome();
  document.title = 'Skylog';
  document.querySelectorAll('meta[name="robots"][data-page]').forEach((meta) => meta.remove());
  view.replaceChildren(h('p', { class: 'muted' }, t('loading')));
  const path = location.pathname;
  for (const [pattern, page] of routes) {
    const match = path.match(pattern);
    if (match) {
      await page(...match.slice(1).map(decodeURIComponent));
      renderNav();
      return;
    }
  }
  await homePage(view, navigate);
}

export function navigate(path) {
  history.pushState({}, '', path);
  window.scrollTo(0, 0);
  return render();
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.origin !== location.origin || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (link.pathname.startsWith('/api/') || link.pathname.startsWith('/assets/') || link.hasAttribute('download')) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});

window.addEventListener('popstate', render);

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang === 'ja' ? 'en' : 'ja');
  render();
});

restoreSession().finally(render);
