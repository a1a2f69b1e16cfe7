// What the two worker pages (/worker and /worker/food) share: element and status helpers and
// the token box. The token is kept in sessionStorage under one key, so one entry serves both
// pages until the tab is closed. Loaded before each page's own script.
window.shirubeConsole = (function () {
  'use strict';
  const TOKEN_KEY = 'shirube.worker.token';
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function status(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', !!isError);
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function showToken() {
    const has = token() !== '';
    $('token-form').hidden = has;
    $('token-set').hidden = !has;
  }

  function forgetToken() {
    sessionStorage.removeItem(TOKEN_KEY);
    showToken();
  }

  // The token box, built into <section id="token-box" data-hint="...">: a password field with
  // its save button, or "set" with a change button. onSaved runs after a token is saved,
  // onChanged after it is forgotten to enter another.
  function tokenBox(onSaved, onChanged) {
    const box = $('token-box');
    box.appendChild(el('h2', null, 'トークン'));
    const form = el('div');
    form.id = 'token-form';
    const label = el('label', null, '支援者トークン（shirube worker add で発行）');
    label.htmlFor = 'token';
    const inline = el('div', 'inline');
    const input = el('input');
    input.id = 'token';
    input.type = 'password';
    input.autocomplete = 'off';
    input.placeholder = 'shw_...';
    const save = el('button', null, '保存');
    save.id = 'token-save';
    save.type = 'button';
    inline.append(input, save);
    form.append(label, inline, el('p', 'hint', box.dataset.hint));
    const set = el('div');
    set.id = 'token-set';
    set.hidden = true;
    const line = el('p', null, 'トークン設定済み ');
    const change = el('button', 'link', '変更');
    change.id = 'token-change';
    change.type = 'button';
    line.appendChild(change);
    set.appendChild(line);
    box.append(form, set);

    save.addEventListener('click', () => {
      const t = input.value.trim();
      if (!t) return;
      sessionStorage.setItem(TOKEN_KEY, t);
      input.value = '';
      showToken();
      if (onSaved) onSaved();
    });
    change.addEventListener('click', () => {
      forgetToken();
      input.focus();
      if (onChanged) onChanged();
    });
    showToken();
  }

  return { $, el, status, token, showToken, forgetToken, tokenBox };
}());
