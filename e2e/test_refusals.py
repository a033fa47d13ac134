"""What the service refuses, as the people meet it in the browser: a report after the window,
another unit's employer, a certificate for a file whose objection was upheld, and a save from a
page that another window changed since — refused without losing what was typed."""
import time

from steps import application as a
from steps import results as r
from steps.stages import assert_stage, stage_shown, STAGES
from support.browser import DEMO_PASSWORD

DEADLINE_PASSED = {"zh": "2024年9月19日", "en": "19 September 2024"}


def wait_until_clock_reads(browser, day: str, seconds: float = 120):
    """Until the rehearsal banner (Shanghai time) shows `day`: the clock runs on in real time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        browser.open("/")
        if day in browser.find(".rehearsal-banner").text:
            return
        time.sleep(2)
    raise AssertionError(f"the rehearsal clock did not reach {day} within {seconds} s")


def test_late_report_refused(server, browser_for, language, proof_pdf):
    """四(四): reporting closes with 2024-09-19 (Asia/Shanghai). A page opened a minute before
    midnight and clicked after it is refused by the server; the file stays with the unit."""
    server.start("2024-09-19T23:59:00")
    applicant, clock_watcher = browser_for("applicant9"), browser_for("visitor")
    holder = a.Holder("applicant9", "", DEMO_PASSWORD, "", "", "", a.ENTERPRISE)
    applicant.sign_in(holder.username)
    holder.file_id = a.own_file_id(applicant)
    a.upload(applicant, "commitment", proof_pdf)
    assert applicant.exists("form:has(input[name=event][value=report])"), "the report button is not offered before midnight"
    wait_until_clock_reads(clock_watcher, "2024-09-20")
    applicant.act("report")
    applicant.shot("late-report-refused")
    assert DEADLINE_PASSED[language] in applicant.text, f"the refusal does not name the closing day: {applicant.text[:800]}"
    assert stage_shown(applicant, holder.file_id) == STAGES["unitPublicity"][language], "a late report was taken"
    assert not applicant.exists("form:has(input[name=event][value=report])"), "the report button is still offered after the window"


def test_other_units_employer_refused(server, browser_for, language):
    """四(四): each unit reviews its own people. employer2 (a public institution) cannot open,
    let alone approve, a file waiting for employer1 (an enterprise)."""
    server.start("2024-09-10T10:00")
    own, other = browser_for("employer1"), browser_for("employer2")
    own.sign_in("employer1")
    own.open("/unit-applications")
    links = [link.get_attribute("href") for link in own.all("main table a[href^='/applications/']")]
    waiting = [href for href in links if not href.endswith(".pdf") and "/form" not in href]
    assert waiting, "employer1 has no file waiting in the demo"
    other.sign_in("employer2")
    other.open("/unit-applications")
    assert not other.exists(f"main a[href='{waiting[0].removeprefix(other.base)}']"), "employer2's queue lists employer1's file"
    other.open(waiting[0], "other-unit-refused")
    assert other.find("h1").text.strip() in ({"zh": "无权访问", "en": "Not allowed"}[language], "403", "404") \
        or not other.exists("form:has(input[name=event][value=approve])"), f"employer2 was shown another unit's file: {other.text[:600]}"
    assert not other.exists("form:has(input[name=event][value=approve])"), "employer2 is offered to approve another unit's file"
    assert "dutiesPerformed" not in other.source


def test_upheld_objection_blocks_certificate(server, browser_for, language):
    """四(七): an objection found true takes the person off the list and no certificate is issued;
    the others on the list get theirs."""
    bureau, visitor, kenji = browser_for("bureau"), browser_for("visitor"), browser_for("applicant20")
    server.start(r.PUBLISH_AT)
    published = r.bureau_publishes_results(bureau)
    assert "Kenji Sato" in published, f"the demo's Kenji Sato is not on the list: {published}"
    server.start(r.OBJECTION_AT)
    receipt = r.visitor_objects(visitor, "Kenji Sato", r.REASONS[language]["upheld"])
    r.bureau_rules_objection(bureau, receipt, uphold=True)
    assert r.visitor_looks_up_objection(visitor, receipt) == r.WORDS[language]["upheld"]
    assert "Kenji Sato" not in r.public_result_names(visitor), "an upheld objection left the person on the public list"
    server.start(r.CERTIFICATES_AT)
    issued = r.bureau_issues_certificates(bureau)
    assert issued and "Kenji Sato" not in issued, f"issued {issued}"
    r.assert_no_certificate(bureau, "Kenji Sato")
    kenji.sign_in("applicant20")
    file_id = a.own_file_id(kenji)
    assert_stage(kenji, file_id, "notRecognised", "the upheld objection")
    assert not kenji.exists("#certificate"), "the holder's page offers a certificate"


def test_stale_page_save_refused(server, browser_for, language):
    """A page opened in two windows: the second save is refused (the first is kept), and the
    second window still holds what was typed into it, to copy or save again after a reload."""
    server.start("2024-09-06T10:00")
    first, second = browser_for("applicant1-window1"), browser_for("applicant1-window2")
    holder = a.Holder("applicant1", "", DEMO_PASSWORD, "", "", "", a.ENTERPRISE)
    a.open_file(first, holder)
    second.sign_in(holder.username)
    step = f"/applications/{holder.file_id}/steps/summary"
    first.open(step)
    second.open(step)
    first.type("textarea[name=summary]", "第一个窗口写的总结。")
    first.submit("form[action$='/steps/summary']")
    typed = "第二个窗口写了很长的一段总结，不能因为页面过期而丢失。" * 3
    second.type("textarea[name=summary]", typed)
    second.submit("form[action$='/steps/summary']", "stale-save-refused")
    message = {"zh": "本次修改未保存", "en": "your changes were not saved"}[language]
    assert message in second.text, f"the stale save was not refused with its reason: {second.text[:800]}"
    assert second.find("textarea[name=summary]").get_attribute("value") == typed, "what was typed in the stale window was lost"
    first.open(step)
    assert first.find("textarea[name=summary]").get_attribute("value") == "第一个窗口写的总结。", "the first save was overwritten"
