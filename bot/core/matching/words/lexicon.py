"""Plain English word lists for reading chat-style questions.

Nothing here is about any one story: these are the words people wrap questions in. Words
that matter for a particular article belong in that article's ``aliases`` instead.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

# Chat spellings and abbreviations, rewritten before anything else looks at the words.
SLANG: dict[str, str] = {
    "u": "you", "ur": "your", "r": "are", "y": "why", "abt": "about", "bout": "about",
    "wat": "what", "wut": "what", "wht": "what", "whats": "what", "wats": "what", "wha": "what",
    "hw": "how", "hows": "how", "howd": "how", "whos": "who", "whose": "who", "whom": "who",
    "wen": "when", "whens": "when", "wheres": "where", "whered": "where", "whys": "why",
    "pls": "please", "plz": "please", "plox": "please", "thx": "thanks", "ty": "thanks",
    "ppl": "people", "ppls": "people", "bc": "because", "cuz": "because", "coz": "because",
    "cos": "because", "b4": "before", "govt": "government", "gov": "government",
    "pic": "photo", "pics": "photos", "pix": "photos", "img": "image", "imgs": "images",
    "rn": "now", "atm": "now", "tho": "though", "thru": "through", "w": "with", "wo": "without",
    "yr": "year", "yrs": "years", "mo": "month", "ppl's": "people", "ya": "you", "yall": "you",
    "em": "them", "da": "the", "teh": "the", "tha": "the", "dat": "that", "dis": "this",
    "dem": "them", "wanna": "want", "gonna": "going", "gotta": "got", "kinda": "kind of",
    "sorta": "sort of", "dunno": "know", "lemme": "let", "gimme": "give", "becuz": "because",
    "usa": "us", "u.s": "us", "america's": "america", "n": "and", "nd": "and",
    "smth": "something", "sth": "something", "wdym": "what",
    "tel": "tell", "sed": "said", "sez": "says", "sayz": "says",
    "idk": "know", "tbf": "though", "prolly": "probably", "ok": "okay", "k": "okay",
}

NUMBER_WORDS: dict[str, str] = {
    "0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
    "7": "seven", "8": "eight", "9": "nine", "10": "ten", "11": "eleven", "12": "twelve",
    "13": "thirteen", "14": "fourteen", "15": "fifteen", "16": "sixteen", "17": "seventeen",
    "18": "eighteen", "19": "nineteen", "20": "twenty",
    "1st": "first", "2nd": "second", "3rd": "third",
}

# The words that name a number, for reading "three weeks" or "how many" answers.
NUMBER_NAMES: tuple[str, ...] = (
    *(word for digits, word in NUMBER_WORDS.items() if digits.isdigit() and word != "zero"),
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
    "billion", "dozen",
)

# Titles and short forms written with a full stop that doesn't end the sentence ("Mr. Lee", "Dr. Rao",
# "St. Ives"); letters with full stops ("U.S.", "e.g.", "i.e.") don't either (``normalize``).
DOTTED_ABBREVIATIONS: tuple[str, ...] = ("mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "vs")

# Phrases that say what one word says, read as that word.
SAME_AS_WORD: dict[str, str] = {
    "in spite of": "despite",
    # the present time, said in several words ("at the moment" is not about a "moment" or a "second")
    "at the moment": "now", "at this moment": "now", "at present": "now", "these days": "now", "nowadays": "now",
    "as of now": "now", "as we speak": "now",
}

# Phrases that frame a question without adding to it ("hey bot, quick q: ...").
FILLER_PHRASES: tuple[str, ...] = (
    "hey bot", "hi bot", "hello bot", "yo bot", "ok bot", "okay bot", "dear bot",
    "quick q", "quick question", "a question", "question for you", "one more question",
    "can you tell me", "could you tell me", "can u tell me", "would you tell me", "tell me",
    "i was wondering", "i wonder", "just wondering", "i want to know", "i wanna know",
    "i would like to know", "id like to know", "do you know", "does anyone know", "anyone know",
    "i was reading", "i read", "i saw", "i heard", "in the article", "according to the article",
    "the article says", "in the story", "according to the story", "in the news", "according to the report",
    "please explain",
    "explain to me", "help me understand", "in simple words", "in a nutshell", "for me",
    "real quick", "be honest", "to be honest", "by the way", "i mean", "you know", "or something",
    "and stuff", "or not", "at all", "sort of", "kind of", "a bit", "a little", "out of curiosity",
    "need to know", "i need", "any idea", "no idea", "got a question",
    "in the first place", "by any chance", "if anything",
    "as far as i know", "first of all", "going by the article", "going by the story",
    "so far", "up to now", "until now", "to date",
    "are we talking about", "are we talking", "were we talking about",
)

# "What does the article say X is": the source is asked about, not a word of the question (``normalize``).
SOURCE_FRAME = r"(?:does|did|do) (?:the|this) (?:article|story|text|report|piece) (?:says?|mention|state|tell us)"

# Words that carry no meaning for matching: function words, chat noise, politeness.
STOPWORDS: frozenset[str] = frozenset("""
a an the and or but nor so if then than that this these those there here it its itself
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his she her hers
they them their theirs themselves
is am are was were be been being do does did doing done have has had having will would shall
should can could may might must ought get gets got gotten getting let lets
of in on at to for from by with about as into onto under further once up down out off
just only also too very really quite rather pretty much many more most some any all each every
no not yes yeah yep nope nah naw ok okay okey k kk alright sure
what which whatever whichever that's thats it's its there's theres here's heres
hey hi hello yo sup heya hiya greetings bot storybot bro dude man guys guy mate fam bruh bruv sis
tf wtf ffs fr frfr lowkey highkey deadass istg ong fyi btw imo smh lmk rn tho ty tysm pls plz
wait ugh oops hmm hmmm huh yay wow oof yikes welp damn dang heck like literally
okay anyway anyways whatever somehow probably maybe perhaps guess suppose reckon
please thanks thank thx cheers pls plz
lol lmao lmfao rofl haha hahaha hehe xd omg omfg wtf wth smh tbh ngl imo imho idk iirc fyi btw afaik
q question questions ask asking asked wondering wonder wondered curious know knows knew according accordingly per
actually basically literally seriously honestly anyway anyways like um uh hmm hm er ah oh eh
thing things stuff something anything everything someone anyone somebody anybody
anywhere somewhere everywhere nowhere
exactly precisely quick quickly briefly simply kindly
explain explained explanation mean means meaning info information detail details
happen happened happening going go goes went
dont doesnt didnt isnt arent wasnt werent wont wouldnt cant couldnt shouldnt havent hasnt hadnt
im ive id youre youve youd hes shes theyre theyve weve were
also even though although
one's ones between since despite among amongst besides beside vs versus via upon whether either neither
non nor toward towards onto within without throughout
""".split())

# Everyday words that frame a question rather than name its subject: they count, but little,
# unless the article itself uses them.
GENERIC_WORDS: frozenset[str] = frozenset("""
think thinks thought believe believes believed feel feels felt want wants wanted need needs needed
hope hopes hoped hoping wish wishes wished wishing
like likes liked love hate make makes made making take takes took taken taking give gives gave given
show shows showed shown showing use uses used using keep keeps kept put puts come comes came coming
see sees saw seen look looks looked looking find finds found seem seems seemed try tries tried
call calls called become becomes became turn turns turned involve involves involved involving
include includes included including refer refers referred referring regard regarding concern concerning
relate relates related relating consider considered considering allow allows allowed help helps helped
start starts started starting begin begins began begun end ends ended ending stop stops stopped
say says said saying tell tells told telling state states stated speak spoke spoken talk talks
talked talking mention mentions mentioned describe described article articles story stories news text
piece page writeup paragraph line lines exact exactly specific specifically total overall combined combine whole entire
main major big small real really true false different same other others another such certain
particular general generally part parts kind kinds type types sort way ways reason reasons
word words term terms number numbers amount count inside outside within across among
around during before after since until while whenever
people person persons someone somebody everyone everybody folks group thing
happen happens happened happening occur occurred event events situation
good bad great nice cool weird strange interesting important big deal right wrong over against
point points fact facts example case cases matter matters issue issues
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty hundred thousand million dozen couple
check checked checking admit admits admitted meant suppose supposed claim claims claimed
suggest suggests suggested suggesting indicate indicates indicated indicating imply implies implied implying
through throughout along alongside behind beyond above below near because unless whereas therefore thus hence
otherwise else often nothing none however
still yet already again ever never always both
""".split())

# Question words that do carry intent: "who" and "when" ask different things about one event.
INTENT_WORDS: frozenset[str] = frozenset({"who", "when", "where", "why", "how", "howmany"})


@cache
def english_ranks() -> dict[str, int]:
    """Common English words by frequency rank, 0 the most common (see data/README.md).

    Read on first use, not at start-up: only questions with a word the knowledge base doesn't
    know need it.
    """
    data = resources.files("bot.core").joinpath("data/english-words.txt.gz").read_bytes()
    return {word: rank for rank, word in enumerate(gzip.decompress(data).decode("ascii").split())}


def english_rank(word: str) -> int | None:
    return english_ranks().get(word)
