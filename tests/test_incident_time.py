"""A claim is dated by its incident, not by the statement that reports it.

Hand-written sentences; the publication date is Thursday 2025-05-08 throughout.
"""

from __future__ import annotations

import pytest

from reportedly.model import Claim, Document, DocumentResult, Evidence, Span, TimeRef
from reportedly.options import Options
from reportedly.resolve import resolve_batch
from reportedly.time import time_role

PUB = "2025-05-08"  # a Thursday
MON, TUE, WED, THU, SUN = "2025-05-05", "2025-05-06", "2025-05-07", "2025-05-08", "2025-05-04"


def role(sentence: str, expr: str) -> str:
    i = sentence.index(expr)
    return time_role(sentence, i, i + len(expr), 0)


@pytest.mark.parametrize(("sentence", "expr", "expected"), [
    ("The provincial governor said on Wednesday that nine farmers were shot dead at a well on Monday.",
     "on Wednesday", "statement"),
    ("The provincial governor said on Wednesday that nine farmers were shot dead at a well on Monday.",
     "on Monday", "incident"),
    ("A militia leader told reporters on Thursday that his men had lost four fighters.", "on Thursday", "statement"),
    ("The navy said in a short statement on Tuesday that two sailors were hurt.", "on Tuesday", "statement"),
    ("Port authorities on Wednesday denied that guards fired on the crowd.", "on Wednesday", "statement"),
    ("On Thursday, the district clinic said six patients had died.", "On Thursday", "statement"),
    ("Relatives buried the victims of Monday's ambush on the ridge road.", "Monday's", "incident"),
    ("Nobody has claimed Sunday's deadly raid on the customs post.", "Sunday's", "incident"),
    ("Three guards died in the attack on Sunday, the ministry said.", "on Sunday", "incident"),
    ("Gunmen killed five herders on Monday, village elders told a radio station on Tuesday.", "on Monday", "incident"),
    ("Gunmen killed five herders on Monday, village elders told a radio station on Tuesday.", "on Tuesday",
     "statement"),
    # a toll's update and a later death of wounds are not the incident's time
    ("The toll from the blast rose to 21 on Wednesday.", "on Wednesday", ""),
    ("A fisherman died of his wounds on Wednesday.", "on Wednesday", ""),
    ("Schools in the valley reopened on Monday.", "on Monday", ""),
    # the day of a later step (an arrest, a plea, a hearing, a vigil) is not the incident's
    ("A teenager was arrested Tuesday in connection with a shooting that left two men dead.", "Tuesday",
     "followup"),
    ("Deputies on Wednesday arrested a neighbour suspected of firing into the house.", "on Wednesday", "followup"),
    ("The suspect pleaded not guilty on Monday to two counts of murder.", "on Monday", "followup"),
    ("At her arraignment Tuesday, the driver said nothing.", "Tuesday", "followup"),
    ("Friends held a candlelight vigil for the two victims on Sunday evening.", "on Sunday evening", "followup"),
    ("A clerk was taken into custody by state troopers and local officers Monday morning.", "Monday morning",
     "followup"),
    ("Police said Monday that they had arrested a cousin of the victim.", "Monday", "followup"),
    ("The sheriff announced Friday the arrest of a second suspect.", "Friday", "followup"),
    ("The driver appeared Tuesday afternoon in county district court.", "Tuesday afternoon", "followup"),
    ("Deputies on Thursday identified the man found in the car.", "on Thursday", "followup"),
    ("A cashier died Saturday, a week after she was critically wounded in a robbery.", "Saturday", "followup"),
    ("The boy died Wednesday after being shot in the head Monday.", "Wednesday", "followup"),
    ("The boy died Wednesday after being shot in the head Monday.", "Monday", "incident"),
    ("A man died Friday after a fight outside a bar.", "Friday", "incident"),
    ("A judge on Monday denied bail for the driver.", "on Monday", "followup"),
    ("A Dover man is behind bars Saturday after police say he shot a clerk in a robbery in May.", "Saturday",
     "followup"),
    ("The coroner's office ruled Friday that the woman's death was a homicide.", "Friday", "followup"),
    ("The county attorney filed notice Friday that she would seek a life sentence.", "Friday", "followup"),
    ("Port guards on Monday denied firing at the crowd.", "on Monday", "statement"),
    # ... but a shooting named after the arrest keeps its own time
    ("Two men were arrested after a shooting Monday that wounded a cashier.", "Monday", "incident"),
    ("Police arrested a man who shot three people Saturday at a bus stop.", "Saturday", "incident"),
    ("Two guards were shot Monday in front of the court building.", "Monday", "incident"),
    ("Deputies are still searching for the gunmen after the shootout on Sunday outside the store.", "on Sunday",
     "incident"),
    ("Neighbours heard the gunfire on Saturday night.", "on Saturday night", "incident"),
])
def test_time_role(sentence: str, expr: str, expected: str) -> None:
    assert role(sentence, expr) == expected


def claim(text: str, evidence: str, figure: str, time: str | None = None) -> Claim:
    s = text.index(evidence)
    f = text.index(figure, s)
    c = Claim(kind="killed", value=int("".join(ch for ch in figure if ch.isdigit()) or 1),
              evidence=Evidence(s, s + len(evidence), evidence), figure=Span(figure, f, f + len(figure)))
    if time is not None:
        t = text.index(time, s)
        c.time = TimeRef(text=time, start=t, end=t + len(time))
    return c


def dated(text: str, c: Claim) -> str | None:
    res = DocumentResult(document=Document(text=text, published=PUB), claims=[c])
    resolve_batch([res], Options(resolve_places=False))
    return c.time.date_start if c.time else None


def test_statement_time_given_by_extractor_yields_to_the_incident_in_the_sentence() -> None:
    text = "Ferry sinking\n\nThe coast guard said on Wednesday that 12 passengers drowned when the ferry was attacked on Monday."
    c = claim(text, text.split("\n\n")[1], "12 passengers", time="on Wednesday")
    assert dated(text, c) == MON


def test_statement_time_in_the_sentence_yields_to_the_incident_in_the_sentence() -> None:
    text = "Clinic raid\n\nThe health ministry said on Wednesday that seven nurses were killed in the raid on Tuesday."
    c = claim(text, text.split("\n\n")[1], "seven nurses")
    assert dated(text, c) == TUE


def test_incident_time_from_the_paragraph() -> None:
    text = ("Minibus blast\n\nOn Sunday evening a bomb tore through a minibus near the quarry. "
            "The district officer said on Wednesday that 8 passengers had died.")
    c = claim(text, "The district officer said on Wednesday that 8 passengers had died.", "8 passengers")
    assert dated(text, c) == SUN


def test_incident_time_from_the_lead() -> None:
    text = ("Funerals held\n\nMourners gathered on Thursday for the victims of Monday's bombing at the bus depot.\n\n"
            "The depot's manager said on Thursday that 14 drivers had been killed.")
    c = claim(text, "The depot's manager said on Thursday that 14 drivers had been killed.", "14 drivers")
    assert dated(text, c) == MON


def test_lead_fallback_skips_a_statement_time() -> None:
    text = ("Strike denied\n\nThe air force on Wednesday denied bombing a wedding during Tuesday's offensive.\n\n"
            "Local medics counted 11 dead.")
    c = claim(text, "Local medics counted 11 dead.", "11 dead")
    assert dated(text, c) == TUE


def test_a_time_of_a_sentence_naming_no_incident_is_not_taken() -> None:
    text = ("Market reopens\n\nTraders returned to the market on Monday. "
            "The mayor said on Wednesday that 9 people had been killed there.")
    c = claim(text, "The mayor said on Wednesday that 9 people had been killed there.", "9 people")
    assert dated(text, c) == WED


def test_statement_time_stays_without_an_incident_time() -> None:
    text = "Toll revised\n\nThe ministry said on Wednesday that 30 people had been killed."
    c = claim(text, text.split("\n\n")[1], "30 people")
    assert dated(text, c) == WED


def test_an_arrest_day_does_not_date_the_incident() -> None:
    text = ("Arrest in bakery shooting\n\nA 20-year-old man was arrested Wednesday in the shooting that killed "
            "2 bakers.")
    c = claim(text, text.split("\n\n")[1], "2 bakers")
    assert dated(text, c) is None  # left undated: the cluster stage treats it as a possible late report
    text = text.replace("2 bakers.", "2 bakers last month.")
    c = claim(text, text.split("\n\n")[1], "2 bakers")
    assert dated(text, c) == "2025-04-01"


def test_an_arrest_day_yields_to_the_incident_day_of_the_lead() -> None:
    text = ("Suspect held\n\nA gunman opened fire on a minibus on Sunday. Police arrested a suspect on Wednesday.\n\n"
            "Officers said the suspect was charged Wednesday with killing 4 passengers.")
    c = claim(text, "Officers said the suspect was charged Wednesday with killing 4 passengers.", "4 passengers")
    assert dated(text, c) == SUN


def test_the_lead_fallback_skips_an_arrest_day() -> None:
    text = ("Arrest made\n\nA woman was arrested on Wednesday.\n\nThe shooting left 3 people dead.")
    c = claim(text, "The shooting left 3 people dead.", "3 people")
    assert dated(text, c) is None


def test_an_undated_follow_up_takes_the_day_the_article_gives_its_incident() -> None:
    text = ("Charges in wedding ambush\n\nTwo men were charged Wednesday in an ambush that killed 5 guests.\n\n"
            "Their lawyer said on Wednesday that they deny it. The men are accused in the March 9 ambush "
            "at a farm outside the town.")
    c = claim(text, "Two men were charged Wednesday in an ambush that killed 5 guests.", "5 guests")
    assert dated(text, c) == "2025-03-09"
    # a day that dates no incident (a statement's, a hearing's) is not taken
    text = ("Charges in wedding ambush\n\nTwo men were charged Wednesday in an ambush that killed 5 guests.\n\n"
            "Their lawyer said they deny it.\n\nA judge on March 9 denied them bail. Their trial opens on May 20.")
    c = claim(text, "Two men were charged Wednesday in an ambush that killed 5 guests.", "5 guests")
    assert dated(text, c) is None


def test_a_statement_time_yields_to_the_day_the_article_gives_its_incident() -> None:
    text = ("Inquiry into ambush\n\nThe governor said on Wednesday that 5 guests had died.\n\nThe guests were "
            "leaving a wedding. Soldiers searched the hills after the March 9 ambush.")
    c = claim(text, "The governor said on Wednesday that 5 guests had died.", "5 guests")
    assert dated(text, c) == "2025-03-09"


def test_a_coarse_time_takes_the_day_that_follows_it() -> None:
    text = "Plea entered\n\nThe boy died nearly 2 months ago, on March 3, after 1 shot was fired at him."
    c = claim(text, text.split("\n\n")[1], "The boy")
    assert dated(text, c) == "2025-03-03"
    # a day further on is not its apposition: the coarse time stays
    text = "Plea entered\n\nThe boy died nearly 2 months ago and the court met on May 3 about 1 shot fired at him."
    c = claim(text, text.split("\n\n")[1], "The boy")
    assert dated(text, c) != "2025-05-03"


def test_a_lead_that_only_dates_a_report_gives_the_days_up_to_it() -> None:
    text = ("Questions for the gunman's family\n\nAccording to a TV report on Wednesday, the family knew of his plan. "
            "The gunman killed 9 people at a club.")
    c = claim(text, "The gunman killed 9 people at a club.", "9 people")
    resolve_batch([DocumentResult(document=Document(text=text, published=PUB), claims=[c])],
                  Options(resolve_places=False))
    assert c.time is not None and (c.time.date_start, c.time.date_end, c.time.precision) == (
        "2025-05-04", WED, "week")


def test_incident_time_in_the_sentence_is_kept() -> None:
    text = "Checkpoint\n\nSoldiers killed 3 smugglers at a checkpoint on Monday, the army said."
    c = claim(text, text.split("\n\n")[1], "3 smugglers")
    assert dated(text, c) == MON


@pytest.mark.slow
def test_pipeline_dates_the_incident(nlp) -> None:  # type: ignore[no-untyped-def]
    from reportedly.pipeline import extract

    text = ("Quarry attack: governor promises inquiry\n\n"
            "The regional governor said on Thursday that 17 miners were killed when gunmen stormed "
            "a gold quarry near the river on Tuesday.\n\n"
            "He promised an inquiry.")
    res = extract(text, published=PUB)
    killed = [c for c in res.claims if c.kind == "killed" and c.value == 17]
    assert killed, res.claims
    assert killed[0].time is not None and killed[0].time.date_start == TUE


@pytest.mark.slow
def test_pipeline_follow_up_dates_the_earlier_incident(nlp) -> None:  # type: ignore[no-untyped-def]
    from reportedly.pipeline import extract

    text = ("Town buries blast victims\n\n"
            "Crowds gathered on Thursday to bury victims of Monday's truck bombing at the bus station.\n\n"
            "The town's clinic said on Thursday that 23 people had now died.")
    res = extract(text, published=PUB)
    killed = [c for c in res.claims if c.kind == "killed" and c.value == 23]
    assert killed, res.claims
    assert killed[0].time is not None and killed[0].time.date_start == MON
