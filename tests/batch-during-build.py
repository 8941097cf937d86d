#!/usr/bin/env python3
"""A long-running reader while a build commits: `relief query --batch`
answers 200 questions while `relief index` adds 600 articles in many
commits, with zero errors, and the questions asked after the build find
the new articles (the reader reopens at each question and retries a read
that a commit overwrote).

    python3 tests/batch-during-build.py RELIEF

Prints one line per check and exits 0 when all hold.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import check, failures  # noqa: E402

relief = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="relief-batch-")

try:
    db = os.path.join(tmp, "relief.db")
    subprocess.run([relief, "index", "--quiet", "--db", db, "corpus"],
                   check=True)
    # 600 new articles, each long enough to be worth a commit or two, all
    # naming a word the corpus does not have.
    new = os.path.join(tmp, "new")
    os.mkdir(new)
    for i in range(600):
        with open(os.path.join(new, "wombat-%03d.txt" % i), "w") as f:
            f.write("Wombat stretch number %d for a stiff back\n\n" % i)
            for j in range(30):
                f.write("Lie on your back and hold the wombat stretch %d "
                        "for %d seconds, then rest and repeat it %d times "
                        "while breathing slowly. " % (i, 10 + j, 3 + j % 5))
            # The last articles of the build name a word nothing else
            # has: only a reader that sees the last commits finds it.
            if i >= 590:
                f.write("A numbat shoulder roll helps too. ")
            f.write("\n")
    reader = subprocess.Popen(
        [relief, "query", "--batch", "--db", db, "--limit", "3"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, bufsize=1)
    lines = []

    def read_answers():
        for line in reader.stdout:
            lines.append(line)

    t = threading.Thread(target=read_answers)
    t.start()
    writer = subprocess.Popen([relief, "index", "--quiet", "--db", db, new],
                              stderr=subprocess.PIPE, text=True)
    asked = 0
    questions = ["wombat stretch for a stiff back", "running back pain",
                 "how long should I hold a stretch"]
    try:
        while asked < 200:
            reader.stdin.write(questions[asked % 3] + "\n")
            reader.stdin.flush()
            asked += 1
            time.sleep(0.005 if writer.poll() is None else 0)
    except BrokenPipeError:
        # The reader died: say why rather than fail here.
        writer.wait()
        reader.wait(timeout=60)
        check("the reader kept reading during the build", False,
              "exit %s after %d questions: %s" % (
                  reader.returncode, asked,
                  reader.stderr.read().strip()[:300]))
        raise SystemExit(1)
    writer_err = writer.communicate()[1]
    check("the build finished", writer.returncode == 0, writer_err)
    # After the build: the new articles must be found.
    for _ in range(5):
        reader.stdin.write("numbat shoulder roll\n")
        asked += 1
    reader.stdin.close()
    t.join(timeout=120)
    reader.wait(timeout=60)
    err = reader.stderr.read()
    check("the reader exited 0", reader.returncode == 0, err.strip()[:300])
    check("one answer per question", len(lines) == asked,
          "%d of %d" % (len(lines), asked))
    errors = [l for l in lines if '"error"' in l]
    check("no question failed", not errors, errors[:1])
    last = [json.loads(l) for l in lines[-5:]]
    check("the questions after the build find the new articles",
          all(a["results"] and a["results"][0]["source"].startswith(
              "wombat-59") for a in last),
          [a["results"][0]["source"] if a["results"] else None
           for a in last])
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if failures else 0)
