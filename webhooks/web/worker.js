// The worker console: search the directory API, pick services, make a referral sheet.
// Everything from the server is put on the page with textContent (never as HTML).
(function () {
  'use strict';
  const { $, el, status, token, forgetToken, tokenBox } = window.shirubeConsole;
  const PREFECTURES = ['北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県',
    '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県',
    '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県',
    '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県',
    '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県',
    '大分県', '宮崎県', '鹿児島県', '沖縄県'];
  const CHANNELS = { phone: '電話', sns: 'SNS', chat: 'チャット', web: 'ウェブ', visit: '窓口・来所' };
  const picked = new Map();  // shirube_id -> name
  let page = 1;
  let lastQuery = '';

  async function getJson(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + res.status);
    return body;
  }

  function query() {
    const p = new URLSearchParams();
    const add = (k, v) => { if (v !== '' && v !== null) p.append(k, v); };
    add('search', $('q').value.trim());
    add('category', $('category').value);
    add('prefecture', $('prefecture').value);
    add('channel', $('channel').value);
    add('age', $('age').value.trim());
    if ($('open-now').checked) add('open_now', 'true');
    if ($('urgent').checked) add('urgent', 'true');
    add('full', 'true');
    add('per_page', '20');
    return p;
  }

  function contactNode(s) {
    const dd = el('dd');
    if (!s.contact) { dd.textContent = '確認できていません'; return dd; }
    const label = CHANNELS[s.channel] ? CHANNELS[s.channel] + '：' : '';
    if (s.phones && s.phones.length > 0) {
      const a = el('a', null, label + s.contact);
      a.href = 'tel:' + s.phones[0].number;
      dd.appendChild(a);
    } else if (s.url) {
      dd.appendChild(document.createTextNode(label));
      const a = el('a', null, s.contact);
      a.href = s.url;
      a.target = '_blank';
      a.rel = 'noopener';
      dd.appendChild(a);
    } else {
      dd.textContent = label + s.contact;
    }
    return dd;
  }

  function resultItem(s) {
    const li = el('li', 'result');
    li.dataset.id = s.shirube_id;
    const pick = el('label', 'pick');
    const box = el('input');
    box.type = 'checkbox';
    box.className = 'pick-box';
    box.checked = picked.has(s.shirube_id);
    li.classList.toggle('picked', box.checked);
    box.addEventListener('change', () => {
      if (box.checked) picked.set(s.shirube_id, s.name); else picked.delete(s.shirube_id);
      li.classList.toggle('picked', box.checked);
      renderTray();
    });
    pick.appendChild(box);
    const h = el('h3', null, s.name);
    if (s.open_now === 'open') h.appendChild(el('span', 'badge open', 'いま受付中'));
    else if (s.open_now === 'closed') h.appendChild(el('span', 'badge closed', '受付時間外'));
    pick.appendChild(h);
    li.appendChild(pick);
    if (s.organization && s.organization.name) li.appendChild(el('p', 'org', s.organization.name));
    const dl = el('dl');
    const row = (k, node) => { dl.appendChild(el('dt', null, k)); dl.appendChild(node); };
    if (s.description) row('内容', el('dd', null, s.description));
    row('連絡先', contactNode(s));
    row('受付時間', el('dd', null, s.hours || '情報なし'));
    if (s.fees_description) row('費用', el('dd', null, s.fees_description));
    const areas = (s.service_areas || []).map((a) => a.name).filter(Boolean).join('、');
    if (areas) row('地域', el('dd', null, areas));
    row('最終確認', el('dd', null, s.assured_date || '未確認'));
    const src = s.source || {};
    row('出典', el('dd', null, [src.title, src.date].filter(Boolean).join('　') || src.url || '不明'));
    li.appendChild(dl);
    return li;
  }

  async function search(more) {
    page = more ? page + 1 : 1;
    const p = query();
    p.set('page', String(page));
    lastQuery = p.toString();
    status('検索中…');
    try {
      const body = await getJson('/api/v1/services?' + lastQuery);
      if (!more) $('results').replaceChildren();
      for (const s of body.contents) $('results').appendChild(resultItem(s));
      status(body.total_items + '件' + (body.total_items > 0 ? '（' + $('results').children.length + '件を表示）' : ''));
      $('pager').hidden = body.last_page;
    } catch (e) {
      status('検索できませんでした：' + e.message, true);
    }
  }

  function renderTray() {
    $('picked-count').textContent = String(picked.size);
    const ul = $('picked');
    ul.replaceChildren();
    for (const name of picked.values()) ul.appendChild(el('li', null, name));
    $('make').disabled = picked.size === 0;
  }

  async function makeSheet() {
    if (!token()) { status('先にトークンを保存してください。', true); $('token').focus(); return; }
    $('make').disabled = true;
    try {
      const res = await fetch('/api/v1/referrals', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token() },
        body: JSON.stringify({ service_ids: Array.from(picked.keys()), note: $('note').value }),
      });
      const body = await res.json();
      if (res.status === 401) {
        forgetToken();
        throw new Error('トークンが無効です。もう一度入力してください。');
      }
      if (!res.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + res.status);
      $('sheet-link').href = body.url;
      $('sheet-expiry').textContent = '（' + body.expires_at.slice(0, 10) + ' まで有効）';
      const text = await fetch(body.text_url);
      $('sheet-text').value = await text.text();
      $('sheet').hidden = false;
      status('案内を作りました。');
    } catch (e) {
      status('案内を作れませんでした：' + e.message, true);
    } finally {
      $('make').disabled = picked.size === 0;
    }
  }

  async function copyText() {
    const area = $('sheet-text');
    try {
      await navigator.clipboard.writeText(area.value);
    } catch (e) {
      area.select();
      document.execCommand('copy');
    }
    $('copied').textContent = 'コピーしました';
  }

  async function loadCategories() {
    try {
      const body = await getJson('/api/v1/taxonomy_terms?top_only=true&per_page=100&taxonomy_id=shirube_category');
      for (const t of body.contents) {
        const o = el('option', null, t.name);
        o.value = t.code.replace(/^category:/, '');
        $('category').appendChild(o);
      }
    } catch (e) {
      status('分野を読み込めませんでした：' + e.message, true);
    }
  }

  for (const name of PREFECTURES) {
    const o = el('option', null, name);
    o.value = name;
    $('prefecture').appendChild(o);
  }
  tokenBox();
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); search(false); });
  $('more').addEventListener('click', () => search(true));
  $('make').addEventListener('click', makeSheet);
  $('copy').addEventListener('click', copyText);
  renderTray();
  loadCategories();
}());
