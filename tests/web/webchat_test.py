#!/usr/bin/env python3
"""Browser test of the web chat page, driven through Debian's chromedriver.

Starts the real `shirube serve --port 0 --db <temp>/shirube.db`, opens the page in headless
Chromium at phone size (390x844), taps 食べ物 -> an area (関東 -> 東京都, or 全国 when the
tree offers no region) and waits for a result card. Saves a screenshot to
<artifacts>/webchat.png (webchat-failure.png when it fails). Exit 0 on success, 1 on
failure, 2 on bad usage. Only the Python standard library: WebDriver is plain HTTP + JSON.

With --crisis it then writes 「死にたい」 and expects the answer to start with tap-to-call
buttons (webchat-crisis.png).

usage: webchat_test.py --binary PATH --artifacts DIR [--crisis] [--chromedriver PATH]
                       [--chromium PATH]
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
            if args.crisis:
                check_crisis(driver, args)
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
    args = p.parse_args()
    for path in (args.binary, args.chromedriver, args.chromium):
        if not os.access(path, os.X_OK):
            print(f"webchat_test: {path}: not an executable", file=sys.stderr)
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
