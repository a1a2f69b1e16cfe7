// shirube web chat: talks to POST /api/v1/chat and draws the LINE message objects it
// returns (text, Flex bubble/carousel, quick replies). No libraries, no network besides
// this server. The user id is random per browser and kept in localStorage.
(function () {
  'use strict';

  var log = document.getElementById('log');
  var choicesBox = document.getElementById('choices');
  var form = document.getElementById('form');
  var input = document.getElementById('text');
  var sendButton = document.getElementById('send');
  var restartButton = document.getElementById('restart');
  var busy = false;

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

  var userId = (function () {
    var key = 'shirube.user';
    try {
      var saved = window.localStorage.getItem(key);
      if (saved && /^web-[0-9a-f]{32}$/.test(saved)) return saved;
      var fresh = randomId();
      window.localStorage.setItem(key, fresh);
      return fresh;
    } catch (e) {
      return randomId();  // storage blocked: this tab only
    }
  })();

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

  function flexButton(c) {
    var action = c.action || {};
    var uri = safeUri(action.uri);
    if (!uri) return el('p', 'fx-text fx-sm', action.label || '');
    var a = el('a', 'fx-button', action.label || '');
    a.href = uri;
    if (/^tel:/i.test(uri)) {
      a.classList.add('fx-tel');
    } else {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
    if (c.color && COLORS.test(c.color) && c.style === 'primary') a.style.backgroundColor = c.color;
    return a;
  }

  function flexComponent(c) {
    if (!c || typeof c !== 'object') return null;
    switch (c.type) {
      case 'text': return flexText(c);
      case 'button': return flexButton(c);
      case 'separator': return el('hr', 'fx-separator');
      case 'box': return flexBox(c, 'fx-box');
      default: return null;
    }
  }

  function flexBox(box, className) {
    var div = el('div', className + ' fx-' + (box.layout || 'vertical'));
    (box.contents || []).forEach(function (c) {
      var node = flexComponent(c);
      if (node) div.appendChild(node);
    });
    return div;
  }

  function flexBubble(bubble) {
    var card = el('article', 'card');
    if (bubble.body) card.appendChild(flexBox(bubble.body, 'card-body'));
    if (bubble.footer) card.appendChild(flexBox(bubble.footer, 'card-footer'));
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

  function send(payload, shownText) {
    if (busy) return;
    if (shownText) addRow('me', el('div', 'bubble me-bubble', shownText));
    setBusy(true);
    var typing = showTyping();
    var body = { user: userId };
    if (payload.text !== undefined) body.text = payload.text;
    else body.postback = payload.postback;
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
      renderMessages(r.data.messages);
      document.body.classList.toggle('crisis', !!(r.data.state && r.data.state.crisis));
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

  send({ postback: 'nav=top' }, null);
})();
