#!/usr/bin/env python3
"""The crash test's two halves (scripts/crash-test runs them).

burst: works on ready drafts through the API from several threads at once — saves the work
summary, uploads a proof, submits, and the employer approves — until the server stops
answering. Every request is logged before it is sent and again when it is answered 2xx
("ack"), one JSON line each, so the check knows what the server promised.

employer: prints the user name of the drafts' employer.

check: after the server was killed and started again, reads the database directly (sqlite3,
or psql on PostgreSQL) and the files folder, and holds every acknowledged request against
them. Prints "N acknowledged, N found, 0 lost"; exit status 1 on any loss, half-written
record or orphan file.
"""
import argparse
import hashlib
import http.client
import json
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import urllib.parse
import uuid


class ServerGone(Exception):
    pass


def request(base, method, path, token, body=None, content_type="application/json"):
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Authorization": "Bearer " + token, "Accept": "application/json", "Accept-Language": "zh"}
    if body is not None:
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, data
    except (ConnectionError, OSError, http.client.HTTPException) as error:
        raise ServerGone(str(error))
    finally:
        connection.close()


def multipart(fields, file_field, file_name, file_bytes, media_type):
    boundary = "----crash" + uuid.uuid4().hex
    lines = []
    for name, value in fields.items():
        lines.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    lines.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\n"
                 f"Content-Type: {media_type}\r\n\r\n".encode() + file_bytes + b"\r\n")
    lines.append(f"--{boundary}--\r\n".encode())
    return b"".join(lines), "multipart/form-data; boundary=" + boundary


class Log:
    def __init__(self, path):
        self.handle = open(path, "a", encoding="utf-8")
        self.lock = threading.Lock()

    def write(self, **entry):
        with self.lock:
            self.handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.handle.flush()


def work_on(draft, token, employer_token, base, log, reviewed_on):
    """One draft through save, save, upload, submit, approve; stops at the first refusal."""
    status, data = request(base, "GET", f"/api/v1/applications/{draft}", token)
    if status != 200:
        return
    answer = json.loads(data)
    version, summary = answer["version"], answer["content"].get("summary", "")
    seen_uploads = {u["id"] for u in answer.get("uploads", [])}
    for _ in range(2):
        marker = "crash-" + uuid.uuid4().hex
        text = summary + "\n" + marker
        log.write(op="save", state="sent", file=draft, marker=marker)
        status, data = request(base, "PUT", f"/api/v1/applications/{draft}/steps/summary", token,
                               json.dumps({"version": version, "summary": text}).encode())
        if status != 200:
            log.write(op="save", state="refused", file=draft, status=status)
            return
        version = json.loads(data)["version"]
        log.write(op="save", state="ack", file=draft, marker=marker, version=version)
    pdf = b"%PDF-1.4\n% crash test proof " + uuid.uuid4().hex.encode() + b"\n%%EOF\n"
    digest = hashlib.sha256(pdf).hexdigest()
    body, content_type = multipart({"kind": "workProof"}, "file", "proof.pdf", pdf, "application/pdf")
    log.write(op="upload", state="sent", file=draft, sha256=digest)
    status, data = request(base, "POST", f"/api/v1/applications/{draft}/uploads", token, body, content_type)
    if status != 201:
        log.write(op="upload", state="refused", file=draft, status=status)
        return
    answer = json.loads(data)
    added = [u["id"] for u in answer.get("uploads", []) if u["id"] not in seen_uploads]
    log.write(op="upload", state="ack", file=draft, sha256=digest, uploads=added, size=len(pdf))
    for event, actor, extra in (("submit", token, {}),
                                ("approve", employer_token, {"opinion": {
                                    "dutiesPerformed": True, "materialsTrue": True, "agrees": True,
                                    "reviewer": "王经理", "reviewedOn": reviewed_on}})):
        key = str(uuid.uuid4())
        log.write(op=event, state="sent", file=draft)
        status, data = request(base, "POST", f"/api/v1/applications/{draft}/transitions", actor,
                               json.dumps({"event": event, "idempotencyKey": key, **extra}).encode())
        if status != 200:
            log.write(op=event, state="refused", file=draft, status=status, body=data[:300].decode("utf-8", "replace"))
            return
        log.write(op=event, state="ack", file=draft, stage=json.loads(data)["stage"])


def burst(args):
    log = Log(args.log)
    drafts = queue.Queue()
    with open(args.drafts, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                file_id, token = line.rstrip("\n").split("\t")
                drafts.put((file_id, token))
    gone = threading.Event()

    def worker():
        while not gone.is_set():
            try:
                file_id, token = drafts.get_nowait()
            except queue.Empty:
                return
            try:
                work_on(file_id, token, args.employer_token, args.base, log, args.reviewed_on)
            except ServerGone:
                gone.set()

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("burst ended: " + ("the server stopped answering" if gone.is_set() else "every draft done"))


class Database:
    def __init__(self, args):
        self.args = args
        if args.sqlite:
            self.connection = sqlite3.connect(f"file:{args.sqlite}?mode=ro", uri=True)

    def rows(self, sql):
        if self.args.sqlite:
            return [tuple("" if v is None else str(v) for v in row) for row in self.connection.execute(sql).fetchall()]
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql, self.args.postgres],
                             check=True, capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]


def check(args):
    entries = [json.loads(line) for line in open(args.log, encoding="utf-8") if line.strip()]
    for entry in entries:
        entry["file"] = entry["file"].lower()
        entry["uploads"] = [u.lower() for u in entry.get("uploads", [])]
    db = Database(args)
    # UUIDs compared in lower case: PostgreSQL writes them so, the API and SQLite in upper case.
    files = {row[0].lower(): (row[1], row[2], row[3]) for row in db.rows(
        "SELECT id, stage, version, content_json FROM applications WHERE number LIKE 'READY-%'")}
    uploads = {row[0].lower(): (row[1], row[2]) for row in db.rows(
        "SELECT au.id, uf.sha256, uf.size FROM application_uploads au JOIN uploaded_files uf ON uf.id = au.file_id")}
    problems = []
    acknowledged = found = 0
    last_sent = {}
    acked_save = {}
    for entry in entries:
        if entry["op"] == "save" and entry["state"] == "sent":
            last_sent.setdefault(entry["file"], []).append(entry["marker"])
        if entry["state"] != "ack":
            continue
        acknowledged += 1
        stored = files.get(entry["file"])
        if stored is None:
            problems.append(f"file {entry['file']} is gone")
            continue
        stage, version, content = stored
        op = entry["op"]
        if op == "save":
            acked_save[entry["file"]] = entry["marker"]
            ok = int(version) >= int(entry["version"])
        elif op == "upload":
            ok = all(uploads.get(u, ("", ""))[0] == entry["sha256"] for u in entry["uploads"]) and entry["uploads"] != []
            path = os.path.join(args.files, entry["sha256"][:2], entry["sha256"])
            ok = ok and os.path.exists(path) and hashlib.sha256(open(path, "rb").read()).hexdigest() == entry["sha256"]
        elif op == "submit":
            ok = stage != "draft"
        else:
            ok = stage not in ("draft", "employerReview")
        if ok:
            found += 1
        else:
            problems.append(f"{op} of {entry['file']} acknowledged but not found (stage {stage}, version {version})")
    # The summary holds the last acknowledged save, or one sent after it whose answer was lost with the server.
    for file_id, marker in acked_save.items():
        content = files[file_id][2]
        sent = last_sent.get(file_id, [])
        later = sent[sent.index(marker):] if marker in sent else [marker]
        if not any(m in content for m in later):
            problems.append(f"file {file_id}: the summary saved last ({marker}) is not there")
    # Half-written records and orphan files.
    referenced = {row[0] for row in db.rows("SELECT sha256 FROM uploaded_files")}
    on_disk = set()
    for folder, _, names in os.walk(args.files):
        on_disk.update(names)
    for sha in sorted(referenced - on_disk):
        if sha != "0" * 64:  # the bulk seed's stand-in record has no bytes
            problems.append(f"uploaded file {sha} has a record but no bytes")
    for sha in sorted(on_disk - referenced):
        problems.append(f"orphan file {sha} on disk without a record")
    dangling = db.rows("SELECT au.id FROM application_uploads au LEFT JOIN uploaded_files uf ON uf.id = au.file_id WHERE uf.id IS NULL")
    problems += [f"attachment {row[0]} names no uploaded file" for row in dangling]
    if acknowledged == 0:
        problems.append("nothing was acknowledged before the kill: the round tested nothing")
    lost = acknowledged - found
    print(f"{acknowledged} acknowledged, {found} found, {lost} lost")
    for problem in problems:
        print("  " + problem)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("burst")
    b.add_argument("--base", required=True)
    b.add_argument("--drafts", required=True)
    b.add_argument("--employer-token", required=True)
    b.add_argument("--reviewed-on", required=True)
    b.add_argument("--log", required=True)
    b.add_argument("--threads", type=int, default=12)
    c = sub.add_parser("check")
    c.add_argument("--log", required=True)
    c.add_argument("--files", required=True)
    c.add_argument("--sqlite")
    c.add_argument("--postgres")
    e = sub.add_parser("employer")
    e.add_argument("--sqlite")
    e.add_argument("--postgres")
    args = parser.parse_args()
    if args.command == "employer":
        rows = Database(args).rows(
            "SELECT u.username FROM users u JOIN user_roles r ON r.user_id = u.id "
            "JOIN applications a ON a.employer_id = u.organisation_id "
            "WHERE a.number = 'READY-0' AND r.role = 'employer' ORDER BY u.username LIMIT 1")
        print(rows[0][0])
        return 0
    if args.command == "burst":
        burst(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
