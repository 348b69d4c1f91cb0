"""The kind of a claim: what a reviewer would have to check.

`classify_kind` applies these rules in order; the first that holds names the kind:

1. "quote": a speaker is known and the unit holds a direct quotation of at least three
   words. A quotation is checked against what the speaker said, whatever it says, so it
   outranks everything else. Shorter quoted phrases ("counter-terrorism") are scare
   quotes, not quotations. A quotation cut by the sentence splitter (an opening mark
   without its closing one, or the reverse) still counts.
2. "prediction": future or modal language ("will", "would soon", "said ... would", "is
   expected to", "plans to", "forecast"; in a headline also "X to do Y"). A prediction
   cannot be checked yet, however many numbers it holds, so it outranks the kinds below.
3. "causal": a cause-and-effect cue ("because", "caused by", "due to", "led to", "as a
   result"). Checking a causal claim takes more than checking its numbers. "following"
   is no cue: in news it is nearly always temporal ("following a five-day blackout").
4. "statistic": a quantity that is not a duration. Numbers outrank attribution: "7,939
   people were detained, according to the ministry" is checked on the figure.
5. "attribution": a speaker without a quotation ("X said that ...", "according to X").
6. "event": something reported as having happened: a passive or perfect past ("were
   detained", "has been restored", "have returned"), a past-tense event verb ("broke out",
   "killed"), or, in a headline, a bare participle ("Internet services restored").
7. "statistic" again for a unit whose only quantities are durations ("30 years", "five-
   day"): a duration usually dates an event rather than being the claim, so it decides
   the kind only when nothing else does.
8. "other".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimextract.types import Quantity

KINDS = ("statistic", "quote", "attribution", "event", "causal", "prediction", "other")

_QUOTATION = re.compile(r"“([^“”]*)”|\"([^\"]*)\"|«([^«»]*)»|„([^„“]*)“|‘([^‘’]*)’")
_OPENERS = re.compile(r"[“«„]")
_CLOSERS = re.compile(r"[”»]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_MIN_QUOTE_WORDS = 3

_REPORTING = (
    r"said|says|told|added|announced|stated|promised|warned|pledged|vowed|insisted|claimed"
    r"|declared|predicted|argued|confirmed|заявил\w*|сообщил\w*|сказал\w*|добавил\w*"
)
_PREDICTION = re.compile(
    r"(?<!\w)(?:will\s+(?!of\b|to\b|and\b|the\b)[a-z]|won['’]t\b|shall\s+[a-z]|\w['’]ll\b"
    r"|would\s+(?:soon|later|eventually|then|likely)\b"
    rf"|(?:{_REPORTING})\b[^.;!?]*?\bwould\s+[a-z]"
    r"|(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:expected|set|likely|unlikely|poised|due|scheduled"
    r"|going|projected|forecast|slated|anticipated|about)\s+to\b"
    r"|plans?\s+to\b|planning\s+to\b|intends?\s+to\b|forecasts?\b|forecasted\b"
    r"|predict(?:s|ed|ion|ions)?\b|projections?\b"
    r"|будет|будут|будем|буду|станет|станут|планиру\w+|намерен\w*|ожида\w+ся|прогноз\w*"
    r"|собира\w+ся)",
    re.IGNORECASE,
)
_HEADLINE_INFINITIVE = re.compile(r"^\W*(?:[\w’'-]+\s+){1,5}?to\s+(?!the\b|a\b|an\b)[a-z]{2,}")
_CAUSAL = re.compile(
    r"(?<!\w)(?:because|caused\s+by|causes?\b|caused\b|due\s+to|owing\s+to|thanks\s+to"
    r"|(?:led|lead|leads|leading)\s+to|as\s+a\s+(?:direct\s+)?result|result(?:s|ed)?\s+in"
    r"|resulting\s+in|triggered|sparked|blamed\s+(?:on|for)|contributed\s+to|attributed\s+to"
    r"|consequently|therefore|из-за|в\s+результате|вследствие|благодаря|привел\w*\s+к"
    r"|потому\s+что|так\s+как|по\s+причине|вызван\w*)(?!\w)",
    re.IGNORECASE,
)
_IRREGULAR_PARTICIPLES = (
    r"broken|held|taken|seen|given|shot|hit|struck|found|lost|left|sent|begun|won|fought"
    r"|caught|brought|built|cut|put|set|killed|made|done|gone|kept|sought|told|said|spent"
    r"|stolen|sold|thrown|torn|withdrawn|written|beaten|bitten|hidden|ridden|shaken|slain"
)
_EVENT = re.compile(
    r"(?<!\w)(?:(?:was|were|been|has|have|had)\s+(?:(?:\w+ly|also|not|already|since|just"
    rf"|reportedly|allegedly)\s+)?(?:[a-z]+ed|{_IRREGULAR_PARTICIPLES})"
    r"|broke\s+out|took\s+place|killed|detained|arrested|died|erupted|exploded|attacked"
    r"|seized|stormed|captured|recaptured|restored|resigned|launched|signed|elected|crashed"
    r"|collapsed|occurred|happened|visited|approved|banned|imposed|lifted|declared|deployed"
    r"|withdrew|invaded|protested|fled|injured|wounded|destroyed|began|ended|returned"
    r"|был[аио]?\s+\w+|были\s+\w+|погиб\w*|задержан\w*|арестован\w*|убит\w*|ранен\w*"
    r"|восстановлен\w*|произош\w+|начал(?:ся|ась|ись|ось)|вспыхнул\w*|захвачен\w*"
    r"|подписал\w*|объявил\w*)(?!\w)",
    re.IGNORECASE,
)
_HEADLINE_PARTICIPLE = re.compile(rf"(?<!\w)(?:[a-z]{{3,}}ed|{_IRREGULAR_PARTICIPLES})(?!\w)")
_DURATION_UNITS = re.compile(
    r"^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century"
    r"|year-old|лет|год\w*|дн\w+|день|недел\w+|месяц\w*|час\w*|минут\w*)$",
    re.IGNORECASE,
)


def quoted_words(text: str) -> int:
    """The number of words in the longest direct quotation of `text`, counting the part
    of a quotation that runs past the start or the end of `text`."""
    longest = 0
    covered = []
    for match in _QUOTATION.finditer(text):
        inner = next(group for group in match.groups() if group is not None)
        longest = max(longest, len(_WORD.findall(inner)))
        covered.append(match.span())

    def outside(position: int) -> bool:
        return not any(start <= position < end for start, end in covered)

    openers = [m.start() for m in _OPENERS.finditer(text) if outside(m.start())]
    if openers:  # the quotation goes on in the next unit
        longest = max(longest, len(_WORD.findall(text[openers[-1] + 1 :])))
    closers = [m.start() for m in _CLOSERS.finditer(text) if outside(m.start())]
    if closers:  # the quotation began in the previous unit
        longest = max(longest, len(_WORD.findall(text[: closers[0]])))
    return longest


def _is_duration(quantity: Quantity) -> bool:
    return bool(quantity.unit and _DURATION_UNITS.match(quantity.unit))


def _predicts(text: str, headline: bool) -> bool:
    if _PREDICTION.search(text):
        return True
    # Headlines put the future as "Russia to withdraw troops".
    return headline and bool(_HEADLINE_INFINITIVE.search(text))


def _reports_event(text: str, headline: bool) -> bool:
    if _EVENT.search(text):
        return True
    return headline and bool(_HEADLINE_PARTICIPLE.search(text))


def classify_kind(
    text: str, *, speaker: str | None, quantities: Sequence[Quantity], headline: bool = False
) -> str:
    """The kind of the claim `text`; see the module docstring for the rules' order."""
    if speaker and quoted_words(text) >= _MIN_QUOTE_WORDS:
        return "quote"
    if _predicts(text, headline):
        return "prediction"
    if _CAUSAL.search(text):
        return "causal"
    if any(not _is_duration(quantity) for quantity in quantities):
        return "statistic"
    if speaker:
        return "attribution"
    if _reports_event(text, headline):
        return "event"
    if quantities:
        return "statistic"
    return "other"
