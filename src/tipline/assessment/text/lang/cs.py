"""Czech (cs) text cues.

Covers chat Czech ("jestli nezaplatíš, pošlu tvoje fotky tvým rodičům", "sejdeme se v sobotu", "vyzvednu
tě", "už nechci žít") and the register of police and provider summaries ("vyhrožoval zveřejněním
fotografií", "projevila sebevražedné myšlenky", "nevlastní otec poškozené"). Czech inflects heavily, so
nouns and verbs are matched on their stems; every letter with a diacritic also matches its bare spelling
("nechci zit", "sejdem se"), as chat users often type without háčky.

Czech negates verbs with the prefix "ne-": a cue verb written with it ("nezabiju se") simply does not
match, and the negated modal and auxiliary verbs ("nechci", "nebudu", "nemůžu") are listed as negations
so that "nechci se s tebou setkat" does not fire.

Known limits: "uvidíme se" counts only with a day or a place, as it is also a goodbye; "učitel" and
"trenér" need a tie to the offender ("je učitel", "pracuje jako trenér", or an apposition after a
comma); "miminko" counts only next to abuse or image words.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans(
    {
        "á": "[áa]",
        "č": "[čc]",
        "ď": "[ďd]",
        "é": "[ée]",
        "ě": "[ěe]",
        "í": "[íi]",
        "ň": "[ňn]",
        "ó": "[óo]",
        "ř": "[řr]",
        "š": "[šs]",
        "ť": "[ťt]",
        "ú": "[úuů]",
        "ů": "[ůuú]",
        "ý": "[ýy]",
        "ž": "[žz]",
    }
)
_NEGATIONS = (
    r"ne",
    r"nikdy",
    r"nic",
    r"nikdo|nikomu|nikoho",
    r"žádn\w*",
    r"bez",
    r"ani",
    # negated modal and auxiliary verbs; content verbs with "ne-" simply do not match the cue stems
    r"ne(?:chci|chce|chceš|chceme|chtěl\w*|chtěj\w*|budu|bude|budeš|budeme|můžu|mohu|může|můžeš|smí\w*"
    r"|mám|máš|má|máme|jsem|jsi|je|ní|byl\w*|půjdu|pojedu|přijdu|přijedu|udělám|dovol\w*|potkám|potkáme"
    r"|uvidím|uvidíme|sejdeme|setkám|setkáme)",
)
# "~": one word that is not a negation; Czech letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


_YOUR = r"(?:tv(?:ůj|á|é|oje|ého|ému|ým|ou|ojí|ých|ými|oji|ojim|ojemu|ym|eho|emu))"
_AUDIENCE = (
    r"(?:(?:" + _YOUR + r"\W+)(?:rodič\w*|mám\w*|mam\w*|matc\w*|matk\w*|tát\w*|tat\w*|otc\w*|otec|rodin\w*"
    r"|kamarád\w*|přátel\w*|spolužák\w*|škol\w*|tříd\w*|učitel\w*|kontakt\w*|sledující\w*|babičc\w*"
    r"|dědovi|sourozenc\w*)"
    r"|všem\W+(?:" + _YOUR + r"\W+)?(?:kamarádům|přátelům|spolužákům|kontaktům|známým)"
    r"|cel(?:é|á|ou)\W+(?:" + _YOUR + r"\W+)?(?:škole|škola|třídě|třída|rodině|rodina)"
    r"|(?:na|do)\W+(?:internet\w*|net|netu|sítě|sociální\w*\W+sítě|insta\w*|fb|facebook\w*|tiktok\w*))"
)
_MEDIA = (
    r"(?:fotk\w*|fotek|foto|fotečk\w*|fotografi\w*|video|videa|videí|videem|videu|nahrávk\w*"
    r"|nahé\W+fotk\w*|nudes)"
)
_MADE = r"(?:udělal\w*|udělan\w*|pořízen\w*|natočen\w*|natočil\w*|nahrán\w*|nahrál\w*|vyfotil\w*|vyfocen\w*)"
_RECENT = (
    r"(?:dnes|dneska|včera|předevčírem|včera\W+večer|dnes\W+ráno|tento\W+týden|tenhle\W+týden|minulý\W+týden"
    r"|nedávno|před\W+pár\W+dny|před\W+několika\W+dny|v\W+noci)"
)
_DAYS = r"(?:pondělí|úterý|středu|čtvrtek|pátek|sobotu|neděli|víkend)"

LEXICON = Lexicon(
    language="cs",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"(?:jestli|když|pokud)\W+(?:to\W+)?(?:někomu|komukoli)\W+(?:to\W+)?řekneš",
            r"vyhrož\w*|výhrůž\w*|pohrůž\w*|pohrozil\w*|pohrozí\w*",
            r"vydír\w*|vydíra\w*|vydřel\w*|sextortion|sextorze",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            _AUDIENCE + r"\W+~{0,3}?" + _MEDIA,
            r"(?:pošlu|rozešlu|zveřejním|ukážu|nahraju|hodím|sdílím|vystavím|dám)\W+~{0,4}?(?:"
            + _AUDIENCE
            + "|"
            + _YOUR
            + r"\W+"
            + _MEDIA
            + ")",
            r"všichni\W+(?:uvidí|se\W+dozví|budou\W+vědět|to\W+uvidí)",
            r"(?:jestli|pokud|když|jestliže)\W+(?:mi\W+)?~?ne(?:zaplat|pošl|uděl|odepíš|převed|poslechn|dáš)\w*",
            r"(?:zaplať|plať|pošli\W+peníze|převeď)\w*\W+~{0,5}?(?:nebo|jinak)\b",
            r"jinak\W+~{0,3}?(?:" + _AUDIENCE + r"|pošlu|zveřejním|ukážu|rozešlu|všichni)",
            r"máš\W+(?:na\W+to\W+)?(?:jen\W+|už\W+jen\W+)?(?:\d{1,3}|jednu|dvě|tři)\W*(?:hodin\w*|h|minut\w*|min"
            r"|dn\w*|den)",
            r"ultimát\w*",
            r"zničím\W+ti\W+život|zruinuju\W+ti\W+život",
            r"vím\W+kde\W+bydlíš|znám\W+tvoji\W+adresu",
            r"(?:zabiju|ublížím)\W+(?:tě|ti|tvojí\W+rodině)",
            r"budeš\W+(?:toho\W+)?litovat",
            r"(?:požadoval|žádal|vymáhal|chtěl)\w*\W+~{0,3}?(?:peníze|peněz|platbu|výkupné|zaplacení|další\W+fotk\w*)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"nemám\W+(?:už\W+)?(?:chuť|sílu|důvod)\W+(?:dál\W+)?žít",
            r"už\W+se\W+nechci\W+probudit|se\W+už\W+nechci\W+probudit|nechci\W+se\W+už\W+(?:nikdy\W+)?probudit",
            r"sebevra\w*|suicid\w*|sebepoškoz\w*",
            r"chci\W+(?:už\W+|prostě\W+)?(?:umřít|zemřít|chcípnout|se\W+zabít|zmizet\W+navždy)",
            r"zabiju\W+se|zabít\W+se|se\W+zabít|se\W+zabiju",
            r"(?:si\W+(?:chce\W+|chci\W+|chtěl\w*\W+)?)vzít\W+život|vzít\W+si\W+život|vzal\w*\W+si\W+život|vezmu\W+si\W+život",
            r"skoncovat\W+(?:se\W+)?(?:sebou|životem)|skončit\W+se\W+sebou|skončím\W+se\W+sebou",
            r"(?:už\W+)?nechci\W+(?:už\W+)?žít|nemám\W+(?:už\W+)?důvod\W+žít|nemá\W+smysl\W+žít",
            r"(?:už\W+)?(?:to\W+)?nezvládám|(?:už\W+)?nemůžu(?:\W+dál)?(?=\s*(?:[.!?,;]|$))",
            r"řežu\W+se|řezat\W+se|pořezal\w*\W+se|se\W+řežu|se\W+pořezal\w*",
            r"ublížit\W+si|ublížím\W+si|ubližuj\w*\W+si|ubližovat\W+si",
            r"nikomu\W+bych\W+nechyběl\w*|bez\W+(?:mě|mne)\W+(?:by|bude)\W+(?:všem\W+)?líp",
            r"skočím\W+(?:z\W+mostu|pod\W+vlak|z\W+okna|ze\W+střechy)",
            r"sebevražedn\w*\W+myšlenk\w*|předávkov\w*",
        ),
        CueKind.planned_meeting: _f(
            r"(?:můžeme|můžem|bychom|chceš|chci)\W+~{0,2}?vidět|se\W+(?:můžeme|můžem|můžete|bychom)\W+~?vidět",
            r"jízdenk\w*\W+~{0,3}?(?:pro\W+tebe|abys)|koupím\W+ti\W+(?:jízdenku|lístek)",
            r"(?:sejd|sejít|setk|potk)\w*\W+se\b|se\W+~{0,2}?(?:sejd|sejít|setk|potk)\w*",
            r"(?:uvidíme|uvidím|uvidět|vidíme|vidět)\W+se\W+~{0,2}?(?:v\W+"
            + _DAYS
            + r"|na\W+nádraží|na\W+zastávce|před\W+školou"
            r"|u\W+školy|v\W+parku|osobně|naživo|v\W+reálu)",
            r"setkání\W+(?:naživo|osobně|v\W+reálu|tváří\W+v\W+tvář)|osobní\w*\W+setkání",
            r"(?:navrhl|domluvil|plánoval|naplánoval|sjednal|dohodl)\w*\W+~{0,3}?(?:setkání|schůzk\w*|sraz\w*"
            r"|rande|se\W+setkat|se\W+sejít)",
            r"rande",
            r"přijedu\W+(?:za\W+tebou|pro\W+tebe|do\W+tvého\W+města|k\W+tobě)|vyzvednu\W+tě|přijdu\W+(?:za\W+tebou"
            r"|pro\W+tebe|k\W+tobě)",
            r"(?:počkám|čekám|budu\W+čekat)\W+(?:na\W+tebe\W+)?(?:na\W+nádraží|na\W+zastávce|před\W+školou"
            r"|u\W+školy|v\W+parku)",
            r"přijď\W+(?:ke\W+mně|za\W+mnou)|přijeď\W+(?:ke\W+mně|za\W+mnou)",
            r"(?<!vím\W)kde\W+bydlíš|(?:tvoj\w*|tvá|tvou|tvůj)\W+adres\w*(?!\W+(?:e-?mail|mail))|pošli\W+(?:mi\W+)?adresu",
            r"pokoj\W+v\W+hotelu|hotel\w*\W+~?(?:zarezerv\w*|zaplat\w*)|zarezerv\w*\W+~?(?:hotel|pokoj)",
            r"v\W+reálu|naživo\W+(?:se\W+)?(?:vidět|potkat|setkat)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:jeho|její|svou|svoji|svojí|svého|svým|svému|své|vlastní)\W+(?:vlastní\W+"
            r"|nevlastní\W+)?(?:dcer\w*|syn|syna|synem|synovi|synové|vnučk\w*|vnuk\w*|neteř\w*|synovc\w*|žák\w*"
            r"|žačk\w*|svěřen\w*|děti|dětí|dětem|dítě|dítěte)",
            r"mám\W+(?:taky\W+|také\W+|sám\W+|vlastní\W+){0,2}(?:dceru|syna|děti|dvě\W+děti)",
            r"nevlastní\w*\W+(?:otec|otce|otci|otcem|táta|táty|tátou|tátu|matk\w*|bratr\w*)|otčím\w*",
            r"(?:přítel|partner|druh)\w*\W+(?:její\W+)?(?:matky|mámy|maminky)",
            r"(?:otec|otce|otcem|strýc\w*|strejd\w*|děd\w*|otčím\w*|bratran\w*|bratr|bratra|bratrem|matk\w*|tet\w*)"
            r"\W+(?:dítěte|oběti|dívky|holčičky|chlapce|nezletil\w*|poškozen\w*)",
            r"(?:její|jeho)\W+(?:vlastní\W+)?(?:strýc\w*|strejd\w*|děd\w*|otec|otce|otcem)",
            r"(?:jako|je|jsem|byl|byla|pracuje\W+jako|pracoval\w*\W+jako)\W+(?:\w+\W+)?(?:učitel\w*|trenér\w*"
            r"|chův\w*|vychovatel\w*|instruktor\w*|doučovatel\w*|kněz\w*|farář\w*|pediatr\w*|animátor\w*"
            r"|skautsk\w*\W+vedouc\w*|oddílov\w*|babysitter\w*|vedouc\w*\W+(?:oddílu|na\W+táboře|kroužku))",
            r"(?<=,\s)~?(?:učitel\w*|trenér\w*|vychovatel\w*|instruktor\w*|kněz|farář|vedoucí\W+oddílu)",
            r"chův\w*|(?:hlídá|hlídal\w*|hlídat)\W+(?:\w+\W+)?(?:děti|dítě|dětí)|babysitt\w*",
            r"pracuje\w*\W+~{0,2}?(?:s\W+dětmi|ve\W+školce|v\W+mateřské\W+škole|ve\W+škole|na\W+táboře"
            r"|v\W+družině|v\W+jeslích)",
            r"přístup\W+k\W+dětem",
        ),
        CueKind.very_young_victim: _f(
            r"kojen(?:ec|ce|ci|cem|ců|cům|ci)\w*|batol\w*|novorozen\w*|v\W+plenkách|(?:nosí|nosila|nosil)\W+~?plenk\w*",
            r"(?:zneuž\w*|fotk\w*|fotografi\w*|video\w*|videa|snímk\w*|nahráv\w*|obět\w*|ukazuj\w*)\W+~{0,3}?mimin\w*",
            r"předškolák\w*|předškolní\w*\W+věk\w*",
            r"(?P<age>\d{1,2})\W*-?\W*let(?:á|ý|é|ou|ého|ému|ých|ým|ími)\b",
            r"ve\W+věku\W+(?:asi\W+|přibližně\W+)?(?P<age>\d{1,2})\W+(?:let|roků|roky|rok)",
            r"(?:je\W+(?:jí|mu)|bylo\W+(?:jí|mu))\W+(?:teprve\W+|asi\W+|jen\W+|pouze\W+)?(?P<age>\d{1,2})\W+"
            r"(?:let|roky|rok|roků)",
            r"(?:jedno|dvou|tří|čtyř|pěti)let(?:á|ý|é|ou|ého|ému|ých|ým|ími)\b|roční\W+(?:dítě|holčičk\w*"
            r"|chlapeč\w*|miminko)",
            r"\d{1,2}\W*-?\W*měsíčn\w*|(?:dvou|tří|čtyř|pěti|šesti)měsíčn\w*",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:natočen|natočil|nahrán|nahrál|pořízen|vyfotil|vyfocen)\w*\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:natočen|natočil|nahrán|nahrál|pořízen|vyfotil|vyfocen)\w*",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"čerstvé\W+" + _MEDIA,
            r"(?:stále|pořád|nadále)\W+~{0,3}?zneužív\w*|zneužívání\W+~?(?:pokračuje|trvá)",
        ),
        CueKind.live_streaming: _f(
            r"živ\w*\W+(?:přenos\w*|vysílání|stream\w*)|(?:vysíl|streamov|přenáš)\w*\W+~?(?:naživo|živě)",
            r"live\W*stream\w*|livestream\w*",
            r"videohovor\w*|video\W*hovor\w*|videochat\w*|video\W*call\w*",
            r"webkamer\w*|webcam\w*|kamerk\w*|facetime",
            r"(?:zapni|zapneš|zapnout|zapnula|zapnul)\W+(?:si\W+)?(?:kamer\w*|kamerku|webkameru)",
            r"přes\W+(?:skype|kameru|video)\b",
        ),
        CueKind.payment_or_exchange: _f(
            r"výměnou\W+za|za\W+(?:peníze|prachy|kredit|dobití|odměnu)",
            r"dárkov\w*\W+(?:kart\w*|poukaz\w*)|gift\W*card\w*",
            r"(?:kód\w*|kart\w*|kupón\w*|poukaz\w*)\W+(?:na\W+|do\W+)?(?:amazon|steam|google\W*play|psn|xbox"
            r"|paysafe\w*)",
            r"paysafe\w*|robux\w*|v-bucks|vbucks|paypal|bitcoin\w*|kredit\w*\W+na\W+(?:mobil|telefon)|dobití"
            r"\W+kreditu",
            r"zaplatím\W+(?:ti|za|\d+)|dám\W+ti\W+(?:\d+|peníze|prachy|kredit)|pošlu\W+ti\W+(?:\d+|peníze"
            r"|prachy|kredit)",
            r"koupím\W+ti\W+~?(?:telefon|mobil|iphone|oblečení|dárek|hru|kredit|konzol\w*)",
            r"\d+\W*(?:kč|korun|czk|eur)\W+(?:za|na)\W+(?:jednu\W+|každou\W+|jedno\W+|každé\W+)?" + _MEDIA,
            r"(?:platil|zaplatil|plat)\w*\W+~?za\W+" + _MEDIA,
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            _YOUR + r"\W+(?:mladš\w*|mal\w*)\W+(?:sestr\w*|brat\w*|sestřenic\w*|bratran\w*)|" + _YOUR + r"\W+"
            r"(?:sestřičk\w*|brášk\w*|bratříčk\w*)",
            r"(?:vezmi|přiveď|přivez)\W+(?:s\W+sebou\W+)?(?:i\W+)?(?:tvoji\W+|svou\W+|svoji\W+)?(?:mladší\W+)?"
            r"(?:sestr\w*|kamarádk\w*|brách\w*|brat\w*|sestřičk\w*)",
            # a child made to abuse a sibling or another child
            r"(?:sahat|osahávat|osahával\w*|zneužít|zneužívat|dotýkat\W+se|dotýkal\w*\W+se|svléknout|natáčet)\W+(?:na\W+)?"
            r"(?:svou\W+|svoji\W+|její\W+|jeho\W+|jiné\w*\W+)?(?:mladší\W+|malé\w*\W+)?(?:sestr\w*|brat\w*"
            r"|sestřičk\w*|bratříčk\w*|dítě|děti)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"ale", r"však", r"avšak", r"jenže", r"ovšem", r"jinak"),
    look_alikes={
        CueKind.self_harm_or_suicide: _f(
            r"(?:umírám|umřu|chcípám|chcípu|zabiju\W+se)\W+~?(?:smíchy|smíchem|nudou|hlady|hladem|studem)",
            r"(?:to\W+)?vedro\W+mě\W+zabije|(?:máma|mamka|táta|mamina)\W+mě\W+zabije",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"(?:rád|ráda)\W+(?:tě|vás)\W+poznávám|těší\W+mě",
            r"(?:třídní\W+)?schůzk\w*\W+(?:v\W+práci|se\W+šéfem|rodičů)|třídní\W+schůzk\w*",
            r"(?:tvoj\w*|tvá|tvou|tvůj)\W+(?:e-?mailov\w*\W+)?adres\w*\W+(?:e-?mail|mail)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:učitel\w*|paní\W+učitelk\w*)\W+~{0,3}?(?:úkol\w*|písemk\w*|test\w*|známk\w*|zkoušení)",
        ),
        CueKind.live_streaming: _f(
            r"(?:živ\w*\W+)?přenos\w*\W+(?:zápasu|koncertu|utkání|mše)",
            r"(?:zápas|utkání|koncert|mše|závod|finále)\w*\W+~{0,2}?(?:vysíl|přenáš|streamov)\w*\W+~?(?:naživo|živě)",
        ),
    },
)
