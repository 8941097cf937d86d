#!/usr/bin/env python3
"""Browser test of the search page: headless Chromium driven over the
DevTools protocol (a small WebSocket client, standard library only).

    python3 tests/browser.py BASE_URL SCREENSHOT.png

Loads the page, types a symptom question into the box, presses Enter,
checks the rendered answer card and result cards, follows a kind filter
link and checks the results are of that kind and its count, and saves a
screenshot.  Exits 0 when every check holds.
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames."""

    def __init__(self, url):
        assert url.startswith("ws://")
        hostport, path = url[5:].split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((
            "GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n" % (path, hostport, key)
        ).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("websocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("websocket handshake: %r" % head[:80])

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("websocket closed")
            data += chunk
        return data

    def send(self, text):
        payload = text.encode()
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        mask = os.urandom(4)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + body)

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            data = self._read(n)
            if b0 & 0x0F == 0x8:
                raise RuntimeError("websocket closed by the browser")
            if b0 & 0x0F in (0x9, 0xA):
                continue
            message += data
            if b0 & 0x80:
                return message.decode()


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="relief-chromium-")
        self.proc = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--remote-debugging-port=0",
             "--user-data-dir=" + self.profile, "--window-size=800,1200",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n"):
                break
            time.sleep(0.1)
        port = open(port_file).read().split("\n")[0]
        for _ in range(100):
            pages = json.load(urllib.request.urlopen(
                "http://127.0.0.1:%s/json/list" % port))
            pages = [p for p in pages if p.get("type") == "page"]
            if pages:
                break
            time.sleep(0.1)
        self.ws = WebSocket(pages[0]["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method,
                                 "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def wait_load(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == "Page.loadEventFired":
                    del self.events[:i + 1]
                    return
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError("the page did not load")

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return r.get("result", {}).get("value")

    def type_into(self, element_id, text):
        """Focuses the element and types text into it, as a reader does."""
        self.js("document.getElementById('%s').focus()" % element_id)
        self.call("Input.insertText", text=text)

    def screenshot(self, path):
        """Saves the whole page as a PNG at path; checks it was saved."""
        png = self.call("Page.captureScreenshot", format="png",
                        captureBeyondViewport=True)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "wb") as out:
            out.write(base64.b64decode(png["data"]))
        check("screenshot saved", os.path.getsize(path) > 1000, path)

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


failures = []


def check(what, cond, detail=""):
    print(("ok: " if cond else "FAILED: ") + what +
          ("" if cond else " (%s)" % detail))
    if not cond:
        failures.append(what)


STATE = """JSON.stringify({
  search: location.search,
  value: document.getElementById('q').value,
  card: document.querySelectorAll('.card li').length,
  cardText: (document.querySelector('.card') || {}).innerText || '',
  results: Array.from(document.querySelectorAll('.results li')).map(li => ({
    kind: (li.querySelector('.kind') || {}).textContent || '',
    marks: li.querySelectorAll('mark').length,
    src: (li.querySelector('.src') || {}).textContent || ''})),
  heading: (document.getElementById('res-h') || {}).textContent || '',
  facets: Array.from(document.querySelectorAll(
      'nav[aria-label="Kind of advice"] li')).map(li => li.textContent),
  landmarks: document.querySelectorAll('header, main, footer').length
})"""


def main():
    base, shot = sys.argv[1], sys.argv[2]
    question = "my back aches when I run"
    b = Browser()
    try:
        b.call("Page.navigate", url=base + "/")
        b.wait_load()
        b.type_into("q", question)
        for t in ("keyDown", "keyUp"):
            b.call("Input.dispatchKeyEvent", type=t, key="Enter",
                   code="Enter", windowsVirtualKeyCode=13,
                   **({"text": "\r"} if t == "keyDown" else {}))
        b.wait_load()
        s = json.loads(b.js(STATE))
        check("submitted the typed question", "q=my+back+aches" in s["search"],
              s["search"])
        check("the question stays in the box", s["value"] == question,
              s["value"])
        check("answer card rendered", s["card"] >= 1, s["card"])
        check("result cards rendered", len(s["results"]) >= 3,
              len(s["results"]))
        check("question words marked in results",
              any(r["marks"] > 0 for r in s["results"]), s["results"][:2])
        check("results say where they come from",
              all(r["src"] for r in s["results"]))
        check("header, main and footer landmarks", s["landmarks"] == 3)
        check("kind filter shown", len(s["facets"]) >= 2, s["facets"])
        # Follow the first kind link (not "all"), as a reader clicks it.
        link = b.js("""(() => {
          const a = document.querySelector(
            'nav[aria-label="Kind of advice"] li:nth-child(2) a');
          if (!a) return null;
          const t = a.textContent; a.click(); return t; })()""")
        check("a kind link to click", link is not None)
        if link:
            kind, count = link.rsplit(" (", 1)
            count = int(count.rstrip(")"))
            b.wait_load()
            f = json.loads(b.js(STATE))
            check("filtered results are all of kind " + kind,
                  f["results"] and all(r["kind"] == kind
                                       for r in f["results"]),
                  [r["kind"] for r in f["results"]])
            check("filtered count matches the link",
                  f["heading"].endswith("of about %d" % count),
                  (f["heading"], count))
            check("the kind is shown as chosen",
                  any(x.startswith(kind + " (") for x in f["facets"]))
            b.call("Page.navigate", url=base + "/?q=" + question.replace(" ", "+"))
            b.wait_load()
        b.screenshot(shot)
    finally:
        b.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
