#!/usr/bin/env python3
"""Browser test of the web chat page, driven through Debian's chromedriver.

Starts the real `shirube serve --port 0 --db <temp>/shirube.db`, opens the page in headless
Chromium at phone size (390x844), taps 食べ物 -> an area (関東 -> 東京都, or 全国 when the
tree offers no region) and waits for a result card. Saves a screenshot to
<artifacts>/webchat.png (webchat-failure.png when it fails). Exit 0 on success, 1 on
failure, 2 on bad usage. Only the Python standard library: WebDriver is plain HTTP + JSON.

With --crisis it then writes 「死にたい」 and expects the answer to start with tap-to-call
buttons (webchat-crisis.png).

With --english it then presses English in the page's language switch: the same answer comes
again in English with the page's own words in English, 戻る and 最初から work in English, the
first screen offers 日本語 and やさしい日本語, and no text of the bot's own after the switch is a
Japanese-only sentence (webchat-en.png).

With --phone it checks what a real phone needs: the page as served (no JavaScript) holds the
first message with 110, 119 and a 24-hour line; every control has a name; nothing scrolls
sideways at 390 px (webchat-390.png), at 200% zoom (195 CSS px at scale 2,
webchat-zoom200.png) or with text at 200% (webchat-text200.png); the conversation survives a
reload; 「データを消して」 clears it; 「すぐに閉じる」 replaces the page without a history step.

With --axe AXE_MIN_JS it runs axe-core in the page on the first screen, the result cards and
(with --crisis) the crisis answer; a serious or critical violation fails, and every finding is
written to <artifacts>/webchat-axe.json.

usage: webchat_test.py --binary PATH --artifacts DIR [--crisis | --phone | --english]
                       [--axe AXE_MIN_JS] [--chromedriver PATH] [--chromium PATH]
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

STEP_TIMEOUT = 40.0  # seconds per wait; generous because the machine is shared


class TestFailure(Exception):
    pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_json(method, url, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json; charset=utf-8")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return json.loads(res.read().decode("utf-8") or "{}")
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace")[:500]
        raise TestFailure(f"{method} {url} -> HTTP {e.code}: {detail}") from None


class WebDriver:
    """The few W3C WebDriver commands this test needs."""

    def __init__(self, base, chromium, user_data_dir):
        self.base = base
        args = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={user_data_dir}", "--window-size=390,844", "--lang=ja",
            "--disable-dev-shm-usage",
        ]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}}
        res = http_json("POST", f"{base}/session", caps, timeout=120)
        self.session = res["value"]["sessionId"]
        self.url = f"{base}/session/{self.session}"

    def cmd(self, method, path, body=None):
        return http_json(method, self.url + path, body)["value"]

    def quit(self):
        try:
            http_json("DELETE", self.url, timeout=30)
        except Exception:  # noqa: BLE001 - best effort during cleanup
            pass

    def set_window(self, width, height):
        self.cmd("POST", "/window/rect", {"width": width, "height": height})

    def get(self, url):
        self.cmd("POST", "/url", {"url": url})

    def script(self, source, *args):
        return self.cmd("POST", "/execute/sync", {"script": source, "args": list(args)})

    def script_async(self, source, *args):
        return self.cmd("POST", "/execute/async", {"script": source, "args": list(args)})

    def cdp(self, command, params):
        """A Chrome DevTools command through chromedriver (device metrics for zoom)."""
        return self.cmd("POST", "/goog/cdp/execute", {"cmd": command, "params": params})

    def current_url(self):
        return self.cmd("GET", "/url")

    def screenshot(self, path):
        png = base64.b64decode(self.cmd("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)
        return path


def wait_for(what, probe, timeout=STEP_TIMEOUT):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(0.2)
    raise TestFailure(f"timed out waiting for {what} (last: {last!r})")


CHIP_LABELS = "return Array.from(document.querySelectorAll('#choices .chip')).map(b => b.textContent);"

# Clicks the enabled quick-reply chip whose label is `label`; returns true when it did.
CLICK_CHIP = """
const label = arguments[0];
for (const b of document.querySelectorAll('#choices .chip')) {
  if (b.textContent === label && !b.disabled) { b.click(); return true; }
}
return false;
"""

# Result cards in a carousel, with the text people read on each.
CARDS = """
return Array.from(document.querySelectorAll('#log .carousel .card')).map(c => ({
  text: c.innerText,
  links: Array.from(c.querySelectorAll('a.fx-button')).map(a => a.getAttribute('href'))
}));
"""

# Sends free text the way a person does: type into the box, press 送る.
TYPE_AND_SEND = """
const box = document.getElementById('text');
box.value = arguments[0];
box.dispatchEvent(new Event('input'));
document.getElementById('send').click();
return true;
"""

# After the last message the person sent: the kinds of the bot rows, in order, and the
# tap-to-call links of the first one.
AFTER_LAST_ME = """
const rows = Array.from(document.querySelectorAll('#log .row'));
let i = rows.length - 1;
while (i >= 0 && !rows[i].classList.contains('me')) i--;
const after = rows.slice(i + 1).filter(r => !r.querySelector('.typing'));
return after.map(r => ({
  single: !!r.querySelector('.card-single'),
  tel: Array.from(r.querySelectorAll('a[href^="tel:"]')).map(a => a.getAttribute('href')),
  text: r.innerText
}));
"""

ROW_COUNT = "return document.querySelectorAll('#log .row').length;"


def tap(driver, label):
    rows_before = driver.script(ROW_COUNT)
    wait_for(f"a button labelled {label!r}", lambda: driver.script(CLICK_CHIP, label))
    # The answer has arrived when the typing dots are gone and new rows were added.
    wait_for(f"the answer to {label!r}", lambda: driver.script(
        "return !document.querySelector('#log .typing') && "
        "document.querySelectorAll('#log .row').length > arguments[0];", rows_before + 1))


# The bot's text bubbles from row `start` on: sentences with kana or kanji and no Latin letter.
JAPANESE_ONLY = """
const rows = Array.from(document.querySelectorAll('#log .row')).slice(arguments[0]);
const out = [];
for (const r of rows) {
  if (!r.classList.contains('bot')) continue;
  for (const b of r.querySelectorAll('.bot-bubble')) {
    for (const s of (b.innerText || '').split(/(?<=[。.!?\\n])/)) {
      if (/[\\u3040-\\u30ff\\u4e00-\\u9fff]/.test(s) && !/[A-Za-z]/.test(s)) out.push(s.trim());
    }
  }
}
return out;
"""

PAGE_WORDS = """
return {
  lang: document.documentElement.lang,
  placeholder: document.getElementById('text').getAttribute('placeholder'),
  restart: document.getElementById('restart').textContent,
  exit: document.getElementById('quick-exit').textContent,
  intro: document.querySelector('#intro').innerText,
  switches: Array.from(document.querySelectorAll('#log .fx-postback')).map(b => b.textContent)
};
"""


def check_english(driver, args):
    """The page's switch: the same step in English, then back and the first screen."""
    first_row = rows_before = driver.script(ROW_COUNT)
    driver.script("document.querySelector('#lang-switch button[data-lang=\"en\"]').click();"
                  "return true;")
    wait_idle(driver, rows_before + 1)
    texts = driver.script("return Array.from(document.querySelectorAll('#log .bot-bubble'))"
                          ".map(b => b.innerText);")
    if not any("I will answer in English." in t for t in texts):
        raise TestFailure(f"no English answer after the switch: {texts[-3:]!r}")
    cards = wait_for("the result cards in English", lambda: [
        c for c in (driver.script(CARDS) or []) if "Contact:" in c["text"]])
    for needed in ("Contact:", "Hours:", "Source:"):
        if needed not in cards[0]["text"]:
            raise TestFailure(f"the English card lacks {needed!r}: {cards[0]['text']!r}")
    words = driver.script(PAGE_WORDS)
    if (words["lang"] != "en" or words["placeholder"] != "You can write in your own words"
            or words["restart"] != "Start over" or words["exit"] != "Leave now"
            or "If you are in danger now" not in words["intro"]):
        raise TestFailure(f"the page's own words are not in English: {words!r}")
    tap(driver, "Back")
    labels = driver.script(CHIP_LABELS)
    if "Nationwide is fine" not in labels and "Tokyo" not in labels:
        raise TestFailure(f"戻る did not lead back to the area in English: {labels!r}")
    rows_before = driver.script(ROW_COUNT)
    driver.script("document.getElementById('restart').click(); return true;")
    wait_idle(driver, rows_before + 1)
    wait_for("the first menu in English", lambda: "Food" in (driver.script(CHIP_LABELS) or []))
    switches = driver.script(PAGE_WORDS)["switches"]
    if "日本語" not in switches or "やさしい日本語" not in switches:
        raise TestFailure(f"the first screen does not offer the other variants: {switches!r}")
    japanese = driver.script(JAPANESE_ONLY, first_row)
    if japanese:
        raise TestFailure(f"Japanese-only sentences in English replies: {japanese!r}")
    shot = driver.screenshot(os.path.join(args.artifacts, "webchat-en.png"))
    print(f"ok: English answers, page words and first screen; screenshot {shot}")


def check_crisis(driver, args):
    """Free text 「死にたい」 in the middle of a flow: tap-to-call buttons come first."""
    rows_before = driver.script(ROW_COUNT)
    driver.script(TYPE_AND_SEND, "死にたい")
    wait_for("the crisis answer", lambda: driver.script(
        "return !document.querySelector('#log .typing') && "
        "document.querySelectorAll('#log .row').length > arguments[0];", rows_before + 1))
    rows = driver.script(AFTER_LAST_ME)
    if not rows or not rows[0]["single"] or not rows[0]["tel"]:
        raise TestFailure(f"the crisis answer does not start with call buttons: {rows!r}")
    driver.script("window.scrollTo(0, 0); const rows = document.querySelectorAll('#log .row.me');"
                  "rows[rows.length - 1].scrollIntoView({block: 'start'});")
    time.sleep(0.3)
    shot = driver.screenshot(os.path.join(args.artifacts, "webchat-crisis.png"))
    print(f"ok: crisis answer starts with {len(rows[0]['tel'])} call button(s); screenshot {shot}")


# Controls without a name a screen reader can say (aria-label, a label or their text).
UNNAMED_CONTROLS = """
const out = [];
for (const c of document.querySelectorAll('a, button, textarea, summary')) {
  let name = (c.getAttribute('aria-label') || '').trim() || (c.textContent || '').trim();
  if (!name && c.id) {
    const label = document.querySelector('label[for="' + c.id + '"]');
    name = label ? label.textContent.trim() : '';
  }
  if (!name) out.push(c.outerHTML.slice(0, 80));
}
return out;
"""

# Sideways overflow: the page wider than the viewport, or a control cut off on the right.
OVERFLOW = """
const w = window.innerWidth;
const out = [];
if (document.documentElement.scrollWidth > w + 1) out.push('page ' + document.documentElement.scrollWidth + ' > ' + w);
for (const c of document.querySelectorAll('#quick-exit, #restart, #send, #intro .call, #choices .chip')) {
  const r = c.getBoundingClientRect();
  if (r.width > 0 && (r.left < -1 || r.right > w + 1)) out.push(c.textContent.trim() + ' at ' + Math.round(r.left) + '..' + Math.round(r.right));
}
return out;
"""

SAVED_LOG = "return window.sessionStorage.getItem('shirube.log');"


# axe-core's audit of the page as it is now: the violations, with the first nodes of each.
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))
})))).catch(e => done({error: String(e)}));
"""


def audit(driver, args, what, report):
    """Runs axe-core on the page; serious or critical violations fail the test."""
    if not driver.script("return typeof window.axe === 'object';"):
        with open(args.axe, encoding="utf-8") as f:
            driver.script(f.read())
    found = driver.script_async(AXE_RUN)
    if isinstance(found, dict):
        raise TestFailure(f"axe-core did not run on {what}: {found.get('error')}")
    report[what] = found
    bad = [v for v in found if v.get("impact") in ("serious", "critical")]
    if bad:
        lines = "; ".join(f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in bad)
        raise TestFailure(f"accessibility audit of {what}: {lines}")
    others = ", ".join(f"{v['id']} ({v['impact']})" for v in found) or "none"
    print(f"ok: axe-core on {what}: no serious or critical violation (others: {others})")


def wait_idle(driver, rows_before):
    wait_for("the answer", lambda: driver.script(
        "return !document.querySelector('#log .typing') && "
        "document.querySelectorAll('#log .row').length > arguments[0];", rows_before))


def check_no_overflow(driver, what):
    problems = driver.script(OVERFLOW)
    if problems:
        raise TestFailure(f"{what}: content is cut off or scrolls sideways: {problems!r}")


def check_phone(driver, args, base_url):
    """Numbers without JavaScript, names, zoom, reload, erase and quick exit."""
    with urllib.request.urlopen(base_url + "/", timeout=30) as res:
        html = res.read().decode("utf-8")
    for needed in ('href="tel:110"', 'href="tel:119"', 'href="tel:0120279338"', "自動で答える",
                   "人が読んでいるわけではありません", "緊急の通報先でもありません",
                   'id="quick-exit" class="quick-exit" href="https://www.google.co.jp/"'):
        if needed not in html:
            raise TestFailure(f"the page without JavaScript lacks {needed!r}")
    print("ok: the page as served gives 110, 119 and a 24-hour line without JavaScript")

    unnamed = driver.script(UNNAMED_CONTROLS)
    if unnamed:
        raise TestFailure(f"controls without an accessible name: {unnamed!r}")
    names = driver.script("return Array.from(document.querySelectorAll('#log a.fx-button'))"
                          ".map(a => a.getAttribute('aria-label'));")
    if not names or not all(n and ("に電話する" in n or "をひらく" in n) for n in names):
        raise TestFailure(f"a call or open button does not say what it does: {names!r}")
    intro = driver.script("return Array.from(document.querySelectorAll('#intro a'))"
                          ".map(a => a.getAttribute('aria-label'));")
    if "よりそいホットラインに電話する" not in intro:
        raise TestFailure(f"the first message's lines are not named: {intro!r}")
    check_no_overflow(driver, "390 px")
    driver.script("window.scrollTo(0, 0); document.getElementById('log').scrollTop = 0;")
    time.sleep(0.3)
    shot = driver.screenshot(os.path.join(args.artifacts, "webchat-390.png"))
    print(f"ok: 390 px, every control named ({len(names)} call/open buttons); screenshot {shot}")

    # A reload keeps the conversation.
    cards_before = len(driver.script(CARDS))
    driver.get(base_url + "/")
    wait_for("the conversation after a reload",
             lambda: len(driver.script(CARDS)) == cards_before and driver.script(CHIP_LABELS))
    print(f"ok: a reload keeps the conversation ({cards_before} cards)")

    # 200% zoom on a 390 px phone: 195 CSS px drawn at scale 2.
    driver.cdp("Emulation.setDeviceMetricsOverride",
               {"width": 195, "height": 422, "deviceScaleFactor": 2, "mobile": True})
    driver.get(base_url + "/")
    wait_for("the conversation at 200% zoom", lambda: driver.script(CHIP_LABELS))
    check_no_overflow(driver, "200% zoom")
    exit_box = driver.script("const r = document.getElementById('quick-exit').getBoundingClientRect();"
                             "return [r.top, r.bottom, window.innerHeight];")
    if not (exit_box[0] >= 0 and exit_box[1] <= exit_box[2]):
        raise TestFailure(f"すぐに閉じる is off screen at 200% zoom: {exit_box!r}")
    driver.script("window.scrollTo(0, 0);")
    time.sleep(0.3)
    shot = driver.screenshot(os.path.join(args.artifacts, "webchat-zoom200.png"))
    print(f"ok: 200% zoom, nothing cut off, すぐに閉じる on screen; screenshot {shot}")
    driver.cdp("Emulation.clearDeviceMetricsOverride", {})

    # Text at 200% (the reader's own font size): type is in rem, so every text doubles.
    driver.get(base_url + "/")
    wait_for("the conversation", lambda: driver.script(CHIP_LABELS))
    sizes = driver.script(
        "const p = document.querySelector('#intro p');"
        "const before = parseFloat(getComputedStyle(p).fontSize);"
        "document.documentElement.style.fontSize = '200%';"
        "return [before, parseFloat(getComputedStyle(p).fontSize)];")
    if abs(sizes[1] - 2 * sizes[0]) > 0.5:
        raise TestFailure(f"text does not follow the root size (rem): {sizes!r}")
    check_no_overflow(driver, "text at 200%")
    time.sleep(0.3)
    shot = driver.screenshot(os.path.join(args.artifacts, "webchat-text200.png"))
    print(f"ok: text at 200% ({sizes[0]:.0f} -> {sizes[1]:.0f} px), nothing cut off; "
          f"screenshot {shot}")
    driver.script("document.documentElement.style.fontSize = '';")

    # 「データを消して」 clears the conversation here and in the tab's storage.
    if not driver.script(SAVED_LOG):
        raise TestFailure("the conversation was not kept for a reload")
    rows_before = driver.script(ROW_COUNT)
    driver.script(TYPE_AND_SEND, "データを消して")
    wait_for("the erase answer", lambda: driver.script(
        "return !document.querySelector('#log .typing') && !document.querySelector('#log .me');"))
    if driver.script(SAVED_LOG) or driver.script(CARDS):
        raise TestFailure("「データを消して」 left the conversation in the tab")
    driver.get(base_url + "/")
    wait_for("a fresh start", lambda: driver.script(CHIP_LABELS))
    if driver.script(CARDS):
        raise TestFailure("the erased conversation came back after a reload")
    print(f"ok: 「データを消して」 cleared {rows_before} rows and the tab's storage")

    # すぐに閉じる replaces the page: no history step back into the chat. (Pointed at this
    # server so the test needs no network; the page's own target is checked above.)
    length = driver.script("return history.length;")
    driver.script("document.getElementById('quick-exit').href = arguments[0];"
                  "document.getElementById('quick-exit').click(); return true;",
                  base_url + "/healthz?left")
    wait_for("the quick exit", lambda: driver.current_url().endswith("/healthz?left"))
    after = driver.script("return history.length;")
    if after != length:
        raise TestFailure(f"すぐに閉じる added a history step ({length} -> {after})")
    print("ok: すぐに閉じる left at once without a history step")


def start_server(binary, db_dir):
    env = dict(os.environ)
    for name in ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"):
        env.pop(name, None)
    env["SHIRUBE_LINE_API_BASE"] = "http://127.0.0.1:9"  # never reach the real LINE API
    proc = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", "0",
         "--db", os.path.join(db_dir, "shirube.db")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    line = proc.stdout.readline().strip()
    prefix = "shirube: listening on http://"
    if not line.startswith(prefix):
        proc.kill()
        proc.wait()
        raise TestFailure(f"shirube serve did not start (first line: {line!r})")
    return proc, "http://" + line[len(prefix):]


def start_chromedriver(path):
    port = free_port()
    proc = subprocess.Popen([path, f"--port={port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def ready():
        try:
            return http_json("GET", f"{base}/status", timeout=5)["value"].get("ready")
        except (TestFailure, OSError):
            return False

    wait_for("chromedriver", ready, timeout=30)
    return proc, base


def stop(proc, sig=signal.SIGTERM, timeout=20):
    if proc is None or proc.poll() is not None:
        return None if proc is None else proc.returncode
    proc.send_signal(sig)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None


def run(args, work):
    server = chromedriver = driver = None
    code = None
    try:
        server, base_url = start_server(args.binary, work)
        chromedriver, wd_base = start_chromedriver(args.chromedriver)
        driver = WebDriver(wd_base, args.chromium, os.path.join(work, "chromium-profile"))
        driver.set_window(390, 844)
        driver.get(base_url + "/")
        try:
            wait_for("the first menu", lambda: "食べ物" in (driver.script(CHIP_LABELS) or []))
            driver.screenshot(os.path.join(args.artifacts, "webchat-menu.png"))
            axe_report = {}
            if args.axe:
                audit(driver, args, "the first screen", axe_report)
            tap(driver, "食べ物")
            labels = wait_for("the area buttons", lambda: driver.script(CHIP_LABELS))
            if "関東" in labels:
                tap(driver, "関東")
                tap(driver, "東京都")
            else:
                nationwide = [l for l in labels if "全国" in l]
                if not nationwide:
                    raise TestFailure(f"no area to choose among {labels!r}")
                tap(driver, nationwide[0])
            cards = wait_for("a result card", lambda: driver.script(CARDS))
            first = cards[0]["text"]
            for needed in ("連絡先：", "受付時間：", "出典："):
                if needed not in first:
                    raise TestFailure(f"the first card lacks {needed!r}: {first!r}")
            if "最終確認" not in first and "未確認" not in first:
                raise TestFailure(f"the first card does not say when it was verified: {first!r}")
            for card in cards:
                for href in card["links"]:
                    if not (href.startswith("tel:") or href.startswith("https://")
                            or href.startswith("http://")):
                        raise TestFailure(f"a card links to {href!r}")
            driver.script("document.querySelector('#log .carousel').scrollIntoView({block:'end'});")
            time.sleep(0.3)
            shot = driver.screenshot(os.path.join(args.artifacts, "webchat.png"))
            print(f"ok: {len(cards)} result card(s); first: {first.splitlines()[0]!r}; "
                  f"screenshot {shot}")
            if args.axe:
                audit(driver, args, "the result cards", axe_report)
            if args.crisis:
                check_crisis(driver, args)
                if args.axe:
                    audit(driver, args, "the crisis answer", axe_report)
            if args.axe:
                with open(os.path.join(args.artifacts, "webchat-axe.json"), "w",
                          encoding="utf-8") as f:
                    json.dump(axe_report, f, ensure_ascii=False, indent=1)
            if args.phone:
                check_phone(driver, args, base_url)
            if args.english:
                check_english(driver, args)
        except Exception:
            try:
                driver.screenshot(os.path.join(args.artifacts, "webchat-failure.png"))
            except Exception:  # noqa: BLE001 - the original failure matters more
                pass
            raise
    finally:
        if driver is not None:
            driver.quit()
        stop(chromedriver)
        code = stop(server)
    # Reached only when the steps above passed: a clean stop is part of the contract.
    if code != 0:
        raise TestFailure(f"shirube serve exited with {code} on SIGTERM (expected 0)")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", required=True, help="path to the shirube executable")
    p.add_argument("--artifacts", required=True, help="directory for screenshots")
    p.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    p.add_argument("--chromium", default="/usr/bin/chromium")
    p.add_argument("--crisis", action="store_true",
                   help="then write 死にたい and expect tap-to-call buttons first")
    p.add_argument("--english", action="store_true",
                   help="then switch to English and expect the same step, page words and "
                        "first screen in English")
    p.add_argument("--phone", action="store_true",
                   help="then check no-JS numbers, names, 390 px and 200%% zoom, reload, "
                        "erase and quick exit")
    p.add_argument("--axe", metavar="AXE_MIN_JS",
                   help="audit the first screen, the result cards (and with --crisis the "
                        "crisis answer) with this axe-core script; serious or critical "
                        "violations fail")
    args = p.parse_args()
    for path in (args.binary, args.chromedriver, args.chromium):
        if not os.access(path, os.X_OK):
            print(f"webchat_test: {path}: not an executable", file=sys.stderr)
            return 2
    if args.axe and not os.path.isfile(args.axe):
        print(f"webchat_test: {args.axe}: no such file (scripts/install-deps.sh --test "
              f"fetches axe-core)", file=sys.stderr)
        return 2
    os.makedirs(args.artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="shirube-webchat-")
    try:
        run(args, work)
        return 0
    except TestFailure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
