// Helpers of the application's small pages: the session's CSRF token, JSON calls, Japanese numbers, dates and reasons.
window.KenshinPages = (function () {
  'use strict';
  const ZONE = 'Asia/Tokyo';
  const numbers = new Intl.NumberFormat('ja-JP');
  const dayFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  const timeFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

  /** The CSRF token Spring Security put in the KENSHIN-XSRF-TOKEN cookie. */
  function token() {
    return decodeURIComponent((document.cookie.match(/(?:^|; )KENSHIN-XSRF-TOKEN=([^;]*)/) || [])[1] || '');
  }

  /** A call of the application's API in this session; an expired session opens the page again (sign-in, then back here). */
  async function call(method, url, body, accept) {
    const headers = { 'X-KENSHIN-XSRF-TOKEN': token(), Accept: accept || 'application/json' };
    const init = { method: method, credentials: 'same-origin', cache: 'no-store', headers: headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    if (response.status === 401) {
      window.location.reload();
    }
    return response;
  }

  async function json(response) {
    try { return await response.clone().json(); } catch (e) { return {}; }
  }

  /** The reason of a refusal, in Japanese: the application's message, else one for the status. */
  function reason(response, body) {
    if (body && body.message) { return body.message; }
    if (response.status === 401) { return 'サインインが切れました。サインインし直してください。'; }
    if (response.status === 403) { return 'この操作の権限がありません。'; }
    if (response.status === 404) { return '対象が見つかりません。'; }
    return '処理できませんでした（' + response.status + '）。';
  }

  function num(n) { return n === null || n === undefined ? '－' : numbers.format(n); }
  function time(date) { return timeFormat.format(date); }
  /** "2026-11-16" -> "2026/11/16". */
  function day(iso) { return iso ? String(iso).substring(0, 10).replaceAll('-', '/') : '－'; }
  /** "2026/11/16" (or 2026-11-16) -> "2026-11-16"; null when it is no real day. */
  function parseDay(text) {
    const m = /^(\d{4})[\/-](\d{1,2})[\/-](\d{1,2})$/.exec((text || '').normalize('NFKC').trim());
    if (!m) { return null; }
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) { return null; }
    return m[1] + '-' + m[2].padStart(2, '0') + '-' + m[3].padStart(2, '0');
  }
  function param(name) { return new URLSearchParams(window.location.search).get(name); }
  /** The fiscal year (April to March) of today in Tokyo. */
  function currentFiscalYear() {
    const [y, m] = dayFormat.format(new Date()).split('/').map(Number);
    return m >= 4 ? y : y - 1;
  }
  function yearFromQuery() {
    const asked = param('fiscalYear');
    return asked && /^\d{4}$/.test(asked) ? asked : String(currentFiscalYear());
  }

  return { call: call, json: json, reason: reason, num: num, time: time, day: day, parseDay: parseDay, param: param,
           currentFiscalYear: currentFiscalYear, yearFromQuery: yearFromQuery, token: token };
})();
