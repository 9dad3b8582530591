"""Polish (pl) text cues.

Covers chat Polish ("jak nie zapłacisz, wyślę twoje zdjęcia rodzicom", "spotkajmy się w sobotę",
"przyjadę po ciebie", "nie chcę już żyć") and the register of police and provider summaries ("groził
rozpowszechnieniem zdjęć", "wyraziła myśli samobójcze", "ojczym pokrzywdzonej"). Polish inflects
heavily, so nouns and verbs are matched on their stems; every letter with a diacritic also matches its
bare spelling ("spotkac", "zycie", "zdjecia"), as chat users often type without Polish keys.

Known limits: "zagrożenie" (danger, hazard) is deliberately not a threat cue, and "grozi mu kara" (faces
a penalty) is a look-alike; "maluch" (also a car and a pet name) is not a very-young cue, and
"bobas"/"maluszek" count only next to abuse or image words; "ma 3 lata" about an object is a look-alike
only for common objects; "nauczyciel" and "trener" need a tie to the offender ("jest nauczycielem",
"pracuje jako trener", or an apposition after a comma).
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans(
    {
        "ą": "[ąa]",
        "ć": "[ćc]",
        "ę": "[ęe]",
        "ł": "[łl]",
        "ń": "[ńn]",
        "ó": "[óo]",
        "ś": "[śs]",
        "ź": "[źzż]",
        "ż": "[żzź]",
    }
)
_NEGATIONS = (
    r"nie(?!\W+(?:martw|przejmuj|bój|bój\W+się|ma\W+sprawy|ma\W+problemu|mogę\W+się\W+doczekać))",
    r"nigdy",
    r"żadn\w*|żaden",
    r"bez",
    r"nic",
    r"nikt\w*|nikomu|nikogo",
    r"ani",
)
# "~": one word that is not a negation; Polish letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


# "twoim rodzicom", "do twojej mamy", "wszystkim znajomym", "całej szkole", "w internecie"
_YOUR = r"(?:twoi\w*|twoj\w*|twoj|twój|twe\w*|tw\w{1,4}|swoi\w*|swoj\w*)"
_AUDIENCE = (
    r"(?:(?:do\W+)?" + _YOUR + r"\W+(?:rodzic\w*|mam\w*|matk\w*|matce|tat\w*|taci\w*|ojc\w*|ojciec|rodzin\w*"
    r"|znajom\w*|przyjaci\w*|kumpl\w*|koleg\w*|koleżank\w*|szkoł\w*|szkol\w*|klas\w*|nauczyciel\w*|kontakt\w*"
    r"|obserwując\w*|dziadk\w*|babci\w*)"
    r"|(?:wszystkim|do\W+wszystkich)\W+(?:" + _YOUR + r"\W+)?(?:znajom\w*|koleg\w*|przyjaci\w*|kontakt\w*)"
    r"|cał(?:ej|a|ą)\W+(?:" + _YOUR + r"\W+)?(?:szkol\w*|szkoł\w*|klas\w*|rodzin\w*)"
    r"|(?:rodzicom|mamie|tacie|rodzinie)"
    r"|(?:w|na|do)\W+(?:internet\w*|necie|neta|sieci|insta\w*|fejs\w*|facebook\w*|tiktok\w*|grupie\W+klasowej))"
)
_MEDIA = (
    r"(?:zdjęci\w*|zdjęć|fotk\w*|fotografi\w*|fotki|foto|filmik\w*|filmy|filmów|film|nagrani\w*|nagrań"
    r"|nudes\w*|nudy|nagie\W+zdjęci\w*)"
)
_MADE = r"(?:zrobi\w*|nagra\w*|sfilmowa\w*|nakręci\w*)"
_RECENT = (
    r"(?:dzisiaj|dziś|wczoraj|przedwczoraj|wczoraj\W+wieczorem|dziś\W+rano|tej\W+nocy|w\W+tym\W+tygodniu"
    r"|w\W+zeszłym\W+tygodniu|niedawno|ostatnio|kilka\W+dni\W+temu|parę\W+dni\W+temu)"
)
_DAYS = r"(?:poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę|weekend)"

LEXICON = Lexicon(
    language="pl",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"(?:jeśli|jeżeli|jak)\W+(?:komuś|komukolwiek)\W+(?:o\W+tym\W+)?(?:powiesz|powiesz\W+o\W+tym)",
            r"(?:za)?grozi\w*|groźb\w*|pogróż\w*",
            r"szantaż\w*",
            r"wymusz\w*|wymuś\w*|wyłudz\w*|sextortion|sekstorsj\w*",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            _AUDIENCE + r"\W+~{0,3}?" + _MEDIA,
            r"(?:wyślę|roześlę|wrzucę|opublikuję|pokażę|udostępnię|puszczę|wstawię|dam)\W+~{0,4}?(?:"
            + _AUDIENCE
            + "|"
            + _YOUR
            + r"\W+"
            + _MEDIA
            + ")",
            r"wszyscy\W+(?:zobaczą|się\W+dowiedzą|będą\W+wiedzieć|będą\W+mieli|to\W+zobaczą)",
            r"(?:jeśli|jeżeli|jak|gdy)\W+(?:mi\W+)?nie\W+~?(?:zapłacisz|przelejesz|wyślesz|zrobisz|odpiszesz|dasz"
            r"|odpowiesz|posłuchasz|wpłacisz)",
            r"(?:zapłać|przelej|płać|wpłać)\w*\W+~{0,5}?(?:albo|bo\W+inaczej|inaczej|bo)\b",
            r"(?:albo|inaczej|w\W+przeciwnym\W+razie)\W+~{0,3}?(?:" + _AUDIENCE + r"|wyślę|roześlę|wrzucę"
            r"|opublikuję|pokażę|wszyscy)",
            r"masz\W+(?:czas\W+)?(?:tylko\W+)?(?:\d{1,3}|jedną|dwie|trzy|dobę)\W*(?:godzin\w*|godzinę|h|minut\w*"
            r"|min|dni|dzień|doby|dobę)?\W+(?:na|żeby|aby|albo|bo|inaczej|czasu)",
            r"ultimatum",
            r"(?:zniszczę|zrujnuję|spieprzę)\W+ci\W+życie",
            r"wiem\W+gdzie\W+mieszkasz|znam\W+twój\W+adres",
            r"(?:zabiję|zajebię|skrzywdzę)\W+(?:cię|ciebie|twoją\W+rodzinę)",
            r"(?:pożałujesz|będziesz\W+żałować|będziesz\W+żałował\w*)",
            r"(?:żądał|żąda|zażądał|domagał|domaga)\w*\W+~{0,3}?(?:pieniędzy|pieniądze|zapłaty|okupu|przelewu"
            r"|kolejnych\W+zdjęć|kolejnych\W+nagrań|więcej\W+zdjęć)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"nie\W+mam\W+(?:już\W+)?(?:siły|ochoty|po\W+co)\W+(?:dalej\W+)?żyć",
            r"nie\W+chcę\W+się\W+już\W+(?:obudzić|budzić)|nie\W+chcę\W+się\W+(?:obudzić|budzić)\W+(?:więcej|nigdy)",
            r"(?:chcę|chce)\W+(?:ze\W+sobą\W+skończyć|skończyć\W+ze\W+sobą)",
            r"samobój\w*|suicyd\w*|samookalecz\w*|okalecz\w*",
            r"(?:chcę|chciałabym|chciałbym|wolę)\W+(?:już\W+|po\W+prostu\W+)?(?:umrzeć|umierać|zdechnąć"
            r"|się\W+zabić|zniknąć\W+na\W+zawsze)",
            r"zabiję\W+się|zabić\W+się|się\W+zabić|się\W+zabiję|się\W+zabije",
            r"odebrać\W+sobie\W+życie|odebrał\w*\W+sobie\W+życie|odbiorę\W+sobie\W+życie",
            r"skończyć\W+ze\W+sobą|skończę\W+ze\W+sobą|skończyć\W+z\W+tym\W+wszystkim",
            r"nie\W+chcę\W+(?:już\W+)?żyć|nie\W+chce\W+mi\W+się\W+(?:już\W+)?żyć|nie\W+ma\W+sensu\W+żyć",
            r"(?:już\W+)?nie\W+(?:już\W+)?(?:daję\W+(?:już\W+|sobie\W+)?rady|wytrzymam|wytrzymuję)(?:\W+(?:już|dłużej))?(?=\s*(?:[.!?,;]|$))",
            r"mam\W+dość\W+życia",
            r"tnę\W+się|ciąć\W+się|cięłam\W+się|pocięłam\W+się|pociąłem\W+się|się\W+tnę|się\W+ciąć",
            r"zrobię\W+sobie\W+krzywdę|zrobić\W+sobie\W+krzywdę|robi\w*\W+sobie\W+krzywdę",
            r"nikt\W+by\W+za\W+mną\W+nie\W+tęsknił|lepiej\W+beze\W+mnie|lepiej\W+będzie\W+beze\W+mnie",
            r"skoczę\W+z\W+(?:mostu|dachu|okna|bloku)|rzucę\W+się\W+pod\W+(?:pociąg|samochód)",
            r"myśli\W+samobójcze|próba\W+samobójcza|przedawkow\w*",
        ),
        CueKind.planned_meeting: _f(
            r"(?:możemy|moglibyśmy|możesz|chcę|chcesz|kiedy)\W+~{0,2}?się\W+zobaczyć|zobaczmy\W+się",
            r"czekam\W+(?:na\W+ciebie\W+)?(?:pod|przed)\W+(?:twoją\W+)?szkołą",
            r"bilet\w*\W+(?:na\W+)?(?:pociąg|autobus|samolot)\w*\W+~{0,3}?(?:dla\W+ciebie|żebyś\W+przyjecha\w*)|kupię\W+ci\W+bilet",
            r"spotka\w*\W+się|się\W+~{0,2}?spotka\w*|spotkajmy|spotkamy",
            r"(?:umówi|umów)\w*\W+się|się\W+~?umówi\w*",
            r"(?:zobaczmy|zobaczymy|zobaczyć|widzimy)\W+się\W+~{0,2}?(?:w\W+(?:realu|"
            + _DAYS
            + r")|na\W+dworcu"
            r"|na\W+przystanku|pod\W+szkołą|przed\W+szkołą|w\W+parku|osobiście|na\W+żywo)",
            r"spotkani\w*\W+(?:w\W+realu|na\W+żywo|osobist\w*|twarzą\W+w\W+twarz)|osobist\w*\W+spotkani\w*",
            r"(?:zaproponował|proponował|zaplanował|planował|umówił|zorganizował)\w*\W+~{0,3}?(?:spotkani\w*"
            r"|spotkać|się\W+spotkać|randk\w*)",
            r"przyjadę\W+(?:do\W+ciebie|po\W+ciebie|do\W+twojego\W+miasta|do\W+twojej\W+miejscowości|w\W+sobotę"
            r"|do\W+\w+)|podjadę\W+po\W+ciebie|odbiorę\W+cię|przyjdę\W+po\W+ciebie",
            r"czekam\W+(?:na\W+ciebie\W+)?(?:na\W+dworcu|na\W+przystanku|pod\W+szkołą|przed\W+szkołą|w\W+parku)"
            r"|będę\W+czekać\W+(?:na\W+ciebie\W+)?(?:na|pod|przed|w)\W+\w+",
            r"przyjdź\W+do\W+mnie|wpadnij\W+do\W+mnie|przyjedź\W+do\W+mnie",
            r"(?<!wiem\W)gdzie\W+mieszkasz|(?:twój|podaj|daj)\W+(?:mi\W+)?(?:swój\W+)?adres(?!\W+(?:e-?mail|mail))",
            r"pokój\W+w\W+hotelu|zarezerwow\w*\W+~?(?:hotel|pokój)|(?:w|do)\W+hotelu\W+~?(?:zarezerwow\w*)",
            r"w\W+realu",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:jego|jej|swoj\w*|swą|własn\w*)\W+(?:własn\w*\W+|mał\w*\W+)?(?:córk\w*|córce"
            r"|syn|syna|synem|synowi|synowie|pasierb\w*|pasierbic\w*|wnuczk\w*|wnuk\w*|bratanic\w*|siostrzenic\w*"
            r"|bratank\w*|siostrzeń\w*|uczni\w*|uczennic\w*|podopieczn\w*|dzieci|dzieciom|dziećmi|dzieck\w*"
            r"|dziecko)",
            r"mam\W+(?:też\W+|sam\W+|własn\w*\W+){0,2}(?:córkę|syna|dzieci|dwoje\W+dzieci|córeczkę)",
            r"ojczym\w*|macoch\w*",
            r"(?:partner|konkubent|chłopak|narzeczony)\w*\W+(?:jej\W+)?(?:matki|mamy)",
            r"(?:ojc\w*|ojciec|wujek|wujk\w*|wuj\w*|dziad\w*|ojczym\w*|kuzyn\w*|brat|brata|bratem|matk\w*|ciotk\w*"
            r"|ciocia)\W+(?:dziecka|ofiary|dziewczynki|chłopca|małoletni\w*|pokrzywdzon\w*|nieletni\w*)",
            r"(?:jej|jego)\W+(?:własn\w*\W+)?(?:wujek|wujka|wujkiem|wuj|dziadek|dziadka|dziadkiem|ojciec|ojca"
            r"|ojcem)\b",
            r"(?:jako|jest|jestem|był|była|pracuje\W+jako|pracował\w*\W+jako)\W+(?:\w+\W+)?(?:nauczyciel\w*"
            r"|trener\w*|opiekun\w*|niań\w*|niani\w*|wychowawc\w*|instruktor\w*|korepetytor\w*|księdz\w*|ksiądz"
            r"|katechet\w*|pediatr\w*|animator\w*|harcmistrz\w*|drużynow\w*|przedszkolank\w*)",
            r"(?<=,\s)~?(?:trener\w*|nauczyciel\w*|wychowawc\w*|opiekun\w*|instruktor\w*|ksiądz|katechet\w*"
            r"|harcmistrz\w*|drużynow\w*|korepetytor\w*)",
            r"niań\w*|niani\w*|opiekunk\w*\W+do\W+dzieci|opiekun\w*\W+do\W+dzieci",
            r"pracuje\w*\W+~{0,2}?(?:z\W+dziećmi|w\W+przedszkolu|w\W+szkole|w\W+żłobku|na\W+koloniach"
            r"|w\W+świetlicy|na\W+obozie)",
            r"dostęp\W+do\W+dzieci",
        ),
        CueKind.very_young_victim: _f(
            r"niemowl\w*|noworod\w*|w\W+pielu\w*|(?:nosi|nosiła|nosił)\W+~?pielu\w*",
            r"(?:wykorzyst\w*|molest\w*|zdjęci\w*|nagrani\w*|film\w*|ofiar\w*|widać|przedstawia\w*)\W+~{0,3}?"
            r"(?:bobas\w*|malusz\w*)",
            r"przedszkolak\w*|przedszkolaczk\w*|w\W+wieku\W+przedszkolnym",
            r"(?P<age>\d{1,2})\W*-?\W*letni\w*",
            r"(?P<age>\d{1,2})\W*-?\W*latk\w*",
            r"(?:jedno|dwu|trzy|cztero|pięcio)letni\w*|roczn\w*\W+(?:dzieck\w*|dziewczynk\w*|chłopc\w*|niemowl\w*)",
            r"w\W+wieku\W+(?:około\W+|ok\W+)?(?P<age>\d{1,2})\W+lat",
            r"(?:ma|miała|miał|mając\w*)\W+(?:około\W+|ok\W+|dopiero\W+|tylko\W+|zaledwie\W+)?(?P<age>\d{1,2})\W+"
            r"(?:lat|lata|latka|latek)\b",
            r"(?:ma|miała|miał)\W+(?:dopiero\W+|tylko\W+)?(?:roczek|rok|dwa\W+lata|trzy\W+lata|cztery\W+lata"
            r"|pięć\W+lat)\b",
            r"\d{1,2}\W*-?\W*miesięczn\w*|(?:kilku|dwu|trzy|cztero|pięcio|sześcio)miesięczn\w*",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:nagra|sfilmowa|nakręci|zrobi)\w*\W+~{0,2}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:nagra|sfilmowa|nakręci)\w*",
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"świeże\W+" + _MEDIA,
            r"(?:wciąż|nadal|ciągle|cały\W+czas)\W+~{0,3}?(?:wykorzystuj\w*|molest\w*|krzywdz\w*)",
            r"(?:wykorzystywanie|molestowanie)\W+~?(?:trwa|nadal\W+trwa|wciąż\W+trwa)",
        ),
        CueKind.live_streaming: _f(
            r"transmisj\w*\W+(?:na\W+żywo|live)|na\W+żywo\W+(?:przez|na|w)\W+|(?:transmit|nadaw|pokazyw)\w*\W+~?na"
            r"\W+żywo",
            r"live\W*stream\w*|livestream\w*|stream\w*\W+na\W+żywo",
            r"wideorozmow\w*|rozmow\w*\W+wideo|połączeni\w*\W+wideo|video\W*call\w*|videorozmow\w*",
            r"kamerk\w*|kamer\w*\W+internetow\w*|webcam\w*|facetime",
            r"(?:włącz|włączysz|odpal|uruchom)\w*\W+(?:swoją\W+)?(?:kamer\w*|kamerk\w*)",
            r"przez\W+(?:skype\w*|kamerk\w*)",
        ),
        CueKind.payment_or_exchange: _f(
            r"w\W+zamian\W+za",
            r"za\W+(?:pieniądze|kasę|hajs|kod\w*|doładowani\w*|kartę\W+podarunkową)",
            r"kart\w*\W+(?:podarunkow\w*|prezentow\w*)|bon\w*\W+podarunkow\w*|gift\W*card\w*",
            r"(?:kod\w*|doładowani\w*|kart\w*)\W+(?:do\W+|na\W+)?(?:amazon\w*|steam\w*|google\W*play|psn|xbox"
            r"|paysafe\w*|allegro)",
            r"doładowani\w*|paysafe\w*|robux\w*|v-bucks|vbucks|paypal\w*|blik\w*|bitcoin\w*",
            r"zapłacę\W+(?:ci|za|\d+)|dam\W+ci\W+(?:\d+|pieniądze|kasę|hajs|stówę)|przeleję\W+ci|wyślę\W+ci"
            r"\W+(?:\d+|pieniądze|kasę|blik\w*)",
            r"kupię\W+ci\W+~?(?:telefon|iphone\w*|ciuchy|ubrani\w*|prezent\w*|doładowanie|grę|gry|konsol\w*)",
            r"\d+\W*(?:zł|złotych|pln|euro)\W+(?:za|od)\W+(?:jedno\W+|każde\W+|jedną\W+|każdą\W+)?" + _MEDIA,
            r"(?:płaci|zapłaci|płacił)\w*\W+~?za\W+" + _MEDIA,
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"(?:twoj\w*|twoj|twój)\W+(?:młodsz\w*|mał\w*)\W+(?:siostr\w*|brat\w*|kuzyn\w*)|(?:twoj\w*|twój)\W+"
            r"(?:siostrzyczk\w*|braciszk\w*)",
            r"(?:weź|przyprowadź|zabierz)\W+(?:ze\W+sobą\W+)?(?:swoją\W+|twoją\W+)?(?:młodszą\W+)?(?:siostr\w*"
            r"|koleżank\w*|brat\w*|kuzynk\w*|siostrzyczk\w*)",
            # a child made to abuse a sibling or another child
            r"(?:dotyka\w*|dotknąć|dotknęła|dotknął|molest\w*|wykorzyst\w*|rozebra\w*|nagra\w*)\W+(?:swoj\w*\W+|jej\W+"
            r"|jego\W+|in\w+\W+)?(?:młodsz\w*\W+|mał\w*\W+)?(?:siostr\w*|brat\w*|siostrzyczk\w*|braciszk\w*"
            r"|kuzyn\w*|dzieck\w*|dzieci)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"ale", r"jednak", r"lecz", r"natomiast", r"tylko\W+że", r"bo\W+inaczej", r"inaczej"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"grozi\w*\W+(?:mu|jej|im|ci|nam)?\W*(?:kar\w*|więzieni\w*|grzywn\w*|mandat\w*|niebezpieczeństw\w*"
            r"|deszcz\w*|burz\w*|zawaleni\w*)",
            r"(?:deszcz|burza|powódź|ulewa)\w*\W+~?grozi\w*",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:umieram|umrę|umarłam|umarłem|padłam|padłem|padam|zabiję\W+się)\W+(?:ze|z)\W+(?:śmiechu|głodu|nudów"
            r"|wstydu|zmęczenia|ciekawości)",
            r"(?:ten\W+)?upał\W+mnie\W+zabij\w*|(?:mama|mamusia|ojciec|tata|matka)\W+mnie\W+zabij\w*",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"spotkani\w*\W+(?:w\W+pracy|z\W+szefem|klasow\w*|z\W+wychowawc\w*|rodziców|z\W+klientem|zarządu"
            r"|służbowe)|wywiadówk\w*",
            r"umówi\w*\W+się\W+(?:do|na)\W+(?:dentysty|lekarza|fryzjera|wizytę|badanie)",
            r"(?:spotkał\w*|spotka)\W+(?:go|ją|ich|mnie|nas)\W+(?:kara|niespodzianka|przykrość|zaszczyt)",
            r"(?:twój|swój)\W+adres\W+(?:e-?mail|mailowy)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:nauczyciel\w*|pani|pan)\W+~{0,3}?(?:zadał\w*|zadanie|sprawdzian\w*|kartkówk\w*|ocen\w*|prac\w*"
            r"\W+domow\w*)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!na\W)(?<!w\W)(?:telefon|komórka|konto|profil|samochód|auto|komputer|umowa|laptop)\W+(?:ma|miał\w*)\W+"
            r"(?:już\W+)?(?:\d{1,2}|roczek|rok|dwa|trzy|cztery|pięć)\W*(?:lat|lata|latka)?\b",
        ),
        CueKind.live_streaming: _f(
            r"(?:mecz|koncert|msz|wyścig|program|finał)\w*\W+~{0,2}?na\W+żywo|transmisj\w*\W+(?:meczu|koncertu|mszy)",
        ),
    },
)
