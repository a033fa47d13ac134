"""Steps of 四(五) acceptance and 四(六) the committee, done only through the pages, as the
bureau, the applicant, the committee's secretary and its experts do them. Every step signs in
afresh (the server is restarted at later instants between steps, which ends the sessions) and
asserts what the person sees afterwards. Controls are found by CSS (names, values, actions),
never by the words shown, so every step works on the Chinese and the English pages alike.

The clock — when each step may run (Shanghai time; the rehearsal clock of `server.start`).
The rules below are the app's own guards (Procedure/06-Acceptance, 07-Interview, 08-Vote and
TitleBridgeCore/Workflow/TransitionTable.swift):

- `bureau_asks_supplement`: the file is `reported` (已上报，受理审核中). No window: the
  acceptance review has no date guard, but the supplement's due day must be after today; the
  form proposes 10 working days after today, and a supplement is asked for once only per file.
  With the demo data, a fresh server at 2024-09-24T10:00 has, in the information technology
  group of the bureau's queue (/acceptance), applicant4's file (Daniel Hughes, enterprise
  employer1) reported and never decided by the demo, and applicant14's (Lukas Becker, public
  institution employer2) reported again after its one supplement (so it can only be accepted
  or not). The demo script is replayed once, when the database is new, up to the first
  clock: started before 09-26 10:00, the finance files stay `reported` too, and no paper time
  (demo: 09-26) and no session (demo: 10-08) exist yet; later restarts add nothing.
- `applicant_supplements`: the file is `supplementRequested` (待补正), on or before the due day
  (inclusive; from the day after it the server's deadline job withdraws the file). Only the
  listed items can change (here: a new upload of the kind flagged), then 提交补正 (`resubmit`)
  sends the file back to `reported`. E.g. 2024-09-25T10:00.
- `bureau_accepts`: the file is `reported` again; no date guard (the demo accepts on 09-26).
  Every checklist item must be judged; a system check that *failed* blocks acceptance, a
  "原则上" (review) item needs the reviewer's written reason (given here). E.g. 2024-09-26T10:00.
- `bureau_schedules_paper_files`: the time for the printed files is one working day, today or
  later (the form's date field has min=today); 2024-10-01…07 are holidays, 09-29 (Sunday) and
  10-12 (Saturday) are working days. A time is not required for the receipt, but it is what
  tells accepted applicants when to come. E.g. set 2024-09-26 for 2024-09-27.
- `bureau_records_paper_file`: the file is `accepted` (has its 受理号). No date guard; do it on
  the day set, e.g. 2024-09-27T10:00. Receipt by the acceptance number (scanned or typed).
- `secretary_schedules_interview`: the file is `accepted` and its printed files received
  (otherwise it cannot be placed: 尚未收到该申报人的纸质材料). The session's day is a working day,
  today or later. The session's field must be the file's certificate field (the acceptance
  number's middle part: IT, FM, BIO, ENG). The panel is chosen from the committee's members when
  the session is created: at least max(3, ⌈2/3 × committee⌉) members = 5 of the demo's 7; an
  expert who works for the applicant's employer is recused automatically when the file is
  placed (demo: expert7 for employer1's applicants). The app does not match the panel's
  expertise to the session's field (any member may sit). E.g. 2024-10-08T10:00 for a session
  on 2024-10-16 (a Wednesday).
- `interview_recorded`: the secretary records the interview and who was present (记录面谈答辩),
  not before the session's day: e.g. 2024-10-16T11:00. Only then may the present, non-recused
  experts judge; absent experts may never vote afterwards.
- `experts_give_opinions_and_vote`: the file is `interviewed`; each present expert writes the
  four points (学术技术水平, 业务能力, 工作成果, 业绩贡献) and a recommendation, then casts one
  secret ballot. No date guard: e.g. 2024-10-16T14:00.
- `secretary_closes_vote`: the file is `interviewed`; the secretary (never an expert or a
  chair: the app has no chair) writes the committee's opinion (考核认定意见), ticks the
  confirmation and closes. A quorum is needed: at least ⌈2/3 × committee⌉ = 5 of 7 present and
  not recused; passing needs agree ≥ ⌈2/3 × present⌉ (abstentions and ballots not cast count
  against). Passed → `resultPublicity` (结果公示中), not passed → `notRecognised`. E.g.
  2024-10-16T16:00.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable

from selenium.webdriver.support.ui import Select

from steps.stages import assert_stage
from support.browser import DEMO_PASSWORD, Browser

# The certificate field of a file, read from the middle of its acceptance number (2024B2-IT-0001).
FIELD_OF_CODE = {"IT": "informationTechnology", "FM": "financeManagement", "BIO": "biomedicine",
                 "ENG": "engineeringTechnology"}

# What each person writes, in the page's language (the person's own words are data, but a
# bureau officer answering on the English pages writes English).
WORDS = {
    "zh": {
        "supplement": "工作证明未写明在现单位从事专业技术工作的岗位和起止时间，请补充加盖公章的完整证明。",
        "review_reason": "经核对劳动合同和社保缴纳记录，工作年限符合要求，予以认可。",
        "place_paper": "上海市人才服务中心一楼受理窗口（梅园路77号）",
        "place_session": "上海市人才服务中心三楼第一会议室",
        "recognise": {
            "academicLevel": "系统掌握本专业基础理论和专业知识，熟悉国内外技术标准，能跟踪本领域前沿发展。",
            "professionalAbility": "能独立主持复杂项目的设计与实施，解决关键技术问题的能力较强。",
            "workResults": "主持完成的系统建设项目成效明显，技术报告质量较高。",
            "contribution": "为单位业务发展作出突出贡献，指导团队成员成长，在行业内有一定影响。",
        },
        "notRecognise": {
            "academicLevel": "专业理论基础较扎实，但对前沿问题的把握和研究深度尚显不足。",
            "professionalAbility": "能独立完成一般业务，主持复杂项目的经历较少。",
            "workResults": "工作成果以日常业务为主，可量化的成果和技术报告较少。",
            "contribution": "业绩贡献与所申报职称的要求尚有差距。",
        },
        "committee_opinion": "申报人专业理论扎实，业绩贡献明显，经面谈答辩和无记名投票表决，同意认定。",
    },
    "en": {
        "supplement": "The proof of work does not state the post held and its dates at the current employer; "
                      "please upload a complete, stamped proof.",
        "review_reason": "Checked against the labour contract and social insurance record: the years of work count.",
        "place_paper": "Shanghai Talent Service Centre, ground-floor counter (77 Meiyuan Road)",
        "place_session": "Shanghai Talent Service Centre, third floor, meeting room 1",
        "recognise": {
            "academicLevel": "A thorough grasp of the field's theory and standards, following its recent developments.",
            "professionalAbility": "Leads the design and delivery of complex projects and solves key technical problems.",
            "workResults": "The systems the applicant led show clear results; the technical reports are of good quality.",
            "contribution": "An outstanding contribution to the employer; mentors the team; known in the industry.",
        },
        "notRecognise": {
            "academicLevel": "A sound grounding, but little depth on the field's open questions.",
            "professionalAbility": "Handles ordinary work alone; little experience of leading complex projects.",
            "workResults": "Mostly routine work, with few measurable results or technical reports.",
            "contribution": "The contribution falls short of what the title asks for.",
        },
        "committee_opinion": "The applicant has a sound command of the field and clear achievements; after the interview "
                             "and the secret ballot, the committee recognises the title.",
    },
}

OPINION_POINTS = ("academicLevel", "professionalAbility", "workResults", "contribution")


# -- reading ---------------------------------------------------------------------------------

def file_path(file_id: str) -> str:
    return f"/applications/{file_id}"


def acceptance_number(b: Browser, file_id: str) -> str:
    """The file's 受理号 as its page shows it (opens the page)."""
    b.open(file_path(file_id))
    numbers = b.all("strong.acceptance-number")
    assert numbers, f"the file {file_id} shows no acceptance number on {b.url}: {b.text[:400]}"
    return numbers[0].text.strip()


# -- 四(五) acceptance -------------------------------------------------------------------------

def open_from_queue(bureau: Browser, file_id: str):
    """The bureau's queue (受理审核), then the file by its link there."""
    bureau.open("/acceptance")
    link = f"a[href='{file_path(file_id)}']"
    if not bureau.exists(link):
        # A field with more files than the first rows lists the rest on its own pages.
        for more in [a.get_attribute("href") for a in bureau.all("a[href*='/acceptance?field=']")]:
            bureau.open(more)
            if bureau.exists(link):
                break
    assert bureau.exists(link), f"the file {file_id} is not in the bureau's acceptance queue ({bureau.url})"
    bureau.click(link)


def fill_checklist(bureau: Browser, flagged: dict[str, tuple[str, str]] | None = None):
    """Judges every item of the checklist: `flagged` item id -> (verdict, note), the rest in
    order; an item the system sends for review (原则上) gets the reviewer's reason."""
    flagged = flagged or {}
    rows = bureau.all("table.checklist-table tbody tr")
    assert rows, f"no acceptance checklist on {bureau.url}: {bureau.text[:400]}"
    seen = set()
    for row in rows:
        select = row.find_element("css selector", "select[name$='[verdict]']")
        item = re.match(r"items\[(.+)\]\[verdict\]", select.get_attribute("name")).group(1)
        seen.add(item)
        note = row.find_element("css selector", "input[name$='[note]']")
        found = row.find_element("css selector", "td[class^='found-']").get_attribute("class")
        verdict, text = flagged.get(item, ("conforms", ""))
        if verdict == "conforms" and "found-review" in found:
            text = WORDS[bureau.language]["review_reason"]
        Select(select).select_by_value(verdict)
        note.clear()
        if text:
            note.send_keys(text)
    missing = set(flagged) - seen
    assert not missing, f"the checklist on {bureau.url} has no item {sorted(missing)}; it has {sorted(seen)}"


def bureau_asks_supplement(bureau: Browser, file_id: str, item: str = "upload:workProof",
                           verdict: str = "nonConforming", due: str | None = None, username: str = "bureau1"):
    """The bureau asks, once and all at once, for a supplement of one checklist item (by
    default the proof of work, not as required), with the proposed due day or `due` (ISO)."""
    bureau.sign_in(username)
    open_from_queue(bureau, file_id)
    fill_checklist(bureau, {item: (verdict, WORDS[bureau.language]["supplement"])})
    if due:
        bureau.type_date("input[name=supplementDue]", due)
    due_day = bureau.find("input[name=supplementDue]").get_attribute("value")
    bureau.click("button[name=event][value=requestSupplement]")
    assert not bureau.exists("table.checklist-table"), \
        f"the supplement request was refused on {bureau.url}: {bureau.problems()}"
    assert_stage(bureau, file_id, "supplementRequested", "the bureau asked for a supplement")
    listed = bureau.all("ul.checklist li.clause-fail")
    assert listed and any(WORDS[bureau.language]["supplement"][:12] in li.text for li in listed), \
        f"the file's page does not list the item asked for on {bureau.url}: {[li.text for li in listed]}"
    return due_day


def applicant_supplements(applicant: Browser, file_id: str, username: str, password: str = DEMO_PASSWORD,
                          proof_pdf: Path | None = None, kind: str = "workProof"):
    """The applicant reads the request on the file's page, uploads the corrected material (of
    the kind flagged) and sends the supplement (提交补正)."""
    assert proof_pdf is not None, "applicant_supplements needs a PDF to upload"
    applicant.sign_in(username, password)
    applicant.open(file_path(file_id))
    asked = applicant.all("ul.checklist li.clause-fail")
    assert asked, f"{username} does not see the supplement request on {applicant.url}: {applicant.text[:400]}"
    form = "form[enctype='multipart/form-data'][action$='/uploads']"
    if not applicant.exists(form):
        form = "form[enctype='multipart/form-data']"
    assert applicant.exists(f"{form} select[name=kind] option[value={kind}]"), \
        f"{username} cannot upload “{kind}” for the supplement on {applicant.url}"
    applicant.choose_value(f"{form} select[name=kind]", kind)
    applicant.attach(f"{form} input[type=file][name=file]", proof_pdf)
    uploads_before = len(applicant.all(f"#{anchor_of_attachments(applicant)} tbody tr"))
    applicant.submit(form)
    applicant.open(file_path(file_id))
    uploads_after = len(applicant.all(f"#{anchor_of_attachments(applicant)} tbody tr"))
    assert uploads_after == uploads_before + 1, \
        f"the corrected {kind} was not added to the file ({uploads_before} → {uploads_after} attachments): {applicant.problems()}"
    assert applicant.exists("form:has(input[name=event][value=resubmit])"), \
        f"{username} is offered no way to send the supplement on {applicant.url}"
    applicant.act("resubmit")
    assert_stage(applicant, file_id, "reported", "the applicant sent the supplement")
    assert not applicant.all("ul.checklist li.clause-fail"), \
        f"the supplement request still shows as open after it was sent, on {applicant.url}"


def anchor_of_attachments(b: Browser) -> str:
    """The id of the attachments' part of the file's page."""
    links = b.all("ul.file-contents li:last-child a")
    return links[0].get_attribute("href").split("#", 1)[-1] if links else "file-attachments"


def bureau_accepts(bureau: Browser, file_id: str, username: str = "bureau1") -> str:
    """The bureau judges every item in order and accepts the file (予以受理, confirmed);
    returns the acceptance number (受理号) the file's page then shows."""
    bureau.sign_in(username)
    open_from_queue(bureau, file_id)
    failed = [row.text for row in bureau.all("table.checklist-table tbody tr:has(td.found-fail)")]
    assert not failed, f"the system check fails items of {file_id}, so it cannot be accepted: {failed}"
    fill_checklist(bureau)
    bureau.click("button[name=event][value=accept]")
    if bureau.exists("input[name=confirmed]"):  # without JavaScript: the confirmation page
        bureau.click("form:has(input[name=confirmed]) button[type=submit]")
    assert not bureau.exists("table.checklist-table"), f"the acceptance was refused on {bureau.url}: {bureau.problems()}"
    assert_stage(bureau, file_id, "accepted", "the bureau accepted the file")
    number = acceptance_number(bureau, file_id)
    assert re.fullmatch(r"\d{4}B\d-[A-Z]+-\d{4}", number), f"unexpected acceptance number “{number}” on {bureau.url}"
    return number


def bureau_schedules_paper_files(bureau: Browser, day: str, start: str = "09:00", end: str = "16:30",
                                 place: str | None = None, username: str = "bureau1"):
    """The bureau sets (or moves) the one day accepted applicants bring their printed files,
    which tells each of them; `day` is an ISO working day, today or later."""
    bureau.sign_in(username)
    bureau.open("/acceptance/paper")
    form = "form[action='/acceptance/paper/schedule']"
    bureau.type_date(f"{form} input[name=day]", day)
    bureau.type_date(f"{form} input[name=from]", start)
    bureau.type_date(f"{form} input[name=until]", end)
    bureau.type(f"{form} input[name=place]", place or WORDS[bureau.language]["place_paper"])
    bureau.submit(form)
    assert bureau.url.split("?")[0].endswith("/acceptance/paper") and not bureau.exists(".alert-error"), \
        f"the time for the printed files was refused on {bureau.url}: {bureau.problems()}"
    assert bureau.find(f"{form} input[name=day]").get_attribute("value") == day, \
        f"the paper desk does not show the day {day} as set, on {bureau.url}"
    assert bureau.exists("section.form-card p.note"), f"the paper desk shows no time in force on {bureau.url}"


def bureau_records_paper_file(bureau: Browser, file_id: str, username: str = "bureau1") -> str:
    """The bureau records the printed files of the accepted file as received, by typing (as a
    scanner would) its acceptance number at the paper desk; returns the number."""
    bureau.sign_in(username)
    number = acceptance_number(bureau, file_id)
    bureau.open("/acceptance/paper")
    form = "form[action='/acceptance/paper/receipts']"
    bureau.type(f"{form} input[name=number]", number)
    bureau.submit(form)
    notices = [e.text for e in bureau.all("p.alert-ok[role=status]")]
    assert notices and number in notices[0], f"the receipt of {number} was not confirmed on {bureau.url}: {bureau.problems()}"
    bureau.open(file_path(file_id))
    assert bureau.exists("section.form-card p.alert-ok"), \
        f"the file's page does not say its printed files were received, on {bureau.url}: {bureau.text[:400]}"
    return number


# -- 四(六) the committee ----------------------------------------------------------------------

def secretary_schedules_interview(secretary: Browser, file_ids: Iterable[str], day: str, start: str = "09:00",
                                  end: str = "17:00", place: str | None = None, video_link: str | None = None,
                                  field: str | None = None, panel: Iterable[str] | None = None,
                                  username: str = "secretary1") -> str:
    """The secretary creates an interview session (面谈答辩) of the files' field on `day` (ISO)
    with its panel — every member of the committee, or the members named in `panel` (display
    names, e.g. 专家1) — and places the files on it. Returns the session's page path."""
    file_ids = list(file_ids)
    secretary.sign_in(username)
    secretary.open("/committee")
    if field is None:
        # The waiting list names each accepted file by its acceptance number, whose middle part is the field.
        link = secretary.all(f"a[href='{file_path(file_ids[0])}']")
        assert link, f"the file {file_ids[0]} is not among the files waiting for the committee ({secretary.url})"
        code = link[0].text.strip().split("-")[1]
        field = FIELD_OF_CODE[code]
    form = "form[action='/committee/sessions']"
    secretary.choose_value(f"{form} select[name=field]", field)
    secretary.type_date(f"{form} input[name=day]", day)
    secretary.type_date(f"{form} input[name=from]", start)
    secretary.type_date(f"{form} input[name=until]", end)
    secretary.type(f"{form} input[name=place]", place or WORDS[secretary.language]["place_session"])
    if video_link:
        secretary.type(f"{form} input[name=videoLink]", video_link)
    names = list(panel) if panel is not None else None
    for box in secretary.all(f"{form} input[name='panel[]']"):
        label = box.find_element("xpath", "..").text.strip()
        wanted = names is None or any(label.startswith(name) for name in names)
        if box.is_selected() != wanted:
            box.click()
    secretary.submit(form)
    assert re.search(r"/committee/sessions/[0-9A-Fa-f-]{36}$", secretary.url.split("?")[0]), \
        f"the session was not created (still on {secretary.url}): {secretary.problems()}"
    session = "/" + secretary.url.split("//", 1)[1].split("/", 1)[1].split("?")[0]
    place_form = "form[action$='/files']"
    for file_id in file_ids:
        box = f"{place_form} input[name='applications[]'][value='{file_id}']"
        assert secretary.exists(box), \
            f"the file {file_id} cannot be placed on the session (not accepted, printed files not in, or another field) on {secretary.url}"
        secretary.check(box)
    secretary.submit(place_form)
    assert not secretary.exists("#problems"), f"placing the files was refused on {secretary.url}: {secretary.problems()}"
    for file_id in file_ids:
        assert secretary.exists(f"table.data-table a[href='/committee/files/{file_id}']"), \
            f"the file {file_id} is not listed as placed on the session {secretary.url}"
    for file_id in file_ids:
        assert_stage(secretary, file_id, "interviewScheduled", "the secretary placed the file on a session")
    return session


def interview_recorded(secretary: Browser, file_id: str, absent: Iterable[str] = (), username: str = "secretary1"):
    """The secretary records that the interview took place and who of the panel was present
    (everyone not recused, except the display names in `absent`)."""
    absent = list(absent)
    secretary.sign_in(username)
    secretary.open(f"/committee/files/{file_id}")
    form = "form[action$='/interview']"
    assert secretary.exists(form), f"no attendance form for the interview on {secretary.url}: {secretary.text[:400]}"
    for box in secretary.all(f"{form} input[name='present[]']"):
        label = box.find_element("xpath", "..").text.strip()
        wanted = not any(label.startswith(name) for name in absent)
        if box.is_selected() != wanted:
            box.click()
    secretary.submit(form)
    assert not secretary.exists("#problems"), f"the interview record was refused on {secretary.url}: {secretary.problems()}"
    assert not secretary.exists(form), f"the attendance form still shows after recording the interview, on {secretary.url}"
    assert_stage(secretary, file_id, "interviewed", "the secretary recorded the interview")


def expert_judges(expert: Browser, file_id: str, username: str, choice: str):
    """One expert: the opinion on the four points (recommending as the ballot goes), then the
    one secret ballot (`agree`, `disagree` or `abstain`)."""
    expert.sign_in(username)
    expert.open("/committee")
    link = f"a[href='/committee/files/{file_id}']"
    assert expert.exists(link), f"{username} has no link to the file {file_id} on {expert.url} (not on its panel, recused or absent?)"
    expert.click(link)
    opinion_form = "form[action$='/opinion']"
    assert expert.exists(opinion_form), f"{username} is offered no opinion form on {expert.url}: {expert.problems()}"
    recommendation = "recognise" if choice == "agree" else "notRecognise"
    for point in OPINION_POINTS:
        expert.type(f"{opinion_form} textarea[name={point}]", WORDS[expert.language][recommendation][point])
    expert.check(f"{opinion_form} input[name=recommendation][value={recommendation}]")
    expert.submit(opinion_form)
    assert "done=opinion" in expert.url and not expert.exists("#problems"), \
        f"{username}'s opinion was refused on {expert.url}: {expert.problems()}"
    ballot_form = "form[action$='/ballot']"
    assert expert.exists(ballot_form), f"{username} is offered no ballot after the opinion, on {expert.url}"
    expert.check(f"{ballot_form} input[name=choice][value={choice}]")
    expert.shot("expert-vote")
    expert.submit(ballot_form)
    assert not expert.exists("#problems"), f"{username}'s ballot was refused on {expert.url}: {expert.problems()}"
    assert not expert.exists(ballot_form) and expert.exists("p.clause-pass"), \
        f"{username}'s page does not say the ballot was cast, on {expert.url}"


def experts_give_opinions_and_vote(browsers: Callable[[str], Browser], file_id: str, votes: dict[str, str]):
    """Each expert of `votes` (username -> agree/disagree/abstain) gives an opinion and votes,
    each in their own browser (`browsers(username)`, like the browser_for fixture)."""
    for username, choice in votes.items():
        assert choice in ("agree", "disagree", "abstain"), f"{choice!r} is not a ballot choice"
        expert_judges(browsers(username), file_id, username, choice)


def secretary_closes_vote(secretary: Browser, file_id: str, opinion: str | None = None, passes: bool | None = None,
                          username: str = "secretary1") -> str:
    """The secretary closes the vote with the committee's opinion (考核认定意见); the tally
    moves the file to result publicity (passed) or not recognised. Returns the stage key."""
    secretary.sign_in(username)
    secretary.open(f"/committee/files/{file_id}")
    form = "form[action$='/close']"
    assert secretary.exists(form), f"no way to close the vote on {secretary.url}: {secretary.text[:400]}"
    secretary.type(f"{form} textarea[name=opinion]", opinion or WORDS[secretary.language]["committee_opinion"])
    secretary.check(f"{form} input[name=confirmed]")
    secretary.submit(form)
    assert not secretary.exists("#problems"), f"closing the vote was refused on {secretary.url}: {secretary.problems()}"
    assert secretary.exists("table.tally"), f"no tally shown after closing the vote, on {secretary.url}"
    passed = secretary.exists("p.clause-pass") and not secretary.exists("section.form-card p.clause-fail")
    if passes is not None:
        assert passed == passes, f"the vote {'did not pass' if passes else 'passed'} against expectation: " \
                                 f"{secretary.find('table.tally').text}"
    stage = "resultPublicity" if passed else "notRecognised"
    assert_stage(secretary, file_id, stage, "the secretary closed the vote")
    return stage
