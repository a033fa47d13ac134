"""The whole procedure through the pages only, by clicking and typing, in one language per run:
two holders (an enterprise's and a public institution's) from verification to certificates,
and a visitor checking a certificate from its QR code."""
from steps import application as a
from steps import committee as c
from steps import results as r
from steps.stages import assert_stage


def holders():
    return (a.Holder("ecarter", "Emily Carter", "Carter-pass-2024x", "ACCA", "ACCA-2019-77310", "GB5531207", a.ENTERPRISE),
            a.Holder("jmorgan", "James Morgan", "Morgan-pass-2024x", "ACCA", "ACCA-2018-40211", "GB7720154", a.INSTITUTION))


def test_procedure(server, browser_for, language, proof_pdf):
    emily, james = holders()
    applicant, other, employer, verifier, supervisor, bureau, secretary, visitor = (
        browser_for(p) for p in ("applicant", "applicant2", "employer", "verifier", "supervisor", "bureau", "secretary", "visitor"))
    holders_and_browsers = ((applicant, emily), (other, james))

    # 四(一) Before the cut-off: both register and ask for verification; the platform passes them.
    server.start("2024-08-20T10:00")
    for browser, holder in holders_and_browsers:
        a.register(browser, holder)
        a.request_verification(browser, holder, proof_pdf)
    a.self_check(applicant)
    for holder in (emily, james):
        a.verifier_passes(verifier, holder)

    # 四(二)(三) The window opens: the files are filled, proved, printed and submitted.
    server.start("2024-09-06T09:00")
    for browser, holder in holders_and_browsers:
        a.open_file(browser, holder)
        a.fill_steps(browser, holder)
        a.write_summary(browser, holder)
        a.upload_proofs(browser, holder, proof_pdf)
        a.print_form(browser, holder)
        a.submit(browser, holder)

    # 四(四) The enterprise approves and publicises; the institution's file goes by its supervising department.
    a.employer_approves(employer, "employer1", emily)
    assert_stage(employer, emily.file_id, "unitPublicity", "the employer approved")
    a.publicity_started(employer, "employer1", emily, proof_pdf)
    a.employer_approves(employer, "employer2", james)
    assert_stage(employer, james.file_id, "supervisorReview", "the institution approved")
    a.supervisor_confirms_post(supervisor, james)
    assert_stage(supervisor, james.file_id, "unitPublicity", "the supervising department confirmed the post")
    a.publicity_started(employer, "employer2", james, proof_pdf)

    # The publicity's fifth working day: its outcome, then the holders report.
    server.start("2024-09-12T17:00")
    for username, holder in (("employer1", emily), ("employer2", james)):
        a.publicity_outcome(employer, username, holder)
    for browser, holder in holders_and_browsers:
        a.report(browser, holder, proof_pdf)
        assert_stage(browser, holder.file_id, "reported", "the holder reported")

    # 四(五) The bureau asks Emily once for a supplement, accepts both, and receives the printed files.
    server.start("2024-09-24T10:00")
    c.bureau_asks_supplement(bureau, emily.file_id)
    server.start("2024-09-25T10:00")
    c.applicant_supplements(applicant, emily.file_id, emily.username, emily.password, proof_pdf)
    server.start("2024-09-26T10:00")
    for holder in (emily, james):
        c.bureau_accepts(bureau, holder.file_id)
    c.bureau_schedules_paper_files(bureau, "2024-09-27")
    server.start("2024-09-27T10:00")
    for holder in (emily, james):
        c.bureau_records_paper_file(bureau, holder.file_id)

    # 四(六) The secretary schedules the interview; on its day the experts judge and vote.
    server.start("2024-10-08T10:00")
    c.secretary_schedules_interview(secretary, [emily.file_id, james.file_id], "2024-10-16")
    server.start("2024-10-16T14:00")
    for holder in (emily, james):
        c.interview_recorded(secretary, holder.file_id)
        # expert7 works for Emily's employer and is recused from her file when it is placed.
        voters = [f"expert{n}" for n in range(1, 7 if holder is emily else 8)]
        c.experts_give_opinions_and_vote(browser_for, holder.file_id, {v: "agree" for v in voters})
        assert c.secretary_closes_vote(secretary, holder.file_id, passes=True) == "resultPublicity"

    # 四(七) The bureau publishes the results; a visitor objects to James; the bureau dismisses it.
    server.start(r.PUBLISH_AT)
    published = r.bureau_publishes_results(bureau)
    assert {emily.name, james.name} <= set(published), f"published {published}"
    server.start(r.OBJECTION_AT)
    receipt = r.visitor_objects(visitor, james.name, r.REASONS[language]["dismissed"])
    r.bureau_rules_objection(bureau, receipt, uphold=False)
    assert r.visitor_looks_up_objection(visitor, receipt) == r.WORDS[language]["dismissed"]

    # After the period: the certificates, and a visitor checks Emily's from its QR code.
    server.start(r.CERTIFICATES_AT)
    issued = r.bureau_issues_certificates(bureau)
    assert {emily.name, james.name} <= set(issued), f"issued {issued}"
    for browser, holder in holders_and_browsers:
        browser.sign_in(holder.username, holder.password)
        assert_stage(browser, holder.file_id, "certified", "the bureau issued the certificates")
    pdf = r.applicant_downloads_certificate(applicant, emily.username, password=emily.password)
    r.visitor_verifies_from_qr(visitor, pdf)
