"""Sentence, headline and line segmentation with offsets into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimextract.segment import split_units
from claimextract.types import Unit
from tests.claimextract.reference import ARTICLE, read_shared


def sentences(text: str, lang: str = "en") -> list[str]:
    return [text[u.start : u.end] for u in split_units(text, lang=lang)]


# --- abbreviations ---


def test_abbreviation_mr_does_not_end_sentence():
    assert sentences("Mr. Okafor chaired the panel. It lasted an hour.") == [
        "Mr. Okafor chaired the panel.",
        "It lasted an hour.",
    ]


def test_titles_before_names_do_not_end_sentences():
    text = "Dr. Reyes and Prof. Varga met Gen. Holt and Sen. Park. Gov. Stone was absent."
    assert sentences(text) == [
        "Dr. Reyes and Prof. Varga met Gen. Holt and Sen. Park.",
        "Gov. Stone was absent.",
    ]


def test_month_abbreviation_before_day_does_not_end_sentence():
    assert sentences("The strike began on Sept. 12 in the port. It spread fast.") == [
        "The strike began on Sept. 12 in the port.",
        "It spread fast.",
    ]


def test_etc_ends_sentence_before_capitalised_word():
    assert sentences("They sold maps, pens, etc. Sales doubled.") == [
        "They sold maps, pens, etc.",
        "Sales doubled.",
    ]


def test_etc_continues_before_lowercase_word():
    assert sentences("Maps, pens, etc. were sold at the fair.") == [
        "Maps, pens, etc. were sold at the fair."
    ]


def test_eg_and_ie_never_end_sentences():
    text = "Some metals, e.g. Copper, conduct well. Others, i.e. Lead, do not."
    assert sentences(text) == [
        "Some metals, e.g. Copper, conduct well.",
        "Others, i.e. Lead, do not.",
    ]


def test_vs_does_not_end_sentence():
    assert sentences("It was Brazil vs. Chile in the final. Chile won.") == [
        "It was Brazil vs. Chile in the final.",
        "Chile won.",
    ]


def test_no_before_number_does_not_end_sentence():
    assert sentences("He wore shirt No. 9 that season. The club retired it.") == [
        "He wore shirt No. 9 that season.",
        "The club retired it.",
    ]


def test_company_suffix_continues_before_a_verb():
    assert sentences("Gamma Holdings Inc. reported a loss. Its shares fell.") == [
        "Gamma Holdings Inc. reported a loss.",
        "Its shares fell.",
    ]


def test_company_suffix_ends_sentence_before_a_sentence_opener():
    assert sentences("The unit was sold to Delta Ltd. The price was not disclosed.") == [
        "The unit was sold to Delta Ltd.",
        "The price was not disclosed.",
    ]


def test_pm_ends_sentence_before_a_sentence_opener():
    assert sentences("Polls closed at 8 p.m. Then the count began.") == [
        "Polls closed at 8 p.m.",
        "Then the count began.",
    ]


# --- initials ---


def test_chain_of_initials_stays_in_one_sentence():
    assert sentences("J. R. R. Tolkien lived in Oxford. He taught there.") == [
        "J. R. R. Tolkien lived in Oxford.",
        "He taught there.",
    ]


def test_middle_initial_does_not_end_sentence():
    assert sentences("Lyndon B. Johnson signed it in 1964. Congress had passed it.") == [
        "Lyndon B. Johnson signed it in 1964.",
        "Congress had passed it.",
    ]


# --- U.S., E.U. and other dotted acronyms ---


def test_us_inside_sentence_does_not_end_it():
    assert sentences("The U.S. Senate voted on Tuesday. The bill passed.") == [
        "The U.S. Senate voted on Tuesday.",
        "The bill passed.",
    ]


def test_us_at_end_of_sentence_splits_before_pronoun():
    assert sentences("The envoy returned to the U.S. He reported to the White House.") == [
        "The envoy returned to the U.S.",
        "He reported to the White House.",
    ]


def test_eu_uk_un_do_not_split_mid_sentence():
    assert sentences("E.U. and U.K. officials met U.N. envoys. They agreed on aid.") == [
        "E.U. and U.K. officials met U.N. envoys.",
        "They agreed on aid.",
    ]


# --- decimals and thousands ---


def test_decimals_do_not_end_sentences():
    assert sentences("Growth was 3.14 per cent, up from 2.7. Analysts were surprised.") == [
        "Growth was 3.14 per cent, up from 2.7.",
        "Analysts were surprised.",
    ]


def test_thousands_and_suffixed_amounts_stay_whole():
    assert sentences("A force of 2,030 troops cost 1.5bn euros. More will come.") == [
        "A force of 2,030 troops cost 1.5bn euros.",
        "More will come.",
    ]


def test_number_at_end_of_sentence_splits():
    assert sentences("The team scored 3. The fans cheered.") == [
        "The team scored 3.",
        "The fans cheered.",
    ]


# --- e-mail addresses and URLs ---


def test_email_address_is_not_split():
    assert sentences("Send tips to jane.roe@example.org today. We read them all.") == [
        "Send tips to jane.roe@example.org today.",
        "We read them all.",
    ]


def test_url_with_dots_is_not_split():
    assert sentences("Read www.example.com/path/page.html for more. It is free.") == [
        "Read www.example.com/path/page.html for more.",
        "It is free.",
    ]


def test_email_at_end_of_sentence_splits():
    assert sentences("Write to desk@example.net. Someone will reply.") == [
        "Write to desk@example.net.",
        "Someone will reply.",
    ]


# --- ellipses ---


def test_ellipsis_mid_sentence_does_not_split():
    assert sentences("He hesitated... then signed the form. It was done.") == [
        "He hesitated... then signed the form.",
        "It was done.",
    ]


def test_ellipsis_ends_sentence_before_capital():
    assert sentences("We waited… Nobody came.") == ["We waited…", "Nobody came."]


def test_spaced_three_dot_ellipsis_is_an_omission_inside_the_sentence():
    # Three spaced dots mark words left out; the sentence goes on even before a capital.
    assert sentences("The memo says . . . We accept the terms . . . in full. Talks end.") == [
        "The memo says . . . We accept the terms . . . in full.",
        "Talks end.",
    ]


def test_spaced_four_dot_ellipsis_ends_the_sentence():
    assert sentences("The witness paused and said nothing more . . . . Court adjourned.") == [
        "The witness paused and said nothing more . . . .",
        "Court adjourned.",
    ]


def test_full_stop_then_spaced_ellipsis_opens_the_next_sentence():
    text = "The harvest failed twice. . . . Prices rose in spring. . . ."
    assert sentences(text) == ["The harvest failed twice.", ". . . Prices rose in spring. . . ."]


def test_spaced_ellipsis_closing_a_quotation_stays_in_the_sentence():
    text = "The letter ends, “and so the river will keep rising. . . .”"
    assert sentences(text) == [text]


def test_unspaced_ellipsis_inside_a_word_run_does_not_split():
    text = "Well ... maybe...perhaps . . . we could wait. . . . Or not."
    assert sentences(text) == ["Well ... maybe...perhaps . . . we could wait.", ". . . Or not."]


def test_four_attached_dots_end_the_sentence():
    assert sentences("She never called back.... The line was dead.") == [
        "She never called back....",
        "The line was dead.",
    ]


def test_ellipsis_character_ends_paragraph_and_continues_before_lowercase():
    assert sentences("Они ждали… и ждали. Никто не пришёл…", "ru") == [
        "Они ждали… и ждали.",
        "Никто не пришёл…",
    ]


def test_bracketed_ellipsis_before_a_citation_is_not_a_boundary():
    text = '"Rivers [...] carve their beds over centuries [...]" (Okoro 112).'
    assert sentences(text) == [text]


def test_bracketed_mark_after_a_sentence_end_stays_with_that_sentence():
    assert sentences("The report was long. [...] Its last chapter was cut.") == [
        "The report was long. [...]",
        "Its last chapter was cut.",
    ]


def test_bracketed_mark_inside_a_sentence_is_not_a_boundary():
    assert sentences("The minutes say [...] The vote passed. It was close.") == [
        "The minutes say [...] The vote passed.",
        "It was close.",
    ]


# --- quotations ---


def test_comma_inside_quote_does_not_split_attribution():
    assert sentences("“The dam will hold,” said the engineer. Locals doubted it.") == [
        "“The dam will hold,” said the engineer.",
        "Locals doubted it.",
    ]


def test_sentence_ending_inside_closing_quote_splits_after_the_quote():
    assert sentences('"He left." She stayed.') == ['"He left."', "She stayed."]


def test_multi_sentence_quote_splits_but_keeps_attribution():
    text = "“Order is restored. Threats were repelled,” said the president on Monday."
    assert sentences(text) == [
        "“Order is restored.",
        "Threats were repelled,” said the president on Monday.",
    ]


def test_quoted_question_followed_by_lowercase_attribution_stays_whole():
    assert sentences("“Who pays?” asked the senator. Nobody knew.") == [
        "“Who pays?” asked the senator.",
        "Nobody knew.",
    ]


def test_quoted_question_followed_by_named_speaker_stays_whole():
    assert sentences("“Who pays?” Senator Vance asked. Nobody knew.") == [
        "“Who pays?” Senator Vance asked.",
        "Nobody knew.",
    ]


def test_single_curly_quotes_are_quotes():
    assert sentences("‘We are done,’ she said. ‘Go home.’ They left.") == [
        "‘We are done,’ she said.",
        "‘Go home.’",
        "They left.",
    ]


def test_parenthesised_sentence_is_its_own_unit():
    assert sentences("Prices rose. (The index lags.) Wages did not.") == [
        "Prices rose.",
        "(The index lags.)",
        "Wages did not.",
    ]


def test_question_and_exclamation_marks_end_sentences():
    assert sentences("Who won? Nobody! It was a draw.") == ["Who won?", "Nobody!", "It was a draw."]


# --- lists ---


def test_inline_numbered_list_splits_before_each_item():
    assert sentences("You need: 1. A passport 2. A visa 3. A ticket.") == [
        "You need:",
        "1. A passport",
        "2. A visa",
        "3. A ticket.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1.) Check the tyres 2.) Fill the tank",
        "1.) Check the tyres. 2.) Fill the tank.",
        "1) Check the tyres 2) Fill the tank",
        "1. Check the tyres 2. Fill the tank",
    ],
)
def test_inline_list_without_lead_in_splits_before_each_item(text):
    split_at = text.index(" 2")
    assert sentences(text) == [text[:split_at], text[split_at + 1 :]]


def test_inline_list_on_a_line_without_final_stop_is_not_a_headline():
    text = "1) Check the tyres 2) Fill the tank"
    assert [u.headline for u in split_units(text)] == [False, False]


def test_inline_bullets_split_before_each_item():
    assert sentences("• 4. Lock the doors • 5. Switch off the lights") == [
        "• 4. Lock the doors",
        "• 5. Switch off the lights",
    ]
    assert sentences("⁃7. Pack the tent ⁃8. Roll the mats") == [
        "⁃7. Pack the tent",
        "⁃8. Roll the mats",
    ]


def test_inline_bullets_after_a_colon_split_before_each_item():
    assert sentences("Bring: • a torch • dry socks") == ["Bring:", "• a torch", "• dry socks"]


@pytest.mark.parametrize("text", ["Results • Week 12", "Home • World • Sport", "• • •"])
def test_bullets_as_separators_inside_a_line_do_not_split(text):
    assert [(text[u.start : u.end], u.headline) for u in split_units(text)] == [
        (text, text[0] != "•")
    ]


def test_inline_lettered_list_splits_before_each_item():
    assert sentences("a. Book the hall b. Print the tickets c. Call the band") == [
        "a. Book the hall",
        "b. Print the tickets",
        "c. Call the band",
    ]
    assert sentences("Options: A) Stay B) Leave") == ["Options:", "A) Stay", "B) Leave"]


def test_single_capital_letter_after_a_word_is_not_a_lettered_list():
    assert sentences("They chose plan A. B shifts were cancelled.") == [
        "They chose plan A. B shifts were cancelled."
    ]


def test_enumeration_inside_sentence_is_not_a_list():
    assert sentences("It exports 1) oil and 2) gas to Europe.") == [
        "It exports 1) oil and 2) gas to Europe."
    ]


def test_numbered_list_lines_are_units_with_marker_attached():
    units = split_units("Findings:\n1. Costs rose.\n2. Staff left")
    text = "Findings:\n1. Costs rose.\n2. Staff left"
    assert [(text[u.start : u.end], u.headline) for u in units] == [
        ("Findings:", True),
        ("1. Costs rose.", False),
        ("2. Staff left", False),
    ]


def test_bulleted_lines_are_units_not_headlines():
    text = "- Fuel prices doubled\n• Protests spread. Police responded.\n* Curfew imposed"
    units = split_units(text)
    assert [(text[u.start : u.end], u.headline) for u in units] == [
        ("- Fuel prices doubled", False),
        ("• Protests spread.", False),
        ("Police responded.", False),
        ("* Curfew imposed", False),
    ]


# --- headlines ---


def test_line_without_terminal_punctuation_is_a_headline():
    text = "Storm closes airports\nFlights were cancelled on Sunday. Trains ran late."
    units = split_units(text)
    assert [(text[u.start : u.end], u.headline) for u in units] == [
        ("Storm closes airports", True),
        ("Flights were cancelled on Sunday.", False),
        ("Trains ran late.", False),
    ]


def test_headline_with_colon_and_abbreviation_stays_whole():
    text = "U.S. Sen. Hale: talks are over\n\nHale spoke on Friday."
    units = split_units(text)
    assert [(text[u.start : u.end], u.headline) for u in units] == [
        ("U.S. Sen. Hale: talks are over", True),
        ("Hale spoke on Friday.", False),
    ]


def test_short_line_ending_with_punctuation_is_a_sentence():
    units = split_units("It rained.")
    assert units == [Unit(0, 10, headline=False)]


def test_line_ending_with_quote_after_full_stop_is_a_sentence():
    units = split_units("He called it “a farce.”")
    assert [u.headline for u in units] == [False]


def test_long_paragraph_missing_final_stop_is_split_into_sentences():
    text = "The council met on Monday. " * 10 + "It adjourned without a vote"
    units = split_units(text)
    assert len(units) == 11
    assert not any(u.headline for u in units)


# --- Russian ---


def test_russian_sentences_split_before_cyrillic_capital():
    assert sentences("Суд отложил заседание. Адвокаты подали жалобу.", "ru") == [
        "Суд отложил заседание.",
        "Адвокаты подали жалобу.",
    ]


def test_russian_te_does_not_end_sentence():
    assert sentences("Решение принято, т.е. Обжаловать его нельзя. Все согласны.", "ru") == [
        "Решение принято, т.е. Обжаловать его нельзя.",
        "Все согласны.",
    ]


def test_russian_i_td_ends_sentence_before_capital():
    assert sentences("Везли зерно, масло и т. д. Груз прибыл утром.", "ru") == [
        "Везли зерно, масло и т. д.",
        "Груз прибыл утром.",
    ]


def test_russian_city_abbreviation_before_name_does_not_end_sentence():
    assert sentences("Завод стоит в г. Тула на ул. Ленина. Он работает.", "ru") == [
        "Завод стоит в г. Тула на ул. Ленина.",
        "Он работает.",
    ]


def test_russian_year_abbreviation_after_number_ends_sentence():
    assert sentences("Закон принят в 2019 г. Он вступил в силу весной.", "ru") == [
        "Закон принят в 2019 г.",
        "Он вступил в силу весной.",
    ]


def test_russian_money_abbreviations_continue_before_lowercase():
    assert sentences("Выделено 12 млн. руб. и 300 тыс. долл. на ремонт. Работы идут.", "ru") == [
        "Выделено 12 млн. руб. и 300 тыс. долл. на ремонт.",
        "Работы идут.",
    ]


def test_russian_initials_stay_with_surname():
    assert sentences("Поэму написал М. Ю. Лермонтов. Её издали позже.", "ru") == [
        "Поэму написал М. Ю. Лермонтов.",
        "Её издали позже.",
    ]


def test_russian_guillemet_quote_with_dash_attribution_stays_whole():
    text = "«Это конец. Мы уходим», — сказал министр. Зал молчал."
    assert sentences(text, "ru") == ["«Это конец.", "Мы уходим», — сказал министр.", "Зал молчал."]


def test_russian_professor_title_does_not_end_sentence():
    assert sentences("Доклад прочёл проф. Смирнов. Вопросов не было.", "ru") == [
        "Доклад прочёл проф. Смирнов.",
        "Вопросов не было.",
    ]


def test_russian_years_abbreviation_opening_the_sentence_does_not_end_it():
    assert sentences("В 2015–2017 гг. Мария жила в г. Самара. Потом переехала.", "ru") == [
        "В 2015–2017 гг. Мария жила в г. Самара.",
        "Потом переехала.",
    ]


def test_russian_year_set_off_by_comma_does_not_end_sentence():
    text = "Вокзал в Рязани, 1912 г. В 1960 году его перестроили."
    assert sentences(text, "ru") == [text]


def test_russian_settlement_abbreviation_before_name_does_not_end_sentence():
    assert sentences("Автобус идёт в пгт. Озёрный через дер. Ключи. Дорога плохая.", "ru") == [
        "Автобус идёт в пгт. Озёрный через дер. Ключи.",
        "Дорога плохая.",
    ]


def test_russian_unspaced_te_and_td():
    text = "Склад закрыт, т.е. Товар не выдают. Везут муку, соль и т.д. Машины ждут."
    assert sentences(text, "ru") == [
        "Склад закрыт, т.е. Товар не выдают.",
        "Везут муку, соль и т.д.",
        "Машины ждут.",
    ]


def test_russian_imeni_does_not_end_sentence():
    assert sentences("Концерт прошёл в парке им. Горького. Пришли тысячи.", "ru") == [
        "Концерт прошёл в парке им. Горького.",
        "Пришли тысячи.",
    ]


def test_russian_dialogue_dashes_keep_the_line_of_speech_whole():
    text = "«Ты уже поел? – спросил отец. – Пора в школу». Сын кивнул."
    assert sentences(text, "ru") == [
        "«Ты уже поел? – спросил отец. – Пора в школу».",
        "Сын кивнул.",
    ]


def test_russian_dash_before_new_speaker_line_still_splits():
    assert sentences("Он закрыл дверь. – Куда ты? – спросила сестра.", "ru") == [
        "Он закрыл дверь.",
        "– Куда ты? – спросила сестра.",
    ]


def test_number_sign_abbreviation_before_dotted_number():
    text = "The parcel is at No. 4411.207.18. Nobody has claimed it. See N°. 12.3. Or № 7."
    assert sentences(text) == [
        "The parcel is at No. 4411.207.18.",
        "Nobody has claimed it.",
        "See N°. 12.3.",
        "Or № 7.",
    ]


def test_pronoun_i_ends_a_sentence_but_an_initial_does_not():
    text = "The prize went to my sister and I. Was Maria J. Okafor there?"
    assert sentences(text) == ["The prize went to my sister and I.", "Was Maria J. Okafor there?"]
    assert sentences("We met Henry I. Walsh at the station.") == [
        "We met Henry I. Walsh at the station."
    ]


# --- offsets and modes ---


def test_offsets_point_into_original_text_with_surrounding_space_trimmed():
    text = "  \tFirst one.   Second one.  \n\n   Third one.\r\n"
    units = split_units(text)
    assert [(u.start, u.end) for u in units] == [(3, 13), (16, 27), (34, 44)]


def test_lines_mode_keeps_each_line_whole():
    text = "Host: Welcome back. Dr. Lee is here.\n\n  Lee: Thanks. Good to be here.  \nHost"
    units = split_units(text, units="lines")
    assert [text[u.start : u.end] for u in units] == [
        "Host: Welcome back. Dr. Lee is here.",
        "Lee: Thanks. Good to be here.",
        "Host",
    ]
    assert not any(u.headline for u in units)


def test_unknown_unit_kind_is_rejected():
    with pytest.raises(ValueError, match="units"):
        split_units("Text.", units="words")


def test_empty_and_blank_text_give_no_units():
    assert split_units("") == []
    assert split_units(" \n\t\n ") == []


# --- the reference article ---

ARTICLE_UNITS = [
    ("Internet services also restored as situation stabilizes in Kazakhstan", True),
    (
        "Kazakhstan’s constitutional order has been restored after an “an attempted coup "
        "d’état” was thwarted, President Kassym-Jomart Tokayev said on Monday.",
        False,
    ),
    (
        "Internet services have also returned to Almaty, Kazakhstan’s largest city, following "
        "a five-day blackout.",
        False,
    ),
    ("“Order has been fully restored in Kazakhstan.", False),
    (
        "Threats to the security of the country have been repelled,” said Tokayev during a "
        "video link with leaders of the Collective Security Treaty Organization (CSTO).",
        False,
    ),
    (
        "Tokayev said that a large-scale “counter-terrorism” operation would soon end along "
        "with a CSTO mission that had 2,030 troops and 250 pieces of military hardware.",
        False,
    ),
    (
        "Tokayev said that “armed militants” had sought to use protests as a pretext and their "
        "“main goal was obvious: the undermining of the constitutional order, the destruction "
        "of government institutions and the seizure of power”.",
        False,
    ),
    (
        "The oil and gas-rich Central Asian nation has been gripped by unrest since January 2 "
        "after mass protests broke out over a fuel price hike in the worst violence in "
        "Kazakhstan’s 30 years of independence.",
        False,
    ),
    (
        "The situation is steadily stabilizing in Kazakhstan, according to the country’s "
        "National Security Committee.",
        False,
    ),
    ("“As of January 10, the situation is under control.", False),
    (
        "National and regional operational headquarters responsible for fighting terrorists "
        "have eliminated the hotbeds of the terrorist threat,” said the committee in a "
        "statement.",
        False,
    ),
    (
        "All seized administrative facilities in Almaty, Kyzylorda, Taldykorgan, and Taraz "
        "have been recaptured.",
        False,
    ),
    (
        "As many as 7,939 people were detained during the violence, according to the Kazakh "
        "Ministry of Internal Affairs.",
        False,
    ),
    (
        "More than 2,000 injured during several days of violence and scores of citizens and "
        "more than a dozen security forces personnel were killed.",
        False,
    ),
    ("Russian troops will stay to finish job in Kazakhstan: Putin", True),
    (
        "On Monday, Russian President Vladimir Putin said that recent unrest in Kazakhstan had "
        "been caused by “destructive internal and external forces” and that more than 2,000 "
        "troops his country had sent as “peacekeepers” would leave once their mission was "
        "complete.",
        False,
    ),
    (
        "Putin said the troops would remain “for a limited time period” and as long as "
        "Kazakhstan president “considers it necessary.”",
        False,
    ),
    (
        "The Russian leader added that CSTO has “proven its potential, its ability to act "
        "swiftly, decisively and efficiently.”",
        False,
    ),
    (
        "Putin made the comments at a meeting of CSTO, a body equivalent to NATO that includes "
        "six members — Russia, Armenia, Belarus, Kazakhstan, Kyrgyzstan and Tajikistan.",
        False,
    ),
    (
        "Meanwhile, State Secretary of Kazakhstan Erlan Karin clarified that “the CSTO mission "
        "is exclusively peacekeeping and is planned for a short period of time.",
        False,
    ),
    (
        "Once the situation is stabilized, the entire CSTO peacekeeping contingent will be "
        "withdrawn”, adding that CSTO will provide security for essential facilities locally.",
        False,
    ),
]


def test_reference_article_is_split_into_headlines_and_sentences():
    text = read_shared(ARTICLE)
    units = split_units(text)
    assert [(text[u.start : u.end], u.headline) for u in units] == ARTICLE_UNITS


def test_reference_article_in_lines_mode_has_one_unit_per_paragraph():
    text = read_shared(ARTICLE)
    units = split_units(text, units="lines")
    assert [text[u.start : u.end] for u in units] == text.splitlines()


# --- properties ---

# Characters that exercise the rules, mixed with arbitrary Unicode.
_TRICKY = list(" \t\n\r.!?…,:;\"'“”‘’«»()[]-•1230aAbBIJeguSpmтдгМ") + [
    "Mr.",
    "U.S.",
    "e.g.",
    " He",
    " The",
    "т.д.",
    "1. ",
    "2) ",
    "www.x.org",
    "...",
    " . . .",
    "[...]",
    "a. ",
    "b. ",
    "⁃",
    " – ",
    "гг.",
    "\u2028",
    "\x85",
    "\xa0",
]
tricky_text = st.lists(st.sampled_from(_TRICKY) | st.characters(), max_size=80).map("".join)
any_text = st.text() | tricky_text


def _check_units(text: str, units: list[Unit]) -> None:
    previous_end = 0
    for unit in units:
        piece = text[unit.start : unit.end]
        assert piece, unit
        assert piece == piece.strip(), unit
        assert unit.start >= previous_end, unit
        previous_end = unit.end


@settings(max_examples=400)
@given(any_text)
def test_sentence_units_are_trimmed_ordered_and_non_overlapping(text):
    _check_units(text, split_units(text))


@settings(max_examples=400)
@given(any_text)
def test_sentence_units_cover_every_non_space_character(text):
    units = split_units(text)
    covered = "".join(text[u.start : u.end] for u in units)
    assert "".join(covered.split()) == "".join(text.split())


@settings(max_examples=400)
@given(any_text)
def test_sentence_units_never_span_lines(text):
    for unit in split_units(text):
        assert len(text[unit.start : unit.end].splitlines()) == 1


@settings(max_examples=400)
@given(any_text, st.sampled_from(["en", "ru"]))
def test_lines_mode_returns_the_non_empty_lines(text, lang):
    units = split_units(text, lang=lang, units="lines")
    _check_units(text, units)
    expected = [line.strip() for line in text.splitlines() if line.strip()]
    assert [text[u.start : u.end] for u in units] == expected
