// shirube web chat: talks to POST /api/v1/chat and draws the LINE message objects it
// returns (text, Flex bubble/carousel, quick replies). No libraries, no network besides
// this server. The user id is random per tab and, with the conversation, kept in
// sessionStorage: a reload keeps the conversation, closing the tab or 「データを消して」
// forgets it, and 「すぐに閉じる」 forgets it and leaves for a neutral page at once.
(function () {
  'use strict';

  var log = document.getElementById('log');
  var choicesBox = document.getElementById('choices');
  var form = document.getElementById('form');
  var input = document.getElementById('text');
  var sendButton = document.getElementById('send');
  var restartButton = document.getElementById('restart');
  var quickExit = document.getElementById('quick-exit');
  var busy = false;

  var USER_KEY = 'shirube.user';
  var LOG_KEY = 'shirube.log';
  var MAX_SAVED = 80;  // entries kept for a reload; older ones are dropped
  var ERASE_WORDS = /^(データを消して|データ削除|データをけして|データを削除して)$/;

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
    if (s) { try { s.removeItem(LOG_KEY); s.removeItem(USER_KEY); } catch (e) { /* nothing kept */ } }
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
    var name = title || (m ? m[2] : label.replace(/^ひらく\s*/, ''));
    if (!/^tel:/i.test(uri)) return name + 'をひらく（別のタブ）';
    var number = m ? m[1] : uri.slice(4);
    return name + 'に電話する' + (name.indexOf(number) < 0 ? '（' + number + '）' : '');
  }

  function flexButton(c, title) {
    var action = c.action || {};
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
        return /^いますぐ相談|^ほかの電話/.test(c.text || '') ? '' : (c.text || '');
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
      more.appendChild(el('summary', null, 'ほかの電話・窓口を見る'));
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
    if (/^いますぐ相談できる/.test(message.altText || '')) {
      renderCrisis(contents);
      return;
    }
    if (contents.type === 'carousel') {
      var strip = el('div', 'carousel');
      strip.setAttribute('role', 'group');
      strip.setAttribute('aria-label', message.altText || '相談先');
      (contents.contents || []).forEach(function (b) { strip.appendChild(flexBubble(b)); });
      var row = addRow('bot wide', strip);
      if ((contents.contents || []).length > 1) {
        row.appendChild(el('p', 'hint', '← 横にうごかすと、ほかの相談先も見られます'));
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
    dots.setAttribute('aria-label', '考えています');
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
        addRow('bot', el('div', 'bubble bot-bubble error',
          'うまく受けとれませんでした。ことばを短くするか、下のボタンをえらんでください。'));
        return;
      }
      var crisis = !!(r.data.state && r.data.state.crisis);
      if (erasing) {
        // The server forgot this person; the tab forgets the conversation and the id too.
        forget();
        clearLog();
        userId = loadUser();
      } else {
        remember({ bot: r.data.messages, crisis: crisis });
      }
      renderMessages(r.data.messages);
      document.body.classList.toggle('crisis', crisis);
    }).catch(function () {
      typing.remove();
      setBusy(false);
      addRow('bot', el('div', 'bubble bot-bubble error',
        'つながりませんでした。少し待ってから、もう一度ためしてください。'));
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
    send({ postback: 'nav=top' }, 'はじめから');
  });

  // すぐに閉じる: forget the conversation and replace this page (it leaves no step in the
  // history to come back to). Without JavaScript the link still leaves.
  quickExit.addEventListener('click', function (e) {
    e.preventDefault();
    forget();
    clearLog();
    window.location.replace(quickExit.href);
  });

  // A reload shows the conversation so far; a new tab starts at the first question.
  var saved = savedLog();
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
