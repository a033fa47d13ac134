"""Pages work with the keyboard alone and without JavaScript; refused forms say what is wrong
beside each field and at the top. (Labels, lang, contrast and the rest of WCAG 2.1 A/AA are
checked by axe-core on every page of every scenario: support/checks.py.)"""
from selenium.webdriver.common.keys import Keys

from support.browser import DEMO_PASSWORD

FOCUS_SHOWN = """
const e = document.activeElement, s = getComputedStyle(e);
const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
const r = e.getBoundingClientRect();
return {outlined: outlined || s.boxShadow !== 'none', visible: r.width > 0 && r.height > 0,
        tag: e.tagName.toLowerCase(), name: e.getAttribute('name') || e.className || e.textContent.trim().slice(0, 30)};
"""


def focused(browser) -> dict:
    return browser.driver.execute_script(FOCUS_SHOWN)


def tab_to(browser, css: str, limit: int = 60):
    """Presses Tab until `css` has the focus; every stop on the way must show where the focus is."""
    target = browser.find(css)
    for _ in range(limit):
        browser.driver.switch_to.active_element.send_keys(Keys.TAB)
        stop = focused(browser)
        assert stop["visible"] and stop["outlined"], f"the focus on {stop} cannot be seen on {browser.url}"
        if browser.driver.switch_to.active_element == target:
            return
    raise AssertionError(f"{css} is never reached with Tab on {browser.url}")


def enter(browser, name: str | None = None):
    """Presses Enter on the focused control and waits for the page it leads to."""
    browser.driver.execute_script("window.__e2eLeaving = true")
    browser.driver.switch_to.active_element.send_keys(Keys.ENTER)
    browser.wait_for_new_page()
    return browser.landed(name)


def test_keyboard_alone_without_javascript(server, browser_for, language):
    """A holder with no mouse and JavaScript off: skips to the content, signs in, opens a file
    and withdraws it through the confirmation page the server gives instead of a dialog."""
    server.start("2024-09-06T10:00")
    person = browser_for("keyboard", javascript=False)
    person.open("/login")
    person.driver.switch_to.active_element.send_keys(Keys.TAB)
    assert "skip" in (person.driver.switch_to.active_element.get_attribute("class") or ""), \
        "the first Tab does not reach the link to skip to the content"
    assert focused(person)["visible"], "the skip link stays hidden when it has the focus"
    tab_to(person, "form[action='/login'] input[name=username]")
    person.keys("applicant1")
    tab_to(person, "form[action='/login'] input[name=password]")
    person.keys(DEMO_PASSWORD)
    enter(person)
    assert person.exists("form[action='/logout']"), f"signing in by keyboard failed: {person.text[:300]}"

    person.open("/applications")
    tab_to(person, "form[action='/applications'] button[type=submit]")
    enter(person)
    assert person.exists("input[name=birthDate]"), "the new file does not open by keyboard"
    file_id = person.url.split("/applications/")[1].split("/")[0]
    person.open(f"/applications/{file_id}")
    tab_to(person, "form:has(input[name=event][value=withdraw]) button[type=submit]")
    enter(person, "confirmation-without-javascript")
    assert person.exists("input[name=confirmed]"), "without JavaScript, withdrawing does not ask on a page first"
    tab_to(person, "form:has(input[name=confirmed]) button[type=submit]")
    enter(person)
    person.open(f"/applications/{file_id}")
    assert {"zh": "已撤回", "en": "Withdrawn"}[language] in person.text, "the withdrawal confirmed by keyboard did not happen"


def test_refused_form_says_why_beside_each_field(server, browser_for, language):
    """Registration with a name already taken and a weak password: both fields are marked,
    each says why beside it, the summary at the top links to them, and nothing typed is lost."""
    server.start("2024-09-06T10:00")
    person = browser_for("newcomer")
    person.open("/register")
    person.type("input[name=username]", "applicant2")
    person.type("input[name=displayName]", "Zhang Wei")
    person.type("input[name=password]", "short")
    person.submit("form[action='/register']", "register-refused")
    invalid = {e.get_attribute("name") for e in person.all("[aria-invalid=true]")}
    assert {"username", "password"} <= invalid, f"the refused fields are not marked: {invalid}"
    summary = person.find(".error-summary[role=alert]")
    targets = {link.get_attribute("href").split("#")[1] for link in summary.find_elements("css selector", "a[href*='#']")}
    assert {"f-username", "f-password"} <= targets, f"the summary does not link to the fields: {targets}"
    for name in ("username", "password"):
        said = person.find(f"#e-{name}").text.strip()
        assert said, f"no reason beside {name}"
    assert person.find("input[name=displayName]").get_attribute("value") == "Zhang Wei", "the name typed was lost"
