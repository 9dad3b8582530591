"""Swedish (sv) text cues.

Covers chat Swedish ("om du inte swishar skickar jag bilderna till dina föräldrar", "ska vi ses", "jag
hämtar dig", "jag orkar inte mer") and the register of police and provider summaries ("hotade att sprida
bilderna", "uttryckte självmordstankar", "barnets styvpappa"). å, ä and ö also match the bare vowel and
ae/oe, as typed on foreign keyboards.

Known limits: "vi ses" counts only with a day or a place, as it is also a goodbye; "hot" alone is not a
cue (English "hot" is common in Swedish chat), only the verb and "ett hot"; "bebis" counts only next to
abuse or image words; a teacher or coach must be tied to the offender ("är lärare", "en tränare"), the
child's own "min lärare" is not a cue.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans({"å": "(?:å|aa|a)", "ä": "(?:ä|ae|a)", "ö": "(?:ö|oe|o)", "é": "[ée]"})
_NEGATIONS = (
    r"(?<!oroa\Wdig\W)inte",
    r"aldrig",
    r"ingen(?!\W+(?:fara|orsak|panik|aning))",
    r"inget",
    r"inga",
    r"ej",
    r"icke",
    r"utan",
    r"varken",
)
# "~": one word that is not a negation; å, ä, ö also matching their keyboard substitutes.
_f = pattern_maker(_NEGATIONS, _FOLD)


_AUDIENCE = (
    r"(?:(?:till\W+)?(?:dina|din|ditt)\W+(?:föräldrar|mamma|pappa|familj|vänner|kompisar|skola|klass"
    r"|klasskompisar|lärare|kontakter|följare|syskon)"
    r"|(?:till\W+)?alla\W+(?:dina\W+)?(?:vänner|kompisar|kontakter|följare|klasskompisar)"
    r"|(?:till\W+)?hela\W+(?:din\W+)?(?:skolan|klassen|familjen)"
    r"|(?:på|ut\W+på)\W+(?:nätet|internet|insta\w*|tiktok|snap\w*|facebook))"
)
_MEDIA = (
    r"(?:bild|bilder|bilderna|bilden|foto|foton|fotona|video|videor|videos|videon|videorna|filmer|filmerna"
    r"|nakenbild\w*|nudes|pics)"
)
_MADE = r"(?:tagna|tagit|tog|tagen|gjorde|gjort|gjorda|filmad\w*|filmade|inspelad\w*|spelades\W+in)"
_RECENT = (
    r"(?:idag|i\W+dag|igår|i\W+går|igårkväll|i\W+går\W+kväll|i\W+morse|i\W+natt|den\W+här\W+veckan|denna\W+vecka"
    r"|förra\W+veckan|nyligen|för\W+(?:några|ett\W+par)\W+dagar\W+sedan)"
)
_DAYS = r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|helgen)"

LEXICON = Lexicon(
    language="sv",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"om\W+du\W+(?:berättar|säger\W+(?:det|något))\W+(?:det\W+)?(?:för|till)\W+någon",
            r"hota\w*|hotade|hotat\w*|hotelse\w*|hotfull\w*|hotet|hoten|(?:ett|olaga)\W+hot",
            r"utpress\w*|sextortion|sextorsion",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:jag\W+)?(?:skickar|sprider|lägger\W+ut|publicerar|visar|postar|delar|kommer\W+att\W+(?:skicka|sprida"
            r"|lägga\W+ut|visa|dela)|ska\W+(?:skicka|sprida|lägga\W+ut|visa|dela))\W+~{0,4}?(?:"
            + _AUDIENCE
            + r"|dina\W+"
            + _MEDIA
            + ")",
            r"alla\W+(?:kommer\W+att|ska|får)\W+~{0,2}?(?:se|veta)",
            r"om\W+du\W+~{0,2}?(?:inte|ej)\W+~{0,3}?(?:betalar|skickar|swishar|gör|svarar|lyder|för\W+över)",
            r"annars\W+~{0,4}?(?:" + _AUDIENCE + "|" + _MEDIA + r"|alla)",
            r"(?:betala|swisha)\w*\W+~{0,5}?(?:eller|annars)\W+(?:jag|alla|så)",
            r"du\W+har\W+(?:\d{1,3}|en|ett|två|tre|tjugofyra)\W*(?:timmar|timme|h|minuter|min|dagar|dag)\W+"
            r"(?:på\W+dig|att|innan|annars)",
            r"ultimatum",
            r"(?:jag\W+)?(?:ska\W+)?förstör\w*\W+ditt\W+liv",
            r"jag\W+vet\W+var\W+du\W+bor|jag\W+vet\W+din\W+adress",
            r"jag\W+(?:ska\W+)?(?:döda|dödar|slå\W+ihjäl|slår\W+ihjäl)\W+dig",
            r"du\W+kommer\W+(?:att\W+)?ångra\W+dig",
            r"(?:krävde|kräver|krävt|krävs)\W+~{0,3}?(?:pengar|betalning|lösen\w*|swish)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"ingen\W+lust\W+(?:att\W+)?leva",
            r"vill\W+~{0,2}?inte\W+vakna\W+(?:mer|igen)",
            r"självmord\w*|suicid\w*|självskad\w*",
            r"(?:skadar|skada|skadade)\W+(?:mig|sig)\W+själv|(?:skära|skär|skar)\W+mig(?:\W+själv)?(?!\W+(?:i\W+fingret"
            r"|på))",
            r"jag\W+vill\W+(?:bara\W+|helst\W+)?dö",
            r"vill\W+inte\W+leva\W+(?:längre|mer)",
            r"orkar\W+inte\W+leva|(?:jag\W+)?orkar\W+inte\W+(?:mer|längre)(?=\s*(?:[.!?,;]|$))",
            r"ta\W+livet\W+av\W+(?:mig|sig)|tar\W+(?:jag\W+)?livet\W+av\W+mig|tog\W+livet\W+av\W+sig",
            r"ta\W+mitt\W+(?:eget\W+)?liv|ta\W+sitt\W+(?:eget\W+)?liv",
            r"avsluta\W+(?:mitt\W+liv|allt)",
            r"ingen\W+skulle\W+sakna\W+mig|bättre\W+utan\W+mig",
            r"hoppa\W+(?:framför|från)\W+(?:tåget|bron|ett\W+tåg|en\W+bro|taket)",
            r"självmordstankar|överdos\w*",
        ),
        CueKind.planned_meeting: _f(
            r"(?:tåg|buss|flyg)biljett\w*\W+~{0,2}?(?:till\W+dig|åt\W+dig)",
            r"(?:ska|kan|vill|borde|får|skulle)\W+(?:vi|du)\W+~{0,2}?(?:ses|träffas|mötas|träffa\W+mig)",
            r"vi\W+(?:kan|ska|borde|skulle\W+kunna)\W+(?:ses|träffas|mötas)",
            r"träffa\W+(?:dig|henne|honom|barnet|flickan|pojken)\b|träffas\W+(?:på|vid|i)\W+",
            r"vi\W+ses\W+~{0,2}?(?:på\W+(?:stationen|"
            + _DAYS
            + r")|vid\W+(?:stationen|busshållplatsen|skolan))",
            r"(?:jag\W+)?(?:hämtar|kommer\W+och\W+hämtar)\W+dig",
            r"jag\W+kommer\W+~{0,2}?(?:till\W+din\W+stad|till\W+dig|hem\W+till\W+dig)",
            r"jag\W+väntar\W+~{0,2}?(?:vid|på|utanför)\W+(?:stationen|busshållplatsen|din\W+skola|skolan)",
            r"kom\W+hem\W+till\W+mig",
            r"var\W+bor\W+du|din\W+adress(?!\W+(?:på\W+)?(?:mejl|mail|e-post))",
            r"hotellrum\w*|boka\w*\W+~?(?:ett\W+)?hotell",
            r"(?:föreslog|ville|planerade|bestämde)\W+~{0,3}?(?:att\W+)?(?:träffas|ses|mötas|ett\W+möte|en\W+träff"
            r"|träffa\W+(?:henne|honom|barnet|flickan|pojken))",
            r"(?:träffas|ses|mötas)\W+(?:på\W+riktigt|i\W+verkligheten|irl)",
            r"(?:en|ett)\W+(?:fysisk\W+|fysiskt\W+)?(?:träff|möte)\W+med\W+(?:barnet|flickan|pojken|målsäganden)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:hans|hennes|sin|sitt)\W+(?:egen\W+|eget\W+)?(?:dotter|son|styvdotter|styvson|styvbarn|barnbarn"
            r"|elev|fosterbarn|fosterdotter|fosterson|brorsdotter|systerdotter|brorson|systerson)",
            r"(?:hans|hennes|sina)\W+(?:egna\W+)?(?:döttrar|söner|barn|elever|barnbarn|styvbarn|fosterbarn)",
            r"(?:min|mitt)\W+(?:egen\W+|eget\W+)?(?:dotter|son|styvdotter|styvson|barnbarn|elev|fosterbarn)\b"
            r"|mina\W+(?:egna\W+)?(?:barn|döttrar|söner|elever)",
            r"(?:jag\W+)?har\W+(?:själv\W+|också\W+){0,2}(?:en\W+dotter|en\W+son|två\W+barn|egna\W+barn)",
            r"styv(?:pappa|far|fadern|pappan|mor|mamma|bror)\b|bonuspappa\w*",
            r"(?:mammas|mamans|hennes\W+mammas)\W+(?:pojkvän|kille|sambo)",
            r"(?:pappa|far|fadern|morbror|farbror|morfar|farfar|styvpappa|kusin|bror|mamma|moster|faster)\W+till\W+"
            r"(?:barnet|flickan|pojken|offret|målsäganden)",
            r"(?:barnets|flickans|pojkens)\W+(?:pappa|far|styvpappa|styvfar|morbror|farbror|morfar|farfar|kusin)",
            r"(?:som|är|var|jobbar\W+som|arbetar\W+som)\W+(?:en\W+)?(?:\w+\W+)?(?:lärare|lärarinna|förskollärare"
            r"|fritidsledare|tränare|coach|barnvakt|barnskötare|dagmamma|scoutledare|präst|barnläkare|simlärare"
            r"|fotbollstränare|ungdomsledare|elevassistent|idrottslärare)",
            r"en\W+(?:lärare|förskollärare|fritidsledare|tränare|barnvakt|barnskötare|dagmamma|scoutledare"
            r"|fotbollstränare|ungdomsledare)",
            r"barnvakt\w*|dagmamma\w*",
            r"(?:jobbar|arbetar)\W+~{0,2}?(?:med\W+barn|på\W+(?:en\W+)?förskola|på\W+(?:en\W+)?skola|på\W+fritids"
            r"|inom\W+barnomsorgen)",
            r"tillgång\W+till\W+barn",
        ),
        CueKind.very_young_victim: _f(
            r"spädbarn\w*|småbarn\w*|nyfödd\w*|(?:har|hade|bär|i)\W+blöj\w*|blöjålder\w*|förskolebarn\w*"
            r"|förskoleålder\w*",
            r"(?:övergrepp\w*|bilder\w*|foton\w*|video\w*|filmer\w*|offret|visar|syns)\W+~{0,3}?bebis\w*",
            r"(?P<age>\d{1,2})\W*år\W+gamm\w*",
            r"(?P<age>\d{1,2})\W*-?\W*årig\w*",
            r"(?P<age>\d{1,2})\W*års\W+ålder",
            r"(?:flicka|flickan|pojke|pojken|barn|barnet|offret|dotter|son|bebis)\W+på\W+(?:ca\W+|cirka\W+|bara\W+)?"
            r"(?P<age>\d{1,2})\W+år\b",
            r"(?:ett|två|tre|fyra|fem)\W*årig\w*|(?:ett|två|tre|fyra|fem)\W+år\W+gamm\w*",
            r"\d{1,2}\W+månader\W+gamm\w*",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:filmad\w*|filmade|inspelad\w*|spelades\W+in|spelade\W+in)\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:filmad\w*|filmade|inspelad\w*|spelades\W+in|spelade\W+in)",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"färska\W+" + _MEDIA,
            r"övergrepp\w*\W+~{0,2}?(?:pågår|pågående|fortsätter|fortfarande)|pågående\W+övergrepp",
        ),
        CueKind.live_streaming: _f(
            r"livestream\w*|live\W*stream\w*|livesänd\w*",
            r"videosamtal\w*|videochatt\w*|video\W*call\w*|facetime\w*|webbkamera\w*|webcam\w*",
            r"(?:sätt|slå)\W+på\W+(?:din\W+)?(?:kamera\w*|cam\w*|webbkamera\w*)",
            r"direktsänd\w*|sändes\W+live|live\W+(?:via|framför\W+kameran)",
            r"över\W+(?:skype|video)\b",
        ),
        CueKind.payment_or_exchange: _f(
            r"i\W+utbyte\W+mot|som\W+tack\W+för|mot\W+betalning",
            r"presentkort\w*|gift\W*cards?",
            r"(?:amazon|steam|google\W*play|itunes|apple|psn|xbox|playstation|nintendo)\W*(?:presentkort\w*|kort\w*"
            r"|kod\w*)",
            r"paysafe\w*|robux|v-bucks|vbucks|paypal|bitcoin\w*|(?:jag\W+)?(?:swishar|swishade)\W+(?:dig|till\W+dig)",
            r"jag\W+betalar\W+dig|jag\W+ger\W+dig\W+(?:pengar|\d+)",
            r"betala\w*\W+~{0,2}?för\W+(?:dina\W+|de\W+|en\W+)?" + _MEDIA,
            r"\d+\W*(?:kr|kronor|spänn)\W+(?:för|per)\W+(?:en\W+|ett\W+|varje\W+)?" + _MEDIA,
            r"jag\W+köper\W+~{0,2}?(?:mobil|telefon|iphone|kläder|present\w*|spel)\W+(?:till|åt)\W+dig",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"din\W+(?:lilla|yngre)\W+(?:syster|bror|kusin)|din\W+(?:lillasyster|lillebror|lillasyrra)",
            r"ta\W+med\W+(?:dig\W+)?(?:din\W+)?(?:syster|lillasyster|bror|lillebror|kompis|väninna|kusin)",
            # a child made to abuse a sibling or another child
            r"(?:syster|bror|lillasyster|lillebror|kusin|annat\W+barn|andra\W+barn)\W+~{0,2}?(?:att\W+)?(?:röra\W+vid"
            r"|röra|ta\W+på|förgripa|förgrep|klä\W+av|filma)",
            r"(?:röra\W+vid|röra|ta\W+på|förgripa\W+sig\W+på|klä\W+av|filma)\W+(?:sin|hennes|hans|ett\W+annat)\W+"
            r"(?:lilla\W+|yngre\W+)?(?:syster|bror|lillasyster|lillebror|kusin|barn)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"men", r"dock", r"annars", r"fast", r"ändå"),
    look_alikes={
        CueKind.self_harm_or_suicide: _f(
            r"(?:dör|dog|döende)\W+(?:av|på)\W+(?:skratt|tristess|värmen|hunger|skam)",
            r"skratta\w*\W+ihjäl|jag\W+vill\W+dö\W+av\W+skam",
            r"(?:värmen|plugget|skolan)\W+(?:dödar|tar\W+livet\W+av)\W+mig",
        ),
        CueKind.planned_meeting: _f(
            r"(?:kul|trevligt|roligt)\W+att\W+(?:träffas|träffa\W+dig|ses)",
            r"din\W+(?:mejl|mail|e-post)adress",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:lärare|lärarinna|fröken)\W+~{0,3}?(?:läxa|läxor|prov|betyg|glosor)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!\bp\w\s)(?<!\bi\s)(?:telefonen|mobilen|kontot|profilen|bilen|datorn|avtalet|huset|bilden|fotot|videon)"
            r"\W+(?:är|var)\W+(?:redan\W+|bara\W+)?(?:\d{1,2}|ett|två|tre|fyra|fem)\W+(?:år|månader)\W+gamm\w*",
        ),
        CueKind.live_streaming: _f(
            r"live\W*stream\w*\W+~{0,2}?(?:match\w*|konsert\w*|gudstjänst\w*|fotboll\w*|lopp\w*|turnering\w*)",
        ),
    },
)
