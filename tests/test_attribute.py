"""Attribution: statements, speakers, roles and cues, on sentences the team wrote."""

from __future__ import annotations

import pytest

from claimkit.attribute import clean_name, find_embeds


def statements_of(analyzer, text, **kwargs):
    return analyzer.analyze(text, **kwargs).statements


def by_speaker(statements, name):
    return [s for s in statements if s.speaker == name]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("🇺🇸MAPLEGROVE🇺🇸", "MAPLEGROVE"),
        ("Dana 🐙 Whitlock", "Dana Whitlock"),
        ("A YouTube spokesperson", "YouTube spokesperson"),
        ("the Kestrel Gazette", "Kestrel Gazette"),
        ("Mary-Jo Okonkwo", "Mary-Jo Okonkwo"),
    ],
)
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


def test_embedded_post_gives_speaker_handle_date_and_cue(analyzer):
    text = (
        "Woke up 4,000 followers lighter. Coincidence? — Dana Whitlock (@dwhitlock_news) March 3, 2019"
    )
    [post] = statements_of(analyzer, text)
    assert (post.speaker, post.handle, post.date, post.cue) == ("Dana Whitlock", "dwhitlock_news", "2019-03-03", "embed")
    assert post.text.startswith("Woke up")
    assert text[post.start : post.end] == post.text


def test_embed_spans_post_paragraphs_but_not_narrative():
    text = (
        "Reporters asked the company about the drop on Monday and it said nothing.\n\n"
        "ok so this is weird 😳\n\n"
        "Every one of my bots is GONE.\n\n"
        "Good riddance! — Pell Arkwright (@pell_ark) June 4, 2020"
    )
    [post] = find_embeds(text)
    assert text[post.start :].startswith("ok so this is weird")


def test_handles_with_dots_are_accepted():
    [post] = find_embeds("Down 900 overnight. — Rosa Lind (@rosa.lind.art) May 2, 2023")
    assert post.handle == "rosa.lind.art"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('Marta Quell said, "The numbers just collapsed overnight."', "Marta Quell", "said"),
        ('"The numbers just collapsed overnight," Marta Quell wrote.', "Marta Quell", "wrote"),
        ('"The numbers just collapsed overnight," tweeted Marta Quell.', "Marta Quell", "tweeted"),
        ('Marta Quell stated: "The numbers just collapsed overnight."', "Marta Quell", "stated"),
        ('Marta Quell posted: "The numbers just collapsed overnight."', "Marta Quell", "posted"),
    ],
)
def test_direct_quotes_with_speech_verb_before_or_after(analyzer, text, speaker, cue):
    quoted = [s for s in statements_of(analyzer, text) if s.speaker == speaker]
    assert quoted and quoted[0].cue == cue
    assert "collapsed overnight" in quoted[0].text


def test_reported_speech_names_the_speaker(analyzer):
    text = "A Pinterest spokesperson reportedly said that the accounts had broken its rules."
    [statement] = statements_of(analyzer, text)
    assert statement.speaker == "Pinterest spokesperson"
    assert statement.cue == "said"


def test_according_to_names_the_speaker(analyzer):
    text = "According to Lena Vasquez, the drop came from accounts that were never real."
    [statement] = statements_of(analyzer, text)
    assert statement.speaker == "Lena Vasquez"


def test_chatbot_answer_is_a_third_party_resolved_from_it(analyzer):
    text = (
        "Grok, the chatbot built into X, weighed in. It replied: "
        '"X has been removing spam accounts this month, which explains most drops."'
    )
    statements = statements_of(analyzer, text)
    grok = by_speaker(statements, "Grok")
    assert grok and all(s.role == "third_party" for s in grok)
    assert any("removing spam accounts" in s.text for s in grok)


def test_reporter_voice_for_unattributed_narrative(analyzer):
    text = "Follower counts fell across the platform on Tuesday. Nobody knows why yet."
    statements = statements_of(analyzer, text)
    assert [s.speaker for s in statements] == ["reporter"]
    assert statements[0].role == "reporter" and statements[0].cue == "none"


def test_author_field_voices_unattributed_text(analyzer):
    from claimkit.ingest import make_document

    doc = make_document("We removed spam accounts from follower counts this week.", "blog", author="Instagram")
    [statement] = analyzer.analyze(doc).statements
    assert (statement.speaker, statement.role) == ("Instagram", "platform")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("TikTok said the removed accounts were fake.", "TikTok", "platform"),
        ("Twitter Support said that locked accounts are not counted.", "Twitter Support", "platform"),
        ("A spokesperson said the accounts were bots.", "Twitter", "platform"),
        ("Adam Mosseri said the change targets fake followers.", "Adam Mosseri", "platform"),
        ("Carla Dunn, YouTube's head of creator support, said spam subscribers were removed.", "Carla Dunn", "platform"),
        ("Commentator Jim Rourke said the purge was about bots.", "Jim Rourke", "third_party"),
        ("Singer Ama Osei said she lost 20,000 followers in a day.", "Ama Osei", "affected"),
    ],
)
def test_roles(analyzer, text, speaker, role):
    statements = statements_of(analyzer, text, platform="Twitter")
    matching = by_speaker(statements, speaker)
    assert matching, [s.speaker for s in statements]
    assert matching[0].role == role


def test_first_person_post_about_own_followers_is_affected(analyzer):
    text = "Have clawed back most of the followers I lost last week. — Ivo Brandt (@ivobrandt) May 9, 2021"
    [post] = statements_of(analyzer, text)
    assert post.role == "affected"


def test_pronoun_and_title_resolve_to_the_named_speaker(analyzer):
    text = (
        "Veteran actor Rohan Vyas noticed the drop on Monday. "
        "The actor wrote that he had lost 12,000 followers. "
        "He later said the app might be broken."
    )
    statements = statements_of(analyzer, text)
    assert {s.speaker for s in statements if s.role != "reporter"} == {"Rohan Vyas"}


def test_surname_resolves_to_full_name(analyzer):
    text = 'Priya Nand posted about the drop. "It is the bots," Nand wrote.'
    statements = statements_of(analyzer, text)
    assert "Nand" not in {s.speaker for s in statements}
    assert any(s.speaker == "Priya Nand" and "bots" in s.text for s in statements)


def test_anonymous_speakers_are_flagged_and_narrated_by_the_reporter(analyzer):
    text = '"They are clearly deleting bots," one user wrote.'
    statements = statements_of(analyzer, text)
    anonymous = [s for s in statements if s.anonymous]
    assert anonymous and anonymous[0].speaker == "one user"


def test_quote_continuation_keeps_the_speaker(analyzer):
    text = (
        '"This is not a glitch," Omar Feld said. "It is a spam clean-up, and it was overdue."'
    )
    statements = by_speaker(statements_of(analyzer, text), "Omar Feld")
    assert any("spam clean-up" in s.text for s in statements)


def test_platform_voice_reported_inside_a_post(analyzer):
    text = (
        "Update: Twitter Support says accounts that haven't confirmed a phone number aren't counted. "
        "— Jo Mercer (@jomercer) June 2, 2021"
    )
    statements = statements_of(analyzer, text)
    assert any(s.role == "platform" and s.speaker == "Twitter Support" for s in statements)
    assert any(s.speaker == "Jo Mercer" and s.cue == "embed" for s in statements)


def test_statement_offsets_point_into_the_input(analyzer):
    text = ' date 2022-11-01 Meta said on Friday that it had removed fake accounts.'
    for statement in statements_of(analyzer, text):
        assert text[statement.start : statement.end] == statement.text
        assert statement.start >= len(" date 2022-11-01")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("Shakira lost 6 million likes, Tallyho's figures show.", "Tallyho", "third_party"),
        ("Keyhole's data show that the drop was steep.", "Keyhole", "third_party"),
        ("The counts fell again, according to figures compiled by the BBC.", "BBC", "third_party"),
        ("It came after YouTube's quarterly report, which said 1.6 million channels were removed.", "YouTube", "platform"),
        ("The drop began when product head Nikita Bier said the company had removed bots.", "Nikita Bier", "platform"),
        ("The Chronicle found that senators lost followers.", "Chronicle", "third_party"),
    ],
)
def test_findings_and_relative_clauses_name_their_source(analyzer, text, speaker, role):
    statements = statements_of(analyzer, text, platform="X")
    matching = by_speaker(statements, speaker)
    assert matching, [(s.speaker, s.role) for s in statements]
    assert matching[0].role == role


def test_adding_subscribers_is_not_speech(analyzer):
    statements = statements_of(analyzer, "Ana Silva added 10k subscribers in a week.")
    assert all(s.cue != "said" for s in statements)
