"""The first half of the procedure, by clicking and typing: verification of the overseas
certificate, self-check, the file's seven steps, proofs, the printed form, the unit's review
and publicity, the supervising department, and the report.

Clock instants (Shanghai) the steps need, from the batch's policy (shanghai-2024-batch2.json):
- verification asked and passed before the cut-off 2024-08-31 (四(一));
- files submitted, reviewed and reported inside the window 2024-09-06 … 2024-09-19 (四(四));
- the unit publicity lasts 5 working days (四(四)): one started on 2024-09-06 ends on
  2024-09-12, and its outcome is recorded from that day.
"""
import re
from dataclasses import dataclass
from pathlib import Path

from support.browser import Browser
from steps.stages import assert_stage

UUID_IN_PATH = re.compile(r"/applications/([0-9A-Fa-f-]{36})")

# Option texts differ by language; a person picks the one they read.
ENTERPRISE = {"zh": "浦江", "en": "Pujiang"}
INSTITUTION = {"zh": "工程", "en": "Institute of Engineering"}


@dataclass
class Holder:
    username: str
    name: str
    password: str
    certificate_code: str      # what the certificate list's option shows (e.g. ACCA)
    certificate_number: str
    passport: str
    unit: dict                 # ENTERPRISE or INSTITUTION
    file_id: str = ""


def register(browser: Browser, holder: Holder):
    browser.sign_out()
    browser.open("/register")
    browser.type("input[name=username]", holder.username)
    browser.type("input[name=displayName]", holder.name)
    browser.type("input[name=password]", holder.password)
    browser.submit("form[action='/register']")
    assert browser.exists("form[action='/logout']"), f"registration did not sign {holder.username} in: {browser.text[:300]}"
    browser.user = holder.username


def request_verification(browser: Browser, holder: Holder, scan: Path):
    browser.open("/verifications")
    browser.choose("select[name=certificateCode]", holder.certificate_code)
    browser.type("input[name=certificateNumber]", holder.certificate_number)
    browser.type("input[name=holderName]", holder.name)
    browser.type_date("input[name=issuedOn]", "2019-05-01")
    browser.attach("input[name=scan]", scan)
    browser.submit("form[action='/verifications']")
    assert holder.certificate_number in browser.text, "the verification request is not listed after sending it"


def verifier_passes(verifier: Browser, holder: Holder):
    verifier.sign_in("verifier1")
    verifier.open("/verifications")
    rows = [row for row in verifier.all("table tbody tr") if holder.name in row.text]
    assert rows, f"{holder.name}'s request is not in the verifier's list"
    verifier.click(rows[0].find_element("css selector", "a[href^='/verifications/']"))
    verifier.click("input[name=decision][value=pass]")
    verifier.submit("form[action$='/decision']")


def self_check(browser: Browser):
    """The public self-check (资格自查) with the holder's own answers: it says they qualify."""
    browser.open("/self-check")
    browser.choose_value("select[name=target]", "accounting.associateSenior")
    browser.choose_value("select[name=employer]", "enterprise")
    browser.choose_value("select[name=field]", "financeManagement")
    browser.choose_value("select[name=certSeries]", "accounting")
    browser.type_date("input[name=verifiedOn]", "2024-08-20")
    browser.choose_value("select[name=edu0Degree]", "master")
    browser.choose_value("select[name=edu0Discipline]", "economics")
    browser.type_date("input[name=edu0AwardedOn]", "2012-06-30")
    browser.type_date("input[name=work0From]", "2012-07-01")
    browser.check("input[name=work0InShanghai]")
    browser.check("input[name=work0Related]")
    for box in ("lawAbiding", "ethics", "duties"):
        browser.check(f"input[name={box}]")
    browser.submit("form[action='/self-check']", "self-check-result")
    assert browser.exists(".result-pass"), f"the self-check does not say the holder qualifies: {browser.text[:600]}"


def open_file(browser: Browser, holder: Holder) -> str:
    browser.sign_in(holder.username, holder.password)
    browser.open("/applications")
    browser.submit("form[action='/applications']")
    assert browser.exists("input[name=birthDate]"), "the new file does not open on its first step"
    holder.file_id = browser.url.split("/applications/")[1].split("/")[0]
    return holder.file_id


def own_file_id(browser: Browser) -> str:
    """The file of the signed-in holder, found as they find it: 网上申报 leads to it."""
    browser.open("/applications")
    if not UUID_IN_PATH.search(browser.url):
        links = [l.get_attribute("href") for l in browser.all("main a[href^='/applications/']") if UUID_IN_PATH.search(l.get_attribute("href"))]
        assert links, f"the holder finds no file on {browser.url}"
        browser.open(links[0])
    return UUID_IN_PATH.search(browser.url).group(1)


def fill_steps(browser: Browser, holder: Holder):
    steps = f"/applications/{holder.file_id}/steps"
    language = browser.language
    browser.open(f"{steps}/personal")
    browser.type("input[name=name]", holder.name)
    browser.choose("select[name=gender]", {"zh": "女", "en": "Female"}[language])
    browser.type_date("input[name=birthDate]", "1988-03-14")
    browser.type("input[name=nationality]", "United Kingdom")
    browser.choose("select[name=idKind]", {"zh": "护照", "en": "Passport"}[language])
    browser.type("input[name=idNumber]", holder.passport)
    browser.submit("form[action$='/steps/personal']")
    browser.choose("select[name=employerID]", holder.unit[language])
    if holder.unit is INSTITUTION:
        # A public institution's staff apply one level above the title they hold (二).
        browser.choose_value("select[name=currentTitleSeries]", "accounting")
        browser.choose_value("select[name=currentTitleLevel]", "intermediate")
    browser.submit("form[action$='/steps/employer']")
    browser.choose("select[name=verificationNumber]", "CV2024")
    browser.submit("form[action$='/steps/certificate']")
    browser.choose("select[name='education[0][degree]']", {"zh": "硕士", "en": "Master"}[language])
    browser.choose("select[name='education[0][discipline]']", {"zh": "经济", "en": "Economics"}[language])
    browser.type("input[name='education[0][school]']", "University of Edinburgh")
    browser.type("input[name='education[0][country]']", "United Kingdom")
    browser.type_date("input[name='education[0][awardedOn]']", "2012-06-30")
    browser.submit("form[action$='/steps/education']")
    browser.type_date("input[name='work[0][from]']", "2012-07-01")
    browser.type("input[name='work[0][employer]']", "上海浦江示例科技有限公司")
    browser.type("input[name='work[0][position]']", "Finance manager")
    browser.check("input[name='work[0][inShanghai]']")
    browser.check("input[name='work[0][related]']")
    browser.submit("form[action$='/steps/work']")
    browser.click("input[name=targetSeriesLevel][value='accounting.associateSenior']")
    browser.check("input[name=attest]")
    browser.submit("form[action$='/steps/target']")


SUMMARY_PARAGRAPH = ("I have led the financial reporting of a Shanghai technology company since 2012, "
                     "covering consolidation, budgeting and internal control.\n")
SUMMARY_LINE = "本人负责公司合并报表、预算管理和内部控制体系建设，带领团队完成多项重大财务项目。\n"


def write_summary(browser: Browser, holder: Holder):
    """3,000 字 typed as a person types; the live counter below the box follows the typing."""
    browser.open(f"/applications/{holder.file_id}/steps/summary")
    browser.type("textarea[name=summary]", SUMMARY_PARAGRAPH + SUMMARY_LINE * 85)
    counted = int(browser.find("#summary-count [data-zi-value]").text)
    assert counted >= 3000, f"the live counter shows {counted} 字 after typing more than 3,000"
    assert "zi-enough" in browser.find("#summary-count").get_attribute("class"), "the counter does not say the minimum is met"
    browser.shot("summary-live-counter")
    browser.submit("form[action$='/steps/summary']")


PROOFS = ["degree", "workProof", "certificateScan"]


def upload(browser: Browser, kind: str, file: Path):
    """One attachment of `kind` through the upload form of the file's page now shown."""
    browser.choose_value("form[action$='/uploads'] select[name=kind]", kind)
    browser.attach("form[action$='/uploads'] input[name=file]", file)
    browser.submit("form[action$='/uploads']")


def upload_proofs(browser: Browser, holder: Holder, scan: Path):
    browser.open(f"/applications/{holder.file_id}")
    for proof in PROOFS:
        upload(browser, proof, scan)


def print_form(browser: Browser, holder: Holder) -> bytes:
    """The 申报表 as the holder prints it: the link on the file's page gives a PDF."""
    browser.open(f"/applications/{holder.file_id}")
    links = [a for a in browser.all("a[href$='/form.pdf'], a[href*='/form']") if a.get_attribute("href")]
    assert links, "the file's page offers no form to print"
    pdf, kind = browser.fetch(links[0].get_attribute("href"))
    assert pdf.startswith(b"%PDF") and "pdf" in kind, f"the printed form is not a PDF ({kind})"
    return pdf


def submit(browser: Browser, holder: Holder):
    browser.open(f"/applications/{holder.file_id}")
    browser.act("submit")
    assert_stage(browser, holder.file_id, "employerReview", "the holder submitted the file")
    browser.shot("applicant-status")


def employer_approves(employer: Browser, username: str, holder: Holder):
    employer.sign_in(username)
    employer.open("/unit-applications", "employer-queue")
    employer.click(f"a[href='/applications/{holder.file_id}']")
    text = employer.text
    assert "University of Edinburgh" in text and "Finance manager" in text, "the employer cannot read the whole file"
    assert holder.passport not in text, "the employer sees the ID number unmasked"
    for statement in ("dutiesPerformed", "materialsTrue", "agrees"):
        employer.click(f"input[name='opinion[{statement}]']")
    employer.submit("form:has(input[name=event][value=approve])")


def supervisor_confirms_post(supervisor: Browser, holder: Holder):
    supervisor.sign_in("supervisor1")
    supervisor.open("/unit-applications")
    supervisor.click(f"a[href='/applications/{holder.file_id}']")
    for box in supervisor.all("form:has(input[name=event][value=confirmPost]) input[type=checkbox]"):
        box.click()
    supervisor.submit("form:has(input[name=event][value=confirmPost])")


def publicity_started(employer: Browser, username: str, holder: Holder, scan: Path):
    employer.sign_in(username)
    employer.open(f"/applications/{holder.file_id}")
    employer.type("input[name=place]", "公司内网公告栏")
    employer.attach("input[name=evidence]", scan)
    employer.submit("form[action$='/publicity']")
    upload(employer, "unitOpinion", scan)


def publicity_outcome(employer: Browser, username: str, holder: Holder):
    employer.sign_in(username)
    employer.open(f"/applications/{holder.file_id}")
    employer.click("input[name=kind][value=noObjection]")
    employer.submit("form[action$='/publicity/outcome']")


def report(browser: Browser, holder: Holder, scan: Path):
    browser.sign_in(holder.username, holder.password)
    browser.open(f"/applications/{holder.file_id}")
    upload(browser, "commitment", scan)
    browser.act("report")
