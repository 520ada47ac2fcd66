"""Speakers, platform voices and stances in the language of news reports.

Every sentence here is the team's own, modelled on patterns found in real
reporting (relayed outlets, platform nominals, executives by surname,
block-quoted platform text, wh-questions in headlines, hedges, defiance);
names are invented. Rows check one behaviour each through the public API.
"""

from __future__ import annotations

import pytest

from claimkit import Analyzer


def statements_with(analyzer, text, fragment, platform="Twitter"):
    """The statements whose text holds `fragment`."""
    statements = analyzer.analyze(text, platform=platform).statements
    found = [s for s in statements if fragment in s.text]
    assert found, [(s.speaker, s.text) for s in statements]
    return found


def stance_of(analyzer, text, cause, speaker, platform="Twitter"):
    """The strongest stance `speaker` takes toward `cause` (None when the cause is not raised)."""
    explanation = analyzer.analyze(text, platform=platform).explanation(cause)
    if explanation is None:
        return None
    records = [s for s in explanation.stances if s.speaker == speaker]
    assert records, [(s.speaker, s.stance) for s in explanation.stances]
    return max(records, key=lambda r: r.confidence).stance


# --------------------------------------------------------------------------- who speaks


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "role", "platform"),
    [
        # a relayed outlet yields to the named speaker it reports
        ("According to the Daily Courier, Lena Hart had announced that the drop came from inactive accounts.",
         "inactive accounts", "Lena Hart", "third_party", "Twitter"),
        # passive speech with its agent
        ("It was said in a reply by Twitter that no accounts were singled out.",
         "singled out", "Twitter", "platform", "Twitter"),
        # a published text carries its issuer's speech
        ("The company had released a statement last month saying that it would remove spam accounts.",
         "spam accounts", "Instagram", "platform", "Instagram"),
        ("YouTube began a clean-up on Monday. They issued a statement saying the removed subscribers were spam.",
         "removed subscribers", "YouTube", "platform", "YouTube"),
        # a letter addressed to the platform's users
        ("A letter to users said the accounts being removed were fake.",
         "being removed", "Twitter", "platform", "Twitter"),
        # definite descriptions of the platform
        ("The Facebook-owned app said it expected the problem to be fixed by Friday.",
         "fixed by Friday", "Instagram", "platform", "Instagram"),
        ("This company stated that the counting problem was fixed for most users.",
         "counting problem", "Instagram", "platform", "Instagram"),
        ("The video-sharing site says it is checking its systems for spam.",
         "checking its systems", "YouTube", "platform", "YouTube"),
        # ... but not someone else's firm
        ("The analytics firm said the losses were concentrated in two countries.",
         "concentrated", "analytics firm", "third_party", "Twitter"),
        # "<platform> parent <platform>"
        ("Instagram parent Facebook said it was fighting fake accounts across its apps.",
         "fighting fake accounts", "Facebook", "platform", "Instagram"),
        # "a reporting noun + speech verb" still reads "according to reports" as nobody
        ("According to reports, the singer has lost more than 2 lakh followers.",
         "2 lakh", "reporter", "reporter", "Twitter"),
        # a quote introduced before it runs to the end of its sentence
        ('Facebook announced that it would be "cleaning up page likes" by removing inactive accounts.',
         "removing inactive accounts", "Facebook", "platform", "Facebook"),
        # the innermost named speaker wins over an anonymous relay
        ("People at the meeting told the Ledger that Marco Villa explained that the accounts were spam.",
         "were spam", "Marco Villa", "third_party", "Twitter"),
    ],
)
def test_news_speakers(analyzer, text, fragment, speaker, role, platform):
    statement = statements_with(analyzer, text, fragment, platform)[0]
    assert (statement.speaker, statement.role) == (speaker, role)


@pytest.mark.parametrize(
    ("text", "not_a_speaker"),
    [
        # an infinitive after an adjective is no speech act
        ("Fans always ready to like and retweet her posts watched the count fall by 4,000.", "Fans"),
        # a free relative reports no speech
        ("I found that Twitter was doing what they had promised to do, but it was not about bots.", "they"),
        # findings and shapes of data without an owner are no speakers
        ("The figures suggest that the accounts removed were mostly bots.", "figures"),
        ("A comparison shows that the drop hit every account alike.", "comparison"),
        # an evaluative description of a post is not its speaker
        ("Rohan Mehta laughed it off. This cheerful reply suggests the actor is taking the loss in stride.", "This cheerful reply"),
    ],
)
def test_not_speakers(analyzer, text, not_a_speaker):
    speakers = {s.speaker for s in analyzer.analyze(text, platform="Twitter").statements}
    assert not_a_speaker not in speakers


PLATFORMS_WITH_OKAFOR = {
    "platforms": [{
        "name": "Chirpr", "aliases": ["chirpr"],
        "executives": [{"name": "Dana Okafor", "title": "chief executive"}],
    }]
}


@pytest.fixture(scope="module")
def chirpr_analyzer():
    return Analyzer(stance_backend="rules", platforms=PLATFORMS_WITH_OKAFOR)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # an executive by surname, where the text ties the full name to the platform
        ("Users of the Dana Okafor-run network lost followers on Friday. Okafor said a purge of bots was underway.",
         "purge of bots"),
        # a titled description resolved to that executive
        ("Chirpr, the Dana Okafor-run platform, removed thousands of accounts. "
         "The tech billionaire has been vocal about his plan to remove bots.", "plan to remove bots"),
    ],
)
def test_executive_voices(chirpr_analyzer, text, fragment):
    statement = statements_with(chirpr_analyzer, text, fragment, platform="Chirpr")[0]
    assert (statement.speaker, statement.role) == ("Dana Okafor", "platform")


def test_surname_without_a_platform_tie_is_not_an_executive(chirpr_analyzer):
    text = "A week after Dana Okafor bought a stake in the site, Okafor said bots were far more common than admitted."
    statement = statements_with(chirpr_analyzer, text, "far more common", platform="Chirpr")[0]
    assert statement.role != "platform"


def test_block_quoted_platform_text_keeps_its_voice(analyzer):
    text = (
        "Rita Gomez, who leads policy at Instagram, posted a note explaining the change.\n\n"
        "Over the years, we've removed accounts that our systems flagged as spam.\n\n"
        "I checked my own profile and lost twelve followers."
    )
    platform_text = statements_with(analyzer, text, "our systems", platform="Instagram")[0]
    own_text = statements_with(analyzer, text, "my own profile", platform="Instagram")[0]
    assert (platform_text.speaker, platform_text.role) == ("Rita Gomez", "platform")
    assert own_text.role == "reporter"


def test_a_sentences_source_stays_in_its_sentence(analyzer):
    text = "According to Social Blade, Mira Das lost 40,000 followers. Leo Brandt lost 12,000 followers."
    claims = {c.subject: c for c in analyzer.analyze(text, platform="Twitter").claims}
    assert (claims["Mira Das"].source_role, claims["Mira Das"].source_speaker) == ("third_party", "Social Blade")
    assert claims["Leo Brandt"].source_role == "reporter"


# --------------------------------------------------------------------------- stances


@pytest.mark.parametrize(
    ("text", "cause", "speaker", "stance"),
    [
        # wh-questions presuppose what they mention; a headline before a question is not asked
        ("So how does Twitter decide which accounts are locked?", "locked_accounts", "reporter", "support"),
        ("Instagram's Bot Purge: Who Lost The Most?", "bot_spam_purge", "reporter", "support"),
        ("Is Instagram purging bots again?", "bot_spam_purge", "reporter", "query"),
        # "not only X" adds X; "not just <group>" still rejects targeting
        ("It is not only locked accounts that the site has been removing.", "locked_accounts", "reporter", "support"),
        ("It isn't just conservatives who are losing followers.", "political_bias", "reporter", "deny"),
        # defiance presupposes the silencing it refuses
        ('"Our voices will not be silenced," wrote Jordan Pike.', "political_bias", "Jordan Pike", "support"),
        ('"We must stand together and never have our voices silenced," tweeted Jordan Pike.',
         "political_bias", "Jordan Pike", "support"),
        # negation reaching the cue through an idiom or a preposition
        ("Dana Wu said the drop has nothing to do with politics.", "political_bias", "Dana Wu", "deny"),
        ("I checked, and it wasn't about getting rid of bots.", "bot_spam_purge", "reporter", "deny"),
        # an adjective inside the noun phrase is no rejection
        ("Twitter said it keeps fighting automation as well as false or spam accounts.", "bot_spam_purge", "Twitter", "support"),
        # hedges and distancing: mentioned, not asserted
        ("Conservative accounts lost followers in an apparent bot purge.", "bot_spam_purge", "reporter", "comment"),
        ("Twitter has been removing the so-called bot accounts.", "bot_spam_purge", "reporter", "comment"),
        # the reporter narrating an accusation
        ("Users accused the company of blocking their free speech.", "political_bias", "reporter", "comment"),
        # deliberate removal (no bots named) is the political claim
        ("Marco Villa accused Twitter of deliberately removing his followers.", "political_bias", "Marco Villa", "support"),
        # platform explanations
        ("The company said the fluctuations in follower counts are organic.", "genuine_unfollows", "Twitter", "support"),
        ("Twitter said there is no conspiracy behind the decline of followers.", "political_bias", "Twitter", "deny"),
    ],
)
def test_news_stances(analyzer, text, cause, speaker, stance):
    assert stance_of(analyzer, text, cause, speaker) == stance


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("film / tv / politics / social media / lists / web", "political_bias"),
        ("Your gift keeps our reporting free of bias.", "political_bias"),
        ("The blue tick for celebrities would be rolled back in April.", "technical_glitch"),
        ("She lost 2 million followers, leaving her with 40 million.", "genuine_unfollows"),
        ("Republican Governor Ron Hale gained 20,000 followers on Tuesday.", "political_bias"),
        ("Deliberately removing bots is what the purge is for.", "political_bias"),
    ],
)
def test_cues_that_need_context(analyzer, text, cause):
    assert analyzer.analyze(text, platform="Twitter").explanation(cause) is None


def test_people_leaving_are_the_ones_who_leave(analyzer):
    assert stance_of(analyzer, "Fans are leaving the app in droves.", "genuine_unfollows", "reporter") == "support"


def test_news_voices_corpus_regression(analyzer):
    """The team's news-voices gold (corpora/news-voices.jsonl) keeps scoring as when it was written."""
    from pathlib import Path

    from claimkit.evaluate import evaluate

    path = Path(__file__).resolve().parents[1] / "corpora" / "news-voices.jsonl"
    report = evaluate(path, analyzer=analyzer).to_dict(errors=False)
    assert report["documents"] == 6
    assert report["official"]["accuracy"] == 1.0
    assert report["stances"]["f1"] >= 0.9
    assert report["claims"]["f1"] == 1.0 and report["claims"]["source_role_accuracy"] == 1.0


def test_a_feature_rolled_back_for_some_accounts_is_no_glitch(analyzer):
    text = "The platform said the badge for certain individual accounts would be rolled back in April."
    assert analyzer.analyze(text, platform="Twitter").explanation("technical_glitch") is None
