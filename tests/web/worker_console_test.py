#!/usr/bin/env python3
"""Browser test of the /worker console, driven through Debian's chromedriver.

Makes a worker account with `shirube worker add`, starts the real `shirube serve --port 0`,
opens /worker in headless Chromium at phone size (390x844), enters the token once, searches
食べ物 in 山梨県, picks two results, makes the referral sheet and checks its text and its
printable page. Screenshots go to <artifacts>/worker-console.png (worker-console-failure.png
when it fails). Exit 0 on success, 1 on failure, 2 on bad usage. Reuses the WebDriver and
process helpers of webchat_test.py (standard library only).

usage: worker_console_test.py --binary PATH --artifacts DIR [--chromedriver PATH]
                              [--chromium PATH]
"""

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webchat_test as wc  # noqa: E402

ORG = "op-97549561a50d9342"  # an organisation of the bundled data (the operator of 110)

SET_VALUE = """
const e = document.getElementById(arguments[0]);
e.value = arguments[1];
e.dispatchEvent(new Event('input'));
e.dispatchEvent(new Event('change'));
return true;
"""

RESULTS = """
return Array.from(document.querySelectorAll('#results .result')).map(r => ({
  id: r.dataset.id, text: r.innerText,
  tel: Array.from(r.querySelectorAll('a[href^="tel:"]')).length
}));
"""


def add_worker(binary, db):
    out = subprocess.run([binary, "worker", "add", "--db", db, "--org", ORG, "--name", "テスト"],
                         capture_output=True, text=True, timeout=120, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("token: "):
            return line[len("token: "):]
    raise wc.TestFailure(f"worker add gave no token (exit {out.returncode}): {out.stderr!r}")


def console_steps(driver, base_url, token, args):
    driver.get(base_url + "/worker")
    wc.wait_for("the category list", lambda: driver.script(
        "return document.querySelectorAll('#category option').length > 10;"))
    driver.script(SET_VALUE, "token", token)
    driver.script("document.getElementById('token-save').click(); return true;")
    if driver.script("return sessionStorage.getItem('shirube.worker.token');") != token:
        raise wc.TestFailure("the token was not kept in sessionStorage")
    if not driver.script("return document.getElementById('token-form').hidden;"):
        raise wc.TestFailure("the token form is still shown after saving")
    driver.script(SET_VALUE, "category", "food")
    driver.script(SET_VALUE, "prefecture", "山梨県")
    driver.script("document.getElementById('search').click(); return true;")
    results = wc.wait_for("search results", lambda: driver.script(RESULTS))
    if len(results) < 2:
        raise wc.TestFailure(f"expected at least two results, got {results!r}")
    for needed in ("連絡先", "受付時間", "最終確認", "出典"):
        if needed not in results[0]["text"]:
            raise wc.TestFailure(f"the first result lacks {needed!r}: {results[0]['text']!r}")
    # Pick the first two.
    driver.script("const boxes = document.querySelectorAll('#results .pick-box');"
                  "boxes[0].click(); boxes[1].click(); return true;")
    if driver.script("return document.getElementById('picked-count').textContent;") != "2":
        raise wc.TestFailure("two picked services are not counted")
    driver.script(SET_VALUE, "note", "来週いっしょに電話しましょう")
    driver.script("document.getElementById('make').click(); return true;")
    text = wc.wait_for("the sheet's text", lambda: driver.script(
        "return document.getElementById('sheet').hidden ? '' : "
        "document.getElementById('sheet-text').value;"))
    for needed in ("【相談先のご案内】", "来週いっしょに電話しましょう", "1. ", "2. ", "・最終確認：",
                   "・出典："):
        if needed not in text:
            raise wc.TestFailure(f"the sheet's text lacks {needed!r}: {text!r}")
    href = driver.script("return document.getElementById('sheet-link').getAttribute('href');")
    if not href.startswith("/referrals/"):
        raise wc.TestFailure(f"the sheet link is {href!r}")
    driver.script("document.getElementById('copy').click(); return true;")
    wc.wait_for("the copy confirmation", lambda: driver.script(
        "return document.getElementById('copied').textContent;"))
    driver.script("document.getElementById('tray').scrollIntoView({block: 'start'});")
    time.sleep(0.3)
    shot = driver.screenshot(os.path.join(args.artifacts, "worker-console.png"))
    # The printable page: both services, large type from /referral.css.
    driver.get(base_url + href)
    wc.wait_for("the printable sheet", lambda: driver.script(
        "return document.querySelectorAll('.service').length;") == 2)
    size = driver.script("return parseFloat(getComputedStyle(document.body).fontSize);")
    if size < 17:
        raise wc.TestFailure(f"the sheet's type is {size}px on a phone (expected large type)")
    driver.screenshot(os.path.join(args.artifacts, "worker-sheet.png"))
    print(f"ok: {len(results)} result(s), sheet {href}; screenshot {shot}")


@contextlib.contextmanager
def browser(args, work):
    """shirube serve, chromedriver and a phone-sized Chromium; all stopped on exit."""
    procs, driver = [], None
    try:
        server, base_url = wc.start_server(args.binary, work)
        procs.append(server)
        chromedriver, wd_base = wc.start_chromedriver(args.chromedriver)
        procs.insert(0, chromedriver)
        driver = wc.WebDriver(wd_base, args.chromium, os.path.join(work, "chromium-profile"))
        driver.set_window(390, 844)
        yield driver, base_url
    finally:
        if driver is not None:
            driver.quit()
        for proc in procs:
            wc.stop(proc)


def run(args, work):
    token = add_worker(args.binary, os.path.join(work, "shirube.db"))
    with browser(args, work) as (driver, base_url):
        passed = False
        try:
            console_steps(driver, base_url, token, args)
            passed = True
        finally:
            if not passed:
                with contextlib.suppress(Exception):  # the original failure matters more
                    driver.screenshot(os.path.join(args.artifacts, "worker-console-failure.png"))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag, default in (("--binary", None), ("--artifacts", None),
                          ("--chromedriver", "/usr/bin/chromedriver"),
                          ("--chromium", "/usr/bin/chromium")):
        p.add_argument(flag, required=default is None, default=default)
    args = p.parse_args()
    missing = [x for x in (args.binary, args.chromedriver, args.chromium)
               if not os.access(x, os.X_OK)]
    if missing:
        print(f"worker_console_test: {missing[0]}: not an executable", file=sys.stderr)
        return 2
    os.makedirs(args.artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shirube-worker-") as work:
        try:
            run(args, work)
        except wc.TestFailure as e:
            print(f"FAILED: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
