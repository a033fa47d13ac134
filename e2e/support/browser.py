"""A real headless Chromium driven through chromedriver, as a person uses the site: open a
page, type into a field found by its label or name, click a button. Every new page it lands
on is screenshotted and checked (see checks.py) before anything else happens."""
import base64
import re
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, NoSuchElementException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from . import checks

DEMO_PASSWORD = "TitleBridge-demo-2024"


def chromium_options(javascript: bool = True) -> webdriver.ChromeOptions:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=zh-CN", "--disable-search-engine-choice-screen"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return options


class PageProblem(AssertionError):
    pass


class Browser:
    """One person's browser. `language` is the language the person reads (`zh` or `en`);
    `shots` the folder screenshots go to, named in the order pages were seen."""

    def __init__(self, base: str, language: str, shots: Path, scenario: str, javascript: bool = True,
                 run_axe: bool = True):
        self.base = base
        self.language = language
        self.shots = shots
        self.scenario = scenario
        self.javascript = javascript
        self.run_axe = run_axe
        self.count = 0
        self.checked_pages = []
        self.language_chosen = False
        self.user = None
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=chromium_options(javascript))
        self.driver.set_page_load_timeout(60)
        shots.mkdir(parents=True, exist_ok=True)

    # -- pages -------------------------------------------------------------------------------

    def open(self, path: str, name: str | None = None):
        url = path if path.startswith("http") else self.base + path
        separator = "&" if "?" in url else "?"
        # The language is chosen once, as a person does with the switch; the site remembers it.
        if not self.language_chosen and "lang=" not in url:
            url = f"{url}{separator}lang={self.language}"
        self.language_chosen = True
        self.driver.get(url)
        self.wait_ready()
        return self.landed(name)

    def landed(self, name: str | None = None):
        """Checks and screenshots the page now shown, once per page load."""
        self.wait_ready()
        seen = self.driver.execute_script("return window.__e2eSeen === true")
        if not seen or name:
            if not seen and self.javascript:
                self.driver.execute_script("window.__e2eSeen = true")
            self.check_and_shoot(name)
        return self

    def wait_ready(self):
        for _ in range(200):
            if self.driver.execute_script("return document.readyState") == "complete":
                return
            time.sleep(0.05)

    def check_and_shoot(self, name: str | None):
        self.count += 1
        path = re.sub(r"[^a-z0-9]+", "-", self.driver.current_url.split("//", 1)[-1].split("/", 1)[-1].split("?")[0].lower()).strip("-")
        label = name or path or "home"
        file = self.shots / f"{self.scenario}-{self.language}-{self.count:03d}-{label}.png"
        self.screenshot(file)
        # A PDF opened in the browser's viewer is a document of its own, not a page of the site.
        is_page = self.driver.execute_script("return document.contentType") == "text/html"
        problems = checks.page_problems(self.driver, self.language, run_axe=self.run_axe) if is_page else []
        self.checked_pages.append((self.driver.current_url, file.name))
        if problems and checks.LENIENT:
            with open(self.shots.parent / "problems.txt", "a", encoding="utf-8") as log:
                log.write(f"{self.driver.current_url} ({file.name}):\n  " + "\n  ".join(problems) + "\n")
        elif problems:
            raise PageProblem(f"{self.driver.current_url} ({file.name}):\n  " + "\n  ".join(problems))

    def screenshot(self, file: Path):
        if self.javascript:
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            file.write_bytes(base64.b64decode(shot["data"]))
        else:
            self.driver.save_screenshot(str(file))

    def shot(self, name: str):
        """A named screenshot of the page now shown (the pages the run must leave behind)."""
        self.check_and_shoot(name)

    # -- reading -----------------------------------------------------------------------------

    @property
    def source(self) -> str:
        return self.driver.page_source

    @property
    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    @property
    def url(self) -> str:
        return self.driver.current_url

    def problems(self) -> str:
        """What the page says went wrong (the error summary, alerts, messages beside fields);
        empty when it says nothing of the kind."""
        shown = [e.text for e in self.all("#problems, main .alert-error, main .field-error, main [role=alert]") if e.text.strip()]
        return " | ".join(shown)

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def exists(self, css: str) -> bool:
        return len(self.all(css)) > 0

    def field(self, label: str):
        """The control whose label reads `label` (a part of it), as a person finds it."""
        for element in self.all("label"):
            if label in element.text:
                target = element.get_attribute("for")
                if target:
                    return self.find(f"#{target}")
                inner = element.find_elements(By.CSS_SELECTOR, "input, select, textarea")
                if inner:
                    return inner[0]
        raise NoSuchElementException(f"no control labelled {label!r} on {self.url}")

    def fetch(self, url: str) -> tuple[bytes, str]:
        """What a link gives when followed with this person's cookies (a PDF, say), as the
        browser would download it: the body and its content type."""
        import urllib.request
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(url if url.startswith("http") else self.base + url, headers={"Cookie": cookies})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.read(), answer.headers.get("Content-Type", "")

    # -- doing -------------------------------------------------------------------------------

    def element(self, target):
        return self.find(target) if isinstance(target, str) else target

    def type(self, target, text: str, clear: bool = True):
        element = self.element(target)
        if clear:
            element.clear()
        element.send_keys(text)
        return self

    def type_date(self, target, value: str):
        """A date or time field set as Chromium's picker leaves it (ISO `2024-09-06`, `09:30`)."""
        element = self.element(target)
        if element.get_attribute("type") in ("date", "time") and self.javascript:
            self.driver.execute_script(
                "arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value)
        else:
            element.clear()
            element.send_keys(value)
        assert element.get_attribute("value") == value, f"{target} did not take {value!r} on {self.url}"
        return self

    def choose(self, target, containing: str):
        select = Select(self.element(target))
        for option in select.options:
            if containing in option.text:
                select.select_by_visible_text(option.text)
                return self
        raise NoSuchElementException(f"no option with {containing!r} in {target} on {self.url}")

    def check(self, target, on: bool = True):
        """Ticks (or unticks) a box, whatever it showed before."""
        element = self.element(target)
        if element.is_selected() != on:
            element.click()
        return self

    def choose_value(self, target, value: str):
        """Picks the option whose value is `value` (the same option in either language)."""
        Select(self.element(target)).select_by_value(value)
        return self

    def attach(self, target, file: Path):
        self.element(target).send_keys(str(file))
        return self

    def click(self, target, name: str | None = None):
        """Clicks as a person does; a link or a submit button leads to a new page, which is
        waited for (and checked) before anything else happens."""
        element = self.element(target)
        tag = element.tag_name.lower()
        kind = (element.get_attribute("type") or "").lower()
        navigates = (tag == "a" and element.get_attribute("href")) or \
            (tag == "button" and kind in ("", "submit")) or (tag == "input" and kind in ("submit", "image"))
        if not navigates:
            element.click()
            return self
        self.driver.execute_script("window.__e2eLeaving = true")
        element.click()
        self.accept_dialog()
        self.wait_for_new_page()
        return self.landed(name)

    def wait_for_new_page(self, seconds: float = 60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.accept_dialog()
            try:
                if self.driver.execute_script("return window.__e2eLeaving !== true && document.readyState === 'complete'"):
                    return
            except Exception:  # the page is between documents
                pass
            time.sleep(0.05)
        raise AssertionError(f"no new page within {seconds} s after the click on {self.url}")

    def submit(self, form_css: str, name: str | None = None):
        """Clicks the submit button of the form `form_css`."""
        return self.click(f"{form_css} button[type=submit]", name)

    def accept_dialog(self):
        try:
            self.driver.switch_to.alert.accept()
        except NoAlertPresentException:
            pass

    def act(self, event: str, name: str | None = None):
        """A stage change from the file's page, confirmed by dialog or confirmation page."""
        self.click(f"form:has(input[name=event][value={event}]) button[type=submit]", name)
        if self.exists("input[name=confirmed]"):
            self.click("form:has(input[name=confirmed]) button[type=submit]")
        return self

    def keys(self, *keys):
        """Keyboard only: sends keys to whatever has the focus."""
        self.driver.switch_to.active_element.send_keys(*keys)
        return self

    def tab_to(self, css: str, limit: int = 80):
        """Presses Tab until the element `css` has the focus, as a keyboard user does."""
        target = self.find(css)
        for _ in range(limit):
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            if self.driver.switch_to.active_element == target:
                return self
        raise AssertionError(f"{css} never got the focus with Tab on {self.url}")

    # -- people ------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str = DEMO_PASSWORD):
        """Makes sure `username` is signed in: a session still alive is kept (as a person keeps
        their tab), one ended by the clock moving on is started again."""
        if self.user == username:
            self.open("/")
            if self.exists("form[action='/logout']"):
                return self
        self.sign_out()
        self.open("/login")
        self.type("form[action='/login'] input[name=username]", username)
        self.type("form[action='/login'] input[name=password]", password)
        self.submit("form[action='/login']")
        assert self.exists("form[action='/logout']"), f"{username} could not sign in: {self.text[:400]}"
        self.user = username
        return self

    def sign_out(self):
        if self.driver.current_url.startswith(self.base) and self.exists("form[action='/logout']"):
            self.submit("form[action='/logout']")
        self.driver.delete_all_cookies()
        self.language_chosen = False
        self.user = None
        return self

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass
