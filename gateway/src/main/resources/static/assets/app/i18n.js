// Japanese and English. The page starts in the language the server chose from Accept-Language (<html lang>);
// the button in the header switches, and the choice is remembered in this browser.
const messages = {
  en: {
    tagline: 'Your whole Bluesky history: posts, reposts and likes, to browse, search and chart.',
    footer: 'Skylog keeps a copy of your Bluesky history. Only what you post publicly is collected.',
    'nav.myArchive': 'My archive', 'nav.stats': 'Stats', 'nav.likes': 'Likes', 'nav.settings': 'Settings',
    'nav.login': 'Log in', 'nav.logout': 'Log out',
    'login.title': 'Log in with your Bluesky account', 'login.identifier': 'Handle or e-mail',
    'login.password': 'App password', 'login.passwordHint': 'Create one in Bluesky: Settings → Privacy and security → App passwords.',
    'login.code': 'Code from the e-mail (if Bluesky asked for one)', 'login.invitation': 'Invitation code (if this Skylog needs one)',
    'login.submit': 'Log in', 'login.working': 'Logging in…',
    'archive.posts': 'Posts', 'archive.replies': 'Replies', 'archive.quotes': 'Quotes', 'archive.reposts': 'Reposts',
    'archive.likes': 'Likes', 'archive.search': 'Search', 'archive.searchPlaceholder': 'Words in posts (all must occur)',
    'archive.from': 'From', 'archive.to': 'To', 'archive.hashtag': 'Hashtag', 'archive.mention': 'Mentions',
    'archive.has': 'With', 'archive.hasAny': 'anything', 'archive.hasMedia': 'images or video', 'archive.hasLink': 'links',
    'archive.kinds': 'Kinds', 'archive.kindsAll': 'all', 'archive.lang': 'Language', 'archive.clear': 'Clear',
    'archive.older': 'Older posts', 'archive.none': 'No posts match.', 'archive.months': 'Months',
    'archive.calendar': 'Posting calendar', 'archive.hashtags': 'Hashtags', 'archive.partners': 'Reply partners',
    'archive.notFound': 'Skylog has no archive for {handle}.', 'archive.private': 'private',
    'sync.collecting': 'Collecting your history… {posts} posts so far.', 'sync.failed': 'The last sync failed: {reason}.',
    'sync.done': 'Last collected {when}.', 'sync.waiting': 'Waiting for the first sync.',
    'post.reposted': 'Reposted', 'post.replyTo': 'Reply to {handle}', 'post.quote': 'Quoting', 'post.open': 'Open in Bluesky',
    'post.day': 'That day', 'post.hide': 'Hide from the archive', 'post.hidden': 'Hidden.',
    'day.title': '{date}', 'day.previous': '← Previous day', 'day.next': 'Next day →', 'day.none': 'Nothing posted that day.',
    'likes.title': 'Likes of {handle}', 'likes.none': 'No likes yet.', 'likes.more': 'More likes', 'likes.likedAt': 'Liked {when}',
    'stats.title': 'Statistics of {handle}', 'stats.totals': 'Totals', 'stats.daily': 'Posts per day',
    'stats.heatmap': 'When: weekday × hour', 'stats.streaks': 'Streaks', 'stats.current': 'Current streak',
    'stats.longest': 'Longest streak', 'stats.days': '{n} days', 'stats.postingDays': 'Days with posts',
    'stats.quietDays': 'Days without posts', 'stats.average': 'Average length', 'stats.chars': '{n} characters',
    'stats.first': 'First post', 'stats.last': 'Latest post', 'stats.media': 'With images or video',
    'weekdays': 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
    'settings.title': 'Settings', 'settings.visibility': 'Who can see the archive',
    'settings.public': 'Everyone', 'settings.privateOnly': 'Only me', 'settings.timeZone': 'Time zone (which day a post belongs to)',
    'settings.crawlers': 'Let search engines index my archive', 'settings.save': 'Save', 'settings.saved': 'Saved.',
    'settings.export': 'Export', 'settings.exportCsv': 'Download CSV', 'settings.exportJson': 'Download JSON',
    'settings.sync': 'Collecting', 'settings.status': 'State', 'settings.resync': 'Collect now', 'settings.resyncAsked': 'Asked; new posts appear shortly.',
    'settings.delete': 'Delete my Skylog account', 'settings.deleteConfirm': 'Delete your Skylog account and every copy of your history? This cannot be undone.',
    'settings.deleted': 'Your account and its archive are being deleted.', 'settings.invitations': 'Invitation codes',
    'settings.invite': 'Create an invitation code', 'settings.needsLogin': 'Bluesky no longer accepts Skylog\'s session: log in again so collecting can continue.',
    'error.generic': 'Something went wrong: {detail}', 'error.login': 'Please log in first.',
    loading: 'Loading…', lang: '日本語',
  },
  ja: {
    tagline: 'Bluesky の投稿・リポスト・いいねをまるごと保存して、振り返り・検索・グラフに。',
    footer: 'Skylog はあなたの Bluesky の履歴を保存します。集めるのは公開された投稿だけです。',
    'nav.myArchive': '自分のアーカイブ', 'nav.stats': '統計', 'nav.likes': 'いいね', 'nav.settings': '設定',
    'nav.login': 'ログイン', 'nav.logout': 'ログアウト',
    'login.title': 'Bluesky アカウントでログイン', 'login.identifier': 'ハンドルまたはメールアドレス',
    'login.password': 'アプリパスワード', 'login.passwordHint': 'Bluesky の 設定 → プライバシーとセキュリティ → アプリパスワード で作成できます。',
    'login.code': 'メールで届いたコード（求められた場合）', 'login.invitation': '招待コード（必要な場合）',
    'login.submit': 'ログイン', 'login.working': 'ログイン中…',
    'archive.posts': '投稿', 'archive.replies': '返信', 'archive.quotes': '引用', 'archive.reposts': 'リポスト',
    'archive.likes': 'いいね', 'archive.search': '検索', 'archive.searchPlaceholder': '投稿に含まれる語（すべてを含むもの）',
    'archive.from': '開始日', 'archive.to': '終了日', 'archive.hashtag': 'ハッシュタグ', 'archive.mention': 'メンション',
    'archive.has': '添付', 'archive.hasAny': '指定なし', 'archive.hasMedia': '画像・動画', 'archive.hasLink': 'リンク',
    'archive.kinds': '種類', 'archive.kindsAll': 'すべて', 'archive.lang': '言語', 'archive.clear': 'クリア',
    'archive.older': 'さらに古い投稿', 'archive.none': '該当する投稿はありません。', 'archive.months': '月別',
    'archive.calendar': '投稿カレンダー', 'archive.hashtags': 'ハッシュタグ', 'archive.partners': 'よく返信する相手',
    'archive.notFound': '{handle} のアーカイブはありません。', 'archive.private': '非公開',
    'sync.collecting': '履歴を集めています… これまでに {posts} 件。', 'sync.failed': '前回の取得に失敗しました: {reason}',
    'sync.done': '最終取得 {when}', 'sync.waiting': '最初の取得を待っています。',
    'post.reposted': 'リポスト', 'post.replyTo': '{handle} への返信', 'post.quote': '引用', 'post.open': 'Bluesky で開く',
    'post.day': 'この日', 'post.hide': 'アーカイブから隠す', 'post.hidden': '隠しました。',
    'day.title': '{date}', 'day.previous': '← 前の日', 'day.next': '次の日 →', 'day.none': 'この日の投稿はありません。',
    'likes.title': '{handle} のいいね', 'likes.none': 'いいねはまだありません。', 'likes.more': 'さらに表示', 'likes.likedAt': '{when} にいいね',
    'stats.title': '{handle} の統計', 'stats.totals': '合計', 'stats.daily': '日別の投稿数',
    'stats.heatmap': '曜日 × 時間帯', 'stats.streaks': '連続投稿', 'stats.current': '現在の連続日数',
    'stats.longest': '最長の連続日数', 'stats.days': '{n} 日', 'stats.postingDays': '投稿した日',
    'stats.quietDays': '投稿しなかった日', 'stats.average': '平均文字数', 'stats.chars': '{n} 文字',
    'stats.first': '最初の投稿', 'stats.last': '最新の投稿', 'stats.media': '画像・動画つき',
    'weekdays': '月,火,水,木,金,土,日',
    'settings.title': '設定', 'settings.visibility': 'アーカイブの公開範囲',
    'settings.public': '全員', 'settings.privateOnly': '自分だけ', 'settings.timeZone': 'タイムゾーン（投稿を何日として数えるか）',
    'settings.crawlers': '検索エンジンにアーカイブの掲載を許可する', 'settings.save': '保存', 'settings.saved': '保存しました。',
    'settings.export': 'エクスポート', 'settings.exportCsv': 'CSV をダウンロード', 'settings.exportJson': 'JSON をダウンロード',
    'settings.sync': '取得', 'settings.status': '状態', 'settings.resync': '今すぐ取得', 'settings.resyncAsked': '依頼しました。まもなく反映されます。',
    'settings.delete': 'Skylog アカウントを削除', 'settings.deleteConfirm': 'Skylog のアカウントと保存した履歴をすべて削除しますか？元に戻せません。',
    'settings.deleted': 'アカウントとアーカイブを削除しています。', 'settings.invitations': '招待コード',
    'settings.invite': '招待コードを発行', 'settings.needsLogin': 'Bluesky のセッションが無効になりました。取得を続けるには再度ログインしてください。',
    'error.generic': 'エラーが発生しました: {detail}', 'error.login': '先にログインしてください。',
    loading: '読み込み中…', lang: 'English',
  },
};

const stored = () => { try { return localStorage.getItem('skylog.lang'); } catch { return null; } };

export let lang = messages[stored()] ? stored() : (document.documentElement.lang === 'ja' ? 'ja' : 'en');

export function setLang(next) {
  lang = messages[next] ? next : 'en';
  document.documentElement.lang = lang;
  try { localStorage.setItem('skylog.lang', lang); } catch { /* private mode */ }
}

export function t(key, params = {}) {
  const text = messages[lang][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

export function formatNumber(n) {
  return new Intl.NumberFormat(lang).format(n ?? 0);
}

export function formatDateTime(iso, timeZone) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone || undefined })
    .format(new Date(iso));
}

export function formatDate(isoDate) {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
