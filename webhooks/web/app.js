// shirube web chat: talks to POST /api/v1/chat and draws the LINE message objects it
// returns (text, Flex bubble/carousel, quick replies). No libraries, no network besides
// this server. The user id is random per tab and, with the conversation, kept in
// sessionStorage: a reload keeps the conversation, closing the tab or 「データを消して」
// forgets it, and 「すぐに閉じる」 forgets it and leaves for a neutral page at once.
// The page speaks the conversation's variant (日本語, やさしい日本語, English): the switch in the
// header sends it as `lang`, and every answer's state.lang sets the page's own words.
(function () {
  'use strict';

  var log = document.getElementById('log');
  var choicesBox = document.getElementById('choices');
  var form = document.getElementById('form');
  var input = document.getElementById('text');
  var sendButton = document.getElementById('send');
  var restartButton = document.getElementById('restart');
  var quickExit = document.getElementById('quick-exit');
  var langSwitch = document.getElementById('lang-switch');
  var busy = false;

  var USER_KEY = 'shirube.user';
  var LOG_KEY = 'shirube.log';
  var LANG_KEY = 'shirube.lang';
  var MAX_SAVED = 80;  // entries kept for a reload; older ones are dropped
  var ERASE_WORDS = /^(データを消して|データ削除|データをけして|データを削除して|delete my data|erase my data)$/i;

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }  // blocked: this page only
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    var hex = '';
    for (var j = 0; j < bytes.length; j++) hex += ('0' + bytes[j].toString(16)).slice(-2);
    return 'web-' + hex;
  }

  function loadUser() {
    var s = storage();
    var saved = s && s.getItem(USER_KEY);
    if (saved && /^web-[0-9a-f]{32}$/.test(saved)) return saved;
    var fresh = randomId();
    if (s) { try { s.setItem(USER_KEY, fresh); } catch (e) { /* full: this page only */ } }
    return fresh;
  }

  var userId = loadUser();

  // ---- the page's own words, in the three variants -----------------------------------------

  var STRINGS = {
    ja: {
      tagline: 'こまったときの相談先をさがします', restart: 'はじめから', quickExit: 'すぐに閉じる',
      safetySummary: 'このページを見られたくないとき',
      safety1: '「すぐに閉じる」を押すと、すぐに別のページに変わり、この会話も画面から消えます。',
      safety2: '会話はこのタブの中だけに残り、タブを閉じると消えます。「データを消して」と送ると、すぐに消せます。ブラウザの履歴からも、このページを消しておくと安心です。',
      log: '会話',
      intro1: 'しるべは、自動で答えるチャットです。人が読んでいるわけではありません。緊急の通報先でもありません。',
      intro2: 'いま危ないときは、すぐに電話してください。',
      call110: '110 警察', call110Label: '警察（110番）に電話する',
      call119: '119 救急・消防', call119Label: '救急・消防（119番）に電話する',
      intro3: 'つらい気持ちを、いま話したいとき（24時間）：',
      callYorisoi: '0120-279-338 よりそいホットライン', callYorisoiLabel: 'よりそいホットラインに電話する',
      introDate: '番号の出典：政府広報オンライン、市の消防本部と広報紙（最終確認 {date}）',
      choices: 'えらべること', message: 'メッセージ', placeholder: 'ことばで書いても大丈夫です',
      send: '送る', sendLabel: 'メッセージを送る', privacy: '名前や電話番号は書かなくて大丈夫です。',
      typing: '考えています',
      errorBad: 'うまく受けとれませんでした。ことばを短くするか、下のボタンをえらんでください。',
      errorNet: 'つながりませんでした。少し待ってから、もう一度ためしてください。',
      swipe: '← 横にうごかすと、ほかの相談先も見られます', moreLines: 'ほかの電話・窓口を見る',
      places: '相談先', call: '{name}に電話する', callNumber: '{name}に電話する（{number}）',
      open: '{name}をひらく（別のタブ）'
    },
    easy: {
      tagline: 'こまった ときに 相談できる ところを さがします', restart: 'はじめから',
      quickExit: 'すぐに とじる', safetySummary: 'この ページを 見られたく ない とき',
      safety1: '「すぐに とじる」を 押すと、すぐに ほかの ページに 変わります。この 会話も 消えます。',
      safety2: '会話は この タブの 中だけに あります。タブを とじると 消えます。「データを消して」と 送ると、すぐに 消せます。',
      log: '会話',
      intro1: 'しるべは 自動で 答える チャットです。人は 読んで いません。110番や 119番の かわりには なりません。',
      intro2: 'いま あぶない ときは、すぐに 電話して ください。',
      call110: '110 警察', call110Label: '警察（110番）に 電話する',
      call119: '119 救急・消防', call119Label: '救急・消防（119番）に 電話する',
      intro3: 'つらい 気持ちを いま 話したい とき（24時間）：',
      callYorisoi: '0120-279-338 よりそいホットライン', callYorisoiLabel: 'よりそいホットラインに 電話する',
      introDate: '番号の もと：政府広報オンライン、市の 消防本部と 広報紙（{date}に たしかめました）',
      choices: 'えらべる こと', message: 'メッセージ', placeholder: 'ことばで 書いても 大丈夫です',
      send: '送る', sendLabel: 'メッセージを 送る', privacy: '名前や 電話番号は 書かなくて いいです。',
      typing: '考えて います',
      errorBad: 'うまく 受け取れませんでした。ことばを 短く して ください。下の ボタンを えらんでも いいです。',
      errorNet: 'つながりませんでした。少し 待ってから、もう 一度 ためして ください。',
      swipe: '← 横に うごかすと、ほかの 相談先も 見られます', moreLines: 'ほかの 電話・窓口を 見る',
      places: '相談先', call: '{name}に 電話する', callNumber: '{name}に 電話する（{number}）',
      open: '{name}を ひらく（べつの タブ）'
    },
    en: {
      tagline: 'Find someone to talk to when you are in trouble', restart: 'Start over',
      quickExit: 'Leave now', safetySummary: 'If you do not want others to see this page',
      safety1: 'Press "Leave now" to switch to another page at once. This conversation disappears from the screen.',
      safety2: 'The conversation stays only in this tab and disappears when you close it. Send "delete my data" to delete it at once. You can also remove this page from your browser history.',
      log: 'Conversation',
      intro1: 'Shirube is an automatic chat. No person reads it. It is not an emergency service.',
      intro2: 'If you are in danger now, please call right away.',
      call110: '110 Police', call110Label: 'Call the police (110)',
      call119: '119 Ambulance / fire', call119Label: 'Call an ambulance or the fire service (119)',
      intro3: 'If you want to talk about how you feel now (24 hours):',
      callYorisoi: '0120-279-338 Yorisoi Hotline', callYorisoiLabel: 'Call Yorisoi Hotline',
      introDate: 'Numbers from: Government PR Online, a city fire department and its newsletter (last checked {date})',
      choices: 'Choices', message: 'Message', placeholder: 'You can write in your own words',
      send: 'Send', sendLabel: 'Send message', privacy: 'You do not need to write your name or phone number.',
      typing: 'Thinking',
      errorBad: 'Sorry, that did not go through. Please write less, or choose a button below.',
      errorNet: 'Could not connect. Please wait a moment and try again.',
      swipe: '← Swipe sideways to see more places', moreLines: 'See other lines',
      places: 'Places', call: 'Call {name}', callNumber: 'Call {name} ({number})',
      open: 'Open {name} (new tab)'
    }
  };

  function savedLang() {
    var s = storage();
    var saved = s && s.getItem(LANG_KEY);
    return STRINGS[saved] ? saved : null;
  }

  var chosenLang = savedLang();  // set by the switch; sent as `lang` until the tab forgets
  var pageLang = chosenLang || 'ja';
  // The date the numbers were checked, as the page was served (the data's date).
  var introDateNode = document.querySelector('[data-i18n="introDate"]');
  var introDate = ((introDateNode && introDateNode.textContent) || '').match(/\d{4}-\d{2}-\d{2}/);

  function t(key, values) {
    var text = (STRINGS[pageLang] || STRINGS.ja)[key] || STRINGS.ja[key] || '';
    Object.keys(values || {}).forEach(function (k) { text = text.replace('{' + k + '}', values[k]); });
    return text;
  }

  function applyLang(lang) {
    if (!STRINGS[lang]) return;
    pageLang = lang;
    document.documentElement.lang = lang === 'en' ? 'en' : 'ja';
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'), { date: introDate ? introDate[0] : '' });
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-aria]'), function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-placeholder]'), function (node) {
      node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder')));
    });
    Array.prototype.forEach.call(langSwitch.querySelectorAll('button'), function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-lang') === lang ? 'true' : 'false');
    });
  }

  function savedLog() {
    var s = storage();
    try {
      var entries = JSON.parse((s && s.getItem(LOG_KEY)) || '[]');
      return Array.isArray(entries) ? entries : [];
    } catch (e) {
      return [];
    }
  }

  function remember(entry) {
    var s = storage();
    if (!s) return;
    var entries = savedLog();
    entries.push(entry);
    if (entries.length > MAX_SAVED) entries = entries.slice(entries.length - MAX_SAVED);
    try { s.setItem(LOG_KEY, JSON.stringify(entries)); } catch (e) { /* full: keep what is there */ }
  }

  function forget() {
    var s = storage();
    if (s) {
      try { s.removeItem(LOG_KEY); s.removeItem(USER_KEY); s.removeItem(LANG_KEY); } catch (e) { /* nothing kept */ }
    }
  }

  // Everything after the first message (which is part of the page) is the conversation.
  function clearLog() {
    var intro = document.getElementById('intro');
    Array.prototype.slice.call(log.children).forEach(function (row) {
      if (row !== intro) row.remove();
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function scrollToEnd() {
    window.requestAnimationFrame(function () { log.scrollTop = log.scrollHeight; });
  }

  function addRow(side, child) {
    var row = el('div', 'row ' + side);
    row.appendChild(child);
    log.appendChild(row);
    scrollToEnd();
    return row;
  }

  function safeUri(uri) {
    if (typeof uri !== 'string') return null;
    return /^(tel:|https:\/\/|http:\/\/)/i.test(uri) ? uri : null;
  }

  // ---- Flex -------------------------------------------------------------------------------

  var COLORS = /^#[0-9A-Fa-f]{6}$/;
  // The crisis lines' headings and alt text, in every variant (bot/data/texts.json crisis.*).
  var CRISIS_TITLES = /^(いますぐ\s?相談|ほかの\s?電話|Talk to someone now|Other lines)/;
  var CRISIS_ALT = /^(いますぐ\s?相談\s?できる|Lines you can call now)/;

  function flexText(c) {
    var link = c.action && c.action.type === 'uri' ? safeUri(c.action.uri) : null;
    if (link && !/^tel:/i.test(link)) {
      // A source title: it opens the page it names.
      var p = el('p', 'fx-text fx-' + (c.size || 'md'));
      var a = el('a', 'fx-link', c.text || '');
      a.href = link;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      p.appendChild(a);
      return p;
    }
    var t = el('p', 'fx-text fx-' + (c.size || 'md'), c.text || '');
    if (c.weight === 'bold') t.classList.add('fx-bold');
    if (c.color && COLORS.test(c.color)) t.style.color = c.color;
    return t;
  }

  // What a button does, said in full for screen readers: 「よりそいホットラインに電話する」.
  // `title` is the name on the card the button belongs to ('' for the crisis lines, whose
  // labels are "<number> <name>").
  function accessibleName(label, uri, title) {
    var m = /^([0-9#][0-9-]*)\s+(.+)$/.exec(label);
    var name = title || (m ? m[2] : label.replace(/^(ひらく|Open)\s*/, ''));
    if (!/^tel:/i.test(uri)) return t('open', { name: name });
    var number = m ? m[1] : uri.slice(4);
    return name.indexOf(number) < 0 ? t('callNumber', { name: name, number: number })
      : t('call', { name: name });
  }

  // A button that answers in the conversation (the language switch of the first screen).
  function postbackButton(action) {
    var b = el('button', 'fx-postback', action.label || '');
    b.type = 'button';
    b.addEventListener('click', function () {
      send({ postback: action.data }, action.displayText || action.label);
    });
    return b;
  }

  function flexButton(c, title) {
    var action = c.action || {};
    if (action.type === 'postback' && action.data) return postbackButton(action);
    var uri = safeUri(action.uri);
    if (!uri) return el('p', 'fx-text fx-sm', action.label || '');
    var a = el('a', 'fx-button', action.label || '');
    a.href = uri;
    a.setAttribute('aria-label', accessibleName(action.label || '', uri, title || ''));
    if (/^tel:/i.test(uri)) {
      a.classList.add('fx-tel');
    } else {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
    if (c.color && COLORS.test(c.color) && c.style === 'primary') a.style.backgroundColor = c.color;
    return a;
  }

  function flexComponent(c, title) {
    if (!c || typeof c !== 'object') return null;
    switch (c.type) {
      case 'text': return flexText(c);
      case 'button': return flexButton(c, title);
      case 'separator': return el('hr', 'fx-separator');
      case 'box': return flexBox(c, 'fx-box', title);
      default: return null;
    }
  }

  function flexBox(box, className, title) {
    var div = el('div', className + ' fx-' + (box.layout || 'vertical'));
    (box.contents || []).forEach(function (c) {
      var node = flexComponent(c, title);
      if (node) div.appendChild(node);
    });
    return div;
  }

  // The card's name: its first large bold text (a result card), '' for the crisis lines.
  function bubbleTitle(bubble) {
    var contents = (bubble.body && bubble.body.contents) || [];
    for (var i = 0; i < contents.length; i++) {
      var c = contents[i];
      if (c && c.type === 'text' && c.weight === 'bold' && c.size === 'md') {
        return CRISIS_TITLES.test(c.text || '') ? '' : (c.text || '');
      }
    }
    return '';
  }

  function flexBubble(bubble) {
    var card = el('article', 'card');
    var title = bubbleTitle(bubble);
    if (title) card.setAttribute('aria-label', title);
    if (bubble.body) card.appendChild(flexBox(bubble.body, 'card-body', title));
    if (bubble.footer) card.appendChild(flexBox(bubble.footer, 'card-footer', title));
    return card;
  }

  // The crisis lines: the first bubble (three buttons at most) in full, the other lines behind
  // one tap (「ほかの電話・窓口」).
  function renderCrisis(contents) {
    var bubbles = contents.type === 'carousel' ? (contents.contents || []) : [contents];
    var first = flexBubble(bubbles[0] || {});
    first.classList.add('card-single');
    var row = addRow('bot', first);
    if (bubbles.length > 1) {
      var more = el('details', 'more-lines');
      more.appendChild(el('summary', null, t('moreLines')));
      for (var i = 1; i < bubbles.length; i++) {
        var b = flexBubble(bubbles[i]);
        b.classList.add('card-single');
        more.appendChild(b);
      }
      row.appendChild(more);
    }
  }

  function renderFlex(message) {
    var contents = message.contents || {};
    if (CRISIS_ALT.test(message.altText || '')) {
      renderCrisis(contents);
      return;
    }
    if (contents.type === 'carousel') {
      var strip = el('div', 'carousel');
      strip.setAttribute('role', 'group');
      strip.setAttribute('aria-label', message.altText || t('places'));
      (contents.contents || []).forEach(function (b) { strip.appendChild(flexBubble(b)); });
      var row = addRow('bot wide', strip);
      if ((contents.contents || []).length > 1) {
        row.appendChild(el('p', 'hint', t('swipe')));
      }
      return;
    }
    var single = flexBubble(contents);
    single.classList.add('card-single');
    addRow('bot', single);
  }

  // ---- messages and quick replies -------------------------------------------------------

  function renderMessages(messages) {
    var quick = null;
    (messages || []).forEach(function (m) {
      if (m.type === 'text') {
        addRow('bot', el('div', 'bubble bot-bubble', m.text));
      } else if (m.type === 'flex') {
        renderFlex(m);
      }
      if (m.quickReply && m.quickReply.items) quick = m.quickReply.items;
    });
    renderChoices(quick || []);
  }

  function renderChoices(items) {
    choicesBox.textContent = '';
    items.forEach(function (item) {
      var action = item.action || {};
      if (action.type !== 'postback' || !action.data) return;
      var b = el('button', 'chip', action.label || '');
      b.type = 'button';
      if (action.data === 'n=crisis') b.classList.add('chip-urgent');
      b.addEventListener('click', function () {
        send({ postback: action.data }, action.displayText || action.label);
      });
      choicesBox.appendChild(b);
    });
    choicesBox.hidden = choicesBox.childElementCount === 0;
  }

  function showTyping() {
    var dots = el('div', 'bubble bot-bubble typing');
    dots.setAttribute('aria-label', t('typing'));
    for (var i = 0; i < 3; i++) dots.appendChild(el('span', 'dot'));
    return addRow('bot', dots);
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    restartButton.disabled = value;
    Array.prototype.forEach.call(choicesBox.querySelectorAll('button'), function (b) {
      b.disabled = value;
    });
  }

  function isErase(payload) {
    return payload.postback === 'nav=erase' ||
      (payload.text !== undefined && ERASE_WORDS.test(payload.text.trim()));
  }

  function send(payload, shownText) {
    if (busy) return;
    if (shownText) {
      addRow('me', el('div', 'bubble me-bubble', shownText));
      remember({ me: shownText });
    }
    setBusy(true);
    var typing = showTyping();
    var body = { user: userId };
    if (payload.text !== undefined) body.text = payload.text;
    else body.postback = payload.postback;
    if (chosenLang) body.lang = chosenLang;
    var erasing = isErase(payload);
    fetch('/api/v1/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin'
    }).then(function (res) {
      return res.json().then(function (data) { return { ok: res.ok, data: data }; });
    }).then(function (r) {
      typing.remove();
      setBusy(false);
      if (!r.ok) {
        addRow('bot', el('div', 'bubble bot-bubble error', t('errorBad')));
        return;
      }
      var crisis = !!(r.data.state && r.data.state.crisis);
      var lang = r.data.state && r.data.state.lang;
      if (erasing) {
        // The server forgot this person; the tab forgets the conversation, the id and the
        // chosen language too.
        forget();
        clearLog();
        userId = loadUser();
        chosenLang = null;
      } else {
        remember({ bot: r.data.messages, crisis: crisis, lang: lang });
      }
      if (STRINGS[lang]) applyLang(lang);
      renderMessages(r.data.messages);
      document.body.classList.toggle('crisis', crisis);
    }).catch(function () {
      typing.remove();
      setBusy(false);
      addRow('bot', el('div', 'bubble bot-bubble error', t('errorNet')));
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    autosize();
    send({ text: text }, text);
  });

  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit'));
    }
  });

  function autosize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 120) + 'px';
    input.style.overflowY = input.scrollHeight > 120 ? 'auto' : 'hidden';
  }
  input.addEventListener('input', autosize);

  restartButton.addEventListener('click', function () {
    send({ postback: 'nav=top' }, t('restart'));
  });

  // The switch: the chosen variant holds for the conversation; the answer is the same step in it.
  Array.prototype.forEach.call(langSwitch.querySelectorAll('button'), function (b) {
    b.addEventListener('click', function () {
      var lang = b.getAttribute('data-lang');
      if (busy || !STRINGS[lang]) return;
      chosenLang = lang;
      var s = storage();
      if (s) { try { s.setItem(LANG_KEY, lang); } catch (e) { /* this page only */ } }
      applyLang(lang);
      send({ postback: 'lang=' + lang }, b.textContent);
    });
  });
  langSwitch.hidden = false;  // it needs JavaScript

  // すぐに閉じる: forget the conversation and replace this page (it leaves no step in the
  // history to come back to). Without JavaScript the link still leaves.
  quickExit.addEventListener('click', function (e) {
    e.preventDefault();
    forget();
    clearLog();
    window.location.replace(quickExit.href);
  });

  // A reload shows the conversation so far, in its language; a new tab starts at the first
  // question.
  var saved = savedLog();
  for (var k = saved.length - 1; k >= 0; k--) {
    if (saved[k] && STRINGS[saved[k].lang]) { pageLang = saved[k].lang; break; }
  }
  applyLang(pageLang);
  if (saved.length > 0) {
    var last = null;
    saved.forEach(function (entry) {
      if (entry && typeof entry.me === 'string') {
        addRow('me', el('div', 'bubble me-bubble', entry.me));
      } else if (entry && Array.isArray(entry.bot)) {
        renderMessages(entry.bot);
        last = entry;
      }
    });
    document.body.classList.toggle('crisis', !!(last && last.crisis));
  } else {
    send({ postback: 'nav=top' }, null);
  }
})();
