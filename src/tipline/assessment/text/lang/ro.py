"""Romanian (ro) text cues.

Covers chat Romanian ("dacă nu plătești, trimit pozele tale părinților tăi", "putem să ne vedem la
gară", "vin să te iau", "nu mai vreau să trăiesc") and the register of police and provider summaries ("a
amenințat că va distribui imaginile", "a exprimat gânduri suicidare", "tatăl vitreg al victimei"). ă, â,
î, ș and ț also match their bare spelling (chat users drop diacritics: "sinucid", "mi-e frica"), and ș/ț
match the older cedilla forms ş/ţ.

Known limits: "ne vedem" counts only with a day or a place, as it is also a goodbye; ages need a noun or
"are" around them ("o fetiță de 4 ani"), since "de 3 ani" is usually a duration; "profesor" and
"antrenor" need a tie to the offender ("este profesor", "lucrează ca antrenor", "un antrenor");
"bebeluș" counts only next to abuse or image words.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans(
    {
        "ă": "[ăa]",
        "â": "[âa]",
        "î": "[îi]",
        "ș": "[șşs]",
        "ț": "[țţt]",
    }
)
_NEGATIONS = (
    r"nu(?!\W+(?:-?ți\W+face\W+griji|te\W+îngrijora|te\W+speria|-?i\W+problemă|e\W+problemă"
    r"|mai\W+pot\W+să\W+aștept|pot\W+să\W+aștept))",
    r"niciodată",
    r"nici",
    r"fără",
    r"nimic",
    r"nimeni",
    r"niciun\w*",
    r"nicio",
)
# "~": one word that is not a negation; Romanian letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


_AUDIENCE = (
    r"(?:(?:la\W+)?(?:părinți\w*|mam\w*|tat\w*|famili\w*|prieten\w*|coleg\w*|profesor\w*|școal\w*|clas\w*"
    r"|contact\w*|urmăritor\w*|bunic\w*|fra\w*)\W+(?:tăi|tale|tău|ta)"
    r"|(?:la\W+|tuturor\W+)(?:toți\W+)?(?:prietenilor|prietenii|contactelor|contactele|colegilor|colegii)\W+"
    r"(?:tăi|tale)"
    r"|toată\W+(?:școala|clasa|lumea)"
    r"|pe\W+(?:internet|net|rețele\w*|insta\w*|facebook|tiktok|grup\w*))"
)
_MEDIA = r"(?:poz\w*|fotografi\w*|foto|video\w*|clip\w*|filmuleț\w*|înregistrăr\w*|nuduri|nudes)"
_MADE = r"(?:făcut\w*|filmat\w*|înregistrat\w*)"
_RECENT = (
    r"(?:azi|astăzi|ieri|aseară|azi-noapte|azi\W+dimineață|săptămâna\W+asta|săptămâna\W+aceasta"
    r"|săptămâna\W+trecută|recent|de\W+curând|acum\W+(?:câteva|două|trei)\W+zile)"
)
_DAYS = r"(?:luni|marți|miercuri|joi|vineri|sâmbătă|duminică|weekend)"

LEXICON = Lexicon(
    language="ro",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"dacă\W+(?:îi\W+|le\W+)?(?:spui|zici)\W+(?:cuiva|cuivaa)",
            r"amenin\w*",
            r"șantaj\w*",
            r"extorc\w*|extorsi\w*|sextortion|sextorsiune",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:(?:o\W+să|voi|am\W+să)\W+)?(?:le\W+|îi\W+)?(?:trimit|public|postez|arăt|distribui|împrăștii"
            r"|dau\W+mai\W+departe|pun)\W+~{0,4}?(?:" + _AUDIENCE + "|" + _MEDIA + r"\W+tale)",
            r"(?:toată\W+lumea|toți)\W+(?:o\W+să|vor|va)\W+(?:vadă|vedea|afle|afla|știe|ști)",
            r"dacă\W+nu\W+(?:îmi\W+|mi\W+)?~?(?:plătești|trimiți|faci|dai|transferi|răspunzi|asculți|vii)",
            r"(?:plătește|plateste|dă-mi\W+banii|trimite\W+banii|transferă)\w*\W+~{0,5}?(?:sau|altfel)\b",
            r"altfel\W+~{0,4}?(?:" + _AUDIENCE + "|" + _MEDIA + r"|toată\W+lumea|toți|trimit|public|postez)",
            r"ai\W+(?:doar\W+)?(?:\d{1,3}|o|două|trei)\W*(?:ore|oră|h|minute|min|zile|zi)\W+(?:să|ca\W+să|sau"
            r"|până|la\W+dispoziție)",
            r"ultimatum",
            r"(?:îți|iti)\W+(?:distrug|stric|nenorocesc)\W+viața",
            r"știu\W+unde\W+(?:locuiești|stai)|știu\W+adresa\W+ta",
            r"te\W+omor\b|îți\W+fac\W+rău",
            r"o\W+să\W+regreți|vei\W+regreta",
            r"(?:a\W+cerut|cerea|cere|pretindea|a\W+pretins|pretinde)\W+~{0,3}?(?:bani|banii|plată|răscumpărare"
            r"|sumă|suma)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"nu\W+mai\W+am\W+(?:chef|putere|motiv)\W+să\W+trăiesc",
            r"nu\W+mai\W+vreau\W+să\W+mă\W+trezesc",
            r"sinucid\w*|suicid\w*|autovătăm\w*|automutil\w*",
            r"vreau\W+(?:doar\W+)?să\W+mor",
            r"(?:o\W+să|vreau\W+să|am\W+să|mă\W+gândesc\W+să|să)\W+mă\W+(?:omor|sinucid|arunc)\b(?!\W+de\W+râs)",
            r"mă\W+omor(?!\W+de\W+(?:râs|plâns|foame))\b|să\W+se\W+(?:omoare|sinucidă|arunce)",
            r"să-mi\W+iau\W+viața|să\W+îmi\W+iau\W+viața|își\W+ia\W+viața|să-și\W+ia\W+viața|și-a\W+luat\W+viața",
            r"nu\W+mai\W+vreau\W+să\W+trăiesc|nu\W+mai\W+am\W+de\W+ce\W+să\W+trăiesc",
            r"nu\W+mai\W+(?:pot|suport|rezist)(?=\s*(?:[.!?,;]|$))",
            r"(?:mă|să\W+mă)\W+(?:tai|rănesc|autorănesc)\b|mă\W+tai\W+pe\W+(?:mâini|brațe)",
            r"nimeni\W+nu\W+(?:mi-ar\W+duce|ar\W+simți)\W+lipsa|mai\W+bine\W+fără\W+mine",
            r"să\W+sar\W+de\W+pe\W+(?:pod|bloc|acoperiș)|mă\W+arunc\W+(?:în\W+fața|de\W+pe)",
            r"gânduri\W+(?:suicidare|de\W+sinucidere)|idei\W+suicidare|tentativă\W+de\W+sinucidere|supradoz\w*",
        ),
        CueKind.planned_meeting: _f(
            r"ne\W+(?:putem|vom\W+putea|am\W+putea)\W+(?:vedea|întâlni)",
            r"bilet\w*\W+de\W+(?:tren|autobuz|avion)\W+~{0,3}?(?:ca\W+să\W+vii|pentru\W+tine)|îți\W+cumpăr\W+bilet",
            r"(?:ne\W+)?(?:vedem|întâlnim)\W+~{0,2}?(?:la\W+(?:gară|stație|parc|mall|școală|ieșire)|în\W+(?:parc"
            r"|centru|fața)|" + _DAYS + ")",
            r"(?:putem|am\W+putea|vrei|hai|trebuie)\W+(?:să\W+)?ne\W+(?:vedem|întâlnim|cunoaștem)",
            r"să\W+ne\W+(?:vedem|întâlnim|cunoaștem)\W+(?:în\W+realitate|în\W+persoană|live|față\W+în\W+față)",
            r"întâlnire\W+(?:în\W+persoană|față\W+în\W+față|reală|fizică)|întâlnire\W+cu\W+(?:minora|minorul|copilul"
            r"|fata|victima)",
            r"(?:a\W+propus|propunea|a\W+stabilit|a\W+aranjat|a\W+plănuit|a\W+organizat)\W+~{0,2}?(?:o\W+întâlnire"
            r"|să\W+se\W+(?:întâlnească|vadă))",
            r"te\W+iau\W+(?:de\W+la|cu\W+mașina|după)|vin\W+să\W+te\W+iau|vin\W+după\W+tine",
            r"vin\W+(?:în\W+orașul\W+tău|la\W+tine|până\W+la\W+tine)",
            r"te\W+aștept\W+~{0,2}?(?:la\W+gară|în\W+stație|la\W+stație|la\W+ieșire|în\W+fața\W+școlii|în\W+parc)",
            r"vino\W+la\W+mine",
            r"să\W+(?:se|o|îl|te)\W+(?:întâlnească|întâlnesc|vadă)\W+cu\b|să\W+(?:o|îl|te)\W+(?:întâlnească|întâlnesc)\b",
            r"(?<!știu\W)unde\W+(?:locuiești|stai)\b|adresa\W+ta(?!\W+de\W+(?:e-?mail|mail))",
            r"cameră\W+de\W+hotel|rezerv\w*\W+~?(?:o\W+cameră|un\W+hotel)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:fiic\w*|fiul|fiu|fiului|nepoat\w*|nepot\w*|elev\w*|copiii|copilul|copila|fiastr\w*|ginerel\w*)\W+"
            r"(?:sa|său|sale|lui|ei|săi|proprii|propriu|proprie)\b",
            r"propri(?:a|ul|ei|ii|ile|ului)\W+(?:fiic\w*|fiu\w*|nepo\w*|copi\w*)",
            r"am\W+(?:și\W+eu\W+|și\W+)?(?:o\W+fiică|un\W+fiu|copii|doi\W+copii)",
            r"(?:tată\w*|mamă\w*|fiică\w*|fiu\w*)\W+vitreg\w*",
            r"(?:concubinul|prietenul|iubitul|partenerul)\W+(?:mamei|mamii)",
            r"(?:tatăl|unchiul|bunicul|vărul|fratele|mama|mătușa|nașul)\W+(?:copilului|victimei|fetei|băiatului"
            r"|minorei|minorului|fetiței)",
            r"(?:unchiul|bunicul|nașul)\W+(?:său|ei|lui)",
            r"(?:ca|este|e|sunt|era|lucrează\W+ca|lucra\W+ca)\W+(?:un\W+|o\W+)?(?:profesor\w*|învățăto\w*"
            r"|educato\w*|antrenor\w*|bonă|babysitter|preot|pediatru|instructor\w*|animator\w*|îngrijito\w*"
            r"|meditato\w*)",
            r"(?:un|o)\W+(?:profesor|învățător|învățătoare|educatoare|educator|antrenor|bonă|babysitter|instructor"
            r"|animator|meditator)\b",
            r"bon(?:ă|a|ei)\b|babysitt\w*",
            r"lucrează\W+~{0,2}?(?:cu\W+copii|la\W+o\W+școală|la\W+grădiniță|într-o\W+grădiniță|într-o\W+școală"
            r"|la\W+o\W+tabără|într-o\W+tabără)",
            r"acces\W+la\W+copii",
        ),
        CueKind.very_young_victim: _f(
            r"nou-născut\w*|nou\W+născut\w*|(?:în|cu|poartă|purta)\W+scutec\w*|preșcolar\w*",
            r"(?:abuz\w*|poz\w*|fotografi\w*|video\w*|clip\w*|imagini\w*|victim\w*|apare|arată)\W+~{0,3}?"
            r"bebeluș\w*",
            r"(?:copil|copilă|copilul|fetiț\w*|băiețel\w*|minor\w*|victim\w*|bebeluș\w*|fiic\w*|fiu)\W+(?:de|în\W+vârstă"
            r"\W+de)\W+(?:doar\W+|numai\W+|aproximativ\W+|circa\W+)?(?P<age>\d{1,2})\W+ani",
            r"(?:are|avea|va\W+avea)\W+(?:doar\W+|numai\W+|aproximativ\W+|circa\W+)?(?P<age>\d{1,2})\W+ani",
            r"(?:în\W+vârstă|vârsta)\W+de\W+(?P<age>\d{1,2})\W+ani",
            r"(?:copil|fetiț\w*|băiețel\w*|are|avea)\W+(?:de\W+)?(?:doar\W+|aproximativ\W+|circa\W+|vreo\W+)?(?:un\W+an|doi\W+ani|două\W+ani"
            r"|trei\W+ani|patru\W+ani|cinci\W+ani)",
            r"(?:copil|fetiț\w*|băiețel\w*|bebeluș\w*|are|avea)\W+(?:de\W+)?\d{1,2}\W+luni",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:filmat\w*|înregistrat\w*)\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:filmat\w*|înregistrat\w*)",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"(?:poze|fotografii|clipuri|filmulețe|videoclipuri|imagini)\W+(?:recente|proaspete)",
            r"abuz\w*\W+~{0,2}?(?:continuă|în\W+curs)|continuă\W+să\W+(?:o\W+|îl\W+)?abuzeze",
        ),
        CueKind.live_streaming: _f(
            r"(?:transmis|difuzat|arătat|filmat)\w*\W+~?(?:în\W+direct|live)\b|(?:în\W+direct|live)\W+(?:pe|prin"
            r"|la)\W+(?:camer\w*|platform\w*|internet|tiktok|instagram|facebook)",
            r"live\W*stream\w*|livestream\w*",
            r"apel\w*\W+video|video\W*apel\w*|videochat\w*|video\W*call\w*|webcam\w*|camer\w*\W+web|facetime",
            r"(?:pornește|deschide|aprinde|pune|pornește-ți)\W+(?:camera|cam\w*)",
            r"pe\W+(?:skype|cameră)\b",
        ),
        CueKind.payment_or_exchange: _f(
            r"în\W+schimbul|în\W+schimb\W+(?:pentru|la|pe)",
            r"carduri?\W+cadou|gift\W*card\w*|voucher\w*",
            r"(?:cod\w*|card\w*|reîncărcare|cartel\w*)\W+(?:de\W+)?(?:amazon|steam|google\W*play|psn|xbox"
            r"|paysafe\w*)",
            r"paysafe\w*|robux|v-bucks|vbucks|paypal|revolut|bitcoin\w*",
            r"îți\W+(?:plătesc|dau\W+bani|dau\W+\d+|trimit\W+bani|trimit\W+\d+)|te\W+plătesc",
            r"plăt\w*\W+~?pentru\W+" + _MEDIA,
            r"\d+\W*(?:lei|ron|euro|€)\W+(?:pe|pentru)\W+(?:o\W+|fiecare\W+|un\W+)?" + _MEDIA,
            r"îți\W+cumpăr\W+~?(?:telefon|iphone|haine|cadou\w*|cartelă|consolă)|îți\W+încarc\W+cartela",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"(?:sora|fratele|verișoara|vărul)\W+(?:ta|tău)\W+(?:mai\W+)?(?:mic\w*|mică)|surioara\W+ta"
            r"|frățiorul\W+tău",
            r"adu-ți\W+(?:și\W+)?(?:sora|prietena|fratele|verișoara)|adu\W+(?:și\W+)?(?:pe\W+)?(?:sora|prietena"
            r"|fratele)\W+(?:ta|tău)",
            # a child made to abuse a sibling or another child
            r"(?:să\W+)?(?:atingă|abuzeze|pipăie|dezbrace|filmeze)\W+(?:pe\W+)?(?:sora|fratele|surioara|frățiorul"
            r"|verișoara|alt\W+copil|alți\W+copii|o\W+altă\W+fetiță)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"dar", r"însă", r"totuși", r"ci", r"altfel", r"în\W+schimb"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(r"(?:ploaie|furtună|inundați\w*)\W+~?amenin\w*|specii\W+amenințate"),
        CueKind.self_harm_or_suicide: _f(
            r"(?:mor|murit|muri|mă\W+omor|moare)\W+de\W+(?:râs|foame|sete|plictiseală|rușine|căldură|frig)",
            r"(?:căldura|caniculă|școala)\W+(?:asta\W+)?mă\W+omoară|(?:mama|tata|mami|tati)\W+mă\W+omoară",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"adresa\W+ta\W+de\W+(?:e-?mail|mail)",
            r"întâlnire\W+(?:cu\W+)?(?:dirigint\w*|părinții|șeful\w*|medicul)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:profesor\w*|doamna|domnul|dirigint\w*)\W+~{0,3}?(?:teme\w*|tema|test\w*|lucrare\w*|not(?:ă|e)\w*)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!din\W)(?<!în\W)(?<!pe\W)(?:telefonul|contul|profilul|mașina|calculatorul|contractul|casa|laptopul)"
            r"\W+(?:meu|mea|tău|ta|lui|ei)?\W*(?:are|avea)\W+(?:deja\W+)?(?:\d{1,2}|un|doi|trei|patru|cinci)\W+"
            r"(?:an|ani|luni)\b",
        ),
        CueKind.live_streaming: _f(
            r"(?:meci\w*|concert\w*|slujb\w*|cursă|emisiune\w*)\W+~{0,2}?(?:transmis\w*\W+)?(?:în\W+direct|live)",
        ),
    },
)
