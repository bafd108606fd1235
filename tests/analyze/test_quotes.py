"""Tests for newsprism.analyze.quotes: quotation-mark regions (pure) and quotes found by the real pipeline."""

from __future__ import annotations

import pytest

from newsprism.analyze.quotes import quote_regions
from newsprism.model import Analysis, Article, Quote


def region_texts(text: str) -> list[str]:
    return [text[r.start : r.end] for r in quote_regions(text)]


# --- quote_regions (pure) ---------------------------------------------------------------------------


def test_quote_regions_straight_quotes():
    text = 'He said "we will win this war" and left. Then "another one here" followed.'
    assert region_texts(text) == ['"we will win this war"', '"another one here"']


def test_quote_regions_curly_quotes():
    text = "Ushakov said “Russia will not give up” on Thursday."
    regions = quote_regions(text)
    assert len(regions) == 1
    assert text[regions[0].start : regions[0].end] == "“Russia will not give up”"


def test_quote_regions_guillemets():
    assert region_texts("Il a dit «nous gagnerons» hier.") == ["«nous gagnerons»"]


def test_quote_regions_apostrophes_are_not_quote_marks():
    text = "Putin's aide said \"Russia's aims won't change\" today."
    assert region_texts(text) == ["\"Russia's aims won't change\""]


def test_quote_regions_unclosed_quote_closed_at_paragraph_end():
    text = 'He said "this never ends.\nThe next paragraph has no quote.'
    assert region_texts(text) == ['"this never ends.']


def test_quote_regions_quote_continues_into_next_paragraph_opening_with_mark():
    text = "Smith said: “The first part of it.\n“The second part.” Then more."
    assert region_texts(text) == ["“The first part of it.\n“The second part.”"]


def test_quote_regions_straight_quote_continues_across_paragraphs():
    text = '"We will fight on.\n\n"We will never surrender," he said.'
    assert region_texts(text) == ['"We will fight on.\n\n"We will never surrender,"']


def test_quote_regions_unclosed_quote_trimmed_before_line_break():
    assert region_texts('He said "this never ends.   \nNext.') == ['"this never ends.']


def test_quote_regions_unclosed_quote_closed_before_later_quote():
    text = 'He said "this never ends.\nLater she said "it does" firmly.'
    assert region_texts(text) == ['"this never ends.', '"it does"']


def test_quote_regions_unclosed_quote_at_text_end():
    text = 'He said "this never ends   '
    assert region_texts(text) == ['"this never ends']


def test_quote_regions_nyt_backtick_marks():
    text = "Mr. Obama said ``we don't need it'' and ``it won't pass'' on Friday."
    assert region_texts(text) == ["``we don't need it''", "``it won't pass''"]


def test_quote_regions_drops_empty_quotes():
    assert region_texts('An empty "" pair and a "real quote" here.') == ['"real quote"']


def test_quote_regions_no_marks():
    assert quote_regions("No quotation at all.") == []


# --- find_quotes through the pipeline ---------------------------------------------------------------


def analyse(text: str) -> tuple[Article, Analysis]:
    from newsprism.analyze import analyze_articles
    from newsprism.ingest import article_from_text

    article = article_from_text(text)
    result = analyze_articles([article])
    assert not result.failed
    return article, result.ok[0]


def span_text(article: Article, span) -> str | None:  # type: ignore[no-untyped-def]
    return None if span is None else article.text[span.start : span.end]


def only_quote(text: str) -> tuple[Article, Quote]:
    article, analysis = analyse(text)
    assert len(analysis.quotes) == 1, analysis.quotes
    return article, analysis.quotes[0]


@pytest.mark.model
def test_find_quotes_direct_with_cue_after():
    article, q = only_quote('"The economy is growing faster than anyone expected," Smith said.')
    assert q.kind == "direct"
    assert span_text(article, q.content) == '"The economy is growing faster than anyone expected,"'
    assert q.speaker_text == "Smith"
    assert span_text(article, q.speaker) == "Smith"
    assert span_text(article, q.cue) == "said"
    assert q.sentence == 0


@pytest.mark.model
def test_find_quotes_direct_with_according_to_before():
    article, q = only_quote('According to Smith, "the economy is growing faster than anyone expected this year."')
    assert q.kind == "direct"
    assert span_text(article, q.content) == '"the economy is growing faster than anyone expected this year."'
    assert q.speaker_text == "Smith"
    assert span_text(article, q.cue) == "According to"


@pytest.mark.model
def test_find_quotes_direct_with_said_before():
    article, q = only_quote('Smith said: "The economy is growing faster than anyone expected this year."')
    assert q.kind == "direct"
    assert q.speaker_text == "Smith"
    assert span_text(article, q.cue) == "said"


@pytest.mark.model
def test_find_quotes_indirect_according_to():
    article, q = only_quote("According to Smith, the economy is growing faster than anyone expected.")
    assert q.kind == "indirect"
    assert span_text(article, q.content) == "the economy is growing faster than anyone expected"
    assert q.speaker_text == "Smith"
    assert span_text(article, q.cue) == "According to"


@pytest.mark.model
def test_find_quotes_indirect_according_to_after():
    article, q = only_quote("The economy is growing faster than anyone expected, according to the central bank.")
    assert q.kind == "indirect"
    assert span_text(article, q.content) == "The economy is growing faster than anyone expected"
    assert span_text(article, q.speaker) == "the central bank"


@pytest.mark.model
def test_find_quotes_indirect_speaker_and_cue():
    article, q = only_quote("The minister said that taxes would rise next year.")
    assert q.kind == "indirect"
    assert q.speaker_text == "The minister"
    assert span_text(article, q.cue) == "said"
    assert span_text(article, q.content) == "that taxes would rise next year"  # "that" kept, as PolNeAR marks it


@pytest.mark.model
def test_find_quotes_mixed():
    article, q = only_quote('He said the plan was "dead on arrival" and would fail.')
    assert q.kind == "mixed"
    assert span_text(article, q.content) == 'the plan was "dead on arrival" and would fail'
    assert span_text(article, q.cue) == "said"


@pytest.mark.model
def test_find_quotes_pronoun_speaker_resolved_to_previous_person():
    article, q = only_quote(
        'Senator Jane Smith arrived in Paris on Monday. "We will not accept this deal under any circumstances," she said.'
    )
    assert q.kind == "direct"
    assert span_text(article, q.speaker) == "she"
    assert q.speaker_text == "Jane Smith"
    assert q.sentence == 1


@pytest.mark.model
def test_find_quotes_next_paragraph_without_cue_inherits_speaker():
    text = (
        '"We will fight this decision in every court in the land," Smith said.\n\n'
        '"This is only the beginning. We have many more options to consider."'
    )
    article, analysis = analyse(text)
    assert len(analysis.quotes) == 2
    first, second = analysis.quotes
    assert first.speaker_text == "Smith"
    assert second.kind == "direct"
    assert span_text(article, second.content) == '"This is only the beginning. We have many more options to consider."'
    assert second.speaker_text == "Smith"
    assert second.cue is None


@pytest.mark.model
def test_find_quotes_scare_quote_is_no_quote():
    _, analysis = analyse('The so-called "reforms" took effect on Tuesday in the capital.')
    assert analysis.quotes == ()


@pytest.mark.model
def test_find_quotes_sorted_by_position(example_articles):
    from newsprism.analyze import analyze_articles

    for analysis in analyze_articles(example_articles).ok:
        starts = [q.content.start for q in analysis.quotes]
        assert starts == sorted(starts)
        assert starts


@pytest.mark.model
def test_find_quotes_example_afp_ushakov_quote_is_direct(example_articles):
    from newsprism.analyze import analyze_articles

    afp = next(a for a in example_articles if a.source.endswith("afp-wire.txt"))
    analysis = analyze_articles([afp]).ok[0]
    quotes = [q for q in analysis.quotes if span_text(afp, q.content).startswith('"Our president said that Russia will achieve')]
    assert len(quotes) == 1
    assert quotes[0].kind == "direct"
    assert quotes[0].speaker_text == "Yuri Ushakov"
    assert span_text(afp, quotes[0].cue) == "told"


@pytest.mark.model
def test_find_quotes_example_lbc_ushakov_quote_inherits_speaker(example_articles):
    from newsprism.analyze import analyze_articles

    lbc = next(a for a in example_articles if a.source.endswith("lbc.txt"))
    analysis = analyze_articles([lbc]).ok[0]
    quotes = [q for q in analysis.quotes if span_text(lbc, q.content).startswith('"Our president said that Russia will pursue')]
    assert len(quotes) == 1
    assert quotes[0].kind == "direct"
    assert quotes[0].speaker_text == "Ushakov"
    assert quotes[0].cue is None


# --- rules added for PolNeAR-style attribution ----------------------------------------------------------


@pytest.mark.model
def test_find_quotes_parenthetical_cue_reports_its_sentence():
    article, analysis = analyse("Acts of protest, Mr. Obama said, are acts of patriotism in a free country.")
    [q] = [q for q in analysis.quotes if span_text(article, q.cue) == "said"]
    assert span_text(article, q.speaker) == "Mr. Obama"
    assert span_text(article, q.content).startswith("Acts of protest")
    assert span_text(article, q.content).endswith("free country")


@pytest.mark.model
def test_find_quotes_cue_after_question_mark_split():
    article, q = only_quote("“How many times do we have to see this in our country?” Clinton said.")
    assert q.kind == "direct"
    assert q.speaker_text == "Clinton"


@pytest.mark.model
def test_find_quotes_speaker_introduced_by_colon():
    text = "Among the readers who wrote in was Jorge Falcon, who wrote:\n\n“I just hope that this campaign gives us a voice.”"
    article, analysis = analyse(text)
    [q] = [q for q in analysis.quotes if q.kind == "direct"]
    assert "Jorge Falcon" in (q.speaker_text or "") or "who" in (span_text(article, q.speaker) or "")


@pytest.mark.model
def test_find_quotes_transcript_turn():
    # a lone turn in capitals speaks when the article names that person (an "UPDATE:" label does not)
    text = "Mike Pence spoke to Fox News.\n\nPENCE: Well, look, the senator has been out there saying a lot of things.\n\nIt ended."
    article, analysis = analyse(text)
    turns = [q for q in analysis.quotes if span_text(article, q.speaker) == "PENCE"]
    assert len(turns) == 1
    assert span_text(article, turns[0].content).startswith("Well, look")


@pytest.mark.model
def test_find_quotes_quote_inside_clause_is_mixed():
    article, analysis = analyse('Putin told Trump that "Russia will continue to pursue its goals" in the war against Ukraine.')
    [q] = analysis.quotes
    assert q.kind == "mixed"
    assert span_text(article, q.content).startswith("that")
    assert q.speaker_text == "Putin"


@pytest.mark.model
def test_find_quotes_quoted_title_is_no_quote():
    _, analysis = analyse('She appeared on "The Steve Harvey Morning Show" on Monday.')
    assert all(q.kind != "direct" for q in analysis.quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'He said "this never ends and then left.\n\nNext paragraph "and another one.',  # unbalanced quote marks
        "The council met on Tuesday. It approved the budget without debate.",  # no quotes at all
        '"We will win."\n\n"We will never give up."\n\n"Never."',  # only quotes
        "",  # nothing
    ],
)
def test_find_quotes_odd_input_gives_a_result(text):
    from newsprism.analyze import analyze_doc, load_nlp
    from newsprism.model import Article

    article = Article(id="x", text=text)
    analysis = analyze_doc(article, load_nlp()(text))
    for q in analysis.quotes:
        assert 0 <= q.content.start < q.content.end <= len(text)


def test_quote_scorer_ships_and_weighs_the_cue_rate():
    from newsprism.analyze.quotes import _scorer, candidate_probability

    model = _scorer()
    assert model is not None, "src/newsprism/analyze/quote_scorer.json is missing: run scripts/train_quote_scorer.py"
    weights, threshold = model
    assert 0.0 < threshold < 1.0
    assert weights["rate"] > 0  # a lemma that is more often a cue makes an attribution more likely
    strong = {"bias": 1.0, "rate": 0.9, "lemma=say": 1.0, "rule=complement": 1.0, "subject=PERSON": 1.0}
    assert candidate_probability(strong) >= threshold


@pytest.mark.model
def test_find_quotes_signed_quote_names_its_speaker():
    text = "Readers wrote to us.\n\n“Donald Trump scares me, and I am not the only one here.” ― Krystal Correa\n\nMore later."
    article, analysis = analyse(text)
    [q] = [q for q in analysis.quotes if q.kind == "direct"]
    assert span_text(article, q.speaker) == "Krystal Correa"


def test_content_cut_inside_a_quotation_widens_to_the_whole_quotation():
    from newsprism.analyze.quotes import _whole_quotes
    from newsprism.model import Span

    text = 'He called Burma a "good news story in an era of backsliding" on Monday.'
    [region] = quote_regions(text)
    cut = Span(text.index("Burma"), text.index(" in an era"))  # the parse stopped inside the quotation
    widened = _whole_quotes(cut, [region])
    assert text[widened.start : widened.end] == 'Burma a "good news story in an era of backsliding"'
    whole = Span(text.index("Burma"), region.end)
    assert _whole_quotes(whole, [region]) == whole


@pytest.mark.model
def test_find_quotes_signature_followed_by_a_no_break_space():
    text = "Readers wrote in.\n“He can’t even answer a question without scaring people first.” ― Esther Tapia\u00a0\nMore."
    article, analysis = analyse(text)
    [q] = [q for q in analysis.quotes if q.kind == "direct"]
    assert span_text(article, q.speaker) == "Esther Tapia"


@pytest.mark.model
def test_find_quotes_drops_a_trailing_aside_from_reported_content():
    text = (
        "Rendell said he expects Clinton to fully recover from her bout with pneumonia, "
        "which forced her to leave a memorial event early."
    )
    article, analysis = analyse(text)
    [q] = [q for q in analysis.quotes if span_text(article, q.cue) == "said"]
    assert span_text(article, q.content).endswith("her bout with pneumonia")


@pytest.mark.model
def test_find_quotes_coordinated_report_is_its_own_attribution():
    text = "Machado promised to keep supporting Clinton and said she would stand up to the attacks."
    article, analysis = analyse(text)
    said = [q for q in analysis.quotes if span_text(article, q.cue) == "said"]
    assert [span_text(article, q.content) for q in said] == ["she would stand up to the attacks"]
    assert all("said she would" not in span_text(article, q.content) for q in analysis.quotes)


@pytest.mark.model
def test_find_quotes_mixed_quote_is_headed_by_the_reporting_verb_not_the_nearest():
    text = (
        'Spokeswoman Jessica Ditto said that "Of course Mr. Trump is going to defend himself" '
        "against what the campaign sees as unfair attacks."
    )
    article, analysis = analyse(text)
    [q] = [q for q in analysis.quotes if q.kind == "mixed"]
    assert span_text(article, q.cue) == "said"
    assert span_text(article, q.speaker) == "Spokeswoman Jessica Ditto"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Mrs. Clinton met Donald Trump on Monday. She said the talks went well.", "Clinton"),
        ("Donald Trump said he would win. Trump then met Hillary Clinton. He said the talks went well.", "Donald Trump"),
        ("Hillary Clinton met Donald Trump on Monday. He said the talks went well.", "Donald Trump"),  # no evidence: the last named
    ],
)
def test_find_quotes_pronoun_speaker_follows_the_gender_the_article_gives(text, speaker):
    article, analysis = analyse(text)
    [q] = [q for q in analysis.quotes if span_text(article, q.content) == "the talks went well"]
    assert q.speaker_text == speaker


@pytest.mark.model
def test_find_quotes_description_speaker_names_the_person_it_introduced():
    text = (
        "Kremlin aide Yuri Ushakov briefed reporters on Friday. The aide said the call lasted an hour.\n\n"
        "A senior Ukrainian official said that the two presidents would speak again."
    )
    article, analysis = analyse(text)
    speakers = {span_text(article, q.content): q.speaker_text for q in analysis.quotes}
    assert speakers["the call lasted an hour"] == "Yuri Ushakov"
    assert speakers["that the two presidents would speak again"] == "A senior Ukrainian official"  # nobody named so


# --- who the speaker is --------------------------------------------------------------------------------------


def test_a_name_that_only_qualifies_the_speaker_is_not_the_speaker():
    from newsprism.analyze.speakers import names_the_speaker
    from newsprism.model import Mention, Span

    def check(text: str, name: str) -> bool:
        start = text.index(name)
        return names_the_speaker(text, Span(0, len(text)), Mention(start, start + len(name), name, "PERSON", 0))

    assert check("Bob Haueter, Farenthold’s chief of staff", "Bob Haueter")
    assert not check("Bob Haueter, Farenthold’s chief of staff", "Farenthold")  # a possessive
    assert not check("Kremlin aide Yuri Ushakov", "Kremlin") and check("Kremlin aide Yuri Ushakov", "Yuri Ushakov")
    assert not check("a lawyer for Mr. Grimm", "Grimm") and not check("some close to the GOP chairman", "GOP")
    assert check("William McGinley of Patton Boggs", "William McGinley") and not check("William McGinley of Patton Boggs", "Patton Boggs")


@pytest.mark.model
def test_a_relative_who_speaks_for_the_noun_it_follows():
    article, analysis = analyse("Two former deliverymen hired a lawyer who told the office that the restaurant had underpaid them.")
    (quote,) = [q for q in analysis.quotes if "underpaid" in span_text(article, q.content)]
    assert quote.speaker_text == "a lawyer"


@pytest.mark.model
def test_a_pronoun_continues_the_speaker_of_the_quote_before():
    article, analysis = analyse(
        "Braley said Grassley would likely chair the committee. \"You might have a farmer from Iowa as the next chair,\" he said.\n\n"
        "A France Telecom spokeswoman said the cause was unknown. \"We have two assumptions,\" she said."
    )
    speakers = {span_text(article, q.content)[:12]: q.speaker_text for q in analysis.quotes}
    assert speakers["\"You might h"] == "Braley"  # not Grassley, named only in what Braley reported
    assert speakers["\"We have two"] == "A France Telecom spokeswoman"


@pytest.mark.model
def test_according_to_a_relay_leaves_the_words_to_who_said_them():
    article, analysis = analyse("France Telecom said it plans to send a boat to fix the cable, according to Bloomberg.")
    speakers = [q.speaker_text for q in analysis.quotes]
    assert "France Telecom" in speakers and "Bloomberg" not in speakers


@pytest.mark.model
def test_the_subject_of_a_chain_of_verbs_says_the_quote():
    article, analysis = analyse('Grimm stormed back, leaned into him and said, "Let me be clear to you. Never again."')
    (quote,) = analysis.quotes
    assert quote.speaker_text == "Grimm"


@pytest.mark.model
def test_who_is_quoted_by_an_agency_says_it():
    article, analysis = analyse("A 5.9 magnitude earthquake has leveled seven villages in Iran's southern area, killing 10 persons "
                                "and wounding other 70, Iranian officials were quoted by AP as saying.")
    speakers = [q.speaker_text for q in analysis.quotes]
    assert "Iranian officials" in speakers and "AP" not in speakers


@pytest.mark.model
def test_the_agent_of_a_passive_alleges_and_she_is_not_a_man():
    article, analysis = analyse("Farenthold was sued by his former aide, Lauren Greene, in 2014, alleging a hostile work environment.")
    assert [q.speaker_text for q in analysis.quotes] == ["Lauren Greene"]
    article, analysis = analyse(
        "Mr. Farenthold said he faced harassment claims by Lauren Greene, his former director. "
        "She sued him in 2014, claiming that he had illegally fired her."
    )
    speakers = {span_text(article, q.content)[:14]: q.speaker_text for q in analysis.quotes}
    assert speakers["that he had il"] == "Lauren Greene"


@pytest.mark.model
def test_a_role_description_names_the_person_a_title_introduced():
    article, analysis = analyse(
        "Rep. Blake Farenthold resigned from Congress on Friday. "
        "\"I had no idea how to run a congressional office,\" the four-term congressman said in December."
    )
    (quote,) = analysis.quotes
    assert quote.speaker_text == "Blake Farenthold"  # "Rep." makes him the congressman


@pytest.mark.model
def test_a_possessed_role_names_the_person_the_article_gives_that_role():
    article, analysis = analyse(
        "Rep. Michael Grimm's attorney confirmed on Friday that prosecutors plan to file charges against the congressman. "
        "\"We are disappointed,\" said the statement from Grimm's lawyer, William McGinley."
    )
    speakers = {span_text(article, q.content)[:12]: q.speaker_text for q in analysis.quotes}
    assert speakers["that prosecu"] == "William McGinley"
    article, analysis = analyse(  # two lawyers named: the description stays as written
        "Mr. Grimm's attorney said on Friday that the charges were political. Grimm's lawyer, William McGinley, and "
        "Grimm's lawyer, Sarah Jones, declined to comment."
    )
    speakers = {span_text(article, q.content)[:12]: q.speaker_text for q in analysis.quotes}
    assert speakers["that the cha"] == "Mr. Grimm's attorney"


@pytest.mark.model
def test_an_editors_label_in_capitals_is_not_a_speaker():
    article, analysis = analyse(
        "Grimm is likely to turn himself in.\n\nUPDATE: 7:19 p.m. -- The Washington Post now reports that Grimm has "
        "already been indicted by a federal grand jury in Brooklyn."
    )
    speakers = [q.speaker_text for q in analysis.quotes]
    assert "UPDATE" not in speakers and "The Washington Post" in speakers
    article, analysis = analyse("PENCE: Well, look, we will win this election in November.\n\nWALLACE: Why are you so sure of that?")
    assert {q.speaker_text for q in analysis.quotes} == {"PENCE", "WALLACE"}  # a transcript's turns still speak


@pytest.mark.model
def test_he_does_not_continue_an_organisation_that_reported():
    article, analysis = analyse(
        "Republican Party chairman Michael Steele will speak with members on Monday, in which he is expected to announce "
        "his decision. Fox News confirmed Steele sent an e-mail to committee members on Saturday night.\n\n"
        "In the note, he asked members to join him \"for a private conference call\" on Monday evening."
    )
    (quote,) = [q for q in analysis.quotes if "conference call" in span_text(article, q.content)]
    assert quote.speaker_text == "Steele"  # the man last named, not the outlet that reported on him
