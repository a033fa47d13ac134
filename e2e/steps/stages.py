"""The stage a person reads on a file's page (TitleBridgeCore/Workflow/Stage.swift)."""
STAGES = {
    "draft": {"zh": "填报中", "en": "Being filled in"},
    "employerReview": {"zh": "单位审核中", "en": "With the employer"},
    "supervisorReview": {"zh": "主管部门审核中", "en": "With the supervising department"},
    "unitPublicity": {"zh": "单位公示", "en": "Publicity in the unit"},
    "reported": {"zh": "已上报，受理审核中", "en": "Reported; acceptance review"},
    "supplementRequested": {"zh": "待补正", "en": "Supplement requested"},
    "accepted": {"zh": "已受理", "en": "Accepted"},
    "notAccepted": {"zh": "不予受理", "en": "Not accepted"},
    "withdrawn": {"zh": "已撤回（视为放弃）", "en": "Withdrawn"},
    "interviewScheduled": {"zh": "已安排面谈答辩", "en": "Interview scheduled"},
    "interviewed": {"zh": "已面谈答辩", "en": "Interviewed"},
    "resultPublicity": {"zh": "结果公示中", "en": "Result publicity"},
    "notRecognised": {"zh": "未通过认定", "en": "Not recognised"},
    "certified": {"zh": "已认定发证", "en": "Recognised, certificate issued"},
}


def stage_shown(b, file_id: str) -> str:
    """The stage as the file's own page shows it (opens the page)."""
    b.open(f"/applications/{file_id}")
    cells = b.all("dl.kv dd:not(.file-number) > strong:not(.acceptance-number)")
    assert cells, f"no stage on {b.url}: {b.text[:400]}"
    return cells[0].text.strip()


def assert_stage(b, file_id: str, stage: str, after: str = "the last step"):
    shown = stage_shown(b, file_id)
    wanted = STAGES[stage][b.language]
    assert shown == wanted, f"after {after}, the file's page shows the stage “{shown}”, expected “{wanted}” ({stage}) on {b.url}"
