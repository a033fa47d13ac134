"""结果公示 and 发证: the bureau publishes the result list, the public objects, the bureau rules,
the bureau issues the electronic title certificates, and anyone checks one from its QR code —
all through the pages, as the people do (clicks and typing; the only thing read outside the
page is the certificate PDF, fetched through the link the holder's page offers, with the
holder's own cookies).

Clock instants (Shanghai time) — found in the code, not guessed:

* The publicity lasts `resultPublicityWorkingDays` = **5 working days** (policy
  `shanghai-2024-batch2.json`, citing 四(七) and 《职称评审管理暂行规定》), counted by
  `WorkingDayCalendar.nthWorkingDay`: the first day counts as day 1 and must be a working day
  not before the day of publishing (`ResultPublicityPlan.period`). The desk proposes the next
  working day from today (today itself when it is one).
* `bureau_publishes_results`: any instant once the votes are closed (demo: 2024-10-15 16:55)
  and before the demo itself would publish (2024-10-18 10:00) — use PUBLISH_AT =
  2024-10-17T10:00 on a fresh data folder, with PUBLICITY_STARTS = 2024-10-21 (Mon), so the
  period is 2024-10-21 … 2024-10-25 (Fri), as the demo's own list.
* `visitor_objects`: the public list shows a list only from its first day
  (`ResultsController.lists`: starts <= today), and objections are taken from the first day
  through the whole last day (`Period.isOpen`: starts <= today <= ends, Asia/Shanghai):
  2024-10-21 00:00 … 2024-10-25 23:59 — use OBJECTION_AT = 2024-10-22T10:00.
* `bureau_rules_objection`: any time after the objection, before or after the period ends
  (an open objection only holds back that file's certificate). Same instant is fine.
* `bureau_issues_certificates`: from the day after the last day (`Period.isOver`: today >
  ends; `TransitionTable.resultPublicityOver`), with no open objection on the file: from
  2024-10-26 00:00 (a Saturday — the code does not ask for a working day); the demo issues on
  Monday 2024-10-28 10:00 — use CERTIFICATES_AT = 2024-10-28T10:00. The run goes on in the
  background after the answer; the desk refreshes itself every 2 s until it has finished.
* `visitor_verifies_from_qr`: any instant after the certificate was issued (same server, same
  port: the QR holds `http://127.0.0.1:<port>/certificates/<number>`).

Each step signs its person in afresh: a restart with a later clock ends the sessions.
"""
import re
import subprocess
import tempfile
import time
from pathlib import Path

from selenium.webdriver.common.by import By

from steps.application import own_file_id
from support.browser import DEMO_PASSWORD

PUBLISH_AT = "2024-10-17T10:00"
PUBLICITY_STARTS = "2024-10-21"
PUBLICITY_ENDS = "2024-10-25"
OBJECTION_AT = "2024-10-22T10:00"
CERTIFICATES_AT = "2024-10-28T10:00"
DOCUMENT_NUMBER = "沪人社专〔2024〕412号"

DESK = "/bureau/results"
PUBLISH_FORM = "form[action='/bureau/results/lists']"
ISSUE_FORM = "form[action='/bureau/results/certificates']"

# What the pages say, in each language (Resources/Text/results.json).
WORDS = {
    "zh": {"published": "名单已发布", "ruled": "核实结论已记录", "received": "异议已收到",
           "valid": "有效：", "open": "核实中", "dismissed": "异议不成立", "upheld": "异议成立",
           "finished": "发证完成", "state_valid": "有效"},
    "en": {"published": "The list is published", "ruled": "The ruling is recorded", "received": "Objection received",
           "valid": "Valid:", "open": "Being looked into", "dismissed": "Dismissed", "upheld": "Upheld",
           "finished": "Issuing finished", "state_valid": "Valid"},
}


# Defaults typed by the people, in the language they read.
REASONS = {
    "zh": {"upheld": "经调取原始材料核实，异议所述情况属实，异议成立，不予认定。",
           "dismissed": "经向发证机构及所在单位核实，申报材料真实有效，异议不成立。"},
    "en": {"upheld": "The original project files confirm what the objection says; it is upheld and the title is not recognised.",
           "dismissed": "The issuing body and the employer confirmed the file is true and valid; the objection is dismissed."},
}
OBJECTORS = {"zh": ("李明", "13800001234"), "en": ("Li Ming", "li.ming@example.com")}


def words(browser) -> dict:
    return WORDS[browser.language]


# -- people and pages ------------------------------------------------------------------------


def open_desk(bureau):
    """The bureau's 结果公示与发证 desk, through its link in the site's navigation."""
    if not bureau.exists(f"nav a[href='{DESK}']"):
        bureau.open("/")
    bureau.click(f"nav a[href='{DESK}']")
    assert bureau.url.split("?")[0].endswith(DESK), f"the desk link led to {bureau.url}"
    return bureau


def open_public_list(visitor):
    """/results, through the navigation link every page has."""
    if not visitor.url.startswith(visitor.base):
        visitor.open("/")
    visitor.click("nav a[href='/results']")
    assert visitor.url.split("?")[0].endswith("/results"), f"the results link led to {visitor.url}"
    return visitor


def notice(browser) -> str:
    found = browser.all("main .alert-ok[role=status]")
    return found[0].text if found else ""


def _name_of(file_or_entry) -> str:
    """A person's name as the list shows it: a plain string, or something with `.name`/`["name"]`."""
    if isinstance(file_or_entry, str):
        return file_or_entry
    if isinstance(file_or_entry, dict):
        return file_or_entry["name"]
    return getattr(file_or_entry, "name")


# -- 1. publishing ---------------------------------------------------------------------------


def waiting_to_publish(bureau) -> list[str]:
    """Names the desk lists as passed and waiting to be published (the desk must be open)."""
    if not bureau.exists(PUBLISH_FORM):
        return []
    section = bureau.find(f"section.form-card:has({PUBLISH_FORM})")
    return [li.text.strip() for li in section.find_elements(By.CSS_SELECTOR, "ul li")]


def bureau_publishes_results(bureau, starts_on: str = PUBLICITY_STARTS, username: str = "bureau1") -> list[str]:
    """bureau1 publishes every file that passed the vote on a list starting `starts_on`
    (ISO date, a working day not in the past). Returns the names published."""
    bureau.sign_in(username)
    open_desk(bureau)
    names = waiting_to_publish(bureau)
    assert names, f"nobody is waiting to be published on the desk ({bureau.url}): {bureau.text[:600]}"
    field = f"{PUBLISH_FORM} input[name=startsOn]"
    assert bureau.find(field).get_attribute("type") == "date", "the first day of the publicity is not a date field"
    bureau.type_date(field, starts_on)
    bureau.submit(PUBLISH_FORM)
    said = notice(bureau)
    assert "done=published" in bureau.url and words(bureau)["published"] in said, (
        f"publishing from {starts_on} was not confirmed on {bureau.url}: notice {said!r}; problems {bureau.problems()!r}")
    assert not bureau.exists(PUBLISH_FORM), f"files still wait to be published after publishing: {waiting_to_publish(bureau)}"
    return names


# -- 2. the public list and objections -------------------------------------------------------


def public_result_rows(visitor) -> list[dict]:
    """Every row of every list on /results (open it first): name, employer, title, field,
    and the objection link while the period runs."""
    rows = []
    for section in visitor.all("main section.form-card:has(table.data-table)"):
        period = section.find_element(By.CSS_SELECTOR, "h2 + p").text
        for tr in section.find_elements(By.CSS_SELECTOR, "tbody tr"):
            cells = tr.find_elements(By.CSS_SELECTOR, "td")
            links = tr.find_elements(By.CSS_SELECTOR, "a[href$='/objection']")
            rows.append({"name": cells[0].text.strip(), "employer": cells[1].text.strip(), "title": cells[2].text.strip(),
                         "field": cells[3].text.strip(), "period": period,
                         "objection": links[0].get_attribute("href") if links else None})
    return rows


def public_result_names(visitor) -> list[str]:
    open_public_list(visitor)
    return [row["name"] for row in public_result_rows(visitor)]


def visitor_objects(visitor, file_or_entry, text: str, objector: str | None = None, contact: str | None = None,
                    evidence: str = "", shot: bool = True) -> str:
    """A member of the public opens /results, finds the person by the name the list shows,
    follows its 提出异议 link and sends a real-name written objection. Returns the receipt
    number the page gives. `text` must be at least 10 characters (the form's rule)."""
    name = _name_of(file_or_entry)
    objector = objector or OBJECTORS[visitor.language][0]
    contact = contact or OBJECTORS[visitor.language][1]
    open_public_list(visitor)
    if shot:
        visitor.shot("public-result-list")
    rows = public_result_rows(visitor)
    matching = [row for row in rows if row["name"] == name]
    assert matching, f"{name} is not on the public result list; it shows {[row['name'] for row in rows]}"
    assert matching[0]["objection"], f"{name} is listed but has no objection link (period: {matching[0]['period']})"
    link = visitor.find(f"main tbody tr a[href='{matching[0]['objection'].replace(visitor.base, '')}']")
    visitor.click(link)
    assert visitor.exists("main form textarea[name=reasons]"), f"no objection form on {visitor.url}: {visitor.text[:400]}"
    shown = " ".join(dd.text for dd in visitor.all("main dl.kv dd"))
    assert name in shown, f"the objection form is not about {name}: {shown!r}"
    form = "main form:has(textarea[name=reasons])"
    visitor.type(f"{form} input[name=name]", objector)
    visitor.type(f"{form} input[name=contact]", contact)
    visitor.type(f"{form} textarea[name=reasons]", text)
    if evidence:
        visitor.type(f"{form} textarea[name=evidence]", evidence)
    visitor.submit(form)
    said = notice(visitor)
    assert words(visitor)["received"] in said, (
        f"the objection to {name} was not received on {visitor.url}: {said!r}; problems {visitor.problems()!r}")
    receipt = visitor.find("main dl.kv dd.nowrap").text.strip()
    assert re.fullmatch(r"YY-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt), f"no receipt number shown: {receipt!r}"
    assert receipt in said, f"the notice {said!r} does not give the receipt {receipt}"
    return receipt


def visitor_looks_up_objection(visitor, receipt: str) -> str:
    """The objector types the receipt into 查询异议办理结果 and reads the outcome shown."""
    open_public_list(visitor)
    visitor.click("main a[href='/results/objections']")
    visitor.type("main form input[name=receipt]", receipt)
    visitor.submit("main form:has(input[name=receipt])")
    found = visitor.all("main dl.kv dd strong")
    assert found, f"receipt {receipt} found nothing on {visitor.url}: {visitor.text[:400]}"
    return found[0].text.strip()


# -- 3. ruling on an objection ---------------------------------------------------------------


def open_objections(bureau) -> list[str]:
    """Receipts of the objections waiting on the desk (the desk must be open)."""
    return [a.get_attribute("id").removeprefix("objection-") for a in bureau.all("main article[id^='objection-']")]


def ruled_objections(bureau) -> dict[str, str]:
    """Receipt → outcome as the desk's table of ruled objections shows them."""
    ruled = {}
    for tr in bureau.all("main table.data-table:has(th) tbody tr"):
        cells = [td.text.strip() for td in tr.find_elements(By.CSS_SELECTOR, "td")]
        if len(cells) == 5:
            ruled[cells[0]] = cells[2]
    return ruled


def bureau_rules_objection(bureau, receipt: str, uphold: bool, reason: str | None = None, username: str = "bureau1"):
    """The bureau rules on the objection with `receipt`: dismisses it, or upholds it and
    confirms (the page's dialog with JavaScript, the confirmation page without). The person
    leaves the public list when it is upheld."""
    bureau.sign_in(username)
    open_desk(bureau)
    article = f"main article#objection-{receipt}"
    assert bureau.exists(article), f"objection {receipt} is not waiting on the desk; waiting: {open_objections(bureau)}"
    about = bureau.find(f"{article} h3").text.strip()
    if reason is None:
        reason = REASONS[bureau.language]["upheld" if uphold else "dismissed"]
    bureau.type(f"{article} textarea[name=reason]", reason)
    outcome = "upheld" if uphold else "dismissed"
    bureau.click(f"{article} button[name=outcome][value={outcome}]")
    if bureau.exists("main form input[name=confirmed]"):
        # Without JavaScript the server asks on a page of its own before upholding.
        bureau.click("main form:has(input[name=confirmed]) button[type=submit]")
    said = notice(bureau)
    assert words(bureau)["ruled"] in said, (
        f"the ruling on {receipt} ({outcome}) was not recorded on {bureau.url}: {said!r}; problems {bureau.problems()!r}")
    assert not bureau.exists(article), f"objection {receipt} still waits after the ruling"
    shown = ruled_objections(bureau).get(receipt)
    expected = words(bureau)["upheld" if uphold else "dismissed"]
    assert shown == expected, f"the desk shows objection {receipt} as {shown!r}, not {expected!r}"
    return about


# -- 4. certificates -------------------------------------------------------------------------


def certificate_numbers_shown(bureau, username: str | None = None) -> dict[str, str]:
    """Name → certificate number, as the desk's table of issued certificates shows them.
    With `username`, signs in and opens the desk first; otherwise reads the desk as it is."""
    if username:
        bureau.sign_in(username)
        open_desk(bureau)
    shown = {}
    for tr in bureau.all("main table.data-table tbody tr:has(a[href^='/certificates/'])"):
        cells = tr.find_elements(By.CSS_SELECTOR, "td")
        shown[cells[1].text.strip()] = cells[0].text.strip()
    return shown


def bureau_issues_certificates(bureau, document_number: str = DOCUMENT_NUMBER, username: str = "bureau1",
                               timeout: float = 90) -> dict[str, str]:
    """After the publicity has ended, the bureau types the approval document number and issues
    every certificate due; waits (reloading through the desk's own link, as its page does every
    2 s) for the run's summary. Returns name → certificate number as the desk lists them."""
    bureau.sign_in(username)
    open_desk(bureau)
    before = certificate_numbers_shown(bureau)
    assert bureau.exists(ISSUE_FORM), (
        f"the desk offers no certificate run (publicity not over, objections open, or nothing due): {bureau.text[-600:]}")
    bureau.type(f"{ISSUE_FORM} input[name=documentNumber]", document_number)
    bureau.submit(ISSUE_FORM)
    assert not bureau.problems(), f"the run was refused: {bureau.problems()}"
    deadline = time.monotonic() + timeout
    while True:
        summary = " ".join(e.text for e in bureau.all("main section.form-card [role=status]"))
        if words(bureau)["finished"] in summary and document_number in summary:
            break
        assert time.monotonic() < deadline, f"the certificate run did not finish within {timeout} s: {summary!r}"
        time.sleep(2)
        open_desk(bureau)
    found = re.search(r"(\d+)\D+(\d+)\D+(\d+)\D*$", summary.split(document_number, 1)[1])
    issued, skipped, failed = (int(n) for n in found.groups()) if found else (None, None, None)
    assert failed == 0 and issued and issued > 0, f"the run's summary is not a clean issue: {summary!r}"
    after = certificate_numbers_shown(bureau)
    new = {name: number for name, number in after.items() if name not in before}
    assert len(new) == issued, f"the summary says {issued} issued, the table shows {len(new)} new: {new}"
    for tr in bureau.all("main table.data-table tbody tr:has(a[href^='/certificates/'])"):
        cells = [td.text.strip() for td in tr.find_elements(By.CSS_SELECTOR, "td")]
        if cells[1] in new:
            assert cells[3] == words(bureau)["state_valid"], f"{cells[1]}'s new certificate is shown as {cells[3]!r}"
    return after


def assert_no_certificate(bureau, name: str, shown: dict[str, str] | None = None):
    """The desk shows no certificate for `name` (a file whose objection was upheld)."""
    shown = certificate_numbers_shown(bureau) if shown is None else shown
    assert name not in shown, f"{name} got certificate {shown.get(name)} although an objection to them was upheld"


# -- 5. the holder's PDF and the QR code -----------------------------------------------------


def applicant_opens_certificate(applicant, username: str, password: str = DEMO_PASSWORD) -> str:
    """The holder signs in, opens their file's page and reads the certificate block; returns
    the PDF link's address."""
    applicant.sign_in(username, password)
    own_file_id(applicant)
    assert applicant.exists("#certificate"), f"{username}'s file page shows no certificate: {applicant.text[:500]}"
    pdf = applicant.all("#certificate a[href$='/certificate.pdf']")
    assert pdf, f"{username}'s certificate block offers no PDF: {applicant.find('#certificate').text}"
    return pdf[0].get_attribute("href")


def applicant_downloads_certificate(applicant, username: str, folder: Path | None = None,
                                    password: str = DEMO_PASSWORD) -> Path:
    """The holder's certificate PDF, through the link on their file's page."""
    href = applicant_opens_certificate(applicant, username, password)
    body, kind = applicant.fetch(href)
    assert body.startswith(b"%PDF-") and "pdf" in kind, f"{href} did not answer a PDF ({kind}, {body[:60]!r})"
    folder = Path(folder or tempfile.mkdtemp(prefix="certificate-"))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (href.rsplit("/", 2)[-2] + ".pdf")
    target.write_bytes(body)
    return target


def qr_urls_in(pdf: Path) -> list[str]:
    """Renders the PDF at 150 dpi and decodes every QR code on its pages."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), f"{work}/page"], check=True, timeout=120)
        pages = sorted(Path(work).glob("page*.png"))
        assert pages, f"pdftoppm made no page of {pdf}"
        found = []
        for page in pages:
            answer = subprocess.run(["zbarimg", "--raw", "-q", str(page)], capture_output=True, text=True, timeout=60)
            found += [line.strip() for line in answer.stdout.splitlines() if line.strip()]
        return found


def visitor_verifies_from_qr(visitor, certificate, username: str | None = None) -> str:
    """Anyone scans the QR code of a certificate and opens its address: `certificate` is the
    PDF (a path), or the holder's browser (then `username` is the holder's account and the
    PDF is downloaded as they would). Asserts the page says the certificate is valid and every
    check passed; takes `certificate-verification`. Returns the verified address."""
    if isinstance(certificate, (str, Path)):
        pdf = Path(certificate)
    else:
        assert username, "give the holder's username with their browser"
        pdf = applicant_downloads_certificate(certificate, username)
    urls = qr_urls_in(pdf)
    assert len(urls) == 1, f"expected one QR code on {pdf.name}, decoded {urls}"
    url = urls[0]
    number = pdf.stem  # the holder's download is named by its number
    assert re.search(r"/certificates/[A-Z0-9-]+$", url), f"the QR code holds {url!r}, not a certificate's verification address"
    assert url.startswith(visitor.base), f"the QR code points at {url}, not at this site ({visitor.base})"
    visitor.open(url)
    verdict = visitor.all("main section.result-pass .verdict")
    assert verdict and verdict[0].text.startswith(words(visitor)["valid"]), (
        f"{url} does not say the certificate is valid: {visitor.text[:600]}")
    rows = {dt.text.strip(): dd.text.strip() for dt, dd in zip(visitor.all("main dl.kv dt"), visitor.all("main dl.kv dd"))}
    assert url.rsplit("/", 1)[1] in rows.values(), f"the page does not show the number of {url}: {rows}"
    if re.fullmatch(r"[A-Z]+-[0-9A-Z]+-\d+", number):
        assert url.endswith("/" + number), f"the QR code of {pdf.name} points at another certificate: {url}"
    badges = [b.get_attribute("class") for b in visitor.all("main ul.clauses .badge")]
    assert badges and all("badge-pass" in b for b in badges), f"not every check passed on {url}: {badges}"
    visitor.shot("certificate-verification")
    return url
