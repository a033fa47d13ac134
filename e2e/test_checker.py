"""The page checker itself: a server whose words or views were broken in place makes it fail,
the same server intact passes. Without these the suite could pass by checking nothing."""
import json
import os
import shutil
from pathlib import Path

import pytest

from support.browser import Browser, PageProblem
from support.server import Server

ROOT = Path(__file__).resolve().parent.parent


def installed_copy(binary: Path, folder: Path) -> Path:
    """The binary beside its own copy of the resource bundles (Foundation looks for them next to
    the executable first), so one copy can be broken without touching the build."""
    folder.mkdir(parents=True)
    copy = folder / binary.name
    try:
        os.link(binary, copy)
    except OSError:
        shutil.copy2(binary, copy)
    for bundle in binary.parent.glob("*.resources"):
        shutil.copytree(bundle, folder / bundle.name)
    return copy


def resources(copy: Path) -> Path:
    return copy.parent / "TitleBridge_TitleBridgeServer.resources" / "Resources"


def leave_english_in_chinese(copy: Path):
    """A translator's slip: the Chinese of 登录 left as the English."""
    path = resources(copy) / "Text" / "directory.json"
    words = json.loads(path.read_text(encoding="utf-8"))
    words["signIn"]["zh"] = words["signIn"]["en"]
    path.write_text(json.dumps(words, ensure_ascii=False, indent=2), encoding="utf-8")


def unlabel_the_password(copy: Path):
    path = resources(copy) / "Views" / "account" / "sign-in.leaf"
    view = path.read_text(encoding="utf-8")
    labelled = '<label>#(passwordLabel)<input type="password" name="password" autocomplete="current-password" required maxlength="128"></label>'
    assert labelled in view, "sign-in.leaf changed: update this test's edit"
    path.write_text(view.replace(labelled, '<input type="password" name="password" required maxlength="128">'), encoding="utf-8")


@pytest.fixture
def copy_of(binary, tmp_path):
    # Beside the build, so the copy is a hard link on the same disk, not 200 MB more.
    folder = ROOT / ".build" / "e2e-copies" / tmp_path.name
    copy = installed_copy(binary, folder)
    yield copy
    shutil.rmtree(folder, ignore_errors=True)


def login_page_problems(copy: Path, tmp_path: Path, language: str) -> str:
    server = Server(copy, tmp_path / "data", tmp_path / "logs", "checker")
    browser = None
    try:
        server.start("2024-08-20T10:00")
        browser = Browser(server.base, language, tmp_path / "shots", "checker")
        browser.open("/login")
        return ""
    except PageProblem as problem:
        return str(problem)
    finally:
        if browser:
            browser.quit()
        server.stop()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_intact_sign_in_page_passes(copy_of, tmp_path, language):
    assert login_page_problems(copy_of, tmp_path, language) == ""


def test_missing_translation_fails_the_page(copy_of, tmp_path, monkeypatch):
    monkeypatch.setattr("support.checks.LENIENT", False)
    leave_english_in_chinese(copy_of)
    found = login_page_problems(copy_of, tmp_path, "zh")
    assert "an English label on a Chinese page" in found and "'Sign in'" in found, found or "the checker passed the page"


def test_unlabelled_control_fails_the_page(copy_of, tmp_path, monkeypatch):
    monkeypatch.setattr("support.checks.LENIENT", False)
    unlabel_the_password(copy_of)
    found = login_page_problems(copy_of, tmp_path, "en")
    assert "a control without a label" in found and 'name="password"' in found, found or "the checker passed the page"
    assert "axe label (critical)" in found, "axe-core did not report the unlabelled control"


# -- each rule of the checker, on small pages a real Chromium renders -------------------------

CLEAN = '<label>用户名<input name="username"></label><button type="submit">登录</button>'
PAGES = [
    # (name, language, body, what the checker must say; "" for a page that passes)
    ("clean Chinese page", "zh", CLEAN, ""),
    ("clean English page with a clause number marked Chinese", "en",
     '<label>Username<input name="username"></label><h2>Criteria (<span lang="zh-CN">三(三)</span>)</h2>', ""),
    ("key shown for want of a word", "zh", CLEAN + "<p>[chrome.signIn]</p>", "untranslated key shown: [chrome.signIn]"),
    ("placeholder left", "en", '<p>Work summary: {zi} characters</p>', "placeholder left unfilled: {zi}"),
    ("raw template tag", "zh", '<p>#extend("layout"):</p>', "a raw template error"),
    ("stack trace", "en", '<pre>Fatal error: Unexpectedly found nil at StepPage.swift:52</pre>', "a stack trace"),
    ("English button on a Chinese page", "zh", '<button type="submit">Submit</button>', "an English label on a Chinese page"),
    ("label half translated", "zh", '<label>上传 file here<input name="f"></label>', "a label mixing Chinese and English"),
    ("Chinese heading on an English page", "en", '<h2>申报材料</h2>', "a Chinese label on an English page"),
    ("control without a label", "en", '<input name="password" type="password">', "a control without a label"),
    ("invalid field without its message", "en",
     '<div class="error-summary" role="alert">Fix this</div><label>Name<input name="n" aria-invalid="true"></label>',
     "an invalid field without its error beside it"),
    ("invalid field and no summary", "en",
     '<label>Name<input name="n" aria-invalid="true" aria-describedby="e-n"><span id="e-n">Too long</span></label>',
     "no error summary"),
    ("text too faint to read", "en", '<p style="color:#ccc;background:#fff">Deadline: 19 September 2024</p>', "axe color-contrast"),
]


@pytest.fixture(scope="module")
def bare_browser(tmp_path_factory):
    browser = Browser("http://127.0.0.1", "zh", tmp_path_factory.mktemp("shots"), "checker")
    yield browser
    browser.quit()


@pytest.mark.parametrize("name, language, body, expected", PAGES, ids=[p[0] for p in PAGES])
def test_checker_rule(bare_browser, tmp_path, name, language, body, expected):
    from support.checks import page_problems
    page = tmp_path / "page.html"
    html_lang = "zh-CN" if language == "zh" else "en"
    page.write_text(f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8"><title>t</title></head>'
                    f'<body><main>{body}</main></body></html>', encoding="utf-8")
    bare_browser.driver.get(page.as_uri())
    found = page_problems(bare_browser.driver, language)
    if expected:
        assert any(expected in problem for problem in found), f"{name}: the checker said {found}"
    else:
        assert found == [], f"{name}: the checker found {found}"


def test_page_in_the_wrong_language_fails(bare_browser, tmp_path):
    from support.checks import page_problems
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><p>Hello</p></main></body></html>')
    bare_browser.driver.get(page.as_uri())
    assert any("<html lang='en'> on a page read in zh" in p for p in page_problems(bare_browser.driver, "zh"))
