"""Finnish (fi) text cues.

Covers chat Finnish ("jos et maksa, lähetän kuvasi vanhemmillesi", "tavataanko lauantaina", "haen sinut
koulun jälkeen", "en jaksa enää") and the register of police and provider summaries ("uhkasi levittää
kuvia", "kertoi itsemurha-ajatuksista", "uhrin isäpuoli"). Finnish is agglutinative, so words are
matched on their stems with the case and possessive endings that matter ("vanhemmillesi", "tyttärensä",
"siskoasi"); ä and ö also match a and o, as typed on foreign keyboards.

Finnish negates with a verb (en, et, ei, emme, ette, eivät) that stands before the main verb, so "en
halua tavata sinua" is suppressed; cue phrases that contain the negation themselves ("en halua elää",
"en jaksa enää") start with it and are not suppressed by it.

Known limits: "nähdään" counts only with a day or a place, as it is also a goodbye; "tapaaminen" (also a
work meeting) counts only with the child or "kasvokkain"; a teacher or coach must be tied to the
offender ("työskentelee opettajana", "on valmentaja"); "vauva" counts only next to abuse or image words,
as it is also a term of endearment.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans({"ä": "[äa]", "ö": "[öo]", "å": "[åa]"})
_NEGATIONS = (
    r"en(?!\W+(?:malta|voi\W+odottaa))",
    r"et",
    r"ei(?!\W+(?:hätää|se\W+mitään|haittaa))",
    r"emme|ette|eivät",
    r"enkä|etkä|eikä|emmekä|ettekä|eivätkä",
    r"älä(?!\W+(?:huoli|huolehdi|pelkää|hätäile))",
    r"älkää",
    r"koskaan|ikinä",
    r"ilman",
)
# "~": one word that is not a negation; ä, ö also matching a, o.
_f = pattern_maker(_NEGATIONS, _FOLD)


# "vanhemmillesi", "äidillesi", "kaikille kavereillesi", "koko koululle", "nettiin"
_AUDIENCE = (
    r"(?:(?:vanhem|äid|isä|perhee|kaver|ystäv|luokkalais|koulukaver|opettaj|kontakt|seuraaj|sisaruks|mumm"
    r"|vaar|sukulais)\w*si\b"
    r"|kaikille|koko\W+(?:koululle|luokalle|perheelle|suvulle)"
    r"|(?:nettiin|internetiin|someen|instaan|tiktokiin|facebookiin|snäppiin))"
)
_MEDIA = (
    r"(?:(?:alaston|nude|seksi)?kuv(?:a|at|an|aa|ia|iasi|asi|ansi|ista|istasi|issa|ien|iin|ani|iani|iaan)\b"
    r"|valokuv\w*|video\w*|nudet|nudeja|pics)"
)
_MADE = (
    r"(?:otettu|otettiin|otin|otti|tehty|tein|kuvattu|kuvasin|kuvasi|kuvattiin|nauhoitettu|tallennettu"
    r"|videoitu)"
)
_RECENT = (
    r"(?:tänään|eilen|toissapäivänä|eilen\W+illalla|tänä\W+aamuna|viime\W+yönä|tällä\W+viikolla|viime\W+viikolla"
    r"|äskettäin|hiljattain|muutama\W+päivä\W+sitten|pari\W+päivää\W+sitten)"
)
_DAYS = r"(?:maanantaina|tiistaina|keskiviikkona|torstaina|perjantaina|lauantaina|sunnuntaina|viikonloppuna)"

LEXICON = Lexicon(
    language="fi",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"jos\W+kerrot\W+(?:tästä\W+)?(?:kenellekään|kenelle\W+tahansa|jollekin)",
            r"uhka(?!\w*(?:arvio|taso|kuva))\w*|uhan(?!alai)\w*|uhat\w*|uhkai\w*",
            r"kiristys\w*|kiristyk\w*|kiristäj\w*|kiristi\w*\W+~{0,2}?(?:rahaa|kuvia|häntä|lasta|tyttöä|poikaa|uhria)"
            r"|kiristää\W+~{0,2}?(?:rahaa|kuvia|häntä)|kiristämäll\w*|sextortion",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            _AUDIENCE + r"\W+~{0,3}?" + _MEDIA,
            r"(?:lähetän|jaan|julkaisen|näytän|levitän|laitan|postaan|vuodan|pistän)\W+~{0,4}?(?:"
            + _AUDIENCE
            + "|"
            + _MEDIA
            + ")",
            r"kaikki\W+(?:näkevät|saavat\W+nähdä|tietävät|saavat\W+tietää)",
            r"jos\W+(?:et|ette)\W+~{0,2}?(?:maksa|lähetä|tee|vastaa|siirrä|tottele|anna)\w*",
            r"(?:maksa|siirrä|lähetä\W+rahat)\W+~{0,5}?(?:tai|muuten)\b",
            r"muuten\W+~{0,4}?(?:" + _AUDIENCE + r"|kaikki|lähetän|julkaisen|näytän|levitän)",
            r"(?:sinulla\W+on|sulla\W+on)\W+(?:\d{1,3}|yksi|kaksi|kolme)\W*(?:tuntia|tunti|h|minuuttia|min"
            r"|päivää|vuorokausi)|\d{1,3}\W*(?:tuntia|minuuttia|h)\W+aikaa",
            r"uhkavaatimu\w*",
            r"(?:pilaan|tuhoan)\W+(?:sinun\W+)?elämäsi",
            r"tiedän\W+(?:missä|mis)\W+asut|tiedän\W+osoitteesi",
            r"tapan\W+sinut|tapan\W+sut",
            r"(?:tulet|sä\W+tuut)\W+katumaan|kadut\W+vielä",
            r"vaati\w*\W+~{0,3}?(?:rahaa|maksua|lunnaita|summaa)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"ei\W+ole\W+(?:enää\W+)?(?:halua|syytä|voimia)\W+elää",
            r"en\W+halua\W+enää\W+herätä|en\W+halua\W+herätä\W+enää",
            r"itsemurh\w*|itsetuho\w*|viiltel\w*|viilsin\W+itseäni|viillän\W+itseäni",
            r"(?:haluan|haluun|tahdon|haluaisin|haluisin)\W+(?:vain\W+|vaan\W+)?kuolla",
            r"tapan\W+itseni|tappaa\W+(?:itseni|itsensä)|tappanut\W+itsensä|tappaisin\W+itseni|tapan\W+ittei",
            r"riistää\W+(?:oman\W+)?(?:henkeni|henkensä)|päättää\W+(?:elämäni|päiväni|elämänsä)|lopettaa\W+kaiken",
            r"en\W+(?:halua|jaksa)\W+(?:enää\W+)?elää|en\W+halua\W+enää\W+olla\W+olemassa",
            r"en\W+(?:jaksa|kestä)\W+enää(?=\s*(?:[.!?,;]|$))",
            r"satutan\W+itseäni|satuttaa\W+(?:itseään|itseäni)|satuttanut\W+itseään",
            r"kukaan\W+ei\W+kaipaisi\W+minua|parempi\W+ilman\W+minua",
            r"hyppään\W+(?:sillalta|junan\W+alle|katolta|parvekkeelta)",
            r"itsemurha-ajatuks\w*|yliannostu\w*",
        ),
        CueKind.planned_meeting: _f(
            r"(?:milloin|missä|koska)\W+(?:voidaan|voisimme|voimme|voitaisiin)\W+~?(?:nähdä|tavata)|nähdäänkö",
            r"(?:juna|bussi|lento)lippu\w*\W+~{0,3}?(?:että\W+pääset|luokseni)|ostan\W+(?:sinulle|sulle)\W+(?:juna|bussi|lento)lipu\w*",
            r"tavata\b|tavataan\w*|tavattaisiin|tapaisimme|tapaamaan|tapaan\W+sinut|tapaisin\W+sinut|treff\w*",
            r"(?:tapaami\w*|nähdä\w*|tavata)\W+~?(?:kasvokkain|livenä|oikeasti|irl)|kasvokkain|livenä\W+~?"
            r"(?:tavata|nähdä)",
            r"tapaami\w*\W+(?:lapsen|tytön|pojan|uhrin)\W+kanssa",
            r"nähdään\W+~{0,2}?(?:"
            + _DAYS
            + r"|asemalla|pysäkillä|puistossa|koulun\W+edessä|kauppakeskuksessa)",
            r"haen\W+sinut|tulen\W+hakemaan\W+sinut|haen\W+sut",
            r"tulen\W+~{0,2}?(?:kaupunkiisi|luoksesi|kotiisi|paikkakunnallesi)",
            r"odotan\W+(?:sinua\W+)?(?:asemalla|pysäkillä|koulusi\W+edessä|koulun\W+edessä|puistossa)",
            r"tule\W+(?:minun\W+)?luokseni|tuu\W+mun\W+luo",
            r"(?<!tiedän\W)(?:missä|mis)\W+(?:sinä\W+|sä\W+)?asut|osoitteesi",
            r"hotellihuone\w*|varas\w*\W+~?hotelli\w*",
            r"(?:ehdotti|sopi|järjesti|suunnitteli)\w*\W+~{0,2}?(?:tapaamis\w*|tapaamaan|tavata|treffe\w*)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:tyttäre(?:nsä|ään)|tytärpuol\w*|poikansa|poikaansa|poikapuol\w*"
            r"|lapsensa|lapsiaan|lastaan|lapsenlaps\w*|oppilaansa"
            r"|oppilaitaan|veljentyttär\w*|sisarentyttär\w*|kasvattityttär\w*|kasvattilap\w*"
            r"|lapsipuol\w*)\b",
            r"(?:minulla|mulla)\W+on\W+(?:myös\W+|itsellänikin\W+)?(?:tytär|poika|lapsia|kaksi\W+lasta)",
            r"isäpuol\w*|äitipuol\w*|uusioisä\w*",
            r"äidin\W+(?:poikaystävä\w*|miesystävä\w*|avopuoliso\w*)|(?:äitinsä|äitini)\W+(?:poikaystävä\w*"
            r"|miesystävä\w*|avopuoliso\w*)",
            r"(?:lapsen|uhrin|tytön|pojan|asianomistajan)\W+(?:isä\w*|setä\w*|eno\w*|isoisä\w*|ukki\w*|isäpuol\w*"
            r"|serkku\w*|veli\w*|äiti\w*|täti\w*)",
            r"\w*(?:opettaja|valmentaja)(?:na|ksi)\b|(?:on|olen|oli|ollut)\W+(?:\w+\W+)?\w*(?:opettaja|valmentaja)\b",
            r"(?:opettaja|lastentarhanopettaja|varhaiskasvattaja|valmentaja|lapsenvahti|lastenhoitaja|ohjaaja"
            r"|nuoriso-ohjaaja|partiojohtaja|pappi|lastenlääkäri|kerhonohjaaja|uimaopettaja|tukiopettaja)(?:na|ksi)\b",
            r"(?:on|olen|oli|ollut)\W+(?:\w+\W+)?(?:opettaja|lastentarhanopettaja|valmentaja|lapsenvahti"
            r"|lastenhoitaja|nuoriso-ohjaaja|partiojohtaja|pappi|lastenlääkäri|kerhonohjaaja|uimaopettaja)\b",
            r"lapsenvah\w*|lastenhoitaj\w*|perhepäivähoitaj\w*|au\W*pair\w*",
            r"(?:työskentelee|työskentelen|töissä)\W+~{0,2}?(?:lasten\W+kanssa|päiväkodissa|koulussa|leirillä"
            r"|kerhossa)|(?:lasten\W+kanssa|päiväkodissa)\W+(?:töissä|työskentel\w*)",
            r"pääsy\W+lasten\W+luo",
        ),
        CueKind.very_young_victim: _f(
            r"(?:hyväksikäyt\w*|kuv\w*|video\w*|uhri\w*|näkyy|esittä\w*)\W+~{0,3}?vauva\w*",
            r"vauvaikäi\w*|imeväi\w*|vastasyntyn\w*|taapero\w*|vaipoissa|vaippaikä\w*|käyttää\W+~?vaippoja",
            r"päiväkoti-ikäi\w*|leikki-ikäi\w*|alle\W+kouluikäi\w*",
            r"(?P<age>\d{1,2})\W*-?\W*vuotia\w*",
            r"(?P<age>\d{1,2})\W*-?\W*v\b",
            r"(?:yksi|kaksi|kolme|neljä|viisi)vuotia\w*|(?:yksi|kaksi|kolme|neljä|viisi)\W+vuotia\w*",
            r"\d{1,2}\W*-?\W*kuukautis\w*|(?:kuu|kahden|kolmen|kuuden)\W+kuukauden\W+ikäi\w*",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:kuvattu|kuvannut|kuvasi|kuvattiin|tallennettu|nauhoitettu|videoitu)\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:kuvattu|kuvannut|kuvasi|kuvattiin|tallennettu|nauhoitettu|videoitu)",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"(?:tuoreita|tuoreet)\W+" + _MEDIA,
            r"hyväksikäyt\w*\W+~{0,2}?(?:jatkuu|jatkui|on\W+käynnissä|yhä)|(?:yhä|edelleen|jatkuvasti)\W+"
            r"~{0,2}?hyväksikäyt\w*",
        ),
        CueKind.live_streaming: _f(
            r"live\W*stream\w*|livestream\w*|suoratoist\w*|suorana\W+lähetyksenä|suoraa\W+lähetystä",
            r"videopuhelu\w*|videochat\w*|video\W*call\w*|facetime\w*|webkamer\w*|webcam\w*",
            r"(?:laita|laitat|avaa|avaat|kytke)\W+(?:\w+\W+)?kamera\w*\W+päälle|kamera\w*\W+päälle",
            r"(?:skypen|kameran)\W+(?:kautta|välityksellä)",
        ),
        CueKind.payment_or_exchange: _f(
            r"vastineeksi|vastikkeeksi|korvaukseksi|vastaan\W+rahaa|rahaa\W+vastaan",
            r"lahjakort\w*|gift\W*card\w*",
            r"(?:amazon|steam|google\W*play|psn|xbox|paysafe\w*)\W*(?:koodi\w*|kortti\w*|lahjakort\w*)",
            r"paysafe\w*|robux\w*|v-bucks|vbucks|paypal\w*|bitcoin\w*|saldo\w*\W+puhelimeen"
            r"|mobilepay\w*\W+(?:sinulle|sulle)",
            r"maksan\W+(?:sinulle|sulle|\d+)|annan\W+(?:sinulle|sulle)\W+(?:rahaa|\d+)|siirrän\W+(?:sinulle|sulle)",
            r"ostan\W+(?:sinulle|sulle)\W+~?(?:puhelimen|iphonen|vaatteita|lahjan|pelin|konsolin)",
            r"\d+\W*(?:e|€|euroa|euron)\W+~?(?:kuvasta|kuvista|videosta|per\W+kuva)",
            r"(?:kuvista|kuvasta|videoista|videosta)\W+~{0,2}?(?:maksa\w*|rahaa|\d+)",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"pikkusisko\w*si\b|pikkuveli\w*si\b|pikkuveljesi\w*|pikkuveljeä\w*si|nuorempi\w*\W+(?:sisko|veli)\w*si\b",
            r"ota\W+(?:\w+\W+)?(?:siskosi|pikkusiskosi|kaverisi|ystäväsi|veljesi|pikkuveljesi|serkkusi)\W+~?mukaan",
            # a child made to abuse a sibling or another child
            r"(?:siskoaan|pikkusiskoaan|veljeään|pikkuveljeään|sisarustaan|toista\W+lasta|muita\W+lapsia)\W+~{0,2}?"
            r"(?:koskettamaan|koskemaan|hyväksikäyttämään|riisumaan|kuvaamaan|kosketella|koskea)",
            r"(?:koskettamaan|koskemaan|hyväksikäyttämään|riisumaan|kuvaamaan)\W+(?:\w+\W+)?(?:siskoaan"
            r"|pikkusiskoaan|veljeään|pikkuveljeään|sisarustaan|toista\W+lasta)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"mutta", r"vaan", r"kuitenkin", r"silti", r"muuten"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"uhanalai\w*|uhkaa\W+(?:sataa|myöhästyä|epäonnistua)|(?:sade|myrsky|lakko)\w*\W+uhkaa",
            r"kiristää\W+(?:ruuvia|vyötä|pipoa|hermoja)|kiristi\W+(?:ruuvia|vyötä|pipoa)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:kuolen|kuolin|kuoli|kuolla)\W+(?:nauruun|tylsyyteen|nälkään|janoon|häpeään|kuumuuteen)",
            r"nauroin\W+itseni\W+kuoliaaksi|(?:helle|koulu|äiti|isä|äitini|isäni)\W+tappaa\W+minut",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"(?:mukava|kiva|hauska)\W+tavata|(?:työ|vanhempain|palaveri)\w*\W+tapaami\w*",
            r"sähköpostiosoitteesi",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"opettaja\w*\W+~{0,3}?(?:läksy\w*|koe\w*|kokeen|arvosan\w*|tehtäv\w*)",
        ),
        CueKind.very_young_victim: _f(
            r"(?:puhelin|tili|profiili|auto|tietokone|sopimus|talo)\w*\W+~{0,2}?(?:on\W+)?(?:\d{1,2}|yksi|kaksi"
            r"|kolme|neljä|viisi)\W*-?\W*vuotia\w*",
        ),
    },
)
