"""Dutch (nl) text cues, Netherlands and Flemish.

Covers chat Dutch ("als je niet betaalt stuur ik je foto's naar je ouders", "zullen we afspreken", "ik
kom je ophalen", "ik kan niet meer") and the register of police and provider summaries ("dreigde de
beelden te verspreiden", "uitte suïcidale gedachten", "de stiefvader van het slachtoffer"). Accented
letters (suïcide, beëindigen) also match their bare spelling.

Known limits: "baby" counts only next to abuse or image words, as it is also a term of endearment; "we
zien elkaar" counts only with a day or a place, as it is also a goodbye; "de juf" or "de trainer" alone
are not cues (children mention their own teachers all the time); "afspraak" alone is not a cue (dentist
appointments), only "afspreken" and "afspraakje".
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans({"ë": "[ëe]", "ï": "[ïi]", "é": "[ée]", "è": "[èe]", "ö": "[öo]", "ü": "[üu]"})
_NEGATIONS = (
    r"niet(?!\W+(?:te\W+geloven|normaal))",
    r"nooit",
    r"geen(?!\W+(?:zorgen|probleem|punt|idee))",
    r"niks",
    r"niets",
    r"niemand",
    r"zonder",
    r"nergens",
)
# "~": one word that is not a negation; accented letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


_AUDIENCE = (
    r"(?:(?:naar\W+|aan\W+)?(?:al\W+)?(?:je|jouw)\W+(?:ouders|moeder|mama|vader|papa|familie|vrienden|vriendinnen"
    r"|school|klas|klasgenoten|leraren|docenten|contacten|volgers|opa|oma)"
    r"|(?:naar\W+|aan\W+)?(?:heel|de\W+hele)\W+(?:school|klas|familie)"
    r"|(?:op|online\W+op)\W+(?:internet|insta\w*|tiktok|snap\w*|facebook))"
)
_MEDIA = (
    r"(?:foto's|fotos|foto|fotootjes|video's|videos|video|filmpjes|beelden|naaktfoto's|naaktfotos|nudes|pics)"
)
_MADE = r"(?:gemaakt|genomen|gefilmd|opgenomen|maakte|maakten|nam|namen)"
_RECENT = (
    r"(?:vandaag|gisteren|gisteravond|eergisteren|vanochtend|vanmorgen|vannacht|deze\W+week|vorige\W+week"
    r"|onlangs|zojuist|een\W+paar\W+dagen\W+geleden)"
)
_DAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|weekend)"

LEXICON = Lexicon(
    language="nl",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"als\W+je\W+(?:het\W+)?(?:aan\W+)?iemand\W+(?:vertelt|zegt)",
            r"(?:be)?dreig\w*",
            r"chantage\w*|chanteer\w*|gechanteerd|chanteren|chanteerde\w*",
            r"afpers\w*|afgeperst|sextortion|sextorsie",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:ik\W+(?:ga\W+)?|ga\W+ik\W+|dan\W+)(?:stuur|verstuur|zet|post|laat|deel|verspreid|plaats|stuur)\w*"
            r"\W+~{0,4}?(?:" + _AUDIENCE + r"|(?:je|jouw)\W+" + _MEDIA + ")",
            r"(?:stuur|verstuur|zet|post|deel|verspreid|laat|plaats)\w*\W+ik\W+~{0,4}?(?:"
            + _AUDIENCE
            + r"|(?:je|jouw)\W+"
            + _MEDIA
            + ")",
            r"iedereen\W+(?:gaat|zal|krijgt)\W+~{0,3}?(?:zien|te\W+zien)",
            r"als\W+je\W+~{0,3}?(?:niet|geen)\W+~{0,3}?(?:betaalt|stuurt|overmaakt|doet|antwoordt|gehoorzaamt)",
            r"anders\W+~{0,4}?(?:" + _AUDIENCE + "|" + _MEDIA + r"|iedereen)",
            r"(?:betaal|maak)\w*\W+~{0,5}?(?:of|anders)\W+(?:ik|iedereen|je\W+ouders)",
            r"je\W+hebt\W+(?:nog\W+)?(?:\d{1,3}|een|twee|drie|vierentwintig)\W*(?:uur|u|minuten|min|dagen?)\W+"
            r"(?:om|de\W+tijd|anders|of|voordat)",
            r"ultimatum",
            r"ik\W+(?:maak|verpest)\W+je\W+leven\W*(?:kapot)?|je\W+leven\W+is\W+(?:voorbij|kapot)",
            r"ik\W+weet\W+waar\W+je\W+woont|ik\W+weet\W+je\W+adres",
            r"ik\W+maak\W+je\W+af\b|ik\W+vermoord\W+je",
            r"(?:daar|hier)\W+(?:krijg|ga)\W+je\W+~?spijt\W+van|je\W+(?:gaat|zal)\W+~{0,2}?spijt",
            r"(?:eiste|eist|vroeg\W+om|eisen)\W+~{0,3}?(?:geld|betaling|losgeld|bedrag)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"geen\W+zin\W+meer\W+(?:om\W+te\W+|in\W+het\W+)?leven",
            r"(?:wil|wou)\W+~{0,2}?niet\W+meer\W+wakker\W+worden",
            r"zelfmoord\w*|suïcid\w*|zelfdoding|zelfbeschadig\w*|automutil\w*",
            r"ik\W+wil\W+(?:gewoon\W+|echt\W+)?(?:dood|sterven)(?!\W+van)",
            r"wil\W+(?:gewoon\W+)?niet\W+meer\W+leven|niet\W+meer\W+(?:wil\W+)?leven\W+wil",
            r"(?:ik\W+)?(?:maak|ga)\W+(?:mezelf|mijzelf|me)\W+~{0,2}?(?:van\W+kant|dood)\b(?!\W+van\W+(?:het|de))",
            r"(?:mezelf|mijzelf|zichzelf)\W+(?:te\W+)?(?:van\W+kant\W+(?:te\W+)?maken|doden|iets\W+aan\W*(?:te\W+)?doen"
            r"|pijn\W+(?:te\W+)?doen|snijden|beschadigen|verwonden|van\W+het\W+leven\W+(?:te\W+)?beroven)",
            r"ik\W+doe\W+mezelf\W+(?:iets|wat|pijn)",
            r"(?:mijn|haar|zijn)\W+leven\W+(?:te\W+)?beëindigen|een\W+einde\W+aan\W+(?:mijn|haar|zijn|het)\W+leven"
            r"|er\W+een\W+einde\W+aan\W+(?:te\W+)?maken|(?:maak|maakte)\W+(?:ik\W+)?er\W+~?een\W+einde\W+aan",
            r"ik\W+kan\W+(?:het\W+)?niet\W+meer(?=\s*(?:[.!?,;]|$))",
            r"ik\W+(?:hou|houd)\W+(?:het\W+)?niet\W+meer\W+vol",
            r"ik\W+snij\W+(?:mezelf|mijzelf|me)|ik\W+(?:snij|kras)\W+in\W+mijn\W+(?:armen|polsen|benen)",
            r"niemand\W+zou\W+me\W+missen|beter\W+af\W+zonder\W+mij",
            r"voor\W+(?:de|een)\W+trein\W+(?:springen|te\W+springen)|van\W+een\W+(?:brug|flat|dak)\W+(?:te\W+)?springen",
            r"suïcidale\W+gedachten|zelfmoordgedachten|overdosis",
        ),
        CueKind.planned_meeting: _f(
            r"(?:trein|bus|vlieg)?kaartje\w*\W+~{0,3}?voor\W+je\W+~{0,3}?(?:naar\W+mij|komen)|(?:trein|bus|vlieg)(?:kaartje|ticket)\w*\W+voor\W+je",
            r"kom\W+~{0,2}?(?:naar|bij)\W+mij\W+(?:toe|thuis)",
            r"(?:zullen|kunnen|gaan|moeten|willen)\W+(?:we|wij)\W+~{0,3}?(?:afspreken|ontmoeten)",
            r"(?:wilde|wil|wou|probeerde|ging)\W+~{0,3}?(?:te\W+)?ontmoeten",
            r"afspraak(?:je)?\W+(?:met\W+)?(?:het\W+kind|het\W+meisje|de\W+jongen|de\W+minderjarige|haar|hem)",
            r"(?:elkaar|mekaar)\W+~{0,3}?(?:zien|ontmoeten|treffen)\b(?!\W+(?:we|wij))",
            r"(?:(?:we|wij)\W+(?:zien|ontmoeten|treffen)|(?:zien|ontmoeten|treffen)\W+(?:we|wij))\W+(?:elkaar|mekaar)\W+"
            r"~{0,2}?(?:op\W+)?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|bij\W+(?:het|de|mij)"
            r"|in\W+het\W+park|op\W+het\W+station)",
            r"(?:zien|ontmoeten|treffen)\W+we\W+(?:elkaar|mekaar)\W+~{0,2}?(?:op\W+het\W+station|bij\W+de\W+halte"
            r"|in\W+het\W+park|voor\W+je\W+school|in\W+de\W+stad|" + _DAYS + ")",
            r"afspraakje|(?:met\W+(?:jou|je|mij|haar|hem)\W+)?afspreken\W+~{0,2}?(?:in\W+het\W+echt|op\W+het\W+station"
            r"|bij\W+(?:mij|jou)|" + _DAYS + ")",
            r"(?:ik\W+)?(?:kom|haal)\W+je\W+~{0,3}?(?:ophalen|op)\b",
            r"ik\W+(?:kom|rij|reis|fiets)\W+~{0,3}?(?:naar\W+je\W+(?:stad|dorp|huis|school)|naar\W+jou|bij\W+je\W+langs)",
            r"ik\W+wacht\W+~{0,2}?(?:op\W+het\W+station|bij\W+de\W+(?:bus|tram)?halte|bij\W+je\W+school|op\W+je\W+bij)",
            r"kom\W+(?:naar|bij)\W+mij(?:\W+thuis)?",
            r"waar\W+woon\W+je|(?:je|jouw)\W+(?:huis)?adres(?!\W+(?:van\W+je\W+)?(?:e-?mail|mail))",
            r"hotelkamer|hotel\W+~?(?:geboekt|boeken|gereserveerd)",
            r"(?:stelde|voorgesteld|wilde|regelde|plande|gepland|probeerde)\W+~{0,3}?(?:af\W+te\W+spreken"
            r"|te\W+ontmoeten|een\W+ontmoeting|een\W+afspraak)",
            r"(?:ontmoeten|zien|afspreken)\W+in\W+het\W+echt|in\W+het\W+echt\W+(?:ontmoeten|zien|afspreken)",
            r"(?:een\W+)?(?:fysieke\W+)?ontmoeting\W+met\W+(?:het\W+kind|het\W+meisje|de\W+jongen|de\W+minderjarige)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:zijn|haar)\W+(?:eigen\W+)?(?:dochter\w*|zoon|zonen|zoontje|stiefdochter|stiefzoon|nicht\w*|neef\w*"
            r"|kleindochter|kleinzoon|kleinkind\w*|leerling\w*|pupil\w*|pleegkind\w*|pleegdochter|pleegzoon)",
            r"(?:zijn|haar)\W+(?:eigen\W+)?kinderen",
            r"(?:ik\W+)?(?:heb|heeft)\W+(?:zelf\W+|ook\W+){0,2}(?:een\W+dochter|een\W+zoon|kinderen|twee\W+kinderen)",
            r"stief(?:vader|papa|opa|broer|moeder)\b",
            r"(?:vriend|partner)\W+van\W+(?:mijn|haar|zijn|de)\W+moeder",
            r"(?:vader|oom|opa|grootvader|stiefvader|neef|broer|moeder|tante)\W+van\W+(?:het\W+kind|het\W+meisje"
            r"|de\W+jongen|het\W+slachtoffer|de\W+minderjarige)",
            r"(?:haar|zijn)\W+(?:eigen\W+)?(?:oom|opa|grootvader)|(?:haar|zijn)\W+eigen\W+(?:vader|broer)",
            r"(?:als|is|ben|was)\W+(?:een\W+)?(?:\w+\W+)?(?:leraar|lerares|docent\w*|juf|meester|onderwijzer\w*"
            r"|trainer|coach|oppas|babysit\w*|leidster|groepsleid\w*|jeugdleid\w*|scoutsleid\w*|begeleider\w*"
            r"|pedagogisch\W+medewerker|priester|pastoor|kinderarts|zwemleraar|bijlesleraar|gastouder)",
            r"een\W+(?:leraar|lerares|docent|onderwijzer|trainer|oppas|babysitter|begeleider|jeugdleider|voetbaltrainer)",
            r"oppas\b|oppaste|babysit\w*|gastouder\w*",
            r"werk\w*\W+~{0,2}?(?:met\W+kinderen|op\W+een\W+(?:basis)?school|in\W+de\W+kinderopvang"
            r"|op\W+een\W+kinderdagverblijf|bij\W+een\W+kinderdagverblijf|op\W+een\W+crèche|bij\W+de\W+scouting)",
            r"toegang\W+tot\W+kinderen",
        ),
        CueKind.very_young_victim: _f(
            r"(?:misbruik\w*|foto's|fotos|video's|videos|beelden|slachtoffer|toont|tonen)\W+~{0,3}?(?:baby'?s?"
            r"|babytje\w*)\b|(?:baby|babytje)\W+~{0,2}?te\W+zien",
            r"zuigeling\w*|peuter\w*|kleuter\w*|pasgeboren\w*|(?:in\W+de|nog|draagt|droeg)\W+luiers|luierleeftijd",
            r"(?P<age>\d{1,2})\W*jaar\W+oud",
            r"(?P<age>\d{1,2})-?jarig\w*",
            r"van\W+(?:ongeveer\W+|amper\W+|pas\W+)?(?P<age>\d{1,2})\W+jaar(?!\W+geleden)",
            r"(?:een|twee|drie|vier|vijf)\W*jarig\w*|(?:een|twee|drie|vier|vijf)\W+jaar\W+oud",
            r"van\W+(?:ongeveer\W+)?(?:twee|drie|vier|vijf)\W+jaar(?!\W+geleden)",
            r"\d{1,2}\W+maanden\W+oud|van\W+\d{1,2}\W+maanden(?!\W+geleden)",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:gefilmd|opgenomen)\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:gefilmd|opgenomen)",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"(?:verse|recente)\W+" + _MEDIA,
            r"misbruik\w*\W+~{0,3}?(?:nog\W+steeds|nog\W+altijd|gaat\W+door|voortdur\w*|aanhoud\w*)",
            r"(?:nog\W+steeds|nog\W+altijd)\W+~{0,3}?misbruik\w*",
        ),
        CueKind.live_streaming: _f(
            r"livestream\w*|live\W*stream\w*",
            r"videogesprek\w*|videobel\w*|gevideobeld|video\W*call\w*|facetime\w*|webcam\w*",
            r"(?:zet|doe)\W+(?:je|jouw|de)\W+(?:camera|cam|webcam)\W+aan",
            r"live\W+(?:uitgezonden|gestreamd|te\W+zien|via|voor\W+de\W+camera)",
            r"(?:via|over)\W+(?:skype|video)\b",
        ),
        CueKind.payment_or_exchange: _f(
            r"in\W+ruil\W+voor|als\W+tegenprestatie",
            r"cadeaubon\w*|cadeaukaart\w*|tegoedbon\w*|giftcard\w*|gift\W+cards?|beltegoed",
            r"(?:amazon|steam|google\W*play|itunes|apple|psn|xbox|playstation|nintendo|bol)\W*(?:tegoed|kaart\w*"
            r"|codes?|bon\w*)",
            r"paysafe\w*|robux|v-bucks|vbucks|paypal|bitcoin\w*",
            r"ik\W+betaal\W+je\b(?!\W+~{0,4}?terug)|ik\W+geef\W+je\W+(?:geld|\d+)",
            r"betaal\w*\W+~{0,2}?voor\W+(?:je\W+|jouw\W+|de\W+|die\W+|een\W+)?" + _MEDIA,
            r"\d+\W*(?:euro|€)\W+(?:voor|per)\W+(?:een\W+|elke\W+|iedere\W+)?" + _MEDIA,
            r"ik\W+koop\W+~{0,2}?(?:telefoon|iphone|kleren|cadeau\w*|spel\w*)\W+voor\W+je",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"(?:je|jouw)\W+(?:kleine|jongere)\W+(?:zusje|zus|broertje|broer|nichtje|neefje)",
            r"(?:je|jouw)\W+(?:zusje|broertje)",
            r"neem\W+(?:je|jouw)\W+(?:zus|zusje|broer|broertje|vriendin|vriendje|nichtje)\W+~{0,4}?mee",
            # a child made to abuse a sibling or another child
            r"(?:zus|zusje|broer|broertje|nichtje|neefje|ander\W+kind|andere\W+kinderen)\W+~{0,2}?(?:aan\W+te\W+raken"
            r"|aanraken|te\W+misbruiken|misbruiken|misbruikt|uit\W+te\W+kleden|te\W+filmen)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"maar", r"echter", r"toch", r"anders", r"behalve"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"dreig\w*\W+(?:het\W+)?(?:te\W+)?(?:regenen|mislukken|misgaan|uit\W+de\W+hand|te\W+laat)",
            r"(?:regen|onweer|storm|staking|file)\W+dreig\w*",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:ga|ging|gaat|lig|lag)\W+(?:bijna\W+|echt\W+|helemaal\W+)?dood\W+van\W+(?:het\W+lachen|de\W+honger"
            r"|de\W+hitte|verveling|de\W+dorst|schaamte)",
            r"dood\W*(?:ge)?lach\w*|(?:ik\W+)?lig\W+(?:helemaal\W+)?dood",
            r"ik\W+wil\W+dood\W+van\W+(?:schaamte|het\W+lachen)",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"(?:leuk|fijn|aangenaam)\W+(?:om\W+)?(?:je|jou|u)\W+(?:te\W+)?(?:ontmoeten|zien)",
            r"(?:je|jouw)\W+(?:e-?mail|mail)adres",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:juf|meester|leraar|docent)\W+~{0,3}?(?:huiswerk|toets|proefwerk|cijfer\w*|spreekbeurt)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!op\W)(?<!van\W)(?:de|het|mijn|je|jouw|die|deze|dat|zijn|haar)\W+(?:foto|video|telefoon|account"
            r"|profiel|auto|computer|laptop|contract|huis)\w*\W+(?:is|zijn|was|waren)\W+(?:al\W+|pas\W+)?(?:\d{1,2}|een"
            r"|twee|drie|vier|vijf)\W+(?:jaar|maanden)\W+oud",
        ),
        CueKind.recently_produced_material: _f(
            r"~{0,3}?opgenomen\W+in\W+(?:het|een)\W+(?:ziekenhuis|kliniek)"
        ),
        CueKind.live_streaming: _f(
            r"live\W*stream\w*\W+~{0,2}?(?:wedstrijd\w*|concert\w*|kerkdienst\w*|voetbal\w*|race|toernooi\w*)",
        ),
    },
)
