/*
 * kenshin-outreach: what Camunda's locale file cannot reach, loaded in every webapp (kenshin-config.js puts it in each
 * config.js's customScripts; one file for all, at /camunda/app/kenshin/).
 * - The page is tagged lang="ja" (Camunda's index.html says "en").
 * - The form-js validation messages (English in the library) are shown in Japanese.
 * - When the session has ended (an answer 401 from the webapps' API, or the webapp's own sign-in view, which does
 *   not work with the application's sign-in), the browser goes to the application's Japanese sign-in page.
 */
const appRoot = (document.querySelector('base') && document.querySelector('base').getAttribute('app-root')) || '/camunda';
const signIn = appRoot.replace(/\/camunda\/?$/, '') + '/login';
let loggingOut = false;

document.documentElement.setAttribute('lang', 'ja');

function goToSignIn() {
  if (!window.__kenshinLeaving) {
    window.__kenshinLeaving = true;
    window.location.assign(signIn + (loggingOut ? '?logout' : '?expired'));
  }
}

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) {
  const target = String(url || '');
  if (/\/logout$/.test(target)) {
    loggingOut = true;
  }
  this.addEventListener('loadend', () => {
    if (this.status === 401 && target.indexOf('/api/') !== -1) {
      goToSignIn();
    }
  });
  return open.apply(this, arguments);
};

function checkRoute() {
  if (/^#\/login/.test(window.location.hash)) {
    goToSignIn();
  }
}
window.addEventListener('hashchange', checkRoute);
checkRoute();

const MESSAGES = [
  [/^Field is required\.?$/, () => '入力してください。'],
  [/^Field must match pattern .*$/, () => '決められた形で入力してください（項目の説明を参照）。'],
  [/^Field must have minimum length of (\d+)\.?$/, (m) => m[1] + '文字以上で入力してください。'],
  [/^Field must have maximum length of (\d+)\.?$/, (m) => m[1] + '文字以内で入力してください。'],
  [/^Field must have minimum value of (.+?)\.?$/, (m) => m[1] + '以上の値を入力してください。'],
  [/^Field must have maximum value of (.+?)\.?$/, (m) => m[1] + '以下の値を入力してください。'],
  [/^Value is not a number\.?$/, () => '数値を入力してください。'],
  [/^Value is expected to be an integer\.?$/, () => '整数を入力してください。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.?$/, (m) => '小数点以下は' + m[1] + '桁までです。'],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, (m) => m[1] + ' か ' + m[2] + ' を入力してください。'],
  [/^Field must be a valid email\.?$/, () => 'メールアドレスの形で入力してください。'],
  [/^Field must be a valid\s+international phone number.*$/, () => '国際電話番号の形で入力してください。'],
  [/^Select$/, () => '選択してください'],
  [/^Search$/, () => '検索'],
  [/^No options available\.?$/, () => '選択肢がありません'],
  [/^Date must match pattern yyyy-MM-dd$/, () => '日付は yyyy/mm/dd の形で入力してください。']
];

function translate(node) {
  if (node.nodeType !== Node.TEXT_NODE) {
    return;
  }
  const text = node.nodeValue.trim();
  if (!text || !/[A-Za-z]/.test(text)) {
    return;
  }
  for (const [pattern, replace] of MESSAGES) {
    const m = text.match(pattern);
    if (m) {
      node.nodeValue = replace(m);
      return;
    }
  }
}

function inForm(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element && element.closest && element.closest('.fjs-container, .fjs-form, [class*="fjs-"]');
}

function walk(root) {
  if (root.nodeType === Node.TEXT_NODE) {
    if (inForm(root)) {
      translate(root);
    }
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE || !inForm(root) && !(root.querySelector && root.querySelector('[class*="fjs-"]'))) {
    return;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (inForm(n)) {
      translate(n);
    }
  }
  root.querySelectorAll && root.querySelectorAll('[class*="fjs-"] input[placeholder], [class*="fjs-"] textarea[placeholder]').forEach((input) => {
    if (input.placeholder === 'Select') input.placeholder = '選択してください';
    if (input.placeholder === 'Search') input.placeholder = '検索';
  });
}

new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') {
      walk(mutation.target);
    }
    mutation.addedNodes.forEach(walk);
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

export default [];
