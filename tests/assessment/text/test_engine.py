"""The cue engine's rules: negation and its scope, reported speech, look-alikes, the age rule, offsets,
pattern ids, language detection and lexicon loading. Sentences are factual, police-summary style."""

from __future__ import annotations

import importlib
import random
import re

import pytest

from tests.assessment.text.test_seed_eval import SEED
from tipline.assessment.text import cues
from tipline.assessment.text.cues import SUPPORTED, Cue, detect_language, find_cues
from tipline.assessment.text.lexicon import CueKind, Lexicon
from tipline.assessment.text.seed_cases import parse_file

OTHER_LANGUAGES = [
    "Er hat gedroht, die Fotos an ihre Eltern zu schicken, wenn sie nicht bezahlt.",
    "Il a menacé de publier les photos de la victime si elle ne payait pas.",
    "El hombre amenazó a la niña con publicar las fotos si no le enviaba más imágenes.",
    "La polizia ha arrestato il sospettato, che era lo zio della vittima.",
    "Hij dreigde de foto's naar haar ouders te sturen als ze niet zou betalen.",
    "Sprawca był ojczymem ofiary i miał do niej stały dostęp.",
    "A polícia prendeu o suspeito, que era o padrasto da vítima.",
    "Bărbatul a amenințat că va publica fotografiile fetei dacă nu plătește.",
    "Mannen hotade att skicka bilderna till flickans föräldrar om hon inte betalade.",
    "Manden truede med at sende billederne til pigens forældre, hvis hun ikke betalte.",
    "Mies uhkasi lähettää kuvat tytön vanhemmille, jos tämä ei maksa.",
    "Ο άνδρας απείλησε να δημοσιεύσει τις φωτογραφίες του κοριτσιού αν δεν πλήρωνε.",
    "Muž vyhrožoval, že fotografie dívky zveřejní, pokud nezaplatí.",
    "A férfi azzal fenyegetőzött, hogy nyilvánosságra hozza a lány fényképeit, ha nem fizet.",
]


def kinds(text: str, language: str | None = "en") -> set[CueKind]:
    return {c.kind for c in find_cues(text, language)}


# --- negation, clauses, reported speech --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I would never ask you to meet", CueKind.planned_meeting),
        ("There were no plans to meet the child.", CueKind.planned_meeting),
        ("The suspect did not threaten the girl.", CueKind.threats_or_blackmail),
        ("He said he would never hurt himself.", CueKind.self_harm_or_suicide),
        ("She told the officer she didn't want to die.", CueKind.self_harm_or_suicide),
        ("He denied having planned to meet the boy.", CueKind.planned_meeting),
    ],
)
def test_a_negation_before_the_cue_in_its_clause_cancels_it(text: str, kind: CueKind) -> None:
    assert kind not in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("She wrote that she wanted to die.", CueKind.self_harm_or_suicide),
        ("Chat logs showed the man planned to meet the child.", CueKind.planned_meeting),
        ("The girl told her mother that he had threatened her.", CueKind.threats_or_blackmail),
    ],
)
def test_reported_speech_without_negation_is_a_cue(text: str, kind: CueKind) -> None:
    assert kind in kinds(text)


def test_a_scope_breaker_ends_the_negation() -> None:
    assert CueKind.planned_meeting in kinds("He did not admit it but he planned to meet her")


def test_a_negation_in_another_sentence_or_clause_does_not_reach() -> None:
    assert CueKind.planned_meeting in kinds(
        "There was no contact at first. Later the man planned to meet the girl."
    )
    assert CueKind.planned_meeting in kinds("No, I will come to your town on Saturday")


def test_a_negation_too_many_words_before_does_not_reach() -> None:
    text = "Investigators did not know during the first weeks that the man planned to meet the girl"
    assert CueKind.planned_meeting in kinds(text)


def test_a_comma_before_a_complementizer_keeps_the_negation_in_reach() -> None:
    assert find_cues("Ich würde dich nie fragen, ob wir uns treffen, keine Sorge.", "de") == []
    assert find_cues("I would never ask you, whether we could meet.", "en") == []
    assert CueKind.planned_meeting in kinds("I was not sure, but let's meet on Saturday at the station.")


def test_the_words_of_a_cue_stay_in_one_sentence_or_message() -> None:
    chat = "Můžu ti poslat dárkovou kartu, jestli chceš.\nNemusíme se vidět, stačí mi psaní."
    assert CueKind.planned_meeting not in {c.kind for c in find_cues(chat, "cs")}


def test_a_conditional_demand_is_not_a_negation() -> None:
    assert CueKind.threats_or_blackmail in kinds("if you don't pay I will send your pictures to your parents")


# --- look-alikes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We have to meet the deadline on Friday.",
        "I'm dying of laughter",
        "this game is killing me",
        "My teacher said homework is due tomorrow.",
        "The agency published a new threat assessment.",
    ],
)
def test_look_alikes_do_not_count(text: str) -> None:
    assert kinds(text) == set()


# --- the age rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "young"),
    [
        ("The video showed a 4-year-old girl.", True),
        ("The victim was 5 years old.", True),
        ("The victim was a 6 year old boy.", False),
        ("a 14-year-old girl", False),
        ("his 6 month old daughter", True),
        ("children aged 2 to 14", True),
        ("children between the ages of 8 and 12", False),
    ],
)
def test_very_young_victim_counts_up_to_five_years(text: str, young: bool) -> None:
    assert (CueKind.very_young_victim in kinds(text)) is young


def test_the_age_group_rule_applies_to_any_lexicon() -> None:
    lexicon = Lexicon("xx", {CueKind.very_young_victim: [r"kid\s+(?P<age>\d{1,2})"]})
    compiled = cues._compile(lexicon)
    assert [c.pattern for c in cues._find("kid 5 and kid 6", compiled)] == ["xx:very_young_victim:0"]


# --- offsets, pattern ids ----------------------------------------------------------------------------


def test_offsets_and_pattern_ids_point_into_the_text_and_the_lexicon() -> None:
    from tipline.assessment.text.lang.en import LEXICON

    text = "Chat logs showed that the man was the child's uncle and planned to meet him."
    found = find_cues(text, "en")
    assert found == sorted(found, key=lambda c: (c.start, c.end, c.kind.value, c.language))
    assert {c.kind for c in found} >= {CueKind.offender_has_access_to_children, CueKind.planned_meeting}
    for cue in found:
        language, kind, index = cue.pattern.split(":")
        assert (language, kind) == ("en", cue.kind.value)
        source = LEXICON.cues[CueKind(kind)][int(index)]
        assert re.fullmatch(source, text[cue.start : cue.end], re.IGNORECASE)


def test_typographic_apostrophes_keep_offsets() -> None:
    text = "She wrote “I’m going to kill myself” last night"
    [cue] = find_cues(text, "en")
    assert cue.kind is CueKind.self_harm_or_suicide
    assert text[cue.start : cue.end] == "kill myself"


def test_a_cue_holds_no_text() -> None:
    assert set(Cue.__slots__) == {"kind", "language", "start", "end", "pattern"}  # type: ignore[attr-defined]


def test_empty_and_cue_free_texts() -> None:
    assert find_cues("") == []
    assert find_cues("The report was forwarded to the national police.", "en") == []


# --- language ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The police arrested the man after he had sent the images to several users.", "en"),
        ("Die Polizei hat den Mann festgenommen, nachdem er die Bilder verschickt hatte.", "de"),
        ("La police a arrêté l'homme après qu'il a envoyé les images à plusieurs utilisateurs.", "fr"),
        ("De politie heeft de man gearresteerd nadat hij de beelden had verstuurd.", "nl"),
        ("Policja zatrzymała mężczyznę, który rozsyłał zdjęcia innym użytkownikom.", "pl"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_short_texts_are_undetermined() -> None:
    assert detect_language("ok") == "und"
    assert detect_language("") == "und"
    assert detect_language("12:30 !!") == "und"


@pytest.mark.parametrize(
    ("declared", "expected"), [("de-AT", "de"), ("EN", "en"), ("fr_BE", "fr"), ("sv", "sv")]
)
def test_a_supported_declared_language_wins(declared: str, expected: str) -> None:
    assert detect_language("The police arrested the man.", declared) == expected


def test_an_unsupported_declared_language_falls_back_to_detection() -> None:
    assert detect_language("The police arrested the man after a long investigation.", "ru") == "en"


def test_code_switching_runs_both_languages() -> None:
    assert cues._languages("ich will dich treffen, send me a pic first", None) == ["en", "de"]


@pytest.mark.parametrize("text", OTHER_LANGUAGES)
def test_other_languages_are_not_taken_for_plain_english(text: str) -> None:
    assert not cues._plainly_english(text)
    assert cues._languages(text, None)[0] != "en"


def test_english_patterns_do_not_run_on_plain_other_language_text() -> None:
    german = "Die Kinder gingen in den Kindergarten, die Mutter wollte nicht, dass die Polizei kommt."
    assert cues._languages(german, None) == ["de"]


def test_undetermined_text_uses_the_english_lexicon() -> None:
    assert cues._languages("ok", None) == ["en"]
    assert kinds("kms", None) == set()


def test_a_language_without_a_lexicon_module_yields_nothing() -> None:
    assert cues._lexicon("xx") is None
    cues._LEXICONS.pop("xx", None)


def test_supported_codes() -> None:
    assert SUPPORTED[0] == "en"
    assert len(SUPPORTED) == len(set(SUPPORTED)) == 15


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_lexicon_compiles(code: str) -> None:
    module = importlib.import_module(f"tipline.assessment.text.lang.{code}")  # every language has one
    lexicon = module.LEXICON
    assert isinstance(lexicon, Lexicon)
    assert lexicon.language == code
    assert cues._lexicon(code) is not None


# --- the speed-ups never lose a match ------------------------------------------------------------------


def _corpus() -> list[str]:
    from tests.assessment.text.test_en import DOES_NOT_FIRE, FIRES

    texts = [t for _, t in FIRES + DOES_NOT_FIRE] + OTHER_LANGUAGES
    seed = SEED / "cases-dev.txt"
    if seed.is_file():
        texts += [c.text for c in parse_file(seed)]
    return texts


def _word_salad(lexicon: Lexicon, count: int = 60) -> list[str]:
    """Texts made of the lexicon's own words, digits and punctuation: many near-matches."""
    sources = [s for kind in lexicon.cues.values() for s in kind] + list(lexicon.negations)
    sources += [s for kind in lexicon.look_alikes.values() for s in kind] + list(lexicon.scope_breakers)
    words = sorted({w for s in sources for w in re.findall(r"[^\W\d_]{2,}", s)}) or ["x"]
    extra = ["3", "5-year-old", "12", ",", ".", "the", "a", "and", "'s", "-"]
    rnd = random.Random(sum(map(ord, lexicon.language)))
    return [" ".join(rnd.choice(words + extra) for _ in range(40)) for _ in range(count)]


@pytest.mark.parametrize("code", SUPPORTED)
def test_anchors_and_literal_filters_find_every_match_a_full_scan_finds(code: str) -> None:
    compiled = cues._lexicon(code)
    assert compiled is not None, f"no lexicon for {code}"
    module = importlib.import_module(f"tipline.assessment.text.lang.{code}")
    for text in _corpus() + _word_salad(module.LEXICON):
        t = cues._Text(text, compiled)
        for number, pattern in enumerate(compiled.patterns):
            found = {(m.start(), m.end()) for m in t.matches(number)}
            for m in pattern.regex.finditer(text):
                assert (m.start(), m.end()) in found, (code, pattern.kind, pattern.role, pattern.index)


def test_pattern_analysis() -> None:
    requires, anchors = cues._analyse(r"(?:his|their)\s+(?:own\s+)?(?:daughter|son)s?")
    assert anchors == {"=his", "=their"}
    assert ("daughter", "son") in requires
    assert cues._analyse(r"(?P<age>\d{1,2})[- ]?years?\s+old")[1] == {cues._DIGIT}
    assert cues._analyse(r"(?:[€$£])\s?\d+")[1] is None  # a symbol first: the pattern scans the text
    assert cues._analyse(r"(?:the\s+)?threat\w*")[1] == {"=the", "threat"}
