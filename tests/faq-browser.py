#!/usr/bin/env python3
"""Browser test of the exported FAQ page: headless Chromium from file://,
driven over the DevTools protocol with tests/browser.py's Browser
and check().

    python3 tests/faq-browser.py PAGE.html SCREENSHOT.png QUERY EXPECTED

Loads the page from file://, checks that every entry is listed and the
search box is shown, types QUERY into the box (Input.insertText) and
checks that fewer entries stay visible, that the first one on screen is
the entry whose question contains EXPECTED, and saves a screenshot.  Then
checks the print style hides the box, and that with JavaScript off the
box stays hidden and every entry is listed.  Exits 0 when all holds.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, check, failures  # noqa: E402

# The entries as drawn: visible ones, top to bottom.
STATE = """JSON.stringify((() => {
  const all = Array.from(document.querySelectorAll('.entry'));
  const shown = all.filter(e => e.offsetParent !== null)
    .map(e => ({q: e.querySelector('h3').textContent,
                top: e.getBoundingClientRect().top}))
    .sort((a, b) => a.top - b.top);
  const form = document.getElementById('search');
  return {total: all.length, shown: shown.map(e => e.q),
          box: !!form && getComputedStyle(form).display !== 'none',
          count: (document.getElementById('count') || {}).textContent || '',
          scripts: document.querySelectorAll('script[src], link, img').length};
})())"""


def main():
    page, shot, query, expected = sys.argv[1:5]
    url = "file://" + os.path.abspath(page)
    b = Browser()
    try:
        b.call("Page.navigate", url=url)
        b.wait_load()
        s = json.loads(b.js(STATE))
        check("every entry listed before typing",
              s["total"] > 3 and len(s["shown"]) == s["total"], s)
        check("the search box is shown", s["box"])
        check("nothing to fetch (no src, link or img)", s["scripts"] == 0)
        b.type_into("q", query)
        s = json.loads(b.js(STATE))
        check("typing filters the entries",
              0 < len(s["shown"]) < s["total"], (len(s["shown"]), s["total"]))
        check("the right entry comes first",
              bool(s["shown"]) and expected.lower() in s["shown"][0].lower(),
              s["shown"][:3])
        check("the count says how many", " of %d" % s["total"] in s["count"],
              s["count"])
        b.screenshot(shot)
        b.call("Emulation.setEmulatedMedia", media="print")
        s = json.loads(b.js(STATE))
        check("printing hides the search box", not s["box"])
        b.call("Emulation.setEmulatedMedia", media="")
        b.call("Emulation.setScriptExecutionDisabled", value=True)
        b.call("Page.navigate", url=url)
        b.wait_load()
        b.call("Emulation.setScriptExecutionDisabled", value=False)
        s = json.loads(b.js(STATE))
        check("with JavaScript off every entry is listed",
              len(s["shown"]) == s["total"], (len(s["shown"]), s["total"]))
        check("with JavaScript off the box stays hidden", not s["box"])
    finally:
        b.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
