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
                                   "good morning", "good afternoon", "good evening", "morning", "hi hi", "hey hey",
                                   # pleasantries that go with a greeting and ask nothing of the story
                                   "good day", "lovely day", "nice day", "beautiful day", "how are you",
                                   "how are you doing", "how is it going", "how's it going", "hows it going",
                                   "what's up", "whats up", "wassup"}),
    SmallTalk.THANKS: frozenset({"thanks", "thank you", "thank u", "thx", "ty", "tysm", "cheers", "many thanks",
                                 "thanks a lot", "thank you so much", "thanks so much", "ok thanks", "great thanks",
                                 "appreciate it", "much appreciated", "that helps", "that helped", "helpful",
                                 "very helpful", "that was helpful"}),
    SmallTalk.HELP: frozenset({"help", "help me", "what can you do", "what do you do", "how does this work",
                               "how do i use you", "how do you work", "commands", "who are you", "what are you",
                               "who r u", "what r u", "what is this", "what is this bot", "what are you for"}),
    SmallTalk.OKAY: frozenset({"ok", "okay", "k", "kk", "okk", "okie", "alright", "cool", "nice", "great", "got it",
                               "i see", "ah ok", "oh ok", "ok cool", "ok great", "fair enough", "makes sense",
                               "understood", "noted", "awesome", "perfect", "good to know"}),
    SmallTalk.BYE: frozenset({"bye", "goodbye", "bye bye", "see you", "see ya", "cya", "later", "good night",
                              "gn", "ttyl", "ok bye", "see you later", "see you soon", "talk later", "take care",
                              "have a nice day", "have a good day", "have a good one"}),
}
MAX_ADDRESS_WORDS = 2
MAX_WORDS = 8  # small talk is short: a longer message says something else besides
#: Words around small talk that don't change it: "hi there", "thanks bot", "help please".
_ADDRESS = frozenset({"there", "bot", "storybot", "all", "everyone", "guys", "folks", "please", "pls", "plz", "again",
                      "mate", "buddy", "friend"})
#: Words that go with small talk and ask nothing: "thank you SO MUCH", "bye FOR NOW", "thanks FOR THE INFO".
_FILLER = frozenset({"so", "much", "very", "really", "a", "lot", "for", "now", "the", "info", "answer", "answers",
                     "that", "this", "it", "was", "is", "oh", "ah", "well", "right", "and", "then"})
_MAY_LEAD = frozenset({"oh", "ah", "well", "so", "and", "really", "very"})  # fillers a message may open with
#: Each phrase with its kind; when a message holds several kinds, the one that ends it most says which it is.
_PHRASES = {phrase: kind for kind, phrases in _SMALL_TALK.items() for phrase in phrases}
_PRECEDENCE = (SmallTalk.BYE, SmallTalk.THANKS, SmallTalk.HELP, SmallTalk.GREETING, SmallTalk.OKAY)
_LONGEST = max(len(phrase.split()) for phrase in _PHRASES)
#: Small talk only as the whole message ("Later!", "Morning!"): beside other words they say when.
_ONLY_ALONE = frozenset({"later", "morning"})


def small_talk(text: str) -> SmallTalk | None:
    """A greeting, thanks, a plea for help, an "ok" or a goodbye and nothing else ("hi there!", "thx", "help?",
    "who are you?", "got it", "awesome, thank you so much", "bye for now"), which a reply should meet as such, not
    as a question the article can't answer: the message is its phrases, with only words that go with them."""
    read = letter_words(text)
    words = [w for w in read if w not in _ADDRESS]
    if len(read) - len(words) > MAX_ADDRESS_WORDS or len(words) > MAX_WORDS:
        return None
    if words and words[0] in _FILLER and words[0] not in _MAY_LEAD and not any(
            phrase.startswith(words[0] + " ") for phrase in _PHRASES):
        return None  # "was it later?", "is it great?": a question that happens to end in small talk's words
    kinds: set[SmallTalk] = set()
    at = 0
    while at < len(words):
        for size in range(min(_LONGEST, len(words) - at), 0, -1):
            phrase = " ".join(words[at:at + size])
            kind = _PHRASES.get(phrase)
            if kind is not None:
                if phrase in _ONLY_ALONE and len(words) > 1:
                    return None  # "and then later", "every morning": a word of time, not a goodbye or a greeting
                kinds.add(kind)
                at += size
                break
        else:
            if words[at] not in _FILLER:  # "thanks for NOTHING", "help THE BAKERS": something else is said
                return None
            at += 1
    return next((kind for kind in _PRECEDENCE if kind in kinds), None)
