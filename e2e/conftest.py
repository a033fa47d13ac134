"""Fixtures of the end-to-end suite: the real binary, a server per scenario with its own data
folder, and browsers for the people of the scenario, each in the scenario's language."""
import os
from pathlib import Path

import pytest

from support.browser import Browser
from support.server import Server

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = Path(os.environ.get("E2E_OUTPUT", ROOT / "e2e-output")).resolve()


@pytest.fixture(scope="session")
def binary() -> Path:
    path = Path(os.environ.get("TITLEBRIDGE_BINARY", ROOT / ".build/debug/titlebridge"))
    assert path.exists(), f"{path} is missing: build it with `swift build` (or set TITLEBRIDGE_BINARY)"
    return path


@pytest.fixture(params=["zh", "en"])
def language(request) -> str:
    return request.param


@pytest.fixture
def scenario(request) -> str:
    return request.node.originalname.removeprefix("test_").replace("_", "-")


@pytest.fixture
def server(binary, scenario, language, tmp_path):
    name = f"{scenario}-{language}"
    server = Server(binary, tmp_path / "data", OUTPUT / "logs", name)
    yield server
    server.stop()


@pytest.fixture
def browser_for(server, scenario, language):
    """browser_for("applicant") — one browser per person, so each keeps their own session."""
    opened: dict[str, Browser] = {}

    def make(person: str = "visitor", javascript: bool = True) -> Browser:
        if person not in opened:
            opened[person] = Browser(server.base, language, OUTPUT / "screenshots" / f"{scenario}-{language}",
                                     f"{person}", javascript=javascript, run_axe=javascript)
        return opened[person]

    yield make
    for browser in opened.values():
        browser.quit()


@pytest.fixture
def proof_pdf(tmp_path) -> Path:
    """A small, whole PDF, as a scan of a certificate or a proof would be."""
    target = tmp_path / "proof.pdf"
    target.write_bytes(minimal_pdf("Proof / 证明材料"))
    return target


def minimal_pdf(title: str) -> bytes:
    """One page with one line, and a correct cross-reference table and trailer."""
    text = title.encode("ascii", "replace").decode()
    content = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
