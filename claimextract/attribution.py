"""Speaker attribution: who asserts each unit of a text.

`find_speakers(text, units)` returns, per unit, the name of the speaker as written in the
text ("Kassym-Jomart Tokayev", "National Security Committee") or None when the unit carries
no attribution of its own and is not part of a quotation attributed elsewhere.

How it works, in one pass over the units:

1. Quotations are paired once over the whole text; their contents are masked, so names and
   speech verbs inside a quotation never count as the unit's attribution.
2. Every unit is searched for attribution patterns: "X said", "said X" after a quotation,
   "according to X", the "headline: Name" convention of news headlines, and in Russian
   "X заявил", "заявил X", "по словам X", "по данным X". The first pattern of a unit decides.
3. The subject is resolved against a running memory of the entities named so far: surnames
   to full names (or to a full name given later, for headlines), "the committee" to the last
   committee, "the Russian leader" to the last person introduced with a matching title and
   nationality, "he" to the last person speaker. A description qualified by a place that
   matches nothing ("China's foreign ministry") is kept as written; a bare one is not.
4. All units of a quotation that spans several units share the speaker attributed at its end
   or at its start (or in the previous unit, when it ends with a colon).

Narrative sentences that merely describe a speaker's actions ("Putin made the comments at a
meeting of CSTO") are the reporter's statements, not the speaker's, and stay None.
The memory is bounded, so the work is linear in the length of the text.
Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .types import Unit

# --- Word lists --------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_MASK = "\x1a"  # replaces quoted text: neither a word character nor a space

_TITLES = _words(
    """
    president vice prime minister premier chancellor secretary state foreign defence defense
    interior finance deputy acting former general chief head leader spokesman spokeswoman
    spokesperson ambassador envoy governor mayor senator representative congressman
    congresswoman judge justice king queen prince princess sheikh emir sultan pope cardinal
    bishop sir dame lord lady colonel major captain lieutenant commander admiral sergeant
    chairman chairwoman chair director ceo attorney prosecutor lawmaker mp president-elect
    speaker commissioner ombudsman adviser advisor national security health economy trade
    supervisor vice-president vice-chair detective inspector officer superintendent
    energy home first senior mr mrs ms dr prof gen sen rep gov lt col capt maj sgt
    президент премьер-министр министр глава председатель пресс-секретарь представитель
    госсекретарь государственный секретарь спикер мэр губернатор депутат лидер генеральный
    директор заместитель замминистра посол аким
    """
)
_HEAD_OF_STATE_ROLES = _words(
    "president premier prime chancellor leader king queen head chairman emir sultan"
)
_PERSON_NOUNS = _words(
    """
    leader president minister premier chancellor secretary spokesman spokeswoman spokesperson
    official ambassador envoy governor mayor senator general commander chief head king queen
    prince chairman chairwoman director prosecutor diplomat adviser advisor lawmaker monarch
    ruler emir sultan pope dispatcher reporter witness resident engineer consultant analyst
    economist expert historian professor researcher scientist doctor lawyer attorney
    coordinator manager executive founder officer detective investigator source person
    supervisor commissioner judge nominee candidate spokesperson activist
    """
)
_ORG_HEADS = _words(
    """
    committee ministry ministries organization organisation agency office department
    commission council service bureau court parliament party company government bank union
    alliance federation institute university embassy administration authority fund forum
    senate congress assembly corporation corp inc ltd group association network centre center
    command headquarters cabinet secretariat directorate inspectorate kremlin pentagon house
    nations army navy guard board bloc
    министерство министерства комитет комитета служба службы агентство агентства правительство
    правительства управление управления департамент департамента совет совета прокуратура
    прокуратуры генпрокуратура генпрокуратуры администрация администрации пресс-служба
    пресс-службы штаб штаба кремль кремля мвд кнб мид одкб
    """
)
# Groups that speak as one: a speaker as described ("health officials") when unnamed.
_GROUP_SUBJECTS = _words(
    """
    officials experts analysts sources witnesses residents observers critics authorities
    police protesters activists diplomats scientists researchers investigators detectives
    prosecutors lawmakers feds organizers organisers economists doctors spokespeople
    """
)
# Documents cited as the source of a statement: "the affidavit said".
_DOCUMENT_NOUNS = _words(
    "affidavit statement release report complaint filing indictment lawsuit letter memo ruling"
)
# Subjects of speech verbs that are no speaker the review page could show.
_GENERIC_SUBJECTS = _words(
    """
    people reports media others some many studies data figures statistics troops forces
    numbers results polls
    """
)
# Capitalised only because they open a sentence; never part of a name.
_SENTENCE_WORDS = _words(
    """
    the a an but and or so then however meanwhile also later earlier in on at as when while
    after before since if though although yet still now today yesterday this that these
    those there here it he she they we i you his her their our its my some many most all both
    each every no not speaking according last next first finally separately instead indeed
    thus moreover furthermore additionally once during with by from for to of eventually
    ultimately nevertheless nonetheless besides otherwise likewise similarly consequently
    therefore hence accordingly perhaps maybe clearly obviously surely certainly apparently
    presumably frankly honestly sadly unfortunately fortunately importantly notably
    specifically crucially interestingly ironically initially originally recently lately
    previously subsequently afterwards overall altogether regardless despite because unless
    until whereas whether what which who why how where never always often sometimes usually
    even only just again back there's it's
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    в во на по как однако также это при с и но а он она они кроме после до за из для так уже
    сегодня вчера
    """
)
_DESCRIPTION_WORDS = (
    _PERSON_NOUNS
    | _GROUP_SUBJECTS
    | _DOCUMENT_NOUNS
    | _ORG_HEADS
    | _words(
        "health county city state federal local police security energy government company school"
    )
)
_LEADING_WORDS = _SENTENCE_WORDS - {"the", "a", "an"}
_PRONOUNS = {
    "he": "person", "she": "person", "it": "org", "он": "person", "она": "person"
}  # fmt: skip

_EN_VERBS = _words("""
    said says say told tells added adds clarified clarifies stated warned warns announced
    announces noted explained explains claimed claims insisted insists argued argues wrote
    writes tweeted tweets declared declares confirmed confirms reported reports stressed
    stresses emphasised emphasized emphasises emphasizes asserted asserts replied replies
    responded responds acknowledged acknowledges admitted admits alleged alleges predicted
    predicts suggested suggests denied denies urged urges maintained maintains remarked
    observed revealed reveals disclosed commented promised promises vowed vows pledged pledges
    affirmed affirms mentioned recalled concluded indicated indicates continued underlined
    underscored pointed\\s+out points\\s+out remembers recalls estimated estimates cited
    cites states notes replied asked tweeted posted countered reiterated testified
    contended conceded complained explained
""")
_RU_VERB_STEMS = _words("""
    заявил сообщил сказал отметил добавил подчеркнул пояснил уточнил рассказал заверил
    напомнил признал предупредил объявил констатировал написал ответил объяснил
    раскритиковал призвал посетовал
""")
_RU_PRESENT = _words(
    "считает заявляет сообщает говорит отмечает подчеркивает подчёркивает утверждает пишет"
)

# --- Patterns ----------------------------------------------------------------------------

_TOKEN = (
    rf"(?:[{_UPPER}]\.){{1,3}}(?!\w)"  # initials, U.S.
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Prof|Lt|Col|Capt|Maj|Sgt|St|Jr|Sr)\."
    rf"|(?>[{_UPPER}][\w’'\-]*)"
)
_CONNECTOR = r"(?:of|for|de|du|da|del|van|von|der|den|al|bin|ibn)(?:[ \t]+the)?"
_NAME = rf"(?:{_TOKEN})(?:[ \t]+(?:{_CONNECTOR}[ \t]+)?(?:{_TOKEN}))*"
_NOUNS = "|".join(
    sorted(
        _PERSON_NOUNS | _GROUP_SUBJECTS | _DOCUMENT_NOUNS | {w for w in _ORG_HEADS if w.isascii()},
        key=len,
        reverse=True,
    )
)
_ROLE_NOUNS = "|".join(sorted(_PERSON_NOUNS, key=len, reverse=True))
# "Department of Correction spokesman Jason Kersten": the name after a lower-case role.
_ROLE_THEN_NAME = re.compile(rf"(?:^|[ \t])(?:{_ROLE_NOUNS})[ \t]+(?P<name>{_NAME})$")
_GROUPS = "|".join(sorted(_GROUP_SUBJECTS, key=len, reverse=True))
_MODIFIER = (
    rf"(?:[{_UPPER}][\w\-]*|[a-z]+(?:al|ic|ian|ese|ish|ary)|health|county|city|state|local"
    r"|police|energy|government|company|school|hospital|military|court|security|election)"
)
_DESC = rf"(?:[\w’'\-]+[ \t]+){{0,3}}?(?i:{_NOUNS})\b"
# A name directly followed by a common noun is a modifier of a description: "Russian leader".
_NAME_ALONE = rf"{_NAME}(?![ \t]+(?:{_NOUNS})\b)"
_ADVERB = (
    r"(?:has|had|have|also|later|further|then|previously|again|earlier|repeatedly|publicly"
    r"|reportedly|separately|once|would|will|could|did|yesterday|today|recently|himself"
    r"|herself|itself|on[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|last[ \t]+(?:week|month|year|night)|(?:earlier[ \t]+)?this[ \t]+(?:week|month|year))"
)
_APPOSITIVE = rf"(?:,[ \t]+(?:who|the|a|an|which)\b[^,“”\"«»{_MASK}\n]{{1,80}},)"

_PREPOSITION_TAIL = rf"(?:[ \t]+(?:in|of|at|for)[ \t]+{_NAME})?"  # "the ministry in Taipei"
_NOT_AFTER_PREPOSITION = "".join(
    rf"(?<!\b{p} )" for p in ("in", "at", "of", "from", "with", "for", "to", "by", "near", "on")
)
_SUBJECT_BEFORE = re.compile(
    rf"(?:(?P<pron>\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b)"
    rf"|(?P<desc>(?:\b[Tt]he[ \t]+|\b[Aa]n?[ \t]+|(?<![\w’'\-])[{_UPPER}][\w\-]*[’']s[ \t]+)"
    rf"{_DESC}{_PREPOSITION_TAIL})"
    rf"|(?P<group>(?<![\w’'\-])(?:[Tt]he[ \t]+)?(?:[\w\-]+[’']s[ \t]+)?"
    rf"(?:{_MODIFIER}[ \t]+){{0,2}}(?i:{_GROUPS})\b)"
    rf"|(?P<some>\b[Ss]ome(?:one|body)\b)"
    rf"|{_NOT_AFTER_PREPOSITION}(?P<name>{_NAME}))"
    rf"{_APPOSITIVE}?(?:[ \t]+{_ADVERB})*[ \t]+$"
)
_SUBJECT_AFTER = re.compile(
    rf"[ \t]+(?P<subj>some(?:one|body)\b"
    rf"|(?:{_NAME}[ \t]+)?(?:[a-z\-]+[ \t]+)?(?:{_ROLE_NOUNS})[ \t]+{_NAME}"
    rf"|(?:(?:the|a|an|one|another)[ \t]+)?(?:[\w\-]+[’']s[ \t]+)?(?:{_NAME_ALONE}|{_DESC}))"
)
# The lookaheads on first letters let the regex engine skip most positions quickly.
_EN_VERB = re.compile(
    rf"\b(?=[{''.join({v[0] for v in _EN_VERBS})}])(?:" + "|".join(_EN_VERBS) + r")\b"
)
_ACCORDING = re.compile(
    r"\b(?=[Aa])[Aa]ccording[ \t]+to(?:[ \t]+(?:a|an|the)[ \t]+"
    r"(?:statement|report|data|figures|estimates|information)"
    r"[ \t]+(?:from|by|of|released[ \t]+by|issued[ \t]+by))?(?P<after>)"
)
_VERBS_NEEDING_COMPLEMENT = frozenset({"claimed", "claims", "alleged", "alleges"})
_COMPLEMENT = re.compile(r"[ \t]*(?:$|[,:.;”\"»]|that\b|in[ \t]+a[ \t]+statement)")
_AFTER_QUOTE_PUNCTUATION = (",", "”", '"', "»", "—", "–", ":", "’")
_HEADLINE_TAIL = re.compile(rf":[ \t]+(?P<name>{_NAME})[ \t]*$")
_HEADLINE_HEAD = re.compile(rf"^(?P<name>{_NAME}):[ \t]")
_PHRASE = re.compile(rf"(?<![\w’'\-])(?=[{_UPPER}]){_NAME}")
_POSSESSIVE = re.compile(r"[’']s$")

_RU_ROLES = _words(
    """
    министр тренер футболист нападающий защитник вратарь игрок эксперт аналитик депутат мэр
    губернатор президент премьер глава председатель директор представитель пресс-секретарь
    спикер посол политик чиновник врач экономист юрист адвокат прокурор судья
    """
)
_RU_ROLE_WORDS = "|".join(sorted(_RU_ROLES, key=len, reverse=True))
_RU_PREPOSITIONS = r"(?:в|во|на|о|об|с|со|к|по|из|у|за|для|от|до|при|про|через|после|перед|что)"
_RU_ORG = (
    r"(?:Министерств[оаеу]|Комитет[аеу]?|Служб[аыеу]|Агентств[оаеу]|Правительств[оаеу]"
    r"|Управлени[еяю]|Департамент[аеу]?|Совет[аеу]?|Прокуратур[аыеу]|Генпрокуратур[аыеу]"
    r"|Администраци[яиею]|Пресс-служб[аыеу]|Штаб[аеу]?)"
    rf"(?:[ \t]+(?!{_RU_PREPOSITIONS}\b)[а-яё\-]+){{0,4}}(?:[ \t]+[{_UPPER}][\w\-]*)?"
)
_RU_GAP = (
    rf"(?:[ \t]+(?:во?[ \t]+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
    rf"|(?!{_RU_PREPOSITIONS}\b)[а-яё\-]+)){{0,3}}?"
)
_RU_ORG_NAME = re.compile(_RU_ORG)
_RU_SUBJECT_AFTER = re.compile(
    rf"{_RU_GAP}[ \t]+(?P<subj>(?:он|она)\b|{_RU_ORG}|(?:пресс-служб[аыеу]|{_RU_ROLE_WORDS})\b"
    rf"(?:[ \t]+(?!{_RU_PREPOSITIONS}\b)[а-яё\-]+){{0,2}}|{_NAME})"
)
_RU_VERB = re.compile(
    rf"\b(?=[{''.join({v[0] for v in _RU_VERB_STEMS | _RU_PRESENT})}])(?:(?:"
    + "|".join(_RU_VERB_STEMS)
    + r")(?:а|о|и)?|"
    + "|".join(_RU_PRESENT)
    + r")\b"
)
_RU_ACCORDING = re.compile(
    r"\b(?:[Пп]о[ \t]+(?:словам|данным|информации|мнению|сведениям|оценкам?)"
    r"|следует[ \t]+из[ \t]+(?:данных|сообщения|доклада|отчёта|отчета))(?P<after>)"
    r"|\b[Пп]о[ \t]+(?P<after_pronoun>его|её|ее)[ \t]+(?:словам|мнению|данным)"
)
_RU_SUBJECT_BEFORE = re.compile(
    rf"(?:(?P<pron>\b(?:[Оо]н|[Оо]на|[Оо]ни)\b)|(?P<name>{_RU_ORG}|{_NAME}))"
    rf"(?:[ \t]+(?:также|уже|ранее|позднее|вновь|в[ \t]+понедельник))*[ \t]+$"
)

_QUOTE_EVENTS = re.compile(r"[“”\"«»„\n]")
_QUOTE_PAIRS = {
    "en": {"“": "”", "«": "»", '"': '"'},
    "ru": {"«": "»", "„": "“", "“": "”", '"': '"'},
}

_RUN_ON = 6  # paragraphs a quotation may run on without marks before its closing mark
_WINDOW = 160  # how far back from a speech verb its subject may start


# --- Entities ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Entity:
    name: str
    kind: str  # "person" or "org"
    roles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: str
    kind: str
    pos: int  # absolute offset of the attribution in the text


def _clean_token(token: str) -> str:
    return token.rstrip("’'")


def _is_title(token: str) -> bool:
    return token.lower().rstrip(".") in _TITLES


def _same_stem(a: str, b: str) -> bool:
    """'Russian' ~ 'Russia', 'Kazakh' ~ 'Kazakhstan', 'presidential' ~ 'president'."""
    a, b = a.lower(), b.lower()
    if len(a) >= 5 and len(b) >= 5:
        return a[:5] == b[:5]
    return a == b


def _parse_name(phrase: str, lang: str) -> _Entity | None:
    """A capitalised phrase to a person (titles stripped into cues) or an organisation."""
    tokens = [_clean_token(t) for t in phrase.split()]
    while tokens and tokens[0].lower() in _SENTENCE_WORDS:
        tokens = tokens[1:]
    if tokens and tokens[-1].lower() in _ORG_HEADS:
        return _Entity(" ".join(tokens), "org")  # keeps its possessor: "China’s Foreign Ministry"
    for index in range(len(tokens) - 1, -1, -1):
        if _POSSESSIVE.search(tokens[index]):
            tokens = tokens[index + 1 :]
            break
    if not tokens:
        return None
    roles, places, name_tokens = _split_titles(tokens)
    if not name_tokens and any(t.lower() in _ORG_HEADS for t in tokens):
        return _Entity(" ".join(tokens), "org")  # "Ministry of Defence"
    if any(t.lower() in _ORG_HEADS for t in name_tokens) or (
        len(tokens) == 1 and len(tokens[0]) > 1 and tokens[0].isupper()
    ):
        return _Entity(" ".join(tokens), "org")
    if lang == "ru" and len(name_tokens) > 2 and not _is_patronymic(name_tokens[1]):
        places.update(t.lower() for t in name_tokens[:-2])  # "президент России Владимир Путин"
        name_tokens = name_tokens[-2:]
    if not name_tokens:
        return _Entity("", "person", roles, places)  # a title alone: a description
    if len(name_tokens) == 1 and name_tokens[0].lower() in _GENERIC_SUBJECTS | _GROUP_SUBJECTS:
        return None
    return _Entity(" ".join(name_tokens), "person", roles, places)


_PLACE_CONNECTORS = frozenset({"of", "for", "in", "at", "the"})


def _split_titles(tokens: list[str]) -> tuple[set[str], set[str], list[str]]:
    """Titles and the places qualifying them, then the name: 'New York City Mayor Bill de
    Blasio', 'Acting U.S. Attorney for the District of Massachusetts Joshua Levy',
    'Supervisor Alfredo Pedroza of Napa County'."""
    last_title = -1
    for index, word in enumerate(tokens):
        if (
            _is_title(word)
            or word.lower() in _PERSON_NOUNS
            or all(_is_title(part) for part in word.split("-") if part)
        ):
            last_title = index
    roles = {t.lower().rstrip(".") for t in tokens[: last_title + 1] if _is_title(t)}
    places = {
        t.lower()
        for t in tokens[: last_title + 1]
        if not _is_title(t) and t.lower() not in _PLACE_CONNECTORS
    }
    rest = tokens[last_title + 1 :]
    if last_title >= 0 and rest and rest[0].lower() in _PLACE_CONNECTORS:
        # the title's place comes first; the name is the last two words (three with an initial)
        keep = 3 if len(rest) >= 4 and re.fullmatch(r"[A-ZА-Я]\.", rest[-2]) else 2
        places.update(t.lower() for t in rest[:-keep] if t.lower() not in _PLACE_CONNECTORS)
        rest = rest[-keep:]
    elif last_title >= 0:
        for index, word in enumerate(rest):
            if index and word in ("of", "for", "in", "at"):
                places.update(t.lower() for t in rest[index + 1 :])
                rest = rest[:index]  # 'Alfredo Pedroza of Napa County'
                break
    return roles, places, rest


_CLAUSE_END = re.compile(rf"[.,;:!?()“”\"«»—{_MASK}]")


def _roles_before(text: str, at: int) -> set[str]:
    """Lower-case titles just before a name: 'главный тренер сборной Сергей Ветров'."""
    roles = set()
    before = _CLAUSE_END.split(text[max(0, at - 40) : at])[-1]
    for word in before.split()[-3:]:
        if word.islower() and (word in _RU_ROLES or word in _PERSON_NOUNS):
            roles.add(word)
    return roles


def _is_patronymic(token: str) -> bool:
    return token.endswith(("вич", "вна", "чна", "ична"))


def _surname_keys(token: str, lang: str) -> list[str]:
    keys = [token]
    if lang == "ru":  # "Токаева", "Токаеву", "Токаевым" -> "Токаев"
        if token.endswith(("ым", "ом", "ой", "ем", "им")):
            keys.append(token[:-2])
        if token[-1:] in "аяуюеы":
            keys.append(token[:-1])
    return keys


class _Memory:
    """The entities named so far. Bounded, so each lookup costs constant time."""

    LIMIT = 32

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.known: dict[str, str] = {}  # surname -> first full name anywhere in the text
        self.by_surname: dict[str, str] = {}  # surname -> most recent full name
        self.persons: list[_Entity] = []
        self.orgs: list[_Entity] = []
        self.last_speaker: dict[str, str] = {}

    def learn_full_name(self, entity: _Entity) -> None:
        tokens = entity.name.split()
        if entity.kind == "person" and len(tokens) >= 2:
            self.known.setdefault(tokens[-1], entity.name)

    def full_name(self, name: str) -> str:
        tokens = name.split()
        if not tokens:
            return name
        keys = _surname_keys(tokens[-1], self.lang)
        for table in (self.by_surname, self.known):  # the most recent bearer first
            for key in keys:
                full = table.get(key)
                if not full or full == name:
                    continue
                if len(tokens) == 1:
                    return full
                # A full name in another case ("Владимира Путина") -> the form introduced.
                if full.split()[0][:4].lower() == tokens[0][:4].lower():
                    return full
        return name

    def remember(self, entity: _Entity) -> None:
        if entity.kind not in ("person", "org"):
            return
        bucket = self.persons if entity.kind == "person" else self.orgs
        for index, known in enumerate(bucket):
            if known.name == entity.name:
                entity.roles |= known.roles
                entity.places |= known.places
                del bucket[index]
                break
        bucket.append(entity)
        if len(bucket) > self.LIMIT:
            del bucket[0]
        tokens = entity.name.split()
        if entity.kind == "person" and len(tokens) >= 2:
            self.by_surname[tokens[-1]] = entity.name

    def find_person(self, role: str, modifiers: list[str], places: list[str]) -> str | None:
        """The most recent person whose title fits `role` and whose places do not clash."""
        wanted = {m.lower() for m in modifiers}
        best, best_score = None, -1
        fallback = None
        for person in reversed(self.persons):
            if places and person.places:
                if not any(_same_stem(p, q) for p in places for q in person.places):
                    continue
                if fallback is None:
                    fallback = person.name
            role_ok = role in person.roles or (
                role == "leader" and bool(person.roles & _HEAD_OF_STATE_ROLES)
            )
            if not role_ok:
                continue
            score = sum(
                1 for w in wanted if any(_same_stem(w, c) for c in person.roles | person.places)
            )
            if score > best_score:
                best, best_score = person.name, score
        return best or fallback

    def find_org(self, noun: str, places: list[str]) -> str | None:
        noun = noun.lower().replace("isation", "ization")
        for org in reversed(self.orgs):
            words = {w.replace("isation", "ization") for w in org.name.lower().split()}
            if noun not in words and not (noun == "ministry" and "ministries" in words):
                continue
            if places and not any(_same_stem(p, w) for p in places for w in words):
                continue
            return org.name
        return None


# --- Resolution --------------------------------------------------------------------------


def _resolve(subject: str, memory: _Memory) -> _Entity | None:
    """The entity a matched subject ("he", "the committee", "Tokayev") refers to."""
    subject = subject.strip()
    lowered = subject.lower()
    if lowered in _PRONOUNS:
        kind = _PRONOUNS[lowered]
        name = memory.last_speaker.get(kind)
        if name is None and kind == "org" and memory.orgs:
            name = memory.orgs[-1].name
        return _Entity(name, kind) if name else None
    words = subject.split()
    while len(words) > 1 and words[0].lower() in _LEADING_WORDS:
        words = words[1:]  # "But health officials"
    article = ""
    if words and words[0].lower() in ("a", "an", "the", "one", "another"):
        article, words = words[0].lower(), words[1:]
    if not words and article in ("one", "another"):
        return None
    if lowered in ("someone", "somebody"):
        return _Entity(lowered, "description")
    if words and words[0].islower() and _POSSESSIVE.search(words[0]):
        words = words[1:]  # "the country’s National Security Committee"
    if not words:
        return None
    text = " ".join(words)
    role_then_name = _ROLE_THEN_NAME.search(text)
    if role_then_name:
        text = role_then_name.group("name")
        words = text.split()
    if memory.lang == "ru" and (
        _RU_ORG_NAME.fullmatch(text) or words[0].lower().startswith("пресс-служб")
    ):
        return _Entity(text, "org")
    if words[-1].lower() in _GROUP_SUBJECTS | _DOCUMENT_NOUNS:
        return _resolve_description(words, memory, article)  # "Officials", "Chicago police"
    if memory.lang == "ru" and len(words) <= 2 and words[-1].lower() in _RU_ROLES:
        role = words[-1].lower()  # "тренер добавил": the last person introduced so
        name = memory.find_person(role, [], []) or memory.last_speaker.get("person")
        return _Entity(name, "person") if name else None
    if text[:1].isupper():
        match = _PHRASE.match(text)
        rest = text[match.end() :].split() if match else []
        if match and not (rest and _describes(rest)):
            entity = _parse_name(match.group(), memory.lang)
            if entity is None:
                return None
            if entity.name:
                if entity.kind == "person":
                    entity.name = memory.full_name(entity.name)
                return entity
            # A title alone ("the Russian President"): resolve it as a description.
            words = [w for w in words if not _is_title(w)] + [words[-1].lower()]
    return _resolve_description(words, memory, article)


def _describes(rest: list[str]) -> bool:
    """'Russian leader' is a description; 'Tokayev to the committee' is a name and more."""
    head = rest
    for index, word in enumerate(rest):
        if word in ("in", "of", "at", "for") and index:
            head = rest[:index]  # "foreign ministry in Taipei"
            break
    return all(w.islower() and w not in _SENTENCE_WORDS for w in head) and (
        head[-1] in _PERSON_NOUNS or head[-1] in _ORG_HEADS
    )


def _resolve_description(words: list[str], memory: _Memory, article: str = "") -> _Entity | None:
    """'the committee', 'the Russian leader', 'China’s foreign ministry in Beijing'.

    A description qualified by a place or possessor that matches no entity named earlier is
    still a speaker, as written; a bare one ("the minister") that matches none is not.
    """
    places: list[str] = []
    for index, word in enumerate(words):
        if word in ("in", "of", "at", "for") and index:
            places = [w for w in words[index + 1 :] if w[:1].isupper()]
            words_head = words[:index]
            break
    else:
        words_head = words
    noun = words_head[-1].lower()
    modifiers = [_POSSESSIVE.sub("", w) for w in words_head[:-1]]
    places += [m for m in modifiers if m[:1].isupper()]
    if noun in _GENERIC_SUBJECTS:
        return None
    if noun in _PERSON_NOUNS:
        kind, name = "person", memory.find_person(noun, modifiers, places)
    elif noun in _ORG_HEADS:
        kind, name = "org", memory.find_org(noun, places)
    elif noun in _GROUP_SUBJECTS or noun in _DOCUMENT_NOUNS:
        kind, name = "group", None
    else:
        return None
    if name is None:
        # Unnamed, or naming no one the text introduced: the description is the speaker.
        return _Entity(_description(article, words), "group" if kind == "group" else "description")
    return _Entity(name, kind)


def _description(article: str, words: list[str]) -> str:
    """'The ministry' -> 'the ministry', 'Officials' -> 'officials', 'Chicago health officials'."""
    first = words[0]
    if first.lower() in _DESCRIPTION_WORDS:
        first = first.lower()
    return " ".join(([article] if article else []) + [first, *words[1:]])


# --- Quotations --------------------------------------------------------------------------


def _quote_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) offsets of the top-level quotations.

    A quotation left open at the end of a paragraph ends there, unless the next paragraph
    opens with a quotation mark: the newspaper convention for a quote running on.
    """
    pairs = _QUOTE_PAIRS.get(lang, _QUOTE_PAIRS["en"])
    spans: list[tuple[int, int]] = []
    opener = closer = ""
    start = depth = 0
    open_at_paragraph_end = False
    paragraph_start = 0
    cut, cut_closer, paragraphs_since_cut = -1, "", 0
    for event in _QUOTE_EVENTS.finditer(text):
        char, at = event.group(), event.start()
        if char == "\n":
            if opener:
                spans.append((start, at))
                cut, cut_closer, paragraphs_since_cut = len(spans) - 1, closer, 0
                opener = ""
                open_at_paragraph_end = True
            elif at > paragraph_start:
                open_at_paragraph_end = False
                paragraphs_since_cut += 1
            paragraph_start = at + 1
            continue
        if not opener:
            if char == cut_closer and char not in pairs and paragraphs_since_cut <= _RUN_ON:
                # A closing mark with no opening one: the quotation left open some paragraphs
                # earlier runs on to here.
                spans[cut] = (spans[cut][0], at)
                cut_closer = ""
                continue
            if char in pairs:
                cut_closer = ""
                runs_on = open_at_paragraph_end and (
                    at == paragraph_start or text[paragraph_start:at].isspace()
                )
                start = spans.pop()[0] if runs_on and spans else at
                opener, closer, depth = char, pairs[char], 0
            open_at_paragraph_end = False
        elif char == closer:
            if depth:
                depth -= 1
            else:
                spans.append((start, at))
                opener = ""
        elif char == opener:
            depth += 1
    if opener:
        spans.append((start, len(text)))
    return spans


def _mask_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, previous = [], 0
    for start, end in spans:
        pieces.append(text[previous : start + 1])
        pieces.append(_MASK * max(0, end - start - 1))
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


# --- Attribution patterns ----------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    """One attribution pattern matched in a unit: the ways of reading its subject."""

    position: int  # offset in the unit
    subjects: list[str]
    pattern: str = "subject"  # or "headline", "headline-head"


def _candidates(segment: str, headline: bool, lang: str) -> list[_Candidate]:
    """Every attribution pattern in the unit, in text order."""
    found: list[_Candidate] = []
    if headline:
        match = _HEADLINE_TAIL.search(segment)
        if match:
            found.append(_Candidate(match.start("name"), [match.group("name")], "headline"))
        match = _HEADLINE_HEAD.search(segment)
        if match:
            found.append(_Candidate(0, [match.group("name")], "headline-head"))
    if lang == "ru":
        verbs, before, after, according = (
            _RU_VERB, _RU_SUBJECT_BEFORE, _RU_SUBJECT_AFTER, _RU_ACCORDING
        )  # fmt: skip
    else:
        verbs, before, after, according = _EN_VERB, _SUBJECT_BEFORE, _SUBJECT_AFTER, _ACCORDING
    for verb in verbs.finditer(segment):
        if verb.group() in _VERBS_NEEDING_COMPLEMENT and not _COMPLEMENT.match(segment, verb.end()):
            continue  # "the violence claimed 200 lives" reports no speech
        window_start = max(0, verb.start() - _WINDOW)
        candidate = _Candidate(verb.start(), [])
        match = before.search(segment, window_start, verb.start())
        if match:
            candidate.position = match.start()
            candidate.subjects.append(match.group(match.lastgroup or 0))  # one group always matches
        preceding = segment[window_start : verb.start()].rstrip()
        if lang == "ru" or preceding.endswith(_AFTER_QUOTE_PUNCTUATION):
            match = after.match(segment, verb.end())
            if match:
                candidate.subjects.append(match.group("subj"))
        if candidate.subjects:
            found.append(candidate)
    for match in according.finditer(segment):
        if match.groupdict().get("after_pronoun"):
            found.append(_Candidate(match.start(), ["он"]))  # "по его словам"
            continue
        subject = after.match(segment, match.end("after"))
        if subject:
            found.append(_Candidate(match.start(), [subject.group("subj")]))
    found.sort(key=lambda candidate: candidate.position)
    return found


def _attribute(segment: str, offset: int, headline: bool, memory: _Memory) -> _Attribution | None:
    """The unit's own attribution: its first attribution pattern decides.

    Later speech verbs usually belong to reported speech ("A spokesperson said the president
    had said so"), so an unresolvable first subject means no speaker rather than the next one.
    A headline's "Name:" convention is only a hint and never blocks.
    """
    for candidate in _candidates(segment, headline, memory.lang):
        for subject in candidate.subjects:
            if candidate.pattern == "subject":
                entity = _resolve(subject, memory)
            else:
                entity = _headline_speaker(subject, candidate.pattern, memory)
            if entity is not None and entity.name:
                return _Attribution(entity.name, entity.kind, offset + candidate.position)
        if candidate.pattern == "subject":
            return None
    return None


def _headline_speaker(subject: str, pattern: str, memory: _Memory) -> _Entity | None:
    """'Troops will stay: Putin' names a speaker; 'Kazakhstan: ...' is a place, not one.

    A leading name counts only when it is known as a person's surname from the text.
    """
    entity = _parse_name(subject, memory.lang)
    if entity is None or not entity.name:
        return None
    if entity.kind == "person":
        full = memory.full_name(entity.name)
        if pattern == "headline-head" and full == entity.name and " " not in full:
            return None
        entity.name = full
    elif pattern == "headline-head":
        return None
    return entity


# --- Public API --------------------------------------------------------------------------


def find_speakers(text: str, units: Sequence[Unit], *, lang: str = "en") -> list[str | None]:
    """Who asserts each unit: a name as written in the text (full form preferred), or None.

    `units` must be in text order, as `split_units` returns them.
    """
    lang = "ru" if lang.lower().startswith("ru") else "en"
    spans = _quote_spans(text, lang)
    masked = _mask_quotes(text, spans)
    memory = _Memory(lang)

    mentions: list[tuple[int, _Entity]] = []
    for match in _PHRASE.finditer(masked):
        phrase = match.group()
        if " " not in phrase and not phrase.isupper():
            continue
        entity = _parse_name(phrase, lang)
        if entity is not None and entity.name:
            if entity.kind == "person":
                entity.roles |= _roles_before(masked, match.start())
            memory.learn_full_name(entity)
            mentions.append((match.end(), entity))

    attributions: list[_Attribution | None] = []
    next_mention = 0
    for unit in units:
        while next_mention < len(mentions) and mentions[next_mention][0] <= unit.end:
            entity = mentions[next_mention][1]
            if entity.kind == "person":
                entity.name = memory.full_name(entity.name)
            memory.remember(entity)
            next_mention += 1
        segment = masked[unit.start : unit.end]
        attribution = _attribute(segment, unit.start, unit.headline, memory)
        if attribution is not None:
            memory.last_speaker[attribution.kind] = attribution.speaker
            memory.remember(_Entity(attribution.speaker, attribution.kind))
        attributions.append(attribution)

    speakers = [a.speaker if a else None for a in attributions]
    _share_speaker_within_quotes(text, units, spans, attributions, speakers)
    return speakers


def _share_speaker_within_quotes(
    text: str,
    units: Sequence[Unit],
    spans: list[tuple[int, int]],
    attributions: list[_Attribution | None],
    speakers: list[str | None],
) -> None:
    """Every unit of a quotation gets the speaker attributed at its end or its start."""
    starts = [unit.start for unit in units]
    previous_last = -1  # the last unit of the previous quotation
    for opening, closing in spans:
        first = bisect.bisect_right(starts, opening) - 1
        if first < 0 or units[first].end <= opening:
            first += 1
        last = bisect.bisect_right(starts, closing) - 1
        if first >= len(units) or last < first:
            continue
        follows_quote = previous_last == first - 1
        previous_last = last
        at_end, at_start = attributions[last], attributions[first]
        chosen = None
        if at_end is not None and at_end.pos >= closing:
            chosen = at_end
        elif at_start is not None and at_start.pos <= opening:
            chosen = at_start
        elif first > 0 and at_start is None and _introduced_by_colon(text, units, first, opening):
            chosen = attributions[first - 1]  # 'Tokayev said:' then the quotation
        name = chosen.speaker if chosen is not None else None
        if (
            name is None
            and follows_quote
            and at_start is None
            and not text[units[first].start : opening].strip()
        ):
            # A quotation opening the unit right after the unit where a quotation ended,
            # with no attribution of its own: the same speaker goes on.
            name = speakers[first - 1]
        if name is None:
            continue
        for index in range(first, last + 1):
            if speakers[index] is None:
                speakers[index] = name


def _introduced_by_colon(text: str, units: Sequence[Unit], index: int, opening: int) -> bool:
    previous = units[index - 1]
    return not text[units[index].start : opening].strip() and text[
        previous.start : previous.end
    ].rstrip().endswith(":")
