"""Hungarian (hu) text cues.

Covers chat Hungarian ("ha nem fizetsz, elküldöm a képeidet a szüleidnek", "találkozzunk szombaton",
"érted megyek", "nem akarok tovább élni") and the register of police and provider summaries ("azzal
fenyegette, hogy nyilvánosságra hozza a felvételeket", "öngyilkossági gondolatokat fogalmazott meg", "a
sértett mostohaapja"). Hungarian is agglutinative, so words are matched on their stems with the case and
possessive endings that matter ("húgod", "szüleidnek", "lányát"); accented vowels also match their bare
spelling (ő and ű also ö/ü and o/u), as chat users often type without them.

Known limits: "baba" and "kisbaba" count only next to abuse or image words (they are also terms of
endearment); "tanár" and "edző" need a tie to the offender ("tanár vagyok", "edzőként dolgozik", "egy
edző"), the child's own "a tanárom" is not a cue; "találkozunk" (also "see you") counts only with a day
or a place; possessed kinship nouns ("lánya", "fiát") also fire when a reporting parent speaks of their
own child.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans(
    {
        "á": "[áa]",
        "é": "[ée]",
        "í": "[íi]",
        "ó": "[óo]",
        "ö": "[öo]",
        "ő": "[őöo]",
        "ú": "[úu]",
        "ü": "[üu]",
        "ű": "[űüu]",
    }
)
_NEGATIONS = (
    r"nem(?!\W+(?:baj|gond|probléma|tudom\W+kivárni|bírom\W+kivárni))",
    r"ne(?!\W+(?:aggódj|izgulj|félj|aggódjál))",
    r"soha|sosem|sohasem|sose",
    r"semmi\w*",
    r"senki\w*",
    r"sem|se",
    r"nincs\w*",
)
# "~": one word that is not a negation; accented vowels also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


# "a szüleidnek", "anyukádnak", "az osztálytársaidnak", "mindenkinek", "az egész iskolának", "a netre"
_AUDIENCE = (
    r"(?:szüleid\w*|any(?:u|uk)?ád\w*|ap(?:u|uk)?ád\w*|családod\w*|barátaid\w*|barátnőid\w*|haverjaid\w*"
    r"|osztálytársaid\w*|iskolád\w*|sulid\w*|osztályod\w*|tanáraid\w*|ismerőseid\w*|követőid\w*|nagyszüleid\w*"
    r"|testvéreid\w*|mindenkinek|mindenkihez"
    r"|az\W+egész\W+(?:iskolá\w*|sulinak|suliba|osztály\w*|családnak)"
    r"|(?:fel\W+)?(?:az\W+)?(?:internetre|netre|insta\w*|facebookra|tiktokra|csoportba))"
)
_MEDIA = (
    r"(?:kép(?:ek\w*|et|ei\w*|ed\w*|ről|re|pel)?|fotó\w*|videó\w*|video\w*|felvétel(?:ek\w*|t|eid\w*|ed\w*)?"
    r"|meztelen\W+kép\w*|nudes?)"
)
_MADE = r"(?:készült\w*|készítettem|készítette|csináltam|csinálta|felvett\w*|forgatott|lefotóz\w*|felvéve)"
_RECENT = (
    r"(?:ma|tegnap|tegnapelőtt|tegnap\W+este|ma\W+reggel|ezen\W+a\W+héten|a\W+héten|múlt\W+héten|nemrég"
    r"|nemrégiben|pár\W+napja|néhány\W+napja|az\W+éjjel)"
)
_DAYS = r"(?:hétfőn|kedden|szerdán|csütörtökön|pénteken|szombaton|vasárnap|hétvégén)"
_JOB = (
    r"(?:tanár|tanító|óvónő|óvóbácsi|óvodapedagógus|edző|bébiszitter|nevelő|oktató|pedagógus|gyerekorvos"
    r"|hitoktató|cserkészvezető|táborvezető|korrepetitor|dadus|dajka|lelkész)"
)

LEXICON = Lexicon(
    language="hu",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"ha\W+(?:bárkinek|valakinek)\W+(?:el\W*mondod|elmondod|szólsz|elárulod|beszélsz)",
            r"(?:meg)?fenyeget\w*|fenyegetőz\w*",
            r"(?:meg|ki)?zsarol\w*|sextortion|szextorzió\w*",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            _AUDIENCE + r"\W+~{0,3}?" + _MEDIA,
            r"(?:(?:el|szét|tovább)?küldöm|küldöm\W+el|megmutatom|mutatom\W+meg|kiteszem|teszem\W+ki|feltöltöm"
            r"|töltöm\W+fel|közzéteszem|megosztom|osztom\W+meg|kirakom|rakom\W+ki|terjesztem)\W+~{0,4}?(?:"
            + _AUDIENCE
            + "|"
            + _MEDIA
            + ")",
            r"mindenki\W+(?:látni\W+fogja|meg\W+fogja\W+látni|látja\W+majd|tudni\W+fog|meg\W+fogja\W+tudni"
            r"|látni\W+fog)",
            r"ha\W+nem\W+~{0,2}?(?:fizetsz|fizeted|küldesz|küldöd|utalsz|utalod|csinálod|teszed|válaszolsz|adsz)",
            r"(?:fizess|utalj|küldd?\W+a\W+pénzt)\w*\W+~{0,5}?(?:vagy|különben)\b",
            r"különben\W+~{0,4}?(?:" + _AUDIENCE + r"|mindenki|elküldöm|kiteszem|megmutatom|feltöltöm)",
            r"(?:\d{1,3}|egy|két|három|huszonnégy)\W*(?:órád|perced|napod)\W+(?:van|maradt)",
            r"ultimátum\w*",
            r"tönkreteszem\W+az\W+életed\w*|tönkre\W+teszem\W+az\W+életed\w*",
            r"tudom\W+hol\W+laksz|tudom\W+a\W+címed",
            r"megöllek|kinyírlak|bántani\W+foglak",
            r"meg\W+fogod\W+bánni|megbánod",
            r"(?:pénzt|fizetést|váltságdíjat|összeget)\W+(?:követelt|kért|követel|követelve)|(?:követelt|követel)"
            r"\W+~{0,2}?(?:pénzt|fizetést|összeget)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"nincs\W+(?:már\W+)?kedvem\W+(?:tovább\W+)?élni",
            r"nem\W+akarok\W+(?:többé|már|soha\W+többé)\W+felébredni",
            r"öngyilkos\w*|szuicid\w*|önsért\w*|önsebz\w*|önbántal\w*|falcol\w*",
            r"meg\W+akarok\W+(?:halni|dögleni)|meghalni\W+akarok|szeretnék\W+meghalni|bárcsak\W+meghalnék",
            r"megölöm\W+magam|megölni\W+magam|megöli\W+magát|megölni\W+magát|megölné\W+magát",
            r"vég(?:ez|zek|zett|zen)\w*\W+(?:akar\w*\W+|fog\w*\W+)?(?:magammal|magával)",
            r"véget\W+(?:akar\w*\W+|fog\w*\W+)?vet\w*\W+az\W+életé\w*|eldobom\W+az\W+életem",
            r"nem\W+akarok\W+(?:már\W+|tovább\W+){0,2}élni",
            r"nem\W+bírom\W+(?:már\W+|tovább\W+){0,2}(?=\s*(?:[.!?,;]|$))|nem\W+bírom\W+tovább",
            r"elegem\W+van\W+az\W+életből",
            r"(?:vagdosom|megvágom|bántom)\W+magam|(?:vagdos|bánt)\w*\W+magát|bántani\W+magam",
            r"senkinek\W+sem\W+hiányoznék|jobb\W+lenne\W+nélkülem",
            r"leugrom\W+(?:a\W+hídról|a\W+tetőről|az\W+ablakból)|(?:vonat|kocsi)\W+elé\W+(?:ugrom|vetem\W+magam)",
            r"öngyilkossági\W+gondolat\w*|túladagol\w*",
        ),
        CueKind.planned_meeting: _f(
            r"(?:vonat|busz|repülő)jegy\w*\W+~{0,3}?(?:hogy\W+eljöhess|neked)|veszek\W+neked\W+(?:egy\W+)?(?:vonat|busz|repülő)jegyet",
            r"találkozzunk|találkozhatnánk|találkozhatunk|találkozni|találkozzak|találkozzál|találkoznánk",
            r"találkozunk\W+~{0,2}?(?:"
            + _DAYS
            + r"|az\W+állomáson|a\W+pályaudvaron|a\W+megállóban|a\W+parkban"
            r"|az\W+iskola\W+előtt|a\W+suli\W+előtt)",
            r"személyes\W+találkoz\w*|találkozót\W+~?(?:szervez|javasol|beszél|megbeszél)\w*|találkozót",
            r"elmegyek\W+érted|érted\W+megyek|érted\W+jövök|felveszlek|elviszlek",
            r"elmegyek\W+(?:hozzád|a\W+városodba)|(?:eljövök|elutazom)\W+(?:hozzád|a\W+városodba)|meglátogatlak",
            r"várlak\W+(?:az?\W+)?(?:állomáson|pályaudvaron|megállóban|iskola\W+előtt|suli\W+előtt|parkban)",
            r"gyere\W+(?:át\W+)?hozzám",
            r"(?<!tudom\W)hol\W+laksz|mi\W+a\W+címed|(?<!mail\W)(?<!e-mail\W)címed\b",
            r"hotelszob\w*|szállodai\W+szob\w*|foglal\w*\W+~?(?:egy\W+)?(?:szállodát|hotelt|szobát)",
            r"(?:élőben|személyesen)\W+~?(?:találkoz\w*|látni|megismer\w*)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"cserkészvezető\w*|táborvezető\w*|hitoktató\w*",
            r"saját\W+(?:lány\w*|fi[aá]\w*|gyerek\w*|gyermek\w*|unok\w*|mostoha\w*)",
            r"(?:mostoha|nevelt)?lány(?:át|ával|ának|a|ait)\b",
            r"(?:mostoha|nevelt)?fi(?:át|ával|ának)\b",
            r"gyerek(?:eit|ét|ével|ei)\b|gyermek(?:eit|ét|ével|ei)\b",
            r"unoká(?:ját|jával|ja)\b|unokahúg\w*|unokaöcs\w*|tanítvány\w*|növendék\w*",
            r"van\W+(?:nekem\W+)?(?:is\W+)?(?:egy\W+)?(?:lányom|fiam|gyerekem|gyerekeim)|(?:lányom|fiam|gyerekem)"
            r"\W+(?:is\W+)?van",
            r"mostohaap\w*|nevelőap\w*|mostohaany\w*",
            r"(?:anyja|anyukája|édesanyja)\W+(?:barátja|élettársa|párja)",
            r"(?:gyermek|gyerek|kislány|kisfiú|áldozat|sértett|lány|fiú)\w*\W+(?:apja|nagybátyja|nagyapja"
            r"|mostohaapja|unokatestvére|bátyja|anyja|nagynénje)",
            r"(?:nagybátyja|nagyapja)\b",
            _JOB + r"\W+(?:vagyok|volt|vagy|lesz)\b|" + _JOB + r"ként|egy\W+~{0,2}?" + _JOB + r"\w*",
            r"bébiszitter\w*|dadus\w*|óvónő\w*|óvóbácsi\w*",
            r"dolgozik\W+~{0,2}?(?:gyerekekkel|óvodában|iskolában|bölcsődében|táborban)|(?:gyerekekkel|óvodában"
            r"|iskolában|bölcsődében|táborban)\W+dolgozik",
            r"hozzáfér\w*\W+(?:a\W+)?gyerekekhez",
        ),
        CueKind.very_young_victim: _f(
            r"csecsemő\w*|újszülött\w*|totyogó\w*|kisded\w*|pelenkás\w*|pelenkában|óvodás\w*|bölcsődés\w*",
            r"(?:bántalmaz\w*|kép\w*|fotó\w*|videó\w*|felvétel\w*|áldozat\w*|látható)\W+~{0,3}?kisbab\w*",
            r"(?P<age>\d{1,2})\W*(?:éves|évest|évesek|évesen|évesnek)\b",
            r"(?:egy|két|három|négy|öt)\W*éves(?:|t|ek|en|nek)\b",
            r"\d{1,2}\W*hónapos\w*",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:készült\w*|felvett\w*|forgatott|lefotóz\w*|felvéve|készítette)\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:készült\w*|felvett\w*|forgatott|lefotóz\w*|vette\W+fel)",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"friss\W+(?:kép\w*|fotó\w*|videó\w*|video\w*|felvétel\w*)",
            r"(?:még\W+mindig|továbbra\W+is|folyamatosan)\W+~{0,2}?(?:bántal\w*|zaklat\w*|abuzál\w*)",
        ),
        CueKind.live_streaming: _f(
            r"élő\W*(?:adás\w*|közvetítés\w*|stream\w*|videó\w*)|élőben\W+(?:közvetít\w*|mutat\w*|stream\w*)",
            r"live\W*stream\w*|livestream\w*",
            r"videóhívás\w*|video\W*chat\w*|videócset\w*|videocsevegés\w*|webkamer\w*|webcam\w*|facetime",
            r"(?:kapcsold|kapcsolod|kapcsolja)\W+be\W+a\W+kamerá\w*|bekapcsol\w*\W+a\W+kamerá\w*",
            r"kamerán\W+keresztül|skype-on|skypeon",
        ),
        CueKind.payment_or_exchange: _f(
            r"cserébe|fejében",
            r"ajándékkártyá\w*|ajándékutalvány\w*|gift\W*card\w*",
            r"(?:amazon|steam|google\W*play|psn|xbox|paysafe\w*)\W*(?:kód\w*|kártyá\w*|kártya|utalvány\w*)",
            r"paysafe\w*|robux\w*|v-bucks|vbucks|paypal\w*|revolut\w*|bitcoin\w*|feltöltőkártyá\w*"
            r"|egyenlegfeltöltés\w*",
            r"fizetek\W+(?:neked|érte|\d+)|kifizetlek|adok\W+(?:neked\W+)?(?:pénzt|\d+)|utalok\W+(?:neked|\d+)",
            r"veszek\W+neked\W+~?(?:telefont|iphone\w*|ruhát|ajándékot|játékot|konzolt)",
            r"\d+\W*(?:ft|forint\w*|huf|euró\w*)\W+~{0,2}?(?:képért|fotóért|videóért|képenként)",
            r"(?:képért|fotóért|videóért|képekért)\W+~{0,2}?(?:fizet\w*|\d+|pénzt)",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend ("húg", "öcs" are younger)
            r"(?:kis)?húgod\w*|(?:kis)?öcséd\w*|kisöcséd\w*|kistestvéred\w*",
            r"hozd\W+el\W+(?:a\W+)?(?:húgodat|barátnődet|öcsédet|testvéredet|unokatestvéredet)",
            # a child made to abuse a sibling or another child
            r"(?:húgát|öccsét|húga|öccse|testvérét|kistestvérét|egy\W+másik\W+gyereket|más\W+gyerekeket)\W+~{0,2}?"
            r"(?:megérinteni|megérintse|fogdos\w*|bántalmaz\w*|levetkőztet\w*|molesztál\w*|lefilmez\w*)",
            r"(?:megérint|fogdos|bántalmaz|molesztál|levetkőztet)\w*\W+(?:a\W+)?(?:saját\W+)?(?:húgát|öccsét"
            r"|testvérét|kistestvérét|egy\W+másik\W+gyereket)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"de", r"hanem", r"viszont", r"azonban", r"mégis", r"különben"),
    look_alikes={
        CueKind.self_harm_or_suicide: _f(
            r"(?:meghalok|meghaltam|megdöglök|meg\W+akarok\W+halni)\W+(?:a\W+)?(?:röhögéstől|nevetéstől|unalomtól"
            r"|szégyenemben|melegtől|hidegtől)",
            r"halálra\W+(?:röhögöm|nevetem|unom)\W+magam|éhen\W+halok",
            r"(?:megöl|kinyír)\W+(?:a\W+)?(?:hőség|meleg|anyám|apám)|(?:anyám|apám|anyu|apu)\W+megöl",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"(?:e-?mail|email)\W*címed",
            r"(?:szülői|osztály|munkahelyi|céges)\w*\W+(?:értekezlet|találkozó\w*)",
            r"örülök,?\W+hogy\W+találkoztunk",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:tanár\w*|tanárnő\w*|tanító\w*)\W+~{0,3}?(?:házi\w*|dolgozat\w*|felelés\w*|jegy\w*|lecké\w*)",
            r"(?:lányom|fiam)\W+(?:vagy|vagyok)",
        ),
        CueKind.very_young_victim: _f(
            r"(?:telefon|fiók|profil|autó|számítógép|szerződés|ház|terv|garancia)\w*\W+~{0,2}?(?:\d{1,2}|egy|két"
            r"|három|négy|öt)\W*éves\w*|(?:\d{1,2}|egy|két|három|négy|öt)\W*éves\W+(?:telefon|fiók|profil|autó"
            r"|számítógép|szerződés|ház|terv|garancia|munkaviszony|tapasztalat)\w*",
        ),
        CueKind.live_streaming: _f(
            r"élő\W*(?:adás|közvetítés)\w*\W+~{0,2}?(?:meccs\w*|koncert\w*|mise\w*|verseny\w*)",
            r"(?:meccs|koncert|mise|verseny|döntő)\w*\W+~{0,2}?élő\W*(?:adás|közvetítés)\w*",
        ),
    },
)
