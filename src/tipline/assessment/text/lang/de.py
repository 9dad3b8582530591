"""German (de) text cues.

Covers chat German (du-form threats and plans, colloquial "schick ich", "hol dich ab") and the register
of police and provider summaries ("drohte, die Bilder zu verbreiten", "äußerte Suizidgedanken", "der
Stiefvater des Kindes"). Umlauts match their ae/oe/ue spellings and the bare vowel, ß matches ss.

Known limits: separable verbs whose particle lands far from the verb ("ich bringe mich, glaube ich, bald
um") are missed; "Baby" counts only next to abuse or image words ("Bilder eines Babys"), as it is a
common term of endearment in chats; "Lehrer" or "Onkel" without an article, possessive or verb that ties
them to the offender are not cues; "neue Bilder" alone is not recent material (only a time of making
is); a negated main clause does not reach an infinitive clause after its comma ("Ich würde dich nie
bitten, mich zu treffen" fires), a limit of the engine's clause rule.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans({"ä": "(?:ä|ae|a)", "ö": "(?:ö|oe|o)", "ü": "(?:ü|ue|u)", "ß": "(?:ß|ss)"})
_NEGATIONS = (
    "nicht",
    "nie",
    "niemals",
    "nimmer",
    r"kein(?!e\W+(?:sorge|angst|panik))\w*",
    "nichts",
    "nix",
    r"niemand\w*",
    "weder",
    "ohne",
)
# "~": one word that is not a negation; umlauts and ß also matching their plain spellings.
_f = pattern_maker(_NEGATIONS, _FOLD)


# Who a threat names as the audience: "deinen Eltern", "allen deinen Freunden", "der ganzen Schule".
_AUDIENCE = (
    r"(?:deine[nmrs]?\W+(?:ganze[nmr]?\W+)?(?:eltern|mutter|mama|vater|papa|familie|freund\w*|schule|klasse|mitschüler\w*"
    r"|lehrer\w*|kontakt\w*|follower\w*|oma|opa)"
    r"|alle[nm]?\W+(?:deine[nmr]?\W+)?(?:freund\w*|kontakt\w*|follower\w*|mitschüler\w*)"
    r"|der\W+ganzen\W+(?:schule|klasse|familie|welt))"
)
_MEDIA = r"(?:bilder\w*|bild|fotos?|videos?|nacktbild\w*|nacktfoto\w*|nudes|pics?|aufnahmen|clips?)"
_MADE = r"(?:gemacht|aufgenommen|gefilmt|gedreht|fotografiert|erstellt|produziert)"
_RECENT = (
    r"(?:heute|gestern|vorgestern|gerade\W+eben|vorhin|letzte\W+nacht|heute\W+morgen|diese\W+woche"
    r"|letzte\W+woche|kürzlich|neulich|vor\W+(?:ein\W+paar|zwei|drei|wenigen)\W+(?:tagen|stunden))"
)
_DAYS = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|wochenende)"

LEXICON = Lexicon(
    language="de",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"(?:stelle|stell|lade|lad)\w*\W+(?:ich\W+)?(?:alle\W+)?deine\W+~{0,2}?(?:ins\W+(?:netz|internet)|online)",
            r"wenn\W+du\W+(?:es\W+|das\W+|davon\W+)?(?:jemandem|irgendwem|irgendjemandem)"
            r"\W+(?:erzählst|sagst|verrätst)",
            r"(?:be|an|ange)?droh(?!n)\w*",
            r"erpress\w*",
            r"sextortion",
            r"genötigt|nötigte\w*|nötigung",
            # the material together with the people it would be shown to, in either order
            _MEDIA + r"\W+~{0,4}?(?:an\W+|zu\W+)?" + _AUDIENCE,
            _AUDIENCE + r"\W+~{0,3}?" + _MEDIA,
            r"(?:alle|jeder)\W+~{0,1}?(?:wird|werden)\W+~{0,3}?(?:sehen|erfahren)",
            r"ich\W+(?:werde\W+)?(?:sag|erzähl|verrat|zeig|schick)\w*\W+(?:es|das|alles)\W+" + _AUDIENCE,
            r"(?:sag|erzähl|verrat|zeig|schick)\w*\W+ich\W+(?:es\W+|das\W+|alles\W+)?" + _AUDIENCE,
            # conditions and ultimatums
            r"(?:wenn|falls)\W+du\W+(?:mir\W+)?~{0,3}?(?:nicht|kein\w*)\W+~{0,3}?"
            r"(?:zahlst|bezahlst|überweist|schickst|sendest|machst|tust)",
            r"sonst\W+~{0,4}?(?:" + _AUDIENCE + "|" + _MEDIA + ")",
            r"sonst\W+~?(?:sehen|erfahren|bekommen|wissen)\W+(?:es\W+|das\W+)?alle",
            r"(?:wirst|werdet)\W+(?:es\W+|das\W+)?~?bereuen",
            r"(?:zahl|bezahl|überweis)\w*\W+~{0,5}?oder\W+(?:ich|alle|jeder|deine)",
            r"du\W+hast\W+(?:noch\W+)?(?:\d{1,3}|eine?n?|zwei|drei|vier|fünf|zehn|zwölf)\W+"
            r"(?:stunden?|minuten?|tage?)\W+(?:zeit\W+)?(?:um|zum|bis|oder|dann)",
            r"ultimatum\w*",
            # harm and intimidation
            r"(?:mache|zerstöre|ruiniere)\W+dein\W+leben",
            r"dein\W+leben\W+(?:ist\W+)?(?:vorbei|kaputt|zerstört)",
            r"ich\W+(?:bring|töte)\w*\W+dich\W+~?um|ich\W+töte\W+dich",
            r"(?:weiß|kenne)\W+~?wo\W+du\W+wohnst|ich\W+(?:weiß|kenne)\W+deine\W+adresse",
            r"(?:forder|verlang)\w*\W+~{0,3}?(?:geld|zahlung|weitere\w*\W+bilder|mehr\W+bilder)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:will|möchte)\W+~{0,2}?nicht\W+mehr\W+(?:auf)?wachen",
            r"selbstmord\w*",
            r"suizid\w*",
            r"selbstverletz\w*",
            r"(?:ich\W+)?(?:will|möchte|wollte)\W+(?:(?:einfach|nur|noch|am|liebsten|doch|jetzt)\W+){0,3}sterben",
            r"(?:will|möchte|mag)\W+(?:einfach\W+)?nicht\W+mehr\W+leben",
            r"sterben\W+(?:will|möchte|wolle|wollte|würde)",
            r"nicht\W+mehr\W+leben\W+(?:will|möchte|wolle|wollte|mag)",
            r"keine\w*\W+lust\W+mehr\W+(?:zu|auf\W+das)\W+leben",
            r"ich\W+(?:bring|bringe)\W+mich\W+~?um",
            r"mich\W+(?:selbst\W+)?(?:umzubringen|zu\W+töten)|mich\W+selbst\W+(?:umbringen|töten)",
            r"ich\W+~{0,3}?mich\W+~{0,3}?(?:selbst\W+)?(?:umbringen|umzubringen|töten|zu\W+töten)",
            r"sich\W+~{0,2}?(?:umbringen|umzubringen|das\W+leben\W+(?:zu\W+)?nehmen)",
            r"(?:mir|sich)\W+das\W+leben\W+(?:zu\W+)?nehmen",
            r"mein\W+leben\W+(?:zu\W+)?beenden",
            r"(?:will|werde)\W+~?(?:alles|es)\W+beenden",
            r"tu\w*\W+mir\W+(?:was|etwas)\W+an|mir\W+(?:was|etwas)\W+an(?:zu)?tun",
            r"(?:ritze|ritzt|ritzte|ritzen)\W+(?:mich|sich)|(?:mich|sich)\W+~?(?:geritzt|ritzen|zu\W+ritzen)",
            r"sich\W+selbst\W+(?:zu\W+)?verletz\w*|verletze?\W+mich\W+selbst",
            r"(?:ich\W+)?(?:kann|halte|ertrage)\W+(?:das\W+|es\W+|so\W+)?nicht\W+mehr(?:\W+aus)?(?=\W*$|\s*[.!?,;])",
            r"halte?\W+(?:das|es)\W+(?:alles\W+)?nicht\W+mehr\W+aus",
            r"niemand\W+würde\W+mich\W+vermissen",
            r"besser\W+(?:dran\W+)?ohne\W+mich",
            r"von\W+(?:der|einer)\W+brücke\W+springen|vor\W+(?:den|einen)\W+zug\W+(?:werfen|springen)",
            r"überdosis",
        ),
        CueKind.planned_meeting: _f(
            r"(?:wann|wo)\W+(?:können|könnten|sollen|wollen)\W+wir\W+uns\W+~{0,2}?(?:sehen|treffen)",
            r"wir\W+(?:können|könnten|sollten|wollen)\W+uns\W+~{0,3}?sehen",
            r"(?:zug|bahn|bus|flug)?(?:ticket|fahrkarte)\w*\W+~{0,3}?(?:für\W+dich|zu\W+mir)|(?:kaufe|kauf|schicke|bezahle|buche)\w*"
            r"\W+dir\W+~{0,2}?(?:zug|bahn|bus|flug)\w*(?:ticket|karte|fahrkarte)\w*|(?:kaufe|kauf|schicke|bezahle|buche)\w*"
            r"\W+dir\W+~{0,2}?(?:ein\w*\W+)?(?:ticket|fahrkarte|flugticket)",
            r"komm\W+~{0,3}?zu\W+mir\W+(?:nach\W+hause|heim)",
            r"(?:uns|dich|mich|sich)\W+~{0,5}?(?:treffen|zu\W+treffen)",
            r"treffen\W+wir\W+uns|triff\W+mich|wir\W+treffen\W+uns(?!\W+(?:nie|nicht|niemals|keinesfalls))",
            r"(?:persönlich\w*|echte[ns]?|reale[ns]?)\W+treffen",
            r"ein\w*\W+treffen\W+~{0,3}?(?:vereinbar\w*|vorgeschlagen|geplant|ausgemacht|verabredet)",
            r"(?:vereinbart\w*|schlug|plante\w*|verabredete\w*)\W+~{0,2}?(?:ein\w*\W+)?treffen",
            r"(?:ich\W+)?(?:hol|hole)\W+dich\W+~{0,6}?ab|dich\W+~{0,6}?abholen",
            r"ich\W+komme?\W+~{0,3}?(?:zu\W+dir|in\W+deine\W+stadt|nach\W+\w+|vorbei)",
            r"ich\W+(?:besuche|besuch)\W+dich|dich\W+~{0,3}?besuchen",
            r"(?:ich\W+)?(?:warte|wart)\W+~{0,2}?(?:am\W+bahnhof|an\W+der\W+haltestelle"
            r"|vor\W+deiner\W+schule|auf\W+dich\W+(?:am|an|vor|beim))",
            r"komm\W+~{0,2}?zu\W+mir|besuch\W+mich",
            r"zu\W+dir\W+~?(?:fahren|kommen|nach\W+hause)",
            r"wo\W+wohnst\W+du|(?:deine|die)\W+(?:genaue\W+)?adresse",
            r"hotelzimmer|(?:ein|im)\W+hotel\W+~?(?:gebucht|buchen|reserviert)",
            r"wir\W+sehen\W+uns\W+~{0,2}?(?:am\W+)?(?:kommenden\W+|nächsten\W+|diesen\W+)?" + _DAYS,
            r"sehen\W+uns\W+~?(?:persönlich|in\W+echt|real)",
            r"(?:reiste|fuhr|kam)\W+~{0,3}?um\W+(?:sich\W+)?~{0,3}?(?:zu\W+treffen|zu\W+besuchen)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:seine[rnms]?|ihre[rnms]?)\W+(?:eigene[nrm]?\W+|kleine[nrm]?\W+)?(?:tochter|töchter\w*"
            r"|sohn|söhne\w*|stieftochter|stiefsohn|stiefkind\w*|pflegekind\w*|pflegetochter|pflegesohn"
            r"|nichte|neffe\w*|enkel\w*|schüler\w*|schützling\w*)",
            r"(?:seine[nm]?|ihre[nm]?)\W+(?:eigenen\W+|zwei\W+|drei\W+)?kinder[n]?",
            r"(?:ich\W+)?(?:habe|hab|hat)\W+(?:selbst\W+|auch\W+)?(?:eine\W+tochter|einen\W+sohn|zwei\W+kinder"
            r"|eigene\W+kinder|kinder\W+in\W+deinem\W+alter)",
            r"(?:vater|mutter)\W+von\W+~?(?:kindern|töchtern|söhnen)",
            r"stief(?:vater|vaters|papa|opa|großvater|bruder|mutter)\b",
            r"(?:freund|lebensgefährte\w*|partner)\W+(?:meiner|ihrer|seiner|der)\W+(?:mutter|mama)|mamas\W+freund",
            r"(?:vater|mutter|onkel|tante|großvater|opa|cousin|bruder|stiefvater|großonkel)\W+des\W+"
            r"(?:kindes|opfers|mädchens|jungen|geschädigten)",
            r"(?:vom\W+)?eigene[nmr]?\W+(?:vater|mutter|onkel|opa|großvater|bruder|stiefvater)",
            r"(?:ihr|sein|dein)\W+onkel",
            r"(?:als|ist|bin|war|sei)\W+(?:ein\w*\W+)?~?(?:lehrer\w*|grundschullehrer\w*|erzieher\w*"
            r"|trainer\w*|babysitter\w*|kinderbetreuer\w*|tagesmutter|tagesvater|betreuer\w*|jugendleiter\w*"
            r"|gruppenleiter\w*|pfarrer|priester|nachhilfelehrer\w*|kinderarzt|kinderärzt\w*|pfadfinderleiter\w*"
            r"|schwimmlehrer\w*|fußballtrainer\w*|kindergärtner\w*|jugendtrainer\w*|au\W*pair\w*)",
            r"(?:ein|einem|eines)\W+(?:lehrer\w*|erzieher\w*|trainer\w*|babysitter\w*|betreuer\w*|jugendleiter\w*"
            r"|fußballtrainer\w*|kindergärtner\w*)",
            r"babysitt\w*|tagesmutter",
            r"arbeite\w*\W+~{0,2}?(?:mit\W+kindern|in\W+einer\W+kita|in\W+einem\W+kindergarten"
            r"|an\W+einer\W+(?:grund)?schule|in\W+einem\W+kinderheim|im\W+kindergarten|in\W+der\W+kita)",
            r"zugang\W+zu\W+~?kindern",
        ),
        CueKind.very_young_victim: _f(
            r"säugling\w*",
            r"kleinkind\w*",
            r"neugeboren\w*",
            r"(?:missbrauch\w*|bilder|fotos?|videos?|aufnahmen|material|darstell\w*|zeig\w*|opfer|geschädigte)\W+"
            r"~{0,3}?babys?\b",
            r"(?:noch\W+)?in\W+windeln|windelalter|(?:trägt|trug|tragen)\W+~?windeln",
            r"(?:kindergarten|vorschul|kita)kind\w*",
            r"(?P<age>\d{1,2})\W*jährig\w*",
            r"(?P<age>\d{1,2})\W+jahre?\W+alt\w*",
            r"im\W+alter\W+von\W+(?P<age>\d{1,2})\W+jahren",
            r"(?:ein|eins|zwei|drei|vier|fünf)\W*jährig\w*",
            r"(?:ein|eins|zwei|drei|vier|fünf)\W+jahre?\W+alt\w*",
            r"\d{1,2}\W+monate?\W+alt\w*",
        ),
        CueKind.recently_produced_material: _f(
            _RECENT + r"\W+~{0,3}?(?:aufgenommen|gefilmt|gedreht|fotografiert)",
            r"(?:aufgenommen|gefilmt|gedreht|fotografiert)\W+~{0,2}?" + _RECENT,
            # the material and when it was made: "die Bilder wurden gestern gemacht"
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"(?:frische[ns]?|aktuelle[ns]?)\W+(?:bilder|fotos|videos|aufnahmen|material|clips)",
            r"(?:weiterhin|immer\W+noch|noch\W+immer|fortlaufend\w*|andauernd\w*|anhaltend\w*|aktuell\w*)\W+"
            r"~{0,3}?missbrauch\w*",
            r"missbrauch\w*\W+~{0,3}?(?:weiterhin|immer\W+noch|noch\W+immer|andauert|fortgesetzt)",
        ),
        CueKind.live_streaming: _f(
            r"live\W*stream\w*",
            r"videoanruf\w*|videochat\w*|video\W*call\w*|videotelefon\w*",
            r"webcam\w*|facetime\w*",
            r"(?:kamera|cam|webcam)\W+~?(?:einschalten|anmachen|anschalten|einschaltet|anmacht)\b"
            r"|(?:mach|schalt)\w*\W+(?:(?:deine|die|mal|doch|jetzt|bitte)\W+){0,3}(?:kamera|cam|webcam)\W+(?:\w+\W+)?an\b",
            r"live\W+(?:übertrag\w*|gezeigt|gesendet|vor\W+der\W+kamera)",
            r"(?:per|über)\W+(?:skype|video)\b",
        ),
        CueKind.payment_or_exchange: _f(
            r"gegen\W+~?(?:bezahlung|geld|gutschein\w*|geschenk\w*|guthaben)",
            r"im\W+austausch\W+(?:für|gegen)",
            r"als\W+gegenleistung",
            r"(?:geschenk|gutschein|guthaben|geld)karte\w*|gutschein\w*|gift\W*cards?",
            r"(?:amazon|steam|google\W*play|itunes|apple|psn|xbox|playstation|nintendo)\W*"
            r"(?:gutschein\w*|karten?|codes?|guthaben)",
            r"paysafe\w*|robux|v\W*bucks|paypal|bitcoin\w*",
            r"(?:ich\W+)?(?:bezahle|zahle|bezahl|zahl)\W+dir\b(?!\W+~{0,4}?zurück)",
            r"(?:bezahl|zahl)\w*\W+~{0,3}?für\W+~?" + _MEDIA,
            r"\d+\W*(?:euro|eur|dollar)\W+(?:für|pro)\W+~?\w*(?:bild|foto|video)\w*",
            r"geld\W+~{0,3}?für\W+~?" + _MEDIA,
            r"ich\W+(?:kaufe|kauf)\W+dir\W+~{0,2}?(?:handy|iphone|geschenk\w*|kleidung|schuhe|spiel\w*)",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"deine[nmrs]?\W+(?:kleine[nmnr]?|jüngere[nmr]?)\W+(?:schwester|bruder|geschwister\w*|cousine|cousin)",
            r"(?:bring|hol)\w*\W+~?deine[nmr]?\W+(?:kleine[nmr]?\W+)?(?:schwester|bruder|freundin|freund|cousine"
            r"|cousin)\W+~{0,3}?mit",
            # a child made to abuse a sibling or another child
            r"(?:schwester|bruder|geschwister\w*|cousine|cousin|freundin|andere[ns]?\W+kind|weitere[ns]?\W+kind)\W+"
            r"~{0,2}?(?:anzufassen|anfassen|zu\W+berühren|berühren|zu\W+missbrauchen|missbrauchen|missbraucht"
            r"|auszuziehen|auszuziehen|zu\W+filmen)",
            r"(?:missbrauch|berühr|anfass)\w*\W+(?:~)?(?:ihre[rnms]?|seine[rnms]?|die|der|den)\W+(?:jüngere[nmr]?\W+"
            r"|kleine[nmr]?\W+)?(?:schwester|bruder|geschwister\w*)\W+(?:zu\W+)?(?:zwingen|gezwungen|lassen|zwang)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"aber", r"doch", r"sondern", r"jedoch", r"trotzdem", r"allerdings", r"sonst"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"bedroht\w*\W+(?:tierart\w*|art|arten|spezies|pflanz\w*)|vom\W+aussterben\W+bedroht",
            r"(?:regen|gewitter|unwetter|sturm|stau|strafe|verspätung|glatteis)\W+~?droh\w*",
            r"droh\w*\W+~?(?:regen|gewitter|unwetter|sturm|stau|glatteis|frost)",
            r"droh\w*\W+(?:einzuschlafen|zu\W+scheitern|zu\W+platzen|zu\W+kippen|auszufallen|zu\W+eskalieren"
            r"|umzufallen|zu\W+ersticken|verloren\W+zu\W+gehen)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"lach\w*\W+mich\W+~?tot|totlach\w*|tot\W*gelacht",
            r"sterbe?\W+~?vor\W+(?:lachen|hunger|langeweile|durst|hitze|neugier|scham|angst)",
            r"(?:will|möchte)\W+~?sterben\W+vor\W+(?:scham|lachen|peinlichkeit)",
            r"(?:hitze|schule|langeweile|mathe|arbeit|stress)\W+bringt\W+mich\W+(?:noch\W+)?um",
            r"suizid\w*\W+squad|selbstmordkommando",
            r"(?:ich\W+)?kann\W+~?nicht\W+mehr\W+(?:vor\W+lachen|lachen)",
        ),
        CueKind.planned_meeting: _f(
            r"(?:sich|uns|mich)\W+~{0,2}?mit\W+(?:der\W+|den\W+|dem\W+|einer\W+|einem\W+)?(?:polizei|ermittl\w*"
            r"|beamt\w*|jugendamt\w*|sozialarbeiter\w*|anwält\w*|anwalt|lehrer\w*|eltern|therapeut\w*"
            r"|psycholog\w*|staatsanwalt\w*)\W+~{0,2}?(?:zu\W+)?treffen",
            r"(?:entscheidung\w*|wahl|auswahl|vorkehrung\w*|maßnahme\w*|vorbereitung\w*|absprache\w*"
            r"|vereinbarung\w*|vorsorge|regelung\w*)\W+~{0,3}?(?:zu\W+)?treffen",
            r"(?:ins\W+schwarze|den\W+ton|den\W+nerv|das\W+tor)\W+(?:zu\W+)?treffen",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"lehrer\w*\W+~{0,3}?(?:hausaufgabe\w*|test|prüfung|klassenarbeit|note\w*|referat|ferien)",
        ),
        CueKind.very_young_victim: _f(
            # "das Foto ist 3 Jahre alt" (not "das Mädchen auf dem Foto ist 3 Jahre alt")
            r"(?:das|dein|mein|sein|ihr|dieses|diese|die|der)\W+(?:foto|bild|video|handy|account|konto|profil"
            r"|beitrag|post|auto|computer|laptop|vertrag)\w*\W+(?:ist|sind|war|waren)\W+(?:erst\W+|schon\W+|etwa\W+)?"
            r"(?:\d{1,2}|ein|zwei|drei|vier|fünf)\W+(?:jahre?|monate?)\W+alt",
        ),
        CueKind.live_streaming: _f(
            r"live\W*stream\w*\W+~{0,2}?(?:spiel\w*|konzert\w*|match|gottesdienst\w*|fußball\w*"
            r"|bundesliga|rennen\w*|turnier\w*)",
        ),
        CueKind.payment_or_exchange: _f(r"zahlt\W+sich\W+~?aus"),
    },
)
