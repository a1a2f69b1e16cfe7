// The food-support page of the worker console: the organisation's applications, one opened at
// a time, and the next status. Everything from the server goes on the page with textContent.
(function () {
  'use strict';
  const { $, el, status, token, forgetToken, tokenBox } = window.shirubeConsole;
  const STATUS = { received: '受付', contacted: '連絡済み', handed_over: 'お渡し済み',
    closed: '終了', cancelled: 'とりけし' };
  const NEXT = { received: ['contacted', 'closed'], contacted: ['handed_over', 'closed'],
    handed_over: ['closed'], closed: [], cancelled: [] };
  const CONTACT = { line: 'LINE', phone: '電話', email: 'メール' };
  const DELIVERY = { delivery: '送ってほしい', pickup: '取りに行ける' };
  let page = 1;

  async function call(url, options) {
    const opts = options || {};
    opts.headers = Object.assign({ Accept: 'application/json',
      Authorization: 'Bearer ' + token() }, opts.headers || {});
    const res = await fetch(url, opts);
    if (res.status === 401) forgetToken();
    if (url.endsWith('.csv')) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.blob();
    }
    const body = await res.json();
    if (!res.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + res.status);
    return body;
  }

  async function load(more) {
    if (!token()) { status('トークンを入れてください。', true); return; }
    page = more ? page + 1 : 1;
    const p = new URLSearchParams({ page: String(page), per_page: '20' });
    if ($('filter').value) p.set('status', $('filter').value);
    status('読み込み中…');
    try {
      const body = await call('/api/v1/food-requests?' + p.toString());
      if (!more) $('requests').textContent = '';
      for (const item of body.items) $('requests').appendChild(row(item));
      status(body.total + '件');
      $('pager').hidden = page * 20 >= body.total;
    } catch (e) {
      status(e.message, true);
    }
  }

  function row(item) {
    const li = el('li', 'result');
    li.dataset.ref = item.ref;
    const head = el('div', 'name');
    head.appendChild(el('span', 'ref', item.ref + ' '));
    head.appendChild(el('span', 'badge status-' + item.status, STATUS[item.status] || item.status));
    li.appendChild(head);
    li.appendChild(el('div', 'meta', item.created_at.slice(0, 10) + ' ' + item.municipality +
      ' ' + item.household + '人 ' + (DELIVERY[item.delivery] || '')));
    const open = el('button', 'open', 'ひらく');
    open.type = 'button';
    open.addEventListener('click', () => show(item.ref));
    li.appendChild(open);
    return li;
  }

  async function show(ref) {
    try {
      const r = await call('/api/v1/food-requests/' + encodeURIComponent(ref));
      $('detail').hidden = false;
      $('detail-ref').textContent = r.ref + '（' + (STATUS[r.status] || r.status) + '）';
      const dl = $('detail-fields');
      dl.textContent = '';
      const rows = [['受付日時', r.created_at], ['同意日時', r.consent_at],
        ['ニックネーム', r.nickname], ['年代', r.age_group],
        ['お住まい', r.municipality], ['自立する前', r.left_care],
        ['人数', r.household + '人'], ['アレルギーなど', r.allergies],
        ['連絡方法', CONTACT[r.contact.method] || r.contact.method],
        ['連絡先', r.contact.value], ['受け取り方', DELIVERY[r.delivery] || r.delivery],
        ['ほかに困っていること', r.worries]];
      for (const [k, v] of rows) {
        dl.appendChild(el('dt', null, k));
        dl.appendChild(el('dd', null, v || 'なし'));
      }
      $('detail-note').value = r.note || '';
      const actions = $('detail-actions');
      actions.textContent = '';
      for (const next of NEXT[r.status] || []) {
        const b = el('button', next === 'closed' ? '' : 'primary', STATUS[next] + 'にする');
        b.type = 'button';
        b.dataset.status = next;
        b.addEventListener('click', () => update(r.ref, { status: next, note: $('detail-note').value }));
        actions.appendChild(b);
      }
      const save = el('button', '', 'メモだけ保存');
      save.type = 'button';
      save.addEventListener('click', () => update(r.ref, { note: $('detail-note').value }));
      actions.appendChild(save);
    } catch (e) {
      status(e.message, true);
    }
  }

  async function update(ref, body) {
    try {
      const r = await call('/api/v1/food-requests/' + encodeURIComponent(ref), {
        method: 'PATCH', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body) });
      status(r.ref + ': ' + (STATUS[r.status] || r.status) + 'にしました');
      await show(r.ref);
      await load(false);
    } catch (e) {
      status(e.message, true);
    }
  }

  async function csv(ev) {
    ev.preventDefault();
    try {
      const blob = await call('/api/v1/food-requests.csv');
      const a = el('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'food-requests.csv';
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      status(e.message, true);
    }
  }

  tokenBox(() => load(false));
  $('load').addEventListener('click', () => load(false));
  $('more').addEventListener('click', () => load(true));
  $('csv').addEventListener('click', csv);
  if (token()) load(false);
})();
