#!/usr/bin/env python3
"""Drives headless Chromium through chromedriver (W3C WebDriver: plain HTTP and JSON, so
only the standard library is needed) over the pages of `vanban serve`. Run by web_e2e.sh."""
import argparse
import base64
import json
import re
import sys
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class Driver:
    def __init__(self, url):
        self.url = url.rstrip("/")
        self.session = None

    def call(self, method, path, body=None, ok_errors=()):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read())["value"]
        except urllib.error.HTTPError as e:
            value = json.loads(e.read()).get("value", {})
            if value.get("error") in ok_errors:
                return value
            raise AssertionError(f"{method} {path}: {value.get('error')}: {value.get('message')}")

    def s(self, method, path, body=None, ok_errors=()):
        return self.call(method, f"/session/{self.session}{path}", body, ok_errors)

    def find(self, css):
        for _ in range(50):  # up to 5 s for the page to show it
            v = self.s("POST", "/element", {"using": "css selector", "value": css},
                       ok_errors=("no such element",))
            if ELEMENT in v:
                return v[ELEMENT]
            time.sleep(0.1)
        raise AssertionError(f"no element {css} on {self.s('GET', '/url')}")

    def text(self, css):
        return self.s("GET", f"/element/{self.find(css)}/text")

    def click(self, css):
        self.s("POST", f"/element/{self.find(css)}/click", {})


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok:", what)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--screenshot", required=True)
    a = ap.parse_args()
    d = Driver(a.driver)
    for _ in range(100):  # chromedriver starting
        try:
            d.call("GET", "/status")
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1400", f"--user-data-dir={a.profile}"]
    v = d.call("POST", "/session", {"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {"binary": a.chromium, "args": args}}}})
    d.session = v["sessionId"]
    try:
        # Tìm kiếm: type the letter's number in the box, as a clerk would.
        d.s("POST", "/url", {"url": a.base + "/search"})
        check("Tìm kiếm" in d.s("GET", "/title"), "the search page opens")
        d.s("POST", f"/element/{d.find('#q')}/value", {"text": "47/UBND"})
        d.click("#search-button")
        check("q=47%2FUBND" in d.s("GET", "/url") or "q=47/UBND" in d.s("GET", "/url"),
              "the search is in the address (bookmarkable)")
        first = d.text("a.doc-link")
        check("47/UBND" in first, f"the first result is the letter ({first})")
        # Văn bản: open it.
        d.click("a.doc-link")
        check(re.search(r"/document/\d+$", d.s("GET", "/url")), "the document page opens")
        check("47/UBND" in d.text("h1"), "its heading names it")
        check("30/04/2024" in d.text("table.tasks"), "its tasks show their deadlines")
        # Follow its citation to the document it carries out.
        cite = d.text("a.cite-link")
        check("583/UBND" in cite, f"it cites 583/UBND ({cite})")
        d.click("a.cite-link")
        check("583/UBND" in d.text("h1"), "following the citation opens Công văn 583/UBND")
        check("47/UBND" in d.text("ul.cited-by"), "which lists the letter among those citing it")
        shot = base64.b64decode(d.s("GET", "/screenshot"))
        check(shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20000, "a screenshot is taken")
        with open(a.screenshot, "wb") as f:
            f.write(shot)
        # The graph: a picture with clickable boxes.
        d.click("#graph-link")
        check(d.find("svg g.node.unresolved"), "the graph shows cited documents not in the archive")
        d.click("svg g.node.resolved a")
        check(re.search(r"/document/\d+/graph$", d.s("GET", "/url")), "a box of the graph is a link")
        # A document full of HTML shows it as text and runs nothing.
        d.s("POST", "/url", {"url": a.base + "/search?q=48%2FUBND"})
        d.click("a.doc-link")
        body = d.text("pre.text")
        check("<script>alert(document.cookie)</script>" in body, "hostile text shows as text")
        alert = d.s("GET", "/alert/text", ok_errors=("no such alert",))
        check(isinstance(alert, dict) and alert.get("error") == "no such alert", "no script ran")
    finally:
        d.s("DELETE", "")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print("FAIL:", e)
        sys.exit(1)
