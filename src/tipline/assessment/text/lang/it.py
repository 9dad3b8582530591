"""Italian (it) text cues.

Covers chat Italian ("se non mi paghi", "ti vengo a prendere", "non ce la faccio più") and the register
of police and provider summaries ("ha minacciato di diffondere", "ha espresso pensieri suicidi", "il
patrigno della minore"). Accented letters also match their bare spelling; "non vedo l'ora di vederti"
and "non ti preoccupare" are not treated as negations.

Known limits: "bebè" counts only next to abuse or image words (a term of endearment); ages need a noun
or "ha" around them ("una bambina di 4 anni"); "ci vediamo" counts only with a day or a place, as it is
also a goodbye; "farla finita" counts only at the end of a clause ("farla finita con questa storia" is
ordinary).
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans({"à": "[àa]", "è": "[èe]", "é": "[ée]", "ì": "[ìi]", "ò": "[òo]", "ù": "[ùu]"})
_NEGATIONS = (
    r"non(?!\W+(?:ti\W+preoccupare|preoccuparti|vedo\W+l'ora|vediamo\W+l'ora|vedevo\W+l'ora|c'è\W+problema"
    r"|fa\W+niente))",
    r"mai",
    r"né",
    r"senza",
    r"niente",
    r"nulla",
    r"nessun\w*",
    r"neanche",
    r"nemmeno",
    r"neppure",
)
# "~": one word that is not a negation; accented letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


_AUDIENCE = (
    r"(?:(?:a\W+|ai\W+|alla\W+|al\W+)?(?:tuoi|tua|tuo)\W+(?:genitori|madre|mamma|padre|papà|famiglia|amic\w*"
    r"|scuola|classe|compagni|prof\w*|contatti|follower\w*|fratelli|nonni)"
    r"|a\W+tutti(?:\W+i\W+tuoi\W+(?:amici|contatti|compagni|follower))?"
    r"|a\W+tutta\W+la\W+(?:tua\W+)?(?:classe|scuola|famiglia)"
    r"|(?:su|in|sui)\W+(?:internet|rete|social|insta\w*|tiktok|facebook))"
)
_MEDIA = r"(?:foto|video|immagini|nudes?|pic)"
_MADE = r"(?:fatt\w*|feci|fece|scattat\w*|girat\w*|registrat\w*|filmat\w*|ripres\w*)"
_RECENT = (
    r"(?:oggi|ieri|stamattina|stamani|stanotte|ieri\W+sera|questa\W+settimana|di\W+recente|recentemente"
    r"|la\W+settimana\W+scorsa|(?:pochi|qualche|due|tre)\W+giorni?\W+fa)"
)
_DAYS = r"(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|weekend)"

LEXICON = Lexicon(
    language="it",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"se\W+lo\W+(?:dici|racconti)\W+(?:a\W+)?(?:qualcuno|nessuno)",
            r"minacc\w*",
            r"ricatt\w*",
            r"estors\w*|sextortion|sextorsione",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:le\W+|li\W+|lo\W+)?(?:mando|manderò|invio|invierò|pubblico|pubblicherò|mostro|mostrerò|faccio"
            r"\W+vedere|farò\W+vedere|giro|girerò|posto|posterò|diffondo|diffonderò|condivido|metto|metterò)\W+"
            r"~{0,4}?(?:" + _AUDIENCE + r"|(?:le\W+)?tue\W+" + _MEDIA + ")",
            r"tutti\W+(?:vedranno|sapranno|vedono)\W+~?(?:le\W+tue|i\W+tuoi|le|i)\b",
            r"se\W+non\W+(?:mi\W+)?~?(?:paghi|mandi|invii|fai|versi|rispondi|obbedisci|ricarichi)",
            r"(?:pag|vers|ricaric)\w*\W+~{0,5}?o\W+(?:~)?(?:mando|pubblico|mostro|invio|giro|tutti|le\W+tue)",
            r"hai\W+(?:\d{1,3}\W*(?:ore|h|minuti|min|giorni)|(?:un'ora|due\W+ore|tre\W+ore|ventiquattro\W+ore"
            r"|un\W+giorno))\W+(?:per|o|prima|di\W+tempo)",
            r"ultimatum",
            r"ti\W+(?:rovino|rovinerò|distruggo|distruggerò)\W+la\W+vita",
            r"(?:so|conosco)\W+dove\W+(?:abiti|vivi|stai)|so\W+il\W+tuo\W+indirizzo",
            r"ti\W+(?:ammazzo|ammazzerò|uccido|ucciderò|faccio\W+del\W+male|vengo\W+a\W+cercare)",
            r"te\W+ne\W+pentirai",
            r"(?:preteso|pretendeva|pretende|esigeva|esige|chiedeva|ha\W+chiesto)\W+~{0,3}?(?:soldi|denaro"
            r"|pagamento|riscatto|somma)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"non\W+voglio\W+più\W+svegliarmi|non\W+svegliarmi\W+più",
            r"suicid\w*",
            r"autolesion\w*",
            r"voglio\W+(?:solo\W+)?morire",
            r"mi\W+(?:ammazzo|uccido)\b(?!\W+(?:dal|dalle|di)\W+(?:ridere|risate))|(?:mi\W+)?voglio\W+(?:ammazzare|uccidere)|ammazzarmi|uccidermi|ammazzarsi|uccidersi",
            r"togliermi\W+la\W+vita|togliersi\W+la\W+vita",
            r"farla\W+finita(?=\s*(?:[.!?,;]|$))|voglio\W+farla\W+finita(?!\W+con)",
            r"(?:non\W+)?voglio\W+più\W+vivere|non\W+ho\W+più\W+voglia\W+di\W+vivere",
            r"non\W+ce\W+la\W+faccio\W+più(?=\s*(?:[.!?,;]|$))",
            r"non\W+(?:reggo|sopporto)\W+più(?=\s*(?:[.!?,;]|$))",
            r"mi\W+taglio(?!\W+(?:i|le|la|il)\W+(?:capelli|unghie|frangia|barba))|tagliarmi\W+(?:le\W+vene|i\W+polsi"
            r"|le\W+braccia|di\W+nuovo)",
            r"farmi\W+del\W+male|mi\W+faccio\W+del\W+male|farsi\W+del\W+male",
            r"nessuno\W+sentirebbe\W+la\W+mia\W+mancanza|meglio\W+senza\W+di\W+me",
            r"buttarmi\W+(?:dal|da\W+un|sotto)\W+\w+",
            r"(?:pensieri|idee|ideazione)\W+suicid\w*|tentato\W+suicidio",
            r"overdose",
        ),
        CueKind.planned_meeting: _f(
            r"bigliett\w*\W+(?:del\W+|di\W+)?(?:treno|autobus|pullman|aereo)\W+~{0,3}?(?:per\W+te|così\W+vieni|per\W+venire)",
            r"ci\W+(?:vediamo|incontriamo|troviamo)\W+~{0,2}?(?:alla\W+stazione|al\W+parco|in\W+piazza|davanti"
            r"|alla\W+fermata|all'uscita|in\W+centro|" + _DAYS + ")",
            r"(?:possiamo|potremmo|vuoi|dovremmo|potremo|dobbiamo)\W+(?:vederci|incontrarci|trovarci|conoscerci)",
            r"(?:vederci|incontrarci|conoscerci|vederti|incontrarti|incontrarla|incontrarlo|incontrare|vedere)\W+~{0,2}?"
            r"(?:di\W+persona|dal\W+vivo)",
            r"(?:voleva|vuole|voglio|vorrei|cercava\W+di|potrei)\W+(?:incontrarti|incontrarla|incontrarlo|incontrare)",
            r"(?:ti\W+vengo\W+a\W+prendere|vengo\W+a\W+prenderti|passo\W+a\W+prenderti|ti\W+passo\W+a\W+prendere)",
            r"vengo\W+(?:nella\W+tua\W+città|da\W+te|a\W+trovarti|sotto\W+casa\W+tua)",
            r"ti\W+aspetto\W+~{0,2}?(?:alla\W+stazione|alla\W+fermata|davanti|all'uscita|al\W+parco|sotto\W+casa)",
            r"vieni\W+(?:da\W+me|a\W+casa\W+mia)",
            r"(?<!so\W)dove\W+(?:abiti|vivi)|il\W+tuo\W+indirizzo(?!\W+(?:e-?mail|mail|di\W+posta))",
            r"camera\W+d'albergo|prenot\w*\W+~?(?:un\W+albergo|un\W+hotel|una\W+camera)",
            r"(?:propost\w*|proponeva|organizzat\w*|fissat\w*|concordat\w*)\W+~{0,2}?(?:un\W+incontro"
            r"|un\W+appuntamento|di\W+(?:incontrarsi|vedersi|incontrarla|incontrarlo))",
            r"incontro\W+(?:di\W+persona|dal\W+vivo|fisico|reale)",
            r"(?:fiss\w*|diamoci|prendiamo|organizz\w*)\W+~?(?:un\W+)?appuntamento|appuntamento\W+(?:con\W+te|con\W+me"
            r"|con\W+(?:la|il)\W+minore|con\W+la\W+ragazzina|alla\W+stazione|al\W+parco)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"capo\W+scout|capo\W+reparto|animator\w*\W+del\W+(?:centro\W+estivo|grest|campo\W+estivo)",
            r"sua\W+(?:stessa\W+|propria\W+)?(?:figlia|figliastra|nipote|nipotina|alunna|allieva"
            r"|figlioccia)|suo\W+(?:stesso\W+|proprio\W+)?(?:figlio|figliastro|nipote|nipotino|alunno"
            r"|allievo|figlioccio)",
            r"(?:propria|proprio|propri|proprie)\W+(?:figli\w*|nipot\w*|figliastr\w*|alunn\w*|alliev\w*)",
            r"(?:abus\w*|molest\w*|violent\w*)\W+(?:di\W+|della\W+|del\W+|la\W+|il\W+|sulla\W+|sul\W+)"
            r"(?:figli[oa]|figliastr[oa]|nipotin[oa]|alunn[oa]|allievo|allieva)\b",
            r"suoi\W+(?:figli|nipoti|alunni|allievi|figliastri)|sue\W+(?:figlie|nipoti|alunne"
            r"|allieve)",
            r"(?:ho|ha)\W+(?:anche\W+)?(?:una\W+figlia|un\W+figlio|dei\W+figli|due\W+figli)",
            r"patrign\w*|matrigna",
            r"(?:compagno|fidanzato|convivente)\W+della\W+(?:madre|mamma)",
            r"(?:padre|zio|nonno|patrigno|cugino|fratello|madre|zia|padrino)\W+(?:della\W+(?:minore|vittima"
            r"|bambina|ragazzina)|del\W+(?:minore|bambino|ragazzino))",
            r"(?:suo|tuo)\W+(?:stesso\W+)?(?:zio|nonno|padrino)",
            r"(?:come|è|sono|era|fa\W+(?:il|la|l')|lavora\W+come)\W+(?:un\W+|una\W+|un')?(?:insegnant\w*|maestr[oa]"
            r"|professor\w*|prof|allenator\w*|mister|baby-?sitter|tata|educator\w*|educatric\w*|animator\w*"
            r"|animatric\w*|catechista|prete|sacerdote|pediatra|istruttor\w*|bidell\w*|scout)",
            r"(?:un|una|un')\W*(?:insegnant\w*|maestr[oa]|allenator\w*|baby-?sitter|educator\w*|educatric\w*"
            r"|animator\w*|catechista|istruttor\w*)",
            r"baby-?sitter|faccio\W+la\W+babysitter",
            r"lavor\w*\W+~{0,2}?(?:con\W+i\W+bambini|con\W+(?:dei\W+)?minori|in\W+una\W+scuola|in\W+un\W+asilo"
            r"|all'asilo|in\W+un\W+oratorio|in\W+un\W+centro\W+estivo)",
            r"accesso\W+a\W+(?:minori|bambini)",
        ),
        CueKind.very_young_victim: _f(
            r"neonat\w*|lattant\w*|in\W+fasce|(?:col|con\W+il|porta|portava|ancora\W+col)\W+pannolin\w*",
            r"(?:abus\w*|violenz\w*|foto|video|immagini|vittima|mostr\w*|ritra\w*|compare)\W+~{0,3}?bebè",
            r"asilo\W+nido|scuola\W+(?:materna|dell'infanzia)|età\W+prescolare",
            r"(?:bambin[oa]|bimb[oa]|piccol[oa]|minore|vittima|figli[oa])\W+di\W+(?:circa\W+|appena\W+|soli\W+"
            r"|solo\W+)?(?P<age>\d{1,2})\W*anni",
            r"(?:ha|aveva|avrà|avrebbe)\W+(?:circa\W+|appena\W+|solo\W+|soltanto\W+)?(?P<age>\d{1,2})\W*anni"
            r"(?!\W+di\W+(?:esperienza|carcere|reclusione|anzianità|garanzia|contratto|matrimonio))",
            r"(?P<age>\d{1,2})\W*anni\W+di\W+età",
            r"(?:bambin[oa]|bimb[oa]|piccol[oa]|minore|vittima|ha|aveva)\W+(?:di\W+)?(?:circa\W+|appena\W+)?"
            r"(?:un|uno|due|tre|quattro|cinque)\W+ann[oi]",
            r"(?:bambin[oa]|bimb[oa]|minore|vittima|ha|aveva)\W+(?:di\W+)?\d{1,2}\W+mesi",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:girat|registrat|filmat|ripres)\w*\W+~{0,2}?" + _RECENT,
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:girat|registrat|filmat)\w*",
            r"recenti\W+(?:foto|immagini|video)|(?:foto|immagini|video)\W+recenti",
            r"(?:abus\w*|violenz\w*)\W+~{0,2}?(?:in\W+corso|continua\w*|ancora\W+in\W+atto)",
            r"continua\W+(?:ad|a)\W+(?:abusare|violentare)",
        ),
        CueKind.live_streaming: _f(
            r"(?:trasmess|mostrat|ripres|trasmett)\w*\W+~?in\W+diretta|in\W+diretta\W+(?:su|via|tramite|con)",
            r"videochiamat\w*|video\W*chiamat\w*",
            r"webcam\w*|facetime",
            r"(?:accendi|apri|attiva)\W+(?:la\W+|tua\W+|la\W+tua\W+)?(?:telecamera|cam|webcam|fotocamera)",
            r"live\W*stream\w*|livestream\w*|(?:una|in)\W+live\W+(?:privata|con\W+(?:te|me|lei|lui)|davanti\W+alla)",
        ),
        CueKind.payment_or_exchange: _f(
            r"in\W+cambio\W+di",
            r"(?:carte?|buoni?)\W+regalo|gift\W*cards?",
            r"(?:ricaric\w*|codic[ei]|buon[oi]|carte?)\W+(?:amazon|steam|google\W*play|itunes|apple|psn|xbox"
            r"|playstation|nintendo|paysafe\w*|postepay)",
            r"paysafe\w*|postepay|robux|v-bucks|vbucks|paypal|satispay|bitcoin\w*",
            r"ti\W+(?:pago|pagherò|pagherei|do\W+(?:dei\W+)?soldi|darò\W+(?:dei\W+)?soldi|faccio\W+una\W+ricarica"
            r"|mando\W+(?:dei\W+)?soldi)",
            r"pagat\w*\W+~?per\W+(?:le|delle|tue|sue|queste)\W+" + _MEDIA,
            r"\d+\W*(?:euro|€)\W+(?:per|a)\W+(?:ogni|una|la|un|ciascuna)\W+" + _MEDIA,
            r"ti\W+(?:compro|regalo|comprerò|regalerò)\W+~?(?:un\W+telefono|un\W+iphone|un\W+cellulare|una\W+ricarica"
            r"|dei\W+vestiti|una\W+console|un\W+regalo|dei\W+giochi)",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"tua\W+(?:sorellina|cuginetta)|tuo\W+(?:fratellino|cuginetto)",
            r"tua\W+sorella\W+(?:piccola|minore|più\W+piccola)|tuo\W+fratello\W+(?:piccolo|minore|più\W+piccolo)",
            r"porta\W+(?:anche\W+)?(?:tua\W+sorella|tuo\W+fratello|la\W+tua\W+amica|tua\W+cugina|tuo\W+cugino"
            r"|la\W+tua\W+sorellina|il\W+tuo\W+fratellino)",
            # a child made to abuse a sibling or another child
            r"(?:toccare|abusare\W+(?:di|della|del)|molestare|spogliare|coinvolgere|filmare)\W+(?:la\W+|il\W+)?"
            r"(?:sua\W+|tua\W+|suo\W+|tuo\W+)?(?:~)?(?:sorell\w*|fratell\w*|cugin\w*|altr[oi]\W+bambin[oi]"
            r"|un\W+altro\W+bambino|un'altra\W+bambina)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"ma", r"però", r"tuttavia", r"invece", r"eppure", r"altrimenti"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"(?:pioggia|temporale|neve|sciopero)\W+~?minacc\w*|minacc\w*\W+(?:di\W+)?(?:piovere|pioggia|temporale)",
            r"specie\W+minacciat\w*",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:morire|muoio|morendo|mort[oa]|morta)\W+(?:dal|dalle|dalla|di)\W+(?:ridere|risate|caldo|fame|sete"
            r"|noia|sonno|vergogna|freddo|paura)",
            r"(?:mi\W+)?(?:ammazz|uccid)\w*\W+(?:dal\W+ridere|di\W+risate)",
            r"(?:questo|il)\W+caldo\W+mi\W+(?:uccide|ammazza)",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"appuntamento\W+~?(?:dal|dalla|col|con\W+il|con\W+la|in)\W+(?:medico|dentista|dottore|dottoressa"
            r"|parrucchier\w*|banca|ospedale|prof\w*|psicolog\w*|ortodontista)",
            r"il\W+tuo\W+indirizzo\W+(?:e-?mail|mail|di\W+posta)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:prof\w*|maestr[oa]|insegnant\w*)\W+~{0,3}?(?:compiti|verifica|interrogazione|voti?|esame)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!di\W)(?<!nella\W)(?:il|la|lo|mio|mia|tuo|tua|suo|sua|questo|questa|quel|quella)\W+(?:telefono"
            r"|cellulare|foto|video|account|profilo|macchina|computer|contratto|casa)\w*\W+(?:ha|aveva)\W+(?:già\W+"
            r"|quasi\W+)?(?:\d{1,2}|un|uno|due|tre|quattro|cinque)\W+(?:anni|anno|mesi)",
        ),
        CueKind.live_streaming: _f(
            r"(?:partita|concerto|messa|gara|programma|finale)\W+~{0,2}?in\W+diretta",
        ),
    },
)
