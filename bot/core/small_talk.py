"""Small talk: a greeting, thanks, a plea for help, an "ok" or a goodbye, met as such rather than declined as a
question the article can't answer."""

from __future__ import annotations

from enum import StrEnum

from bot.core.messages import letter_words


class SmallTalk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    OKAY = "okay"  # "ok", "got it", "cool": nothing asked, nothing to decline
    BYE = "bye"


_SMALL_TALK = {
    SmallTalk.GREETING: frozenset({"hi", "hello", "hey", "heya", "hiya", "yo", "howdy", "greetings", "sup",
                                   "good morning", "good afternoon", "good evening", "morning", "hi hi", "hey hey"}),
    SmallTalk.THANKS: frozenset({"thanks", "thank you", "thank u", "thx", "ty", "tysm", "cheers", "many thanks",
                                 "thanks a lot", "thank you so much", "thanks so much", "ok thanks", "great thanks"}),
    SmallTalk.HELP: frozenset({"help", "help me", "what can you do", "what do you do", "how does this work",
                               "how do i use you", "how do you work", "commands", "who are you", "what are you",
                               "who r u", "what r u", "what is this", "what is this bot", "what are you for"}),
    SmallTalk.OKAY: frozenset({"ok", "okay", "k", "kk", "okk", "okie", "alright", "cool", "nice", "great", "got it",
                               "i see", "ah ok", "oh ok", "ok cool", "ok great", "fair enough", "makes sense",
                               "understood", "noted", "awesome", "perfect", "good to know"}),
    SmallTalk.BYE: frozenset({"bye", "goodbye", "bye bye", "see you", "see ya", "cya", "later", "good night",
                              "gn", "ttyl", "ok bye"}),
}
MAX_ADDRESS_WORDS = 2
_LEAD_IN = frozenset({"ok", "okay", "oh", "ah", "alright", "right", "well"})
#: Words around small talk that don't change it: "hi there", "thanks bot", "help please".
_ADDRESS = frozenset({"there", "bot", "storybot", "all", "everyone", "guys", "folks", "please", "pls", "plz", "again",
                      "mate", "buddy", "friend"})


def small_talk(text: str) -> SmallTalk | None:
    """A greeting, thanks, a plea for help, an "ok" or a goodbye and nothing else ("hi there!", "thx", "help?",
    "who are you?", "got it", "bye"), which a reply should meet as such, not as a question the article can't
    answer."""
    read = letter_words(text)
    words = [w for w in read if w not in _ADDRESS]
    if len(read) - len(words) > MAX_ADDRESS_WORDS:  # "please please please ... help me" is asking something else
        return None
    said = " ".join(words)
    first, _, rest = said.partition(" ")
    if first in _LEAD_IN and rest:  # "ok thanks", "oh got it", "ok bye": what follows says which
        said = rest
    return next((kind for kind, phrases in _SMALL_TALK.items() if said in phrases), None)
