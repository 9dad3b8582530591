"""Danish (da) text cues.

Covers chat Danish ("hvis du ikke betaler sender jeg billederne til dine forældre", "skal vi mødes",
"jeg henter dig", "jeg orker ikke mere") and the register of police and provider summaries ("truede med
at dele billederne", "gav udtryk for selvmordstanker", "barnets stedfar"). æ, ø and å also match ae, oe,
aa and the bare vowel, as typed on foreign keyboards.

Known limits: "vi ses" counts only with a day or a place, as it is also a goodbye; "baby" counts only
next to abuse or image words; the infinitive "true" counts only after "at", because the English word
"true" is common in Danish chat; a teacher or coach must be tied to the offender ("er lærer", "en
træner"), the child's own "min lærer" is not a cue.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans({"æ": "(?:æ|ae|a)", "ø": "(?:ø|oe|o)", "å": "(?:å|aa|a)", "é": "[ée]"})
_NEGATIONS = (
    r"ikke(?!\W+(?:bekymre|være\W+bange|noget\W+problem))",
    r"ik",
    r"ikk",
    r"aldrig",
    r"ingen(?!\W+(?:problem\w*|fare|årsag))",
    r"intet",
    r"ingenting",
    r"uden",
    r"hverken",
)
# "~": one word that is not a negation; æ, ø, å also matching their keyboard substitutes.
_f = pattern_maker(_NEGATIONS, _FOLD)


_AUDIENCE = (
    r"(?:(?:til\W+)?(?:dine|din|dit)\W+(?:forældre|mor|far|familie|venner|kammerater|skole|klasse"
    r"|klassekammerater|lærere?|kontakter|følgere|søskende)"
    r"|(?:til\W+)?alle\W+(?:dine\W+)?(?:venner|kontakter|følgere|klassekammerater)"
    r"|(?:til\W+)?hele\W+(?:din\W+)?(?:skolen|klassen|familien)"
    r"|(?:på|ud\W+på)\W+(?:nettet|internettet|insta\w*|tiktok|snap\w*|facebook))"
)
_MEDIA = (
    r"(?:billede|billeder|billederne|billedet|fotos?|fotoene|video|videoer|videoen|videoerne|nøgenbilled\w*"
    r"|nudes|pics)"
)
_MADE = r"(?:taget|tog|lavet|lavede|filmet|filmede|optaget|optog)"
_RECENT = (
    r"(?:i\W*dag|i\W*går|i\W*aftes|i\W*morges|i\W*nat|denne\W+uge|i\W+denne\W+uge|sidste\W+uge|for\W+nylig"
    r"|for\W+(?:et\W+par|få)\W+dage\W+siden)"
)
_DAYS = r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|weekenden)"

LEXICON = Lexicon(
    language="da",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"hvis\W+du\W+(?:fortæller|siger)\W+(?:det\W+|noget\W+)?(?:til\W+)?nogen",
            r"trussel\w*|trusl\w*|truede|truet|truer|at\W+true",
            r"afpres\w*|sextortion|sextorsion",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:jeg\W+)?(?:sender|deler|lægger\W+ud|lægger|poster|viser|spreder|offentliggør|vil\W+sende"
            r"|kommer\W+til\W+at\W+(?:sende|dele|vise)|skal\W+nok\W+(?:sende|dele|vise))\W+~{0,4}?(?:"
            + _AUDIENCE
            + r"|dine\W+"
            + _MEDIA
            + ")",
            r"alle\W+(?:kommer\W+til\W+at|skal|får)\W+~{0,2}?(?:se|vide)",
            r"hvis\W+du\W+~{0,2}?(?:ikke|ik)\W+~{0,3}?(?:betaler|sender|overfører|gør|svarer|adlyder|mobilepayer)",
            r"ellers\W+~{0,4}?(?:" + _AUDIENCE + "|" + _MEDIA + r"|alle)",
            r"(?:betal|overfør|mobilepay)\w*\W+~{0,5}?(?:eller|ellers)\W+(?:jeg|alle|så)",
            r"du\W+har\W+(?:\d{1,3}|en|et|to|tre|fireogtyve)\W*(?:timer|time|t|minutter|min|dage|dag)\W+"
            r"(?:til\W+at|til|inden|ellers)",
            r"ultimatum",
            r"(?:jeg\W+)?(?:skal\W+nok\W+)?ødelægge?r?\W+dit\W+liv",
            r"jeg\W+ved\W+hvor\W+du\W+bor|jeg\W+kender\W+din\W+adresse",
            r"jeg\W+(?:slår|vil\W+slå|skal\W+nok\W+slå)\W+dig\W+ihjel",
            r"du\W+kommer\W+til\W+at\W+fortryde",
            r"(?:krævede|kræver|krævet)\W+~{0,3}?(?:penge|betaling|løsesum|mobilepay)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"ikke\W+lyst\W+til\W+at\W+leve",
            r"vil\W+~{0,2}?ikke\W+vågne\W+(?:op\W+)?(?:igen|mere)",
            r"selvmord\w*|suicid\w*|selvskad\w*",
            r"(?:skære|skærer|skar)\W+i\W+mig\W+selv|skade\w*\W+(?:mig|sig)\W+selv|gøre\W+mig\W+selv\W+fortræd",
            r"jeg\W+vil\W+(?:bare\W+|helst\W+)?dø",
            r"vil\W+ikke\W+leve\W+(?:mere|længere)",
            r"orker\W+ikke\W+at\W+leve|(?:jeg\W+)?(?:orker|kan)\W+ikke\W+(?:mere|længere)(?=\s*(?:[.!?,;]|$))",
            r"kan\W+ikke\W+klare\W+det\W+mere",
            r"tage\W+(?:mit|sit)\W+(?:eget\W+)?liv|tog\W+sit\W+(?:eget\W+)?liv",
            r"slå\W+(?:mig|sig)\W+selv\W+ihjel|slår\W+(?:jeg\W+)?mig\W+selv\W+ihjel",
            r"gøre\W+en\W+ende\W+på\W+(?:det|mit\W+liv|sit\W+liv)",
            r"ingen\W+ville\W+savne\W+mig|bedre\W+uden\W+mig",
            r"hoppe\W+(?:ud\W+foran|ud\W+fra|ned\W+fra)\W+(?:et\W+tog|toget|broen|en\W+bro|taget)",
            r"selvmordstanker|overdosis",
        ),
        CueKind.planned_meeting: _f(
            r"(?:tog|bus|fly)billet\w*\W+~{0,2}?til\W+dig",
            r"(?:skal|kan|vil|bør|skulle)\W+(?:vi|du)\W+~{0,2}?(?:mødes|ses|møde\W+mig)",
            r"vi\W+(?:kan|skal|bør|kunne)\W+(?:mødes|ses)",
            r"møde\W+(?:dig|hende|ham|barnet|pigen|drengen)\b|mødes\W+(?:på|ved|i)\W+",
            r"vi\W+ses\W+~{0,2}?(?:på\W+(?:stationen|"
            + _DAYS
            + r")|ved\W+(?:stationen|stoppestedet|skolen))",
            r"(?:jeg\W+)?(?:henter|kommer\W+og\W+henter)\W+dig",
            r"jeg\W+kommer\W+~{0,2}?(?:til\W+din\W+by|til\W+dig|hjem\W+til\W+dig)",
            r"jeg\W+venter\W+~{0,2}?(?:ved|på|uden\W+for)\W+(?:stationen|stoppestedet|din\W+skole|skolen)",
            r"kom\W+hjem\W+til\W+mig",
            r"hvor\W+bor\W+du|din\W+adresse(?!\W+(?:på\W+)?(?:mail|e-mail))",
            r"hotelværelse\w*|book\w*\W+~?(?:et\W+)?hotel",
            r"(?:foreslog|ville|planlagde|aftalte)\W+~{0,3}?(?:at\W+)?(?:mødes|ses|et\W+møde|møde\W+(?:hende|ham"
            r"|barnet|pigen|drengen))",
            r"(?:mødes|ses)\W+(?:i\W+virkeligheden|i\W+det\W+virkelige\W+liv|rigtigt|irl)",
            r"(?:et\W+)?(?:fysisk\W+)?møde\W+med\W+(?:barnet|pigen|drengen|forurettede)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:hans|hendes|sin|sit)\W+(?:egen\W+|eget\W+)?(?:datter|søn|steddatter|stedsøn|barnebarn|elev"
            r"|plejebarn|plejedatter|plejesøn|niece|nevø)",
            r"(?:hans|hendes|sine)\W+(?:egne\W+)?(?:døtre|sønner|børn|elever|børnebørn|stedbørn|plejebørn)",
            r"(?:min|mit)\W+(?:egen\W+|eget\W+)?(?:datter|søn|steddatter|stedsøn|barnebarn|elev|plejebarn)\b"
            r"|mine\W+(?:egne\W+)?(?:børn|døtre|sønner|elever)",
            r"(?:jeg\W+)?har\W+(?:selv\W+|også\W+){0,2}(?:en\W+datter|en\W+søn|to\W+børn|egne\W+børn)",
            r"sted(?:far|faren|faderen|mor|moren|bror)\b|papfar\w*|bonusfar\w*",
            r"(?:mors|morens|hendes\W+mors)\W+(?:kæreste|samlever)",
            r"(?:far|faren|morbror|farbror|morfar|farfar|stedfar|fætter|bror|mor|moster|faster)\W+til\W+"
            r"(?:barnet|pigen|drengen|offeret|forurettede)",
            r"(?:barnets|pigens|drengens)\W+(?:far|stedfar|morbror|farbror|morfar|farfar|fætter)",
            r"(?:som|er|var|arbejder\W+som)\W+(?:en\W+)?(?:\w+\W+)?(?:lærer|lærerinde|pædagog\w*|træner|coach"
            r"|babysitter|barnepige|dagplejer|dagplejemor|spejderleder|præst|børnelæge|svømmelærer"
            r"|fodboldtræner|ungdomstræner|pædagogmedhjælper)",
            r"en\W+(?:lærer|pædagog|træner|babysitter|barnepige|dagplejer|spejderleder|fodboldtræner)",
            r"babysitter\w*|barnepige\w*|dagplejer\w*|babysit\w*",
            r"arbejder\W+~{0,2}?(?:med\W+børn|i\W+en\W+børnehave|i\W+en\W+vuggestue|på\W+en\W+skole|i\W+en\W+sfo"
            r"|i\W+børnehaven)",
            r"adgang\W+til\W+børn",
        ),
        CueKind.very_young_victim: _f(
            r"spædbarn\w*|spædbørn\w*|småbørn\w*|nyfødt\w*|vuggestuebarn\w*|vuggestuebørn\w*|børnehavebarn\w*"
            r"|børnehavebørn\w*|børnehavealder\w*|tumling\w*|(?:har|i|med|går\W+med)\W+ble(?:er|en)?\b",
            r"(?:overgreb\w*|billede\w*|fotos?|video\w*|offeret|viser|ses)\W+~{0,3}?(?:baby|babyer|babyen)\b",
            r"(?P<age>\d{1,2})\W*år\W+gammel\w*",
            r"(?P<age>\d{1,2})\W*-?\W*årig\w*",
            r"(?:pige|pigen|dreng|drengen|barn|barnet|offeret|datter|søn|baby)\W+på\W+(?:ca\W+|cirka\W+|kun\W+)?"
            r"(?P<age>\d{1,2})\W+år\b",
            r"(?:et|to|tre|fire|fem)\W*årig\w*|(?:et|to|tre|fire|fem)\W+år\W+gammel\w*",
            r"\d{1,2}\W+måneder\W+gammel\w*",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:filmet|filmede|optog)\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:filmet|filmede|optog)",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"friske\W+" + _MEDIA,
            r"overgreb\w*\W+~{0,2}?(?:stadig|fortsætter|pågår|igangværende)|igangværende\W+overgreb",
        ),
        CueKind.live_streaming: _f(
            r"livestream\w*|live\W*stream\w*",
            r"videoopkald\w*|videochat\w*|video\W*call\w*|facetime\w*|webcam\w*|webkamera\w*",
            r"tænd\w*\W+(?:for\W+)?(?:dit\W+)?(?:kamera\w*|cam\w*|webcam\w*)",
            r"(?:sendt|sendes|transmitteret|vist)\W+live|live\W+(?:via|over|foran\W+kameraet)",
            r"over\W+(?:skype|video)\b",
        ),
        CueKind.payment_or_exchange: _f(
            r"i\W+bytte\W+for|som\W+tak\W+for|mod\W+betaling",
            r"gavekort\w*|gift\W*cards?",
            r"(?:amazon|steam|google\W*play|itunes|apple|psn|xbox|playstation|nintendo)\W*(?:gavekort\w*|kort\w*"
            r"|kode\w*)",
            r"paysafe\w*|robux|v-bucks|vbucks|paypal|bitcoin\w*|(?:jeg\W+)?mobilepay\w*\W+(?:dig|til\W+dig)",
            r"jeg\W+betaler\W+dig\b(?!\W+~{0,4}?tilbage)|jeg\W+giver\W+dig\W+(?:penge|\d+)",
            r"betal\w*\W+~{0,2}?for\W+(?:dine\W+|de\W+|et\W+)?" + _MEDIA,
            r"\d+\W*(?:kr|kroner)\W+(?:for|per|pr)\W+(?:et\W+|hvert\W+|en\W+)?" + _MEDIA,
            r"jeg\W+køber\W+~{0,2}?(?:mobil|telefon|iphone|tøj|gave\w*|spil)\W+til\W+dig",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"din\W+(?:lille|yngre)\W+(?:søster|bror|kusine|fætter)|din\W+(?:lillesøster|lillebror)",
            r"tag\W+(?:din\W+)?(?:søster|lillesøster|bror|lillebror|veninde|ven|kusine)\W+med",
            # a child made to abuse a sibling or another child
            r"(?:røre\W+ved|beføle|misbruge|klæde\W+\w+\W+af|filme|forgribe\W+sig\W+på)\W+(?:sin|hendes|hans"
            r"|et\W+andet)\W+(?:lille\W+|yngre\W+)?(?:søster|bror|lillesøster|lillebror|kusine|fætter|barn)",
            r"(?:søster|bror|lillesøster|lillebror|andet\W+barn|andre\W+børn)\W+~{0,2}?(?:at\W+)?(?:røre\W+ved"
            r"|beføle|misbruge)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"men", r"dog", r"ellers", r"alligevel"),
    look_alikes={
        CueKind.self_harm_or_suicide: _f(
            r"(?:dør|døde|dø)\W+(?:af|af\W+ren)\W+(?:grin|kedsomhed|varme|sult|skam)",
            r"grine\w*\W+mig\W+ihjel|griner\W+mig\W+ihjel|jeg\W+vil\W+dø\W+af\W+skam",
            r"(?:varmen|skolen|lektierne)\W+(?:slår|tager\W+livet\W+af)\W+mig",
        ),
        CueKind.planned_meeting: _f(
            r"(?:rart|hyggeligt|dejligt|godt)\W+at\W+(?:møde\W+dig|mødes|ses)",
            r"din\W+(?:mail|e-mail)adresse",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:lærer|lærerinde|læreren)\W+~{0,3}?(?:lektie\w*|prøve\w*|karakter\w*|stil)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!\bp\w\s)(?<!\bi\s)(?:telefonen|mobilen|kontoen|profilen|bilen|computeren|aftalen|huset|billedet"
            r"|fotoet|videoen)\W+(?:er|var)\W+(?:allerede\W+|kun\W+)?(?:\d{1,2}|et|to|tre|fire|fem)\W+(?:år|måneder)\W+"
            r"gammel\w*",
        ),
        CueKind.live_streaming: _f(
            r"live\W*stream\w*\W+~{0,2}?(?:kamp\w*|koncert\w*|gudstjeneste\w*|fodbold\w*|løb\w*|turnering\w*)",
        ),
    },
)
