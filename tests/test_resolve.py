"""Tests for newsprism.resolve: folding names and resolving entity mentions across articles.

Articles and analyses are built by hand (no model): ``build`` writes a text from plain strings and
``(surface, label)`` pairs and records a ``Mention`` at each pair's offsets.
"""

from __future__ import annotations

from newsprism.model import Analysis, Article, Entity, Mention
from newsprism.resolve import Resolution, fold_name, leading_names, resolve_entities


def build(article_id: str, *parts: str | tuple[str, str]) -> tuple[Article, Analysis]:
    """Return an article whose text is ``parts`` joined, and an analysis with one mention per pair."""
    text = ""
    mentions = []
    for part in parts:
        if isinstance(part, tuple):
            surface, label = part
            mentions.append(Mention(len(text), len(text) + len(surface), surface, label, 0))
            text += surface
        else:
            text += part
    article = Article(id=article_id, text=text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return article, Analysis(article_id=article_id, mentions=tuple(mentions))


def resolve(*built: tuple[Article, Analysis]) -> Resolution:
    return resolve_entities([a for a, _ in built], [an for _, an in built])


def entity_with(resolution: Resolution, alias: str) -> Entity:
    found = [e for e in resolution.entities if alias in e.aliases]
    assert len(found) == 1, [(e.id, e.aliases) for e in resolution.entities]
    return found[0]


def test_fold_name_transliteration_variants_are_equal():
    assert fold_name("Yuri Ushakov") == fold_name("Yury Ushakov")
    assert fold_name("Zelenskyy") == fold_name("Zelensky")
    assert fold_name("Volodymyr Zelenskyy") == fold_name("Volodymyr Zelensky")


def test_fold_name_drops_titles_punctuation_and_possessive():
    assert fold_name("President Vladimir Putin") == fold_name("Vladimir Putin")
    assert fold_name("Putin's") == fold_name("Putin")
    assert fold_name("U.S.") == "us"
    assert fold_name("Kremlin aide Yuri Ushakov") != fold_name("Yuri Ushakov")  # "kremlin" is no title


def test_fold_name_keeps_a_lone_title_word():
    assert fold_name("President") == "president"


def test_fold_name_different_names_differ():
    assert fold_name("Donald Trump") != fold_name("Melania Trump")
    assert fold_name("Russia") != fold_name("Ukraine")


def test_resolve_entities_merges_yuri_and_yury_ushakov():
    result = resolve(
        build("a", "Kremlin aide ", ("Yuri Ushakov", "PERSON"), " told reporters."),
        build("b", "According to ", ("Yury Ushakov", "PERSON"), ", the call was frank."),
    )
    assert len(result.entities) == 1
    entity = result.entities[0]
    assert set(entity.aliases) == {"Yuri Ushakov", "Yury Ushakov"}
    assert entity.label == "PERSON"
    assert {m.article for m in entity.mentions} == {"a", "b"}


def test_resolve_entities_merges_zelenskyy_and_zelensky():
    result = resolve(
        build("a", ("Zelenskyy", "PERSON"), " was in Denmark."),
        build("b", ("Zelensky", "PERSON"), " spoke from Denmark."),
    )
    assert len(result.entities) == 1
    assert set(result.entities[0].aliases) == {"Zelenskyy", "Zelensky"}


def test_resolve_entities_full_name_and_surname_variant_in_other_article_are_one():
    result = resolve(
        build("a", "Ukrainian President ", ("Volodymyr Zelenskyy", "PERSON"), " was in Denmark."),
        build("b", "Ukraine's leader ", ("Zelensky", "PERSON"), " spoke from Copenhagen."),
    )
    assert len(result.entities) == 1
    entity = result.entities[0]
    assert entity.name == "Volodymyr Zelenskyy"
    assert set(entity.aliases) == {"Volodymyr Zelenskyy", "Zelensky"}
    assert {m.article for m in entity.mentions} == {"a", "b"}


def test_resolve_entities_surname_attaches_to_full_name():
    result = resolve(
        build("a", ("Vladimir Putin", "PERSON"), " told Trump. ", ("Putin", "PERSON"), " insisted."),
        build("b", ("Putin", "PERSON"), " called."),
    )
    putin = entity_with(result, "Putin")
    assert putin.name == "Vladimir Putin"
    assert set(putin.aliases) == {"Vladimir Putin", "Putin"}
    assert len(putin.mentions) == 3
    assert len(result.entities) == 1


def test_resolve_entities_ambiguous_surname_stays_separate():
    result = resolve(
        build(
            "a",
            ("Donald Trump", "PERSON"),
            " and ",
            ("Melania Trump", "PERSON"),
            " arrived. ",
            ("Trump", "PERSON"),
            " spoke.",
        )
    )
    assert len(result.entities) == 3
    trump = entity_with(result, "Trump")
    assert trump.aliases == ("Trump",)
    assert entity_with(result, "Donald Trump").aliases == ("Donald Trump",)
    assert entity_with(result, "Melania Trump").aliases == ("Melania Trump",)


def test_resolve_entities_surname_follows_dominant_full_name():
    # The contrast to the ambiguous case: one full name mentioned three times as often wins the surname.
    result = resolve(
        build(
            "a",
            ("Donald Trump", "PERSON"),
            " met ",
            ("Melania Trump", "PERSON"),
            ". ",
            ("Donald Trump", "PERSON"),
            " left. ",
            ("Donald Trump", "PERSON"),
            " returned. ",
            ("Trump", "PERSON"),
            " spoke.",
        )
    )
    assert set(entity_with(result, "Trump").aliases) == {"Donald Trump", "Trump"}
    assert entity_with(result, "Melania Trump").aliases == ("Melania Trump",)


def test_resolve_entities_label_is_voted():
    result = resolve(
        build("a", ("Jane Smith", "ORG"), " spoke. ", ("Jane Smith", "PERSON"), " left."),
        build("b", ("Jane Smith", "PERSON"), " said. ", ("Jane Smith", "PERSON"), " added."),
    )
    assert len(result.entities) == 1
    entity = result.entities[0]
    assert entity.label == "PERSON"
    assert len(entity.mentions) == 4


def test_resolve_entities_mislabelled_surname_still_joins_person():
    # "Smith" voted PERSON over its ORG mislabelling, so it attaches to the full name.
    result = resolve(
        build("a", ("Jane Smith", "PERSON"), " spoke. ", ("Smith", "PERSON"), " left. ", ("Smith", "ORG"), " said."),
        build("b", ("Smith", "PERSON"), " added."),
    )
    assert len(result.entities) == 1
    assert result.entities[0].label == "PERSON"
    assert len(result.entities[0].mentions) == 4


def test_resolve_entities_acronym_joins_long_form():
    result = resolve(
        build("a", "The ", ("United States", "GPE"), " paused deliveries."),
        build("b", "The ", ("U.S.", "GPE"), " paused deliveries."),
    )
    assert len(result.entities) == 1
    entity = result.entities[0]
    assert entity.name == "United States"
    assert set(entity.aliases) == {"United States", "U.S."}
    assert entity.label == "GPE"


def test_resolve_entities_acronym_without_long_form_stays_alone():
    result = resolve(build("a", "The ", ("EU", "ORG"), " met ", ("United States", "GPE"), " officials."))
    assert len(result.entities) == 2


def test_resolve_entities_country_and_demonym_stay_apart():
    result = resolve(
        build("a", ("Russia", "GPE"), " attacked. The ", ("Russian", "NORP"), " side agreed."),
        build("b", ("Russia", "GPE"), " said. ", ("Russian", "NORP"), " drones flew."),
    )
    assert len(result.entities) == 2
    russia = entity_with(result, "Russia")
    russian = entity_with(result, "Russian")
    assert (russia.label, russian.label) == ("GPE", "NORP")
    assert russia.aliases == ("Russia",)
    assert russian.aliases == ("Russian",)


def test_resolve_entities_aliases_by_article_lists_each_articles_wording():
    result = resolve(
        build("afp", ("Zelenskyy", "PERSON"), " said. ", ("Volodymyr Zelenskyy", "PERSON"), " left. ", ("Zelenskyy", "PERSON"), "."),
        build("lbc", ("Volodymyr Zelensky", "PERSON"), " spoke. ", ("Zelensky", "PERSON"), " added."),
    )
    entity = entity_with(result, "Zelensky")
    assert set(entity.aliases_by_article) == {"afp", "lbc"}
    assert entity.aliases_by_article["afp"] == ("Zelenskyy", "Volodymyr Zelenskyy")  # most frequent first
    assert set(entity.aliases_by_article["lbc"]) == {"Volodymyr Zelensky", "Zelensky"}


def test_resolve_entities_mentions_point_at_their_text():
    built = [
        build("a", "Kremlin aide ", ("Yuri Ushakov", "PERSON"), " said ", ("Putin", "PERSON"), " spoke."),
        build("b", ("Vladimir Putin", "PERSON"), " told ", ("Yury Ushakov", "PERSON"), "."),
    ]
    texts = {a.id: a.text for a, _ in built}
    result = resolve(*built)
    for entity in result.entities:
        assert entity.mentions == tuple(sorted(entity.mentions, key=lambda m: (m.article, m.start)))
        for m in entity.mentions:
            assert texts[m.article][m.start : m.end] == m.text


def test_resolve_entities_ids_are_unique():
    # "St.Kitts" and "St Kitts" fold to different keys but slug to the same id.
    result = resolve(
        build("a", ("St.Kitts", "GPE"), " and ", ("St Kitts", "GPE"), " and ", ("Trump", "PERSON"), "."),
        build("b", ("Donald Trump", "PERSON"), ", ", ("Melania Trump", "PERSON"), "."),
    )
    ids = [e.id for e in result.entities]
    assert len(ids) == len(set(ids))
    kitts = sorted(e.id for e in result.entities if e.name in {"St.Kitts", "St Kitts"})
    assert kitts == ["st-kitts", "st-kitts-2"]
    assert result.by_id().keys() == set(ids)


def test_resolve_entities_entity_for_maps_every_mention():
    built = [
        build("a", ("Vladimir Putin", "PERSON"), " told ", ("U.S.", "GPE"), " officials."),
        build("b", ("Putin", "PERSON"), " and the ", ("United States", "GPE"), "."),
    ]
    result = resolve(*built)
    by_id = result.by_id()
    for article, analysis in built:
        for mention in analysis.mentions:
            eid = result.entity_for(article.id, mention)
            assert eid is not None
            assert mention.text in by_id[eid].aliases
    a_putin, b_putin = built[0][1].mentions[0], built[1][1].mentions[0]
    assert result.entity_for("a", a_putin) == result.entity_for("b", b_putin)
    assert result.entity_for("a", built[0][1].mentions[1]) != result.entity_for("a", a_putin)
    assert result.entity_for("b", a_putin) is None  # same offsets, wrong article
    assert result.entity_for("a", Mention(100, 105, "Putin", "PERSON", 0)) is None


def test_resolve_entities_orders_by_mention_count():
    result = resolve(
        build("a", ("Kyiv", "GPE"), " and ", ("Moscow", "GPE"), " and ", ("Moscow", "GPE"), "."),
        build("b", ("Moscow", "GPE"), "."),
    )
    assert [e.name for e in result.entities] == ["Moscow", "Kyiv"]


def test_resolve_entities_no_mentions_gives_no_entities():
    result = resolve(build("a", "Nothing named here."))
    assert result.entities == ()
    assert result.entity_of == {}


def test_resolve_entities_label_follows_full_name_when_surname_is_mostly_mislabelled():
    # "the Trump campaign" makes NER call "Trump" an ORG; the full name says PERSON
    resolution = resolve(
        build("a", ("Donald Trump", "PERSON"), " met aides. The ", ("Trump", "ORG"), " campaign and the ",
              ("Trump", "ORG"), " team. ", ("Trump", "PERSON"), " spoke."),
        build("b", "The ", ("Trump", "ORG"), " campaign said so."),
    )
    entity = entity_with(resolution, "Donald Trump")
    assert entity.label == "PERSON"
    assert len(entity.mentions) == 5


def test_resolve_entities_middle_initial_does_not_split_a_person():
    result = resolve(
        build("a", ("Donald J. Trump", "PERSON"), " spoke. ", ("Trump", "PERSON"), " left."),
        build("b", ("Donald Trump", "PERSON"), " said. ", ("Trump", "PERSON"), " added."),
    )
    assert len(result.entities) == 1
    trump = result.entities[0]
    assert trump.name == "Donald J. Trump"
    assert set(trump.aliases) == {"Donald J. Trump", "Donald Trump", "Trump"}
    assert result.entity_named("Donald Trump") == result.entity_named("Trump") == trump.id


def test_resolve_entities_different_middle_initials_stay_apart():
    result = resolve(
        build("a", ("George H. W. Bush", "PERSON"), " and ", ("George W. Bush", "PERSON"), " met. "),
        build("b", ("George H.W. Bush", "PERSON"), " and ", ("George Bush", "PERSON"), " spoke."),
    )
    father, son = entity_with(result, "George H. W. Bush"), entity_with(result, "George W. Bush")
    assert father.id != son.id
    assert "George H.W. Bush" in father.aliases  # the same initials, spaced or not
    assert entity_with(result, "George Bush").aliases == ("George Bush",)  # could be either
    assert len(result.entities) == 3


def test_entity_named_matches_across_a_middle_initial():
    result = resolve(build("a", ("Donald Trump", "PERSON"), " spoke. ", ("George W. Bush", "PERSON"), " left."))
    trump, bush = entity_with(result, "Donald Trump"), entity_with(result, "George W. Bush")
    assert result.entity_named("Donald J. Trump", "PERSON") == trump.id
    assert result.entity_named("George Bush") == bush.id
    assert result.entity_named("George H. W. Bush") is None


def test_resolve_entities_lone_initial_first_name_is_kept_whole():
    result = resolve(build("a", ("J. D. Vance", "PERSON"), " and ", ("J. Vance", "PERSON"), " spoke."))
    assert len(result.entities) == 2


# --- recovering missed mentions, name forms, types ----------------------------------------------------------


def test_a_name_ner_found_elsewhere_is_recovered_where_it_was_missed():
    one = build("a", ("Bruce Braley", "PERSON"), " spoke in ", ("Washington", "GPE"), ".")
    two = Article(id="b", text="WASHINGTON - Bruce Braley apologised. The Bruce Braley Foundation said nothing.")
    result = resolve(one, (two, Analysis(article_id="b")))
    braley = entity_with(result, "Bruce Braley")
    assert [(m.article, m.start) for m in braley.mentions] == [("a", 0), ("b", 13)]  # not inside "Bruce Braley Foundation"
    assert [m.text for m in entity_with(result, "Washington").mentions] == ["Washington", "WASHINGTON"]  # a dateline


def test_a_nickname_or_a_middle_name_is_the_same_person():
    result = resolve(
        build("a", ("Chuck Grassley", "PERSON"), " and ", ("Bridget Kelly", "PERSON"), " met."),
        build("b", ("Charles E. Grassley", "PERSON"), " saw ", ("Bridget Anne Kelly", "PERSON"), ". ", ("Grassley", "PERSON"), " left."),
    )
    assert set(entity_with(result, "Chuck Grassley").aliases) == {"Chuck Grassley", "Charles E. Grassley", "Grassley"}
    assert set(entity_with(result, "Bridget Kelly").aliases) == {"Bridget Kelly", "Bridget Anne Kelly"}


def test_different_first_names_or_middle_names_stay_apart():
    result = resolve(
        build("a", ("Bridget Kelly", "PERSON"), " and ", ("Megan Kelly", "PERSON"), " and ", ("John Smith", "PERSON"), "."),
        build("b", ("Bridget Anne Kelly", "PERSON"), " and ", ("Bridget Mary Kelly", "PERSON"), " and ", ("Jane Smith", "PERSON"), "."),
    )
    assert len(result.entities) == 6  # "Bridget Kelly" fits two full names, so it joins neither


def test_one_country_however_it_is_written_and_one_agency_either_way_round():
    result = resolve(
        build("a", ("United States", "GPE"), " and the ", ("Department of Justice", "ORG"), "."),
        build("b", ("USA", "GPE"), ", ", ("U.S.", "GPE"), " and the ", ("Justice Department", "ORG"), "."),
    )
    assert set(entity_with(result, "USA").aliases) == {"United States", "USA", "U.S."}
    assert set(entity_with(result, "Justice Department").aliases) == {"Department of Justice", "Justice Department"}
    result = resolve(build("a", "God bless ", ("America", "GPE"), "."), build("b", ("United States", "GPE"), " officials and ",
                                                                               ("Britain", "GPE"), " and the ", ("United Kingdom", "GPE")))
    assert set(entity_with(result, "America").aliases) == {"America", "United States"}  # a short name ISO 3166 lacks
    assert set(entity_with(result, "Britain").aliases) == {"Britain", "United Kingdom"}


def test_a_body_is_also_named_by_what_comes_before_its_of():
    result = resolve(
        build("a", "The ", ("House of Representatives", "ORG"), " met the ", ("Bank of England", "ORG"), " and the ",
              ("Bank of America", "ORG"), "."),
        build("b", "The ", ("House", "ORG"), " voted and the ", ("Bank", "ORG"), " paid."),
    )
    assert set(entity_with(result, "House").aliases) == {"House", "House of Representatives"}
    assert entity_with(result, "Bank").aliases == ("Bank",)  # two banks: the short form joins neither


def test_an_abbreviated_state_is_the_state_the_story_names():
    result = resolve(
        build("a", ("Texas", "GPE"), " and ", ("New York", "GPE"), " and ", ("New Jersey", "GPE"), " voted."),
        build("b", "Rep. ", ("Michael Grimm", "PERSON"), " (R-N.Y.) spoke in ", ("Corpus Christi", "GPE"), ", Tex., and Gen. ",
              ("Smith", "PERSON"), " in Fort Lee, N.J."),
    )
    assert set(entity_with(result, "Texas").aliases) == {"Texas", "Tex."}
    assert set(entity_with(result, "New York").aliases) == {"New York", "N.Y."}
    assert set(entity_with(result, "New Jersey").aliases) == {"New Jersey", "N.J."}
    assert not [e for e in result.entities if "Gen." in e.aliases]


def test_a_designator_or_a_longer_body_name_joins_unless_it_adds_a_place():
    result = resolve(
        build("a", ("Qeshm Island", "GPE"), ", the ", ("Senate Judiciary Committee", "ORG"), " and the ",
              ("Wisconsin Republican Party", "ORG"), " in ", ("Wisconsin", "GPE"), "."),
        build("b", ("Qeshm", "GPE"), ", the ", ("Judiciary Committee", "ORG"), " and the ", ("Republican Party", "ORG"), "."),
    )
    assert set(entity_with(result, "Qeshm").aliases) == {"Qeshm", "Qeshm Island"}
    assert set(entity_with(result, "Judiciary Committee").aliases) == {"Judiciary Committee", "Senate Judiciary Committee"}
    assert entity_with(result, "Republican Party").aliases == ("Republican Party",)


def test_one_type_per_entity_from_its_name_and_its_context():
    result = resolve(
        build("a", "The quake hit the port city of ", ("Bandar Abbas", "PERSON"), " and the villages of ", ("Tonban", "ORG"), ", ",
              ("Gavarzin", "PERSON"), " and ", ("Khaledin", "PERSON"), ". He crossed the ", ("George Washington Bridge", "ORG"),
              ". ", ("Politico", "PERSON"), " reported it. ", ("Smith", "PERSON"), " said it was over. ", ("Mr. Obama", "PERSON"),
              " was told by ", ("Obama", "PERSON"), "'s aides."),
    )
    labels = {e.name: e.label for e in result.entities}
    assert labels == {"Bandar Abbas": "GPE", "Tonban": "GPE", "Gavarzin": "GPE", "Khaledin": "GPE",
                      "George Washington Bridge": "FAC", "Politico": "ORG", "Smith": "PERSON", "Mr. Obama": "PERSON"}


def test_a_capital_region_is_a_place_and_a_countrys_people_are_a_group():
    result = resolve(build("a", "Eight died, according to ", ("Kyiv", "PERSON"), ". A ", ("Ukrainian", "GPE"), " official and ",
                           ("Christian", "PERSON"), " Smith spoke; ", ("Chinese", "ORG"), " envoys came."))
    assert {e.name: e.label for e in result.entities} == {"Kyiv": "GPE", "Ukrainian": "NORP", "Christian": "PERSON", "Chinese": "NORP"}


def test_leading_names_count_one_person_once_however_written():
    counts = [("Putin", 3, 9), ("Vladimir Putin", 2, 2), ("Kremlin", 3, 4), ("U.S.", 2, 3), ("United States", 1, 1),
              ("Yury Ushakov", 1, 1), ("Yuri Ushakov", 1, 2), ("Ushakov", 2, 3), ("Trump", 2, 5)]
    assert leading_names(counts, 5) == ["Vladimir Putin", "Kremlin", "Yuri Ushakov", "Trump", "U.S."]
    assert leading_names(counts, 1) == ["Vladimir Putin"] and leading_names([], 3) == []


def test_a_direction_before_a_country_and_a_places_short_form():
    result = resolve(
        build("a", "A quake hit ", ("Southern Iran", "LOC"), " and ", ("Northern Ireland", "GPE"), " felt the ", ("Mediterranean Sea", "LOC"), " rise."),
        build("b", ("Iran", "GPE"), " said the Mediterranean was calm in December. Iran sent help."),
    )
    iran = entity_with(result, "Iran")
    assert [m.text for m in iran.mentions] == ["Iran", "Iran", "Iran"] and iran.label == "GPE"
    assert result.entity_for("a", Mention(12, 25, "Southern Iran", "LOC", 0)) == iran.id  # the analysis' span still finds it
    assert "Northern Ireland" in {e.name for e in result.entities}
    assert set(entity_with(result, "Mediterranean Sea").aliases) == {"Mediterranean Sea", "Mediterranean"}


def test_a_party_letter_names_the_partys_members():
    result = resolve(
        build("a", "Rep. ", ("Blake Farenthold", "PERSON"), " (R-Texas) and ", ("Republicans", "NORP"), " met ",
              ("Democrats", "NORP"), "."),
        build("b", "Sen. ", ("Chuck Grassley", "PERSON"), ", R-Iowa, mocked ", ("Bruce Braley", "PERSON"), " (D-Iowa). R-rated."),
        build("c", "Gov. ", ("Chris Christie", "PERSON"), " (R) spoke; the (R) mark stays."),
    )
    assert set(entity_with(result, "Republicans").aliases) == {"Republicans", "R"}
    assert set(entity_with(result, "Democrats").aliases) == {"Democrats", "D"}
    assert len(entity_with(result, "Republicans").mentions) == 4  # "(R)" after a name; not "R-rated" nor "the (R) mark"


def test_a_newspapers_name_is_an_organisation_but_a_speaking_mr_post_is_a_person():
    result = resolve(build("a", ("HuffPost", "PRODUCT"), " reported that ", ("Emily Post", "PERSON"), " said so, and ",
                           ("Emily Post", "PERSON"), " left the ", ("Washington Post", "GPE"), "."))
    assert {e.name: e.label for e in result.entities} == {"HuffPost": "ORG", "Emily Post": "PERSON", "Washington Post": "ORG"}


def test_a_long_name_ner_never_marked_is_found_where_the_story_repeats_it():
    result = resolve(
        build("a", "Subpoenas went to Christie for Governor and the New Jersey Republican State Committee, said the ",
              ("Port Authority of New York and New Jersey", "ORG"), ". Oman and the United Arab Emirates felt it.\n\n"
              "Member of Congress ", ("Tom Smith", "PERSON"), " spoke to FBI Special Agent ", ("Ann Lee", "PERSON"), "."),
        build("b", "Lawyers said Christie for Governor and the New Jersey Republican State Committee declined to comment. "
              "Oman and the United Arab Emirates were calm. A Member of Congress and an FBI Special Agent met ",
              ("President Barack Obama", "PERSON"), ".\n\nGovernor Signs Bill After Long Debate In Senate\n\n"
              "Governor Signs Bill After Long Debate In Senate"),
    )
    names = {e.name: e for e in result.entities}
    assert len(names["Christie for Governor"].mentions) == 2 and names["Christie for Governor"].label == "ORG"
    assert len(names["New Jersey Republican State Committee"].mentions) == 2
    # a list of places, a role, a person with a title and a title-case headline are no names
    assert {"Oman and the United Arab Emirates", "Member of Congress", "FBI Special Agent", "Governor Signs Bill"}.isdisjoint(names)
    assert not [n for n in names if "Debate" in n or "Barack" in n and n != "President Barack Obama"]


def test_types_from_a_settlement_word_after_a_name_a_lone_region_word_and_a_persons_firm():
    result = resolve(
        build("a", "Robberies on the ", ("Riviera", "ORG"), " and in the ", ("Deyrestan", "LOC"), " village. ",
              ("William McGinley", "PERSON"), " of ", ("Hobbs Lorrimer", "PERSON"), " and partners at ", ("Hobbs Lorrimer", "PERSON"),
              " spoke. The ", ("French", "NORP"), " town of Nice and ", ("Western", "GPE"), " nations."),
    )
    labels = {e.name: e.label for e in result.entities}
    assert labels["Riviera"] == "LOC" and labels["Deyrestan"] == "GPE" and labels["Hobbs Lorrimer"] == "ORG"
    assert labels["French"] == "NORP" and labels["William McGinley"] == "PERSON" and labels["Western"] == "NORP"
