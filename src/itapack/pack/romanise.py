"""Thai names in Latin letters, for unit and district ids: "บางน้ำผึ้ง" -> "bangnamphueng".

Close to the Royal Thai General System for the place names units carry, not a full one: Thai is
written without the vowel between two consonants, and where a syllable ends is guessed from the
letters around it ("สมุทร" -> "samut", "บริหาร" -> "brihan" where RTGS says "borihan"). An id need
only be ASCII, readable and the same every time the same name is read; a person may rename it
once in units.yaml, and itapack keeps an id given in the sheet. (pythainlp romanises better, but
is a large dependency for this one use.)
"""

from __future__ import annotations

import re

from . import thai

_CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


def _by_consonant(sounds: str) -> dict[str, str]:
    """Each consonant's sound, written in _CONSONANTS' order ('_' for none)."""
    return dict(zip(_CONSONANTS, sounds.split(), strict=True))


# Each consonant as it sounds starting a syllable, and ending one.
_INITIAL = _by_consonant(
    "k kh kh kh kh kh ng ch ch ch s ch y d t th th th n d t th th th n b p ph f ph f ph m y r l w s s s h l _ h"
)
_FINAL = _by_consonant("k k k k k k ng t _ t t _ n t t t t t n t t t t t n p p _ _ p p p m i n n o t t t _ n _ _")
_LEADING = "เแโใไ"  # written before the consonant, said after it
_FOLLOWING = {"ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "ue", "ื": "ue", "ุ": "u", "ู": "u"}
_OPEN = "ะำ"  # vowels that end their syllable: the next consonant starts a new one
_LEADING_ALONE = {"เ": "e", "แ": "ae", "โ": "o", "ใ": "ai", "ไ": "ai"}
# A leading vowel with what follows the consonant: (leading, following letters) -> sound, letters taken
_PAIRS = {("เ", "าะ"): "o", ("เ", "ีย"): "ia", ("เ", "ือ"): "uea", ("เ", "า"): "ao", ("เ", "ะ"): "e", ("แ", "ะ"): "ae",
          ("โ", "ะ"): "o", ("เ", "ิ"): "oe", ("เ", "อ"): "oe", ("เ", "ื"): "uea", ("เ", "ี"): "ia"}  # fmt: skip
_CLUSTER = "รลว"  # second consonants of an initial cluster: ปร, คล, กว
_SILENT_H = "งญนมยรลว"  # ห before these only sets the tone
_SILENT = re.compile("[ก-ฮ][ิุ]?์")  # a consonant under the karan (and its vowel) is not said
_MARKS = re.compile("[่้๊๋็ๆ]")  # tone marks, maitaikhu, mai yamok: no letters of their own


def romanise(text: str) -> str:
    """Lower-case ASCII words joined by '-'; '' when nothing in the text can be written so."""
    words = re.split(r"[^\u0e01-\u0e4ea-z0-9]+", thai.to_arabic_digits(text).lower())
    return "-".join(filter(None, (_word(word) for word in words)))


def _word(word: str) -> str:
    letters = _MARKS.sub("", _SILENT.sub("", word))
    out: list[str] = []
    state = "start"  # start: a consonant starts a syllable; onset: it has one, no vowel yet; vowel: it has one
    lead = ""
    i = 0
    while i < len(letters):
        c = letters[i]
        if c in _LEADING:
            if lead:  # the last one had no consonant after it
                out.append(_LEADING_ALONE[lead])
            lead, state = c, "start"
            i += 1
        elif c in _FOLLOWING:
            taken, sound = _vowel(letters, i, lead)
            out.append(sound)
            state = "start" if c in _OPEN or (lead and c == "า") else "vowel"  # เา ends its syllable too
            lead = ""
            i += taken
        elif c in _INITIAL:
            state, step, lead = _consonant(letters, i, state, lead, out)
            i += step
        else:  # a digit or a Latin letter
            out.append(c)
            state, lead = "start", ""
            i += 1
    if lead:
        out.append(_LEADING_ALONE[lead])
    return "".join(out).replace("_", "")


def _vowel(letters: str, i: int, lead: str) -> tuple[int, str]:
    """The sound of a following vowel at i (with the leading vowel before the consonant), and the letters it takes."""
    if lead:
        for length in (2, 1):
            sound = _PAIRS.get((lead, letters[i : i + length]))
            if sound:
                return length, sound
        return 1, _LEADING_ALONE[lead] + _FOLLOWING[letters[i]]
    if letters[i] == "ั" and letters[i + 1 : i + 2] == "ว":
        return 2, "ua"
    return 1, _FOLLOWING[letters[i]]


def _sounded_vowel_at(letters: str, j: int) -> bool:
    """Is a vowel said at j: a following vowel, or อ standing for o ("คลอง")?"""
    if j >= len(letters):
        return False
    return letters[j] in _FOLLOWING or (letters[j] == "อ" and not _sounded_vowel_at(letters, j + 1))


def _consonant(letters: str, i: int, state: str, lead: str, out: list[str]) -> tuple[str, int, str]:
    """Write the consonant at i; the state after it, how many letters were read, the leading vowel still owed."""
    c = letters[i]
    vowel_next = _sounded_vowel_at(letters, i + 1)
    more = i + 1 < len(letters)
    if state == "start":
        if c == "ห" and more and letters[i + 1] in _SILENT_H:
            return "start", 1, lead
        if c == "ร" and out and not vowel_next and not lead:  # สมุทร: an unsaid ร after a final
            return "start", 1, lead
        out.append(_INITIAL[c])
        return "onset", 1, lead
    if state == "vowel":
        if vowel_next or c == "อ":
            return _consonant(letters, i, "start", lead, out)
        if not (c == "ย" and out[-1].endswith("i")):  # ไทย: the ย adds nothing after ai
            out.append(_FINAL[c])
        return "start", 1, lead
    # right after a syllable's first consonant, no vowel yet
    if lead:
        if c == "อ" and lead == "เ":
            out.append("oe")
            return "vowel", 1, ""
        if more and (c in "รล" or (c == "ว" and not vowel_next)):  # เกลือ, แพรก
            out.append(_INITIAL[c])
            return "onset", 1, lead
        out.append(_LEADING_ALONE[lead])
        if c == "ย" and lead in "ใไ" and not vowel_next:  # ไทย: the ย adds nothing after ai
            return "start", 1, ""
        if vowel_next or lead in "ใไ":  # ใน|คลอง: ใ and ไ end their syllable
            return _consonant(letters, i, "start", "", out)
        return _consonant(letters, i, "vowel", "", out)
    if c == "อ" and not vowel_next:
        out.append("o")
        return "vowel", 1, ""
    if c in _CLUSTER and vowel_next:
        out.append(_INITIAL[c])
        return "onset", 1, ""
    if c == "ว":
        out.append("ua")
        return "vowel", 1, ""
    if vowel_next:
        out.append("a")
        return _consonant(letters, i, "start", "", out)
    out.append("o" + _FINAL[c])
    return "start", 1, ""
