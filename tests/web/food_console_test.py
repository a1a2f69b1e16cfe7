#!/usr/bin/env python3
"""Browser test of the food-support page of the worker console (/worker/food).

Makes an organisation of the bundled data a partner for 山梨県 (`shirube partner add`) and a
worker account for it, starts the real `shirube serve --port 0`, applies for food support
through the web chat API (the same engine as LINE), then opens /worker/food in headless
Chromium at phone size (390x844), enters the token, opens the application, checks its contact
data, marks it 連絡済み, and checks that the applicant's 「申込の状況」 says so. Screenshots go
to <artifacts>/food-console.png (food-console-failure.png when it fails). Exit 0 on success, 1
on failure, 2 on bad usage. Reuses the helpers of webchat_test.py and worker_console_test.py.

usage: food_console_test.py --binary PATH --artifacts DIR [--chromedriver PATH]
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
import worker_console_test as wkc  # noqa: E402

USER = "food-console-test"

# The dialogue, typed: every button label can be written instead of tapped.
APPLICATION = ["食料支援を申し込みたい", "山梨県", "同意する", "ゆう", "20〜22歳", "甲府市",
               "里親", "2人", "とくにない", "電話", "090-1234-5678", "取りに行ける",
               "とくにない", "送信する"]

ITEMS = """
return Array.from(document.querySelectorAll('#requests .result')).map(r => ({
  ref: r.dataset.ref, text: r.innerText
}));
"""


def chat(base_url, text):
    reply = wc.http_json("POST", base_url + "/api/v1/chat", {"user": USER, "text": text})
    return "\n".join(m.get("text", "") for m in reply["messages"] if m.get("type") == "text")


def add_partner(binary, db):
    out = subprocess.run([binary, "partner", "add", "--db", db, wkc.ORG, "--prefecture", "19"],
                         capture_output=True, text=True, timeout=120, check=False)
    if out.returncode != 0:
        raise wc.TestFailure(f"partner add failed (exit {out.returncode}): {out.stderr!r}")


def apply(base_url):
    said = ""
    for text in APPLICATION:
        said = chat(base_url, text)
    marker = "受付番号は "
    if marker not in said:
        raise wc.TestFailure(f"no reference after 送信する: {said!r}")
    return said[said.index(marker) + len(marker):][:8]


def console_steps(driver, base_url, token, ref, args):
    driver.get(base_url + "/worker/food")
    driver.script(wkc.SET_VALUE, "token", token)
    driver.script("document.getElementById('token-save').click(); return true;")
    items = wc.wait_for("the list of applications", lambda: driver.script(ITEMS))
    if [i["ref"] for i in items] != [ref]:
        raise wc.TestFailure(f"expected only {ref} in the list, got {items!r}")
    if "受付" not in items[0]["text"]:
        raise wc.TestFailure(f"the list does not say 受付: {items[0]['text']!r}")
    driver.script("document.querySelector('#requests .result .open').click(); return true;")
    detail = wc.wait_for("the application", lambda: driver.script(
        "return document.getElementById('detail').hidden ? '' : "
        "document.getElementById('detail').innerText;"))
    for needed in (ref, "09012345678", "ゆう", "甲府市", "取りに行ける"):
        if needed not in detail:
            raise wc.TestFailure(f"the application lacks {needed!r}: {detail!r}")
    driver.script(wkc.SET_VALUE, "detail-note", "電話しました。金曜に受け取り")
    driver.script("document.querySelector('#detail-actions [data-status=contacted]').click();"
                  "return true;")
    wc.wait_for("the new status", lambda: "連絡済み" in driver.script(
        "return document.getElementById('detail-ref').textContent;"))
    driver.script("document.getElementById('detail').scrollIntoView({block: 'start'}); return true;")
    time.sleep(0.3)
    shot = driver.screenshot(os.path.join(args.artifacts, "food-console.png"))
    said = chat(base_url, "申込の状況")
    if f"受付番号 {ref}：連絡済み" not in said:
        raise wc.TestFailure(f"the applicant does not see 連絡済み: {said!r}")
    print(f"ok: {ref} marked 連絡済み; screenshot {shot}")


def run(args, work):
    db = os.path.join(work, "shirube.db")
    add_partner(args.binary, db)
    token = wkc.add_worker(args.binary, db)
    with wkc.browser(args, work) as (driver, base_url):
        ref = apply(base_url)
        passed = False
        try:
            console_steps(driver, base_url, token, ref, args)
            passed = True
        finally:
            if not passed:
                with contextlib.suppress(Exception):  # the original failure matters more
                    driver.screenshot(os.path.join(args.artifacts, "food-console-failure.png"))


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
        print(f"food_console_test: {missing[0]}: not an executable", file=sys.stderr)
        return 2
    os.makedirs(args.artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shirube-food-") as work:
        try:
            run(args, work)
        except wc.TestFailure as e:
            print(f"FAILED: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
