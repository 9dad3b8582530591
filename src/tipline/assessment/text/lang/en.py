"""English cue lexicon: police case summaries, provider descriptions and first/second-person chat.

Patterns are regular-expression sources; the engine (``cues.py``) compiles them case-insensitively,
anchors them at word boundaries and applies negation, look-alikes and the age rule. Patterns are
written for the language in general (how analysts, police and offenders phrase these facts), not
for particular cases. Building blocks below keep the lists readable.

Conventions followed (as in the annotated seed cases):
* access to children: the offender is a parent, step-parent, relative, carer or holds a position of
  trust over children, or lives with them ("abused his daughter", "the child's uncle");
* a very young victim: a baby, infant, toddler or a child of five or under;
* recently produced material: said to be recent or ongoing, not merely "new" or "previously unseen";
* live streaming: abuse streamed or performed over a video call / webcam;
* payment or exchange: money, gifts, codes or other value for material or access, and trafficking.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon

# --- building blocks -------------------------------------------------------------------------------

_WORDS = r"(?:[\w'-]+\s+)"  # one word and the space after it
_NUM_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AGE_ADJ = (
    r"(?:\d{1,2}|" + _NUM_WORD + r")[- ]?(?:years?|yrs?|months?|weeks?)[- ]?old"
    r"|\d{1,2}[- ]?y/?o"
)
# words that may stand between a possessive and a kinship noun: "his 4 year old daughter"
_MODS = (
    r"(?:(?:own|young|younger|youngest|little|small|baby|infant|eldest|oldest|older|minor|underage"
    r"|under-age|biological|adopted|adoptive|foster|then|two|three|four|five|" + _AGE_ADJ + r")[\s,]+){0,3}"
)
_CHILD_NOUN = (
    r"(?:step-?|half-|grand|god)?(?:daughters?|sons|son|child|children|kids?|niece|nieces|nephews?"
    r"|granddaughters?|grandsons?|grandchild(?:ren)?)"
)
_RELATIVE = (
    r"(?:(?:step-?|grand|great-grand|foster |adoptive |biological )?(?:father|mother|dad|daddy|mum|mom"
    r"|mommy|parents?)|uncle|aunt|aunty|auntie|cousin|(?:step-?|half-)?(?:brother|sister)"
    r"|grandpa|grandma|granddad|grandparents?|stepparents?|godfather|godmother|brother-in-law"
    r"|family member|relative)"
)
_VICTIM_NOUN = r"(?:victims?|child|children|girls?|boys?|minors?|kids?|daughters?|sons?|toddler|infant|baby)"
_ABUSE_VERB = (
    r"(?:(?:sexually\s+)?(?:abus|molest|rap|assault|violat|exploit|touch|groom)\w*"
    r"|(?:photograph|film|record)\w*)"
)
_MATERIAL = (
    r"(?:images?|photos?|pictures?|pics?|nudes?|videos?|vids?|recordings?|material|content|files?"
    r"|selfies?|CSAM|CSEM|snaps?)"
)
# "I will", "I'll", "im gonna", "we are going to" (first person, future or intention)
_I_WILL = (
    r"(?:(?:i|we)\s+(?:will|shall|would|am\s+going\s+to|are\s+going\s+to|am\s+gonna|gonna|can|could)"
    r"|(?:i|we)'(?:ll|d|m\s+going\s+to|m\s+gonna|re\s+going\s+to|re\s+gonna)|im\s+(?:going\s+to|gonna))"
)
_YOUR_PEOPLE = (
    r"(?:family|parents?|mom|mum|dad|mother|father|friends?|followers|contacts|school|teachers?"
    r"|classmates|brother|sister|relatives|everyone|everybody|boyfriend|girlfriend|whole school)"
)
_SPREAD = r"(?:send|post|share|show|leak|publish|upload|forward|spread|expose|release|distribute|put)"

# --- cue patterns ----------------------------------------------------------------------------------

THREATS = [
    r"threat(?:en(?:s|ed|ing)?|s)?",
    r"blackmail\w*",
    r"(?:sex)?tort(?:ed|ing|ion|s)?|extort\w*|sextortion",
    r"coerc(?:e|ed|es|ing|ion|ive)",
    r"intimidat\w*",
    # publishing the victim's images: "threatened to publicly expose her images", "make them public"
    r"publicly\s+(?:expos\w*|shar\w*|post\w*|releas\w*|available)",
    r"(?:expos\w*|leak\w*|publish\w*|post\w*|spread\w*|send\w*|shar\w*|show\w*|distribut\w*)\s+"
    r"(?:\w+\s+){0,4}to\s+(?:all\s+)?(?:your|ur|her|his|their|the\s+(?:child|victim)'s|the\s+children's)\s+"
    + _YOUR_PEOPLE,
    r"make\s+(?:it|them|these|those|your\s+\w+)\s+public|go\s+public\s+with",
    _I_WILL + r"\s+" + _SPREAD + r"\s+(?:\w+\s+){0,2}(?:your|ur|these|those|the|them|it)\b",
    # conditional demands: "pay or I will...", "send more or else", "unless you pay"
    r"(?:pay|send|do\s+it|comply)\s+(?:\w+\s+){0,3}or\s+(?:else|" + _I_WILL + r"|i'?ll|everyone)",
    r"or\s+else",
    r"unless\s+(?:you|u|she|he|they|the\s+\w+)\s+(?:\w+\s+){0,2}(?:pay|paid|send|sent|continu\w*|do|did|"
    r"produc\w*|comply|complied|meet|met)",
    r"if\s+(?:you|u)\s+(?:don'?t|do\s+not|dont|won'?t|refuse\s+to|stop)\s+(?:\w+\s+){0,3}"
    r"(?:i|we|i'll|i'm|im|everyone|your)",
    r"(?:or|else)\s+(?:\w+\s+){0,2}(?:everyone|your\s+" + _YOUR_PEOPLE + r")\s+will\s+(?:see|know|get)",
    r"knows?\s+where\s+(?:you|u|she|he|they|your\s+family)\s+(?:live|lives|go\s+to\s+school)",
    r"(?:kill|hurt|harm|beat|rape|come\s+for|destroy|ruin)\s+(?:you|u|your\s+(?:family|life|parents))",
    _I_WILL + r"\s+(?:find|get|track\s+down|hunt\s+down)\s+(?:you|u)\b",
    r"(?:hurt|harm|kill|beat)\s+(?:her|him|them|the\s+(?:child|victim|girl|boy))\b",
    r"(?:(?<=you'll\s)|(?<=youll\s)|(?<=you\swill\s)|(?<=u\swill\s))regret",
    r"(?:demand\w*|insist\w*)\s+(?:that\s+)?(?:\w+\s+){0,3}(?:pay|send|produc\w*|more|money)",
    r"(?<=you\shave\s)(?:\d+|one|two|three)\s+(?:hours?|hrs?|minutes?|mins?|days?)",
    r"forc(?:e|ed|es|ing)\s+(?:\w+\s+){0,3}(?:to|into)\s+(?:produc|send|shar|mak|perform|engag|film|record)\w*",
    r"under\s+(?:the\s+)?(?:threat|pressure|duress)",
]

SELF_HARM = [
    r"suicid\w*",
    r"(?:kill|hang|hurt|cut|harm|injur|starv|burn|stab)(?:s|ed|ing|e|es|t|ting)?"
    r"\s+(?:myself|herself|himself|themselves|themself|myslf|my\s*self)",
    r"(?:end|ending|ended|take|taking|took)\s+(?:my|her|his|their)\s+(?:own\s+)?life",
    r"(?:want|wanted|wants|wanna|going|gonna|planning|plan|plans|planned|ready|wish|wishes|wished|"
    r"deserve|deserves)\s+(?:to\s+)?die",
    r"(?:wish|wished|wishes)\s+(?:i|she|he)\s+(?:was|were|had\s+been)\s+(?:dead|never\s+born)",
    r"(?:want|wanted|wants|wanna)\s+(?:to\s+be\s+)?dead",
    r"better\s+off\s+(?:dead|without\s+me|without\s+her|without\s+him)",
    r"(?:don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|did\s+not|no\s+longer)\s+want\s+to\s+(?:live|be\s+alive|exist"
    r"|wake\s+up)",
    r"(?:no|nothing\s+left\s+to|no\s+reason\s+to)\s+(?:reason|point)?\s*(?:to|in)?\s*(?:live|living)"
    r"(?:\s+anymore)?",
    r"not\s+worth\s+living|can'?t\s+(?:go\s+on|live\s+like\s+this)|(?:rather|prefer\s+to)\s+(?:be\s+dead|die)",
    r"self[- ]?harm\w*|self[- ]?injur\w*|overdos\w*",
    r"(?:jump|jumping|jumped)\s+(?:off|from|in\s+front\s+of)\s+(?:a|the|this)\s+"
    r"(?:bridge|roof|building|train|balcony|window|cliff)",
    r"(?:attempt\w*)\s+to\s+(?:take|end)\s+(?:her|his|their|my)\s+(?:own\s+)?life",
]

PLANNED_MEETING = [
    r"(?:meet|meeting|met)\s+(?:up\s+)?(?:\w+\s+){0,2}(?:in\s+person|irl|in\s+real\s+life|face\s+to\s+face"
    r"|in\s+the\s+flesh|offline)",
    r"(?:plan|plans|planned|planning|arrang\w*|organi[sz]\w*|set\s+up|setting\s+up|schedul\w*|agree\w*)"
    r"\s+(?:\w+\s+){0,2}(?:to\s+meet|a\s+meeting|meeting|a\s+meet(?:up)?|meet(?:-?up)?s?|a\s+date|to\s+see)",
    r"(?:entic\w*|persuad\w*|convinc\w*|invit\w*|lur\w*|urg\w*|asked|ask|asking|pressur\w*|tried\s+to\s+get)"
    r"\s+(?:\w+\s+){0,3}to\s+(?:meet|travel|come\s+(?:over|to|and)|run\s+away|get\s+in\s+(?:his|my)\s+car"
    r"|visit\s+(?:him|her|them|me|his|the\s+(?:man|offender|suspect)))",
    r"(?:in\s+order|travel\w*|arrived|came|went)\s+to\s+meet\s+(?:up\s+with\s+)?(?:him|her|them|the\s+(?:child|girl|boy"
    r"|victim|minor|children))\b",
    r"(?:want\w*|wish\w*|would\s+like|intend\w*|hop\w*|propos\w*|offer\w*|sugg\w*|tried|trying|keen)"
    r"\s+(?:\w+\s+){0,1}to\s+meet\s+(?:up|you|u|her|him|them|the\s+(?:child|girl|boy|victim|minor))",
    r"(?:let'?s|lets|we\s+(?:can|could|should|will|'ll|must)|we'?ll|shall\s+we|can\s+we|could\s+we|wanna)"
    r"\s+(?:\w+\s+){0,1}(?:meet|hook\s+up|hang\s+out|see\s+each\s+other)",
    r"meet\s+(?:me|you|u|up)\s+(?:\w+\s+){0,1}(?:at|in|on|after|before|near|outside|behind|by|tonight"
    r"|tomorrow|this|next|when|after\s+school)",
    r"(?:where|when|what\s+time)\s+(?:can|do|shall|should|could|will)\s+(?:we|i)\s+(?:meet|see\s+you|pick\s+you)",
    _I_WILL
    + r"\s+(?:\w+\s+){0,1}(?:come\s+(?:to\s+(?:you|your|see|meet|visit|pick)|over|and\s+(?:see|get|pick|meet)"
    r"|see|meet|pick|visit|round|by\s+your)|drive\s+(?:to|over|down|up)|travel\s+to|fly\s+(?:to|over|in)"
    r"|pick\s+you\s+up|visit\s+you|be\s+(?:there|at\s+your|in\s+your))",
    r"(?:(?<=i'm\s)|(?<=im\s)|(?<=i\sam\s)|(?<=we're\s)|(?<=we\sare\s))(?:coming|driving|travel+ing|flying)\s+"
    r"(?:to|over|down|up)",
    r"come\s+(?:to|over\s+to|round\s+to)\s+(?:your|ur)\s+(?:town|city|house|home|place|school|village|area"
    r"|flat|apartment|room)",
    r"pick\s+(?:you|u|her|him)\s+up|(?:pick|picking)\s+up\s+(?:the\s+)?(?:child|girl|boy)",
    r"(?:travel\w*|drive|driving|drove|fly|flying|flew|come|coming|came)\s+(?:\w+\s+){0,3}to\s+"
    r"(?:see|meet|visit)\s+(?:you|u|her|him|the\s+(?:child|girl|boy|victim|minor))",
    r"(?:sexual\s+)?(?:encounter|rendez-?vous|date)\s+(?:in\s+person|with\s+(?:the\s+)?(?:child|girl|boy|minor"
    r"|victim))",
    r"meet\s+for\s+(?:a\s+)?(?:sex\w*|date|encounter)",
    r"hotel\s+room|book\w*\s+(?:a\s+)?(?:hotel|room|motel)",
    r"(?:bus|train|plane|flight)\s+ticket\s+(?:to|for)\s+(?:you|u|her|him|come)",
]

ACCESS = [
    # possessive + child noun: "his 4 year old daughter", "her children", "his own kids"
    r"(?:his|her|their\s+own)\s+" + _MODS + _CHILD_NOUN,
    # an abuse verb before "their children": parents abusing their children
    _ABUSE_VERB + r"\s+(?:their|his|her)\s+" + _MODS + _CHILD_NOUN,
    # "the offender's daughter", "the suspect's stepson"
    r"(?:the\s+)?(?:offender|suspect|perpetrator|accused|man|woman|father|mother|defendant|abuser|culprit)'s\s+"
    + _MODS
    + _CHILD_NOUN,
    # "(the) father of (the) victim", "the child's uncle", "uncle of the girl"
    _RELATIVE + r"\s+of\s+(?:the\s+|both\s+|all\s+|these\s+)?(?:\w+\s+){0,1}" + _VICTIM_NOUN,
    r"(?:the\s+)?(?:victim|child|girl|boy|kid|minor|children|victims|girls|boys)'s?\s+(?:own\s+)?"
    + _RELATIVE,
    r"(?:abused|molested|assaulted|raped|exploited|violated|groomed)\s+by\s+(?:his|her|their|a|the)\s+"
    + _MODS
    + r"(?:\w+\s+)?"
    + _RELATIVE,
    r"(?:abus|molest|rap|assault|violat|exploit)\w*\s+(?:his|her)\s+"
    + _MODS
    + r"(?:half-|step-?)?(?:sister|brother)s?",
    r"(?:sexually\s+)?(?:abused|molested|exploited|victimi[sz]ed|assaulted)\s+(?:step-?)?(?:daughter|son)s?",
    r"step-?(?:father|mother|dad|mum|mom|parent|daughter|son)s?",
    # the children of a partner: "the children of her romantic partners", "the son of his girlfriend"
    r"(?:child|children|kids|daughters?|sons?)\s+of\s+(?:his|her|their|the\s+(?:suspect|offender|man|woman"
    r"|perpetrator|accused)'s)\s+(?:\w+\s+){0,1}(?:partner|girlfriend|boyfriend|wife|husband|spouse|cohabitee"
    r"|fianc[ée]e?)s?",
    r"(?:mother|mum|mom|father|dad|parent)'s\s+(?:new\s+)?(?:partner|boyfriend|girlfriend|husband|wife|cohabitee)",
    r"(?:his|her|the|their|own)\s+family\s+circle|family\s+circle|within\s+(?:his|her|the|their)\s+(?:own\s+)?"
    r"famil(?:y|ies)|in\s+(?:his|her)\s+(?:own\s+)?(?:family|household|care)",
    r"(?:intra-?familial|incest\w*|family\s+member|family\s+friend)",
    r"position\s+of\s+(?:trust|authority|responsibility|power)",
    r"(?:teacher|coach|trainer|instructor|tutor|babysitter|baby-sitter|babysitting|babysat|nanny|au\s+pair"
    r"|childminder|child-?minder|child\s*care\s+worker|day\s*care\s+worker|nursery\s+(?:worker|teacher|nurse)"
    r"|caretaker|scout\s+leader|scoutmaster|youth\s+(?:worker|leader|pastor"
    r"|group|club|coach)|camp\s+(?:counsel?lor|leader|instructor)|pediatrician|paediatrician|school\s+"
    r"(?:staff|employee|janitor|bus\s+driver|nurse)|foster\s+(?:parent|father|mother|carer|home|care)"
    r"|children's\s+home|orphanage|referee|priest|pastor)s?",
    r"camps?\s+for\s+(?:kids|children|youth|minors|young\s+people)",
    # running a place full of children: "ran a daycare centre from her home"
    r"(?:ran|runs|running|run|owned|owns|operated|operates|managed|manages)\s+(?:a|an|the|his|her)\s+"
    r"(?:[\w'-]+\s+){0,1}(?:day\s*care|daycare|nursery|kindergarten|child\s*care|creche|crèche|playgroup"
    r"|pre-?school|children's\s+home|youth\s+club|summer\s+camp)",
    # working at a place full of children: "under education as caretaker in a kindergarten"
    r"(?:works?|worked|working|employed|employee|staff|volunteer\w*|job|educat\w*|training|trainee|intern\w*"
    r"|placement)\s+(?:\w+\s+){0,3}(?:at|in|for|with)\s+(?:a|an|the|his|her|local)\s+(?:[\w'-]+\s+){0,2}"
    r"(?:kindergarten"
    r"|nursery|day\s*care|daycare|pre-?school|primary\s+school|school|children's\s+home|orphanage|youth\s+club"
    r"|sports\s+club|football\s+club|swimming\s+club|summer\s+camp|holiday\s+camp|scout\s+group|youth\s+centre"
    r"|youth\s+center|children|kids|minors|young\s+people)s?",
    r"(?:direct|unsupervised|regular|daily|easy|unrestricted|close)\s+access\s+to\s+(?:\w+\s+){0,1}"
    r"(?:him|her|them|the\s+(?:child|victim)|children|kids|minors|victims?|a\s+child)",
    r"(?:had|has|have|having|gain\w*|with)\s+access\s+to\s+(?:the\s+|young\s+|small\s+)?"
    r"(?:child|children|kids|minors|victims?|him|her|them|girls|boys)(?!\s*'?s?\s*(?:account|phone|profile"
    r"|device|computer|email|data|images|material))",
    r"(?:lives?|lived|living|stays?|stayed|staying)\s+(?:together\s+)?with\s+(?:the\s+|a\s+|his\s+|her\s+)?"
    r"(?:\w+\s+){0,1}(?:child|children|kids|minors?|victims?|girl|boy|daughter|son|stepchild\w*|family\s+with"
    r"\s+children)",
    r"(?:same|shared|common)\s+(?:household|home|house)\s+(?:as|with)\s+(?:the\s+)?(?:child|children|victim|minor)",
]

VERY_YOUNG = [
    r"(?P<age>\d{1,2})[- ]?(?:years?|yrs?|yr)[- ]?old",
    r"(?P<age>\d{1,2})[- ]?y/?o",
    r"(?P<age>\d{1,2})[- ]?(?:years?|yrs?)\s+of\s+age",
    r"(?:aged?|ages|age\s+of|aged\s+between|ages\s+of|ranging\s+from\s+ages?)\s+(?:around\s+|about\s+|only\s+|"
    r"just\s+|from\s+)?(?P<age>\d{1,2})(?!\s*(?:months?|weeks?|days?))(?!\d)",
    r"(?:under|below|younger\s+than)\s+the\s+age\s+of\s+(?P<age>\d{1,2})(?!\d)",
    r"(?:child|children|kids|victims?|girls?|boys?|minors?)\s+(?:aged\s+)?(?:under|below|younger\s+than)\s+"
    r"(?P<age>\d{1,2})(?!\d)(?!\s*(?:months?|weeks?|days?))",
    r"(?:one|two|three|four|five)[- ](?:years?|yrs?)[- ]old",
    r"\d{1,2}[- ]?(?:months?|weeks?|days?)[- ]?old|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|eighteen|a\s+few)[- ](?:months?|weeks?|days?)[- ]old",
    r"infants?|toddlers?|new-?borns?|pre-?verbal|pre-?schoolers?|pre-?school[- ]aged?"
    r"|kindergarten[- ]aged?|nursery[- ]aged?",
    r"(?:very|extremely|really)\s+young\s+" + _VICTIM_NOUN,
    r"pre-?school\s+(?:child|children|girl|boy|kid|victim)s?",
    r"(?:child|girl|boy|victim|son|daughter)\s+of\s+(?:only\s+|just\s+)?(?P<age>\d{1,2})(?!\d)(?:\s+years)?(?!\s*(?:months?"
    r"|weeks?|days?|%|images|videos|files))",
    r"(?:abus\w*|rap\w*|molest\w*|assault\w*|exploit\w*|photos?\s+of|images?\s+of|pictures?\s+of|videos?\s+of"
    r"|material\s+(?:of|depicting|showing)|depicting|showing|involving)\s+(?:of\s+)?(?:an?\s+|the\s+|his\s+|her\s+)?"
    r"(?:\w+\s+)?(?:bab(?:y|ies)|infants?)",
    r"bab(?:y|ies)\s+(?:daughter|son|sister|brother|niece|nephew|cousin)s?",
    r"still\s+in\s+(?:nappies|diapers)|in\s+(?:nappies|diapers)",
]

RECENT = [
    r"recent(?:ly)?\s+(?:\w+\s+){0,1}(?:produced|made|created|recorded|filmed|taken|shot|photographed"
    r"|generated|abused|uploaded)",
    r"recent\s+(?:abuse|material|images?|videos?|photos?|pictures?|recordings?|content|footage|production)",
    r"(?:produced|made|created|recorded|filmed|taken|shot|photographed)\s+(?:\w+\s+){0,2}(?:recently|just\s+now"
    r"|today|yesterday|tonight|last\s+(?:night|week|weekend)|this\s+(?:morning|week|weekend|evening|afternoon)"
    r"|in\s+the\s+(?:last|past)\s+(?:few\s+)?(?:hours?|days?|weeks?)|within\s+the\s+(?:last|past)\s+\w+)",
    r"(?:just|only\s+now)\s+(?:took|taken|made|filmed|recorded|shot|done)",
    r"(?:took|take|taking|made|filmed|recorded)\s+(?:it|this|these|them|those|that|\w+\s+"
    + _MATERIAL
    + r")\s+"
    r"(?:today|yesterday|tonight|just\s+now|this\s+(?:morning|week|weekend|evening|afternoon)|last\s+night)",
    r"ongoing\s+(?:sexual\s+)?(?:abuse|exploitation|molestation)|(?:abuse|exploitation|molestation)\s+"
    r"(?:is|was|appears|seems|appeared)\s+(?:to\s+be\s+)?(?:still\s+)?(?:ongoing|continuing|current)",
    r"(?:is|are|was|were)\s+(?:still|currently)\s+being\s+(?:sexually\s+)?(?:abused|exploited|molested)",
    r"(?:current|active|present)ly\s+(?:being\s+)?(?:abused|exploited|molested)",
    r"fresh\s+(?:material|images?|videos?|photos?|content|footage)",
]

LIVE = [
    r"live[- ]?stream\w*|stream\w*\s+live|live[- ]?broadcast\w*|broadcast\w*\s+live",
    r"video[- ]?call\w*|video[- ]?chat\w*|video[- ]?conferenc\w*|facetim\w*|webcam\w*|web\s+cam\w*",
    r"(?:via|over|on|through|during|in)\s+(?:a\s+|the\s+)?(?:skype|zoom|whatsapp|facetime|messenger|discord"
    r"|teams)\s+(?:video\s+)?call",
    r"(?:on|via|over|in\s+front\s+of)\s+(?:the\s+|a\s+|my\s+|your\s+|her\s+|his\s+)?(?:web)?cam",
    r"(?:watch|view|direct|instruct|abus|perform|show|stream|broadcast|film)\w*\s+(?:\w+\s+){0,4}(?:in|at)\s+"
    r"real[- ]time|real[- ]time\s+(?:abuse|video|stream)|live\s+(?:show|session|feed|video|abuse"
    r"|performance|sex\s+show|cam|camera)",
    r"pay[- ]per[- ]view|cam\s+shows?|cam\s+sessions?",
]

PAYMENT = [
    r"in\s+(?:exchange|return)\s+(?:for|of)",
    r"(?:offer\w*|pa(?:y|id|ying|ys)|promis\w*|gave|give|gives|giving|provid\w*|send\w*|sent|transferr?\w*"
    r"|wir\w*)\s+(?:\w+\s+){0,4}(?:money|cash|gifts?|presents?|codes?|gift\s*cards?|vouchers?|credits?|robux"
    r"|v-?bucks|bitcoin|crypto\w*|euros?|dollars?|pounds|payments?|rewards?|tokens|skins)",
    r"(?:offer\w*|promis\w*|agree\w*)\s+to\s+pay|(?:pay|paid|paying)\s+(?:them|her|him|the\s+\w+|you|u)\s+"
    r"(?:\w+\s+){0,2}(?:for|to)",
    r"(?:for|against)\s+(?:money|payment|cash|a\s+fee|gifts?)",
    r"(?:paid|pay|paying|pays)\s+(?:\w+\s+){0,2}for\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}(?:abuse|images?|videos?"
    r"|photos?|pictures?|material|content|shows?|sessions?|access|sex|children|child|girls?|boys?)",
    r"(?:made|sent|transferred|received|regular)\s+(?:\w+\s+){0,2}payments?|(?:money|financial)\s+"
    r"(?:transfers?|transactions?)",
    r"(?:sell\w*|sold|buy\w*|bought|purchas\w*)\s+(?:\w+\s+){0,3}(?:images?|videos?|photos?|pictures?|pics"
    r"|material|content|files|CSAM|CSEM|access|child|children|girls?|boys?|daughters?|sons?)",
    r"traffick(?:ed|ing|er|ers|s)?|(?:(?<=to\s)|(?<=would\s)|(?<=will\s)|(?<=could\s))traffic",
    r"(?:child\s+)?prostitut\w*|pimp(?:ed|ing|s)?",
    r"paypal|western\s+union|moneygram|cash\s*app|venmo|revolut|gift\s*cards?|steam\s+(?:card|codes?|wallet)"
    r"|(?:playstation|psn|xbox|nintendo|google\s+play|itunes|amazon)\s+(?:\w+\s+)?(?:codes?|cards?|credits?)"
    r"|robux|v-?bucks",
    r"\d+(?:[.,]\d+)?\s?(?:€|\$|£|euros?|dollars?|usd|eur|gbp|bucks)",
    r"(?:€|\$|£)\s?\d+",
    r"(?:offer\w*|provid\w*|pimp\w*|prostitut\w*)\s+(?:\w+\s+){0,2}(?:his|her|their)\s+"
    + _MODS
    + _CHILD_NOUN
    + r"\s+(?:to|for)\s+(?:other|another|men|sex|abuse)",
]

OTHER_CHILD = [
    r"(?:entic\w*|forc\w*|coerc\w*|persuad\w*|convinc\w*|made|make|makes|asked|ask|told|tell|urg\w*|pressur\w*"
    r"|instruct\w*|direct\w*|order\w*|encourag\w*)\s+(?:\w+\s+){0,4}to\s+(?:sexually\s+)?(?:abuse|assault"
    r"|molest|touch|rape|undress|film|photograph)\s+(?:her|his|their|a|an|another|other|the|younger|each)\s+"
    r"(?:\w+\s+){0,2}(?:sister|brother|sibling|cousin|friend|child|children|girl|boy|kid|classmate|other)s?",
    r"(?:children|kids|victims|minors|siblings|boys|girls)\s+to\s+(?:engage\s+in|perform|have)\s+(?:\w+\s+){0,6}"
    r"with\s+each\s+other",
    r"(?:sex\w*|abus\w*)\s+(?:\w+\s+){0,3}(?:between|among)\s+(?:the\s+)?(?:children|siblings|kids|minors)",
]

_REPORTED = (
    r"(?:reported|contacted|informed|alerted|notified|noticed|discovered|found|filed|called|complained|went\s+to"
    r"|turned\s+to|became\s+aware|learned|learnt|saw|raised\s+the\s+alarm)"
)

# --- negation, scope, look-alikes ------------------------------------------------------------------

NEGATIONS = [
    r"not",
    r"never",
    r"no",
    r"none",
    r"nor",
    r"neither",
    r"nothing",
    r"nobody",
    r"without",
    r"(?<!if\s)(?<!if\su\s)(?<!if\syou\s)(?:don|doesn|didn|won|wouldn|couldn|shouldn|isn|aren|wasn|weren|hasn"
    r"|haven|hadn|can|mustn|needn|mightn|ain)'?t",
    r"(?<!if\syou\s)(?<!if\su\s)dont|cant|wont|didnt|doesnt|wouldnt|isnt|wasnt|aint|havent|hasnt",
    r"cannot",
    r"den(?:y|ied|ies|ying)",
    r"refus(?:e|ed|es|ing)",
    r"(?:no|never)\s+longer",
    r"unfounded|false\s+alarm|ruled\s+out",
]

SCOPE_BREAKERS = [
    r"but",
    r"however",
    r"although",
    r"though",
    r"yet",
    r"except",
    r"instead",
    r"whereas",
    r"then",
    r"until",
    r"unless",
    r"because",
    r"and\s+then",
    r"so",
]

LOOK_ALIKES: dict[CueKind, list[str]] = {
    CueKind.threats_or_blackmail: [
        r"threat\s+(?:assessment|level|intelligence|landscape|report|actors?|analysis|model)",
        r"(?:no|low|little)\s+(?:immediate\s+)?threat",
        r"(?:dying|died|kill|killing|killed)\s+(?:\w+\s+)?(?:laughing|laughter|of\s+laughter)",
        r"killing\s+me(?!\s+(?:if|when|unless))",
        r"kill\s+(?:you|u)\s+(?:in|at|on)\s+(?:the\s+|this\s+|that\s+)?(?:\w+\s+)?(?:game|match|round|level|map"
        r"|server|lobby|fortnite|minecraft|roblox)",
        r"threatened\s+(?:species|with\s+extinction)",
    ],
    CueKind.self_harm_or_suicide: [
        r"(?:dying|die|died|dead|kill\s+myself|killing\s+myself)\s+(?:of|from|with|laughing)\s+"
        r"(?:laughter|laughing|embarrassment|boredom|shame|cringe|curiosity|hunger|thirst)",
        r"(?:die|dying|dead)\s+laughing|laughing\s+to\s+death",
        r"killing\s+me(?!\s+(?:if|when|unless))",
        r"suicide\s+(?:squad|mission|doors?|run|bomb\w*|vest|drill)",
        r"(?:bored|scared|tired|embarrassed)\s+to\s+death",
        r"(?:gonna|going\s+to)\s+(?:literally\s+)?die\s+(?:for|if\s+i\s+don'?t\s+get)\s+(?:a|an|some|that|this|the)\b",
        r"(?:wanna|want\s+to|going\s+to)\s+die\s+(?:my|her|his)\s+hair",
        # the offender's suicide is not a statement of a child at risk
        r"(?:suspect|offender|perpetrator|accused|defendant|abuser|man)\s+(?:\w+\s+){0,4}(?:committed\s+suicide"
        r"|took\s+his\s+(?:own\s+)?life|killed\s+himself|suicide)",
    ],
    CueKind.planned_meeting: [
        r"meet\w*\s+(?:the|all|our|their|your|its|these|those|this|every)\s+(?:\w+\s+)?(?:deadline|deadlines"
        r"|requirements?|criteria|standards?|needs|expectations|conditions|thresholds?|targets?|goals?"
        r"|demands?|obligations?|definition|costs?|quota)",
        r"(?:nice|pleased|glad|great|good|lovely)\s+to\s+(?:meet|have\s+met)\s+(?:you|u|ya)",
        r"meet(?:ing)?\s+(?:with\s+)?(?:the\s+)?(?:police|investigators?|prosecutors?|officers?|authorities|lawyers?"
        r"|social\s+services|teachers?|parents|doctor|therapist|counsel?lor|psychologist)",
        r"meet\s+(?:and|&)\s+greet|meet\s+the\s+(?:team|press|family|parents)",
        r"meet\s+(?:me|you)\s+(?:in|at)\s+(?:the\s+)?(?:game|lobby|server|match|discord|chat|call)",
    ],
    CueKind.offender_has_access_to_children: [
        r"teacher\s+(?:said|says|told|gave|gives|assigned|wants)\s+(?:us\s+)?(?:\w+\s+){0,2}(?:homework|test|tests"
        r"|exam|exams|assignment|project|essay|detention)",
        r"(?:homework|exam|test|class|lesson|grades?)\s+(?:from|by|with)\s+(?:my|our|the)\s+teacher",
        r"coach(?:es)?\s+(?:trip|tour|travel|journey|station|ride|driver|company|holiday|seat|ticket|class)s?",
        r"(?<=by\s)coach|(?<=bus\s)coach|(?<=a\s)coach(?=\s+(?:trip|tour|driver))",
        r"(?:entic\w*|forc\w*|coerc\w*|persuad\w*|convinc\w*|made|make|asked|told|urg\w*|pressur\w*|instruct\w*)"
        r"\s+(?:\w+\s+){0,4}to\s+(?:sexually\s+)?(?:abuse|assault|molest|touch|rape)\s+(?:her|his|their)\s+"
        r"(?:[\w-]+\s+){0,3}(?:sister|brother|sibling|cousin|friend|child|daughter|son)s?",
        r"(?:reporter|reporting\s+person|complainant|caller|parent|mother|father)\s+(?:\w+\s+){0,3}"
        r"(?:is|was|were)\s+(?:their|his|her)\s+(?:\w+\s+){0,3}(?:daughter|son|child)",
        # relatives who report or discover the abuse are not the offender
        r"(?:the\s+)?(?:victim|child|girl|boy|minor|children|victims)'s?\s+(?:own\s+)?"
        + _RELATIVE
        + r"\s+(?:\w+\s+){0,2}"
        + _REPORTED,
        _RELATIVE + r"\s+of\s+(?:the\s+)?(?:\w+\s+)?" + _VICTIM_NOUN + r"\s+(?:\w+\s+){0,2}" + _REPORTED,
        r"(?:mother|father|parents?|mum|mom|dad|guardian|grandmother|grandfather)\s+(?:\w+\s+){0,3}"
        + _REPORTED
        + r"\s+(?:\w+\s+){0,4}(?:his|her|their)\s+(?:[\w-]+\s+){0,3}"
        + _CHILD_NOUN,
        r"(?:a|an|the|another)\s+(?:\w+\s+)?(?:family\s+member|relative|family\s+friend)s?\s+(?:\w+\s+){0,2}"
        + _REPORTED,
        r"(?:teacher|coach|school\s+staff|trainer)s?\s+(?:(?!was\b|were\b|is\b|been\b|had\b)\w+\s+){0,2}"
        r"(?:reported|alerted|informed|notified|contacted|noticed|raised)",
    ],
    CueKind.very_young_victim: [
        r"since\s+(?:she|he|they|it|i)\s+(?:was|were)\s+(?:just\s+|only\s+)?(?:an?\s+)?(?:infant|baby|babies"
        r"|toddlers?|newborn)",
        r"\d{1,2}[- ]?(?:years?|months?|weeks?|days?)[- ]?old\s+(?:account|case|conviction|report|material"
        r"|video|image|photo|picture|file|phone|profile|post|message|chat|car|house|computer|device|email)s?",
        r"(?:infant|baby|toddler)\s+(?:formula|food|seat|clothes|monitor|steps|talk)",
        r"(?:like|as)\s+a\s+baby|baby\s+(?:face|girl|boy|doll)",
        r"(?:video|image|photo|picture|material|file|account|case|report|content|post|profile|recording|it|this|that)"
        r"s?\s+(?:was|is|were|are)\s+(?:about\s+|around\s+|almost\s+|over\s+|only\s+)?\d{1,2}\s+"
        r"(?:years?|months?|weeks?|days?)\s+old",
    ],
    CueKind.recently_produced_material: [
        r"(?:case|investigation|operation|proceedings?|trial|inquiry|prosecution)\s+(?:is|was|remains|are)\s+"
        r"(?:still\s+)?ongoing",
    ],
    CueKind.live_streaming: [
        r"(?:live[- ]?stream\w*|video[- ]?(?:call|chat)\w*)\s+(?:platform|service|app|application|company"
        r"|provider|site|website)s?",
        r"on\s+camera\s+(?:footage|surveillance)|(?:cctv|surveillance|security)\s+camera",
    ],
    CueKind.payment_or_exchange: [
        r"pa(?:y|id|ying)\s+(?:\w+\s+){0,1}(?:attention|a\s+visit|tribute|respects|the\s+price|off)",
        r"drug\s+traffic\w*|traffic\s+(?:light|lights|jam|stop|police|accident|offen[cs]e)",
        # court fines and compensation are not payment for abuse
        r"(?:fine|fined|penalty|compensation|damages|bail|costs)\s+(?:of\s+)?(?:\w+\s+){0,2}(?:\d+(?:[.,]\d+)?\s?"
        r"(?:€|\$|£|euros?|dollars?|usd|eur|gbp)|(?:€|\$|£)\s?\d+)",
        r"(?:\d+(?:[.,]\d+)?\s?(?:€|\$|£|euros?|dollars?|usd|eur|gbp)|(?:€|\$|£)\s?\d+)\s+(?:fine|penalty|bail)",
        r"(?:sent|send|sending|sends|trad\w*|shar\w*)\s+(?:\w+\s+){0,3}(?:images?|videos?|photos?|pictures?|pics"
        r"|material|content|files)\s+(?:to|with)\s+(?:other|another|each)",
    ],
}


LEXICON = Lexicon(
    language="en",
    cues={
        CueKind.threats_or_blackmail: THREATS,
        CueKind.self_harm_or_suicide: SELF_HARM,
        CueKind.planned_meeting: PLANNED_MEETING,
        CueKind.offender_has_access_to_children: ACCESS,
        CueKind.very_young_victim: VERY_YOUNG,
        CueKind.recently_produced_material: RECENT,
        CueKind.live_streaming: LIVE,
        CueKind.payment_or_exchange: PAYMENT,
        CueKind.abuse_of_sibling_or_other_child: OTHER_CHILD,
    },
    negations=NEGATIONS,
    scope_breakers=SCOPE_BREAKERS,
    look_alikes=LOOK_ALIKES,
)
