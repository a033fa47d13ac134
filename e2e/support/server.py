"""The real `titlebridge` binary, started on 127.0.0.1 with its own data folder and the
rehearsal clock, and started again at later instants to move through the batch."""
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary: Path, data_dir: Path, log_dir: Path, name: str):
        self.binary = binary
        self.data_dir = data_dir
        self.log_dir = log_dir
        self.name = name
        self.port = free_port()
        self.process = None
        self.starts = 0
        self.clock = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, clock: str):
        """Starts the server with its rehearsal clock at `clock` (Shanghai time, e.g.
        `2024-09-10T10:00`), on the same data folder as before."""
        self.stop()
        self.starts += 1
        self.clock = clock
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{self.name}-server-{self.starts}.log", "wb")
        environment = dict(os.environ, TITLEBRIDGE_LOG_LEVEL="info")
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--hostname", "127.0.0.1", "--port", str(self.port),
             "--data-dir", str(self.data_dir), "--clock", self.instant(clock)],
            stdout=log, stderr=subprocess.STDOUT, env=environment)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"titlebridge serve exited with {self.process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"titlebridge serve did not answer within 120 s; see {log.name}")

    @staticmethod
    def instant(clock: str) -> str:
        """`2024-09-10T10:00` (Shanghai) as the full instant the command line takes."""
        if "+" in clock:
            return clock
        return (clock + ":00" if clock.count(":") == 1 else clock) + "+08:00"

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_text(self) -> str:
        return "".join((p.read_text(errors="replace") for p in sorted(self.log_dir.glob(f"{self.name}-server-*.log"))))
