"""French (fr) text cues.

Covers chat French (tutoiement, dropped "ne": "je veux plus vivre", "t'as 24h pour payer", "je balance
tes photos") and the register of police and provider summaries ("a menacé de diffuser", "a exprimé des
idées suicidaires", "le beau-père de l'enfant"). Accented letters also match their bare spelling (chat
users drop accents), œ matches oe.

Known limits: "bébé" counts only next to abuse or image words (it is a term of endearment); ages need a
noun or verb around them ("une fillette de 4 ans", "elle a 3 ans") because "3 ans" alone is usually a
duration; "se voir" and "se retrouver" only count with "on" or a modal ("on pourrait se voir"), so
unusual phrasings of a meeting are missed; "prof" alone is never a cue.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans(
    {
        "é": "[ée]",
        "è": "[èe]",
        "ê": "[êe]",
        "ë": "[ëe]",
        "à": "[àa]",
        "â": "[âa]",
        "î": "[îi]",
        "ï": "[ïi]",
        "ô": "[ôo]",
        "ù": "[ùu]",
        "û": "[ûu]",
        "ç": "[çc]",
        "œ": "(?:œ|oe)",
    }
)
_NEGATIONS = (
    r"ne(?!\W+(?:t'inqui|vous\W+inqui|t'en\W+fai))",
    r"n'\w+",
    r"(?<!inquiète\W)(?<!inquiete\W)pas(?!\W+(?:de\W+souci\w*|de\W+problème\w*|grave|mal\b|vrai|de\W+panique))",
    r"jamais",
    r"aucun\w*",
    r"rien",
    r"sans",
    r"ni",
    r"non",
    r"nulle\W+part",
)
# "~": one word that is not a negation; accented letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


# Who a threat names as the audience: "à tes parents", "à toute ta classe", "sur les réseaux".
_AUDIENCE = (
    r"(?:(?:à\W+)?(?:tes|ta|ton)\W+(?:parents|mère|père|daron\w*|famille|ami\w*|potes|copains|copines|école"
    r"|collège|lycée|classe|profs?|contacts|abonnés|followers|frères|sœurs|grands-parents)"
    r"|à\W+(?:toute\W+ta|tout\W+ton)\W+(?:classe|famille|école|collège|lycée|entourage)"
    r"|à\W+tous\W+tes\W+(?:amis|contacts|potes|abonnés|proches)"
    r"|sur\W+(?:internet|les\W+réseaux|insta\w*|snap\w*|tiktok|facebook))"
)
_MEDIA = r"(?:photos?|vidéos?|images?|nudes?|pics?|selfies?|clichés)"
_MADE = r"(?:pris\w*|prise\w*|fait\w*|filmé\w*|tourné\w*|enregistré\w*|réalisé\w*)"
_RECENT = (
    r"(?:aujourd'hui|hier|avant-hier|ce\W+matin|cette\W+nuit|cette\W+semaine|récemment|la\W+semaine\W+dernière"
    r"|il\W+y\W+a\W+(?:quelques|deux|trois|peu\W+de)\W+(?:jours|heures))"
)
_DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|week-end|weekend|ce\W+soir|demain)"

LEXICON = Lexicon(
    language="fr",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"si\W+tu\W+(?:le\W+|en\W+)?(?:dis|racontes|parles)\W+(?:à\W+)?(?:quelqu'un|qui\W+que\W+ce\W+soit)",
            r"menac\w*|menaç\w*",
            r"chantage\w*",
            r"extor\w*|sextorsion|sextortion",
            r"fai\w*\W+chanter",
            # the material together with the people it would be shown to
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:j'|je\W+(?:vais\W+|les\W+|te\W+|vais\W+les\W+)?)(?:envoi|enverr|envoy|montr|publi|balanc|post"
            r"|diffus|partag|mets|mettr|fais\W+tourner)\w*\W+~{0,4}?(?:"
            + _AUDIENCE
            + r"|tes\W+"
            + _MEDIA
            + ")",
            r"tout\W+le\W+monde\W+(?:va\W+|vont\W+)?(?:verra|saura|voir|savoir)\W+~{0,2}?(?:tes|ta|ton|les)\W+"
            + _MEDIA,
            # conditions and ultimatums
            r"si\W+tu\W+(?:ne\W+|n')?(?:me\W+|m')?~?(?:pai|pay|envoi|vers|fai|obéi|réponds|répond)\w*\W+"
            r"(?:~\W*)?pas",
            r"sinon\W+~{0,4}?(?:" + _AUDIENCE + "|" + _MEDIA + r"|tout\W+le\W+monde)",
            r"sinon\W+(?:j'|je\W+)(?:envoi|balanc|publi|montr|diffus|post|dis|raconte)\w*",
            r"(?:pai|pay|vers|vir)\w*\W+~{0,5}?ou\W+(?:je|j'\w+|tout\W+le\W+monde|tes|ta|ton)",
            r"(?:tu\W+as|t'as|vous\W+avez)\W+(?:encore\W+)?(?:\d{1,3}\W*(?:heures?|h|minutes?|min|jours?)"
            r"|(?:une|deux|trois|dix|vingt-quatre|quarante-huit)\W+(?:heures?|minutes?|jours?))\W+"
            r"(?:pour|avant|sinon|ou)",
            r"ultimatum\w*",
            # harm and intimidation
            r"(?:je\W+vais|j'vais)\W+(?:te\W+)?(?:ruiner|détruire|gâcher|pourrir)\W+(?:ta\W+)?vie",
            r"ta\W+vie\W+(?:est|sera)\W+(?:finie|foutue|terminée|ruinée)",
            r"je\W+(?:vais|sais)\W+(?:où\W+tu\W+(?:habites|vis|dors)|ton\W+adresse)|je\W+sais\W+où\W+tu\W+habites",
            r"je\W+vais\W+te\W+(?:tuer|buter|faire\W+du\W+mal|retrouver)",
            r"tu\W+vas\W+(?:le\W+)?regretter",
            r"(?:exig|réclam)\w*\W+~{0,3}?(?:argent|paiement|somme|rançon|photos|images|vidéos)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:ne\W+)?(?:veux|voudrais)\W+(?:plus|jamais\W+plus)\W+me\W+réveiller",
            r"(?:je\W+)?veux\W+en\W+finir(?!\W+avec\W+(?!(?:la|ma)\W+vie|tout\b|moi\b))",
            r"suicid\w*",
            r"automutil\w*|scarifi\w*",
            r"(?:je\W+)?(?:veux|voudrais|voulais)\W+(?:juste\W+|seulement\W+)?(?:mourir|crever|disparaître\W+pour"
            r"\W+toujours)",
            r"envie\W+de\W+(?:mourir|crever|me\W+tuer|en\W+finir)",
            r"(?:ne\W+)?(?:veux|voulais)\W+plus\W+vivre|(?:n'ai\W+|ai\W+)?(?:plus|aucune)\W+envie\W+de\W+vivre",
            r"je\W+(?:vais|veux|voudrais|pourrais|devrais)\W+(?:\w+\W+)?me\W+(?:tuer|suicider|foutre\W+en\W+l'air)",
            r"me\W+foutre\W+en\W+l'air|(?:de\W+)?se\W+(?:tuer|foutre\W+en\W+l'air)",
            r"en\W+finir\W+(?:avec\W+(?:la|ma|sa)\W+vie|une\W+bonne\W+fois)|je\W+vais\W+en\W+finir",
            r"mettre\W+fin\W+à\W+(?:mes|ses|ma|sa)\W+(?:jours|vie)",
            r"(?:me|se|te)\W+(?:faire\W+du\W+mal|couper\W+(?:les\W+veines|les\W+poignets)|mutiler)",
            r"je\W+me\W+(?:coupe|scarifie|fais\W+du\W+mal)",
            r"(?:je\W+n'en|j'en)\W+peux\W+plus(?=\s*(?:[.!?,;]|$))",
            r"je\W+(?:ne\W+)?(?:tiens|supporte)\W+plus(?:\W+le\W+coup)?(?=\s*(?:[.!?,;]|$))",
            r"personne\W+ne\W+me\W+regrettera|mieux\W+sans\W+moi",
            r"(?:idées|pensées)\W+(?:noires|suicidaires)|tentative\w*\W+de\W+suicide",
            r"sauter\W+(?:d'un|du)\W+(?:pont|toit|immeuble)|me\W+jeter\W+(?:sous|du|d'un)",
            r"overdose",
        ),
        CueKind.planned_meeting: _f(
            r"billet\w*\W+(?:de\W+)?(?:train|bus|car|avion)\W+~{0,3}?(?:pour\W+(?:toi|venir)|te\W+faire\W+venir)|je\W+(?:t\'achète|te\W+paie|te\W+paye)\W+~?(?:un\W+)?billet",
            r"on\W+(?:se\W+)?(?:voit|retrouve|rejoint)\W+~{0,3}?(?:à|au|devant|chez|près|" + _DAYS + ")",
            r"(?:on|nous)\W+(?:peut|pourrait|pourra|va|devrait|pourrions|pouvons|allons)\W+(?:se|nous)\W+"
            r"(?:voir|rencontrer|retrouver|rejoindre)",
            r"(?:te|vous|la|le|l'enfant)\W+(?:voir\W+|rencontrer\W+)(?:en\W+vrai|en\W+personne|pour\W+de\W+vrai)",
            r"(?:te|vous)\W+rencontrer|se\W+rencontrer|(?:une|la|d'une)\W+rencontre\W+(?:en\W+personne|réelle"
            r"|physique|en\W+vrai)",
            r"rendez-vous|rdv|rencard",
            r"je\W+(?:viens|passe|viendrai|passerai|vais\W+venir)\W+(?:te\W+)?(?:chercher|prendre|voir)",
            r"je\W+(?:viens|viendrai|vais\W+venir|descends|monte)\W+~{0,2}?(?:chez\W+toi|dans\W+ta\W+ville|à\W+\w+"
            r"\W+(?:ce|samedi|dimanche)|te\W+voir)",
            r"je\W+t'attend\w*\W+~{0,2}?(?:à\W+la\W+gare|à\W+l'arrêt|devant|à\W+la\W+sortie|au\W+parc|en\W+bas)",
            r"viens\W+chez\W+moi|passe\W+chez\W+moi",
            r"(?<!sais\W)(?:où|ou)\W+(?:tu\W+habites|habites-tu|t'habites|tu\W+vis)|ton\W+adresse",
            r"(?:tu\W+habites|t'habites|tu\W+vis)\W+(?:où|ou)\b",
            r"chambre\W+d'hôtel|réserv\w*\W+~?(?:un|une)\W+(?:hôtel|chambre)",
            r"(?:proposé|propose|proposait|organisé|prévu|fixé)\W+~{0,2}?(?:une\W+rencontre|un\W+rendez-vous"
            r"|de\W+(?:la|le|se|les)\W+(?:rencontrer|voir|retrouver))",
            r"(?:rencontrer|retrouver)\W+(?:l'enfant|la\W+victime|la\W+mineure|le\W+mineur|la\W+fillette|le\W+garçon)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"chef\W+scout|cheftaine|animat(?:eur|rice)\W+de\W+(?:colo\w*|centre\W+aéré)|moniteur\W+de\W+colo\w*",
            r"(?:sa|son)\W+(?:propre\W+)?(?:fille|fils|belle-fille|beau-fils|nièce|neveu|petite-fille"
            r"|petit-fils|filleul\w*|élève)\b",
            r"ses\W+(?:propres\W+)?(?:enfants|filles|fils|élèves|petits-enfants|neveux|nièces)",
            r"(?:j'ai|il\W+a|a)\W+(?:aussi\W+)?(?:une\W+fille|un\W+fils|des\W+enfants|deux\W+enfants)",
            r"beau-père|beau\W+père|beau-papa",
            r"(?:copain|compagnon|conjoint|petit\W+ami|concubin)\W+de\W+(?:sa|ma|la)\W+(?:mère|maman)",
            r"(?:père|oncle|grand-père|cousin|frère|parrain|mère|tante|beau-père)\W+(?:de\W+l'enfant|de\W+la\W+victime"
            r"|de\W+la\W+fillette|du\W+garçon|de\W+la\W+mineure|du\W+mineur)",
            r"(?:son|sa|ton)\W+(?:propre\W+)?(?:oncle|grand-père|parrain)|son\W+propre\W+(?:père|frère)",
            r"(?:comme|est|suis|était|en\W+tant\W+que)\W+(?:un\W+|une\W+)?(?:professeur\w*|prof|enseignant\w*"
            r"|instituteur|institutrice|maîtresse\W+d'école|entraîneur\w*|entraineu\w*|coach|animateur\w*"
            r"|animatrice\w*|baby-sitter|babysitter|nounou|assistante?\W+maternelle|éducat\w*|moniteur|monitrice"
            r"|prêtre|curé|pédiatre|surveillant\w*|professeur\W+des\W+écoles)",
            r"(?:un|une)\W+(?:enseignant\w*|instituteur|institutrice|entraîneur\w*|animateur\w*|animatrice"
            r"|baby-sitter|babysitter|nounou|éducateur\w*|éducatrice\w*|moniteur|monitrice)",
            r"baby-sitt\w*|babysitt\w*|nounou",
            r"travaill\w*\W+~{0,2}?(?:avec\W+des\W+enfants|dans\W+une\W+(?:école|crèche|garderie)|à\W+la\W+crèche"
            r"|en\W+crèche|dans\W+un\W+centre\W+de\W+loisirs|en\W+maternelle)",
            r"accès\W+à\W+(?:des\W+)?enfants",
        ),
        CueKind.very_young_victim: _f(
            r"nourrisson\w*",
            r"nouveau-né\w*|nouveaux-nés",
            r"(?:abus\w*|agress\w*|photos?|vidéos?|images?|victime|montr\w*|représent\w*)\W+~{0,3}?bébés?",
            r"(?:enfant|enfants)\W+en\W+bas\W+âge|tout-petits?|bambin\w*",
            r"(?:en|de)\W+maternelle",
            r"(?:enfant|fille|fillette|garçon|garçonnet|bébé|victime|petite?|gamin\w*|môme)\W+(?:de|d'environ"
            r"|d'à\W+peine|d'un\W+peu\W+plus\W+de|âgée?\W+de)\W+(?:~)?(?P<age>\d{1,2})\W*ans",
            r"âgée?s?\W+de\W+(?:~)?(?P<age>\d{1,2})\W*ans",
            r"(?<!y\s)(?:a|avait|aurait|aura)\W+(?:environ\W+|à\W+peine\W+|seulement\W+|que\W+)?(?P<age>\d{1,2})"
            r"\W*ans(?!\W+(?:d'|de\W+)(?:expérience|prison|ancienneté|garantie|contrat|mariage))",
            r"(?:enfant|fille|fillette|garçon|bébé|victime|petite?|âgée?)\W+(?:de|d'environ|d'à\W+peine)\W+"
            r"(?:un|deux|trois|quatre|cinq)\W+ans",
            r"(?:enfant|fille|fillette|garçon|bébé|victime|âgée?)\W+(?:de\W+)?\d{1,2}\W+mois",
        ),
        CueKind.recently_produced_material: _f(
            _RECENT + r"\W+~{0,3}?(?:filmé\w*|enregistré\w*|tourné\w*)",
            r"(?:filmé\w*|enregistré\w*|tourné\w*)\W+~{0,2}?" + _RECENT,
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            r"(?:récentes?|fraîches)\W+(?:photos|vidéos|images|nudes|séquences)",
            r"(?:abus|agressions?|violences?)\W+~{0,2}?(?:en\W+cours|continu\w*|toujours\W+actuel\w*)",
            r"continu\w*\W+(?:à|de)\W+(?:l'|la\W+|le\W+)?(?:abuser|agresser|violer)",
        ),
        CueKind.live_streaming: _f(
            r"live\W*stream\w*|livestream\w*|(?:en|un)\W+live\W+(?:privé|avec\W+(?:toi|moi|elle|lui)|devant\W+la\W+cam\w*)",
            r"(?:diffus|retransmi|film|montr)\w*\W+~?en\W+direct|en\W+direct\W+(?:sur|via|par|à\W+la\W+caméra)",
            r"appels?\W+vidéo|vidéo-appel\w*|visio\w*|webcam\w*|facetime\w*",
            r"allum\w*\W+(?:ta|la|ton)\W+(?:caméra|cam|webcam)|cam\W+to\W+cam",
            r"en\W+vidéo\W+(?:sur|via|par)\W+(?:skype|whatsapp|snap\w*|messenger|discord|teams)",
        ),
        CueKind.payment_or_exchange: _f(
            r"en\W+échange\W+(?:de|d'\w+)",
            r"contre\W+(?:de\W+l'argent|des\W+sous|du\W+fric|(?:un|une|des)\W+(?:cartes?|codes?|recharges?|cadeaux?"
            r"|billets?|euros))",
            r"cartes?[\s-]cadeaux?|recharges?\W+(?:paysafe\w*|neosurf|transcash|steam|psn)",
            r"(?:codes?|cartes?|coupons?)\W+(?:amazon|steam|google\W*play|itunes|apple|psn|xbox|playstation|nintendo"
            r"|paysafe\w*)",
            r"paysafe\w*|neosurf|transcash|robux|v-bucks|vbucks|paypal|bitcoin\w*",
            r"je\W+(?:te\W+)?(?:paie|paye|payerai|payerais|file|filerai)\W+~{0,2}?(?:\d+|des\W+sous|de\W+l'argent"
            r"|bien|cher)",
            r"je\W+te\W+(?:paie|paye|payerai|donne\W+de\W+l'argent|donnerai\W+de\W+l'argent)",
            r"payé\w*\W+~?pour\W+(?:des|les|ses|tes|ces)\W+" + _MEDIA,
            r"\d+\W*(?:euros?|€|balles)\W+(?:pour|par)\W+(?:une|la|chaque|ta|tes)\W+" + _MEDIA,
            r"rémunér\w*",
            r"je\W+(?:t'achète|t'achèterai|vais\W+t'acheter)\W+~{0,2}?(?:téléphone|iphone|portable|cadeau\w*"
            r"|vêtements|console|jeu\w*|forfait)",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"(?:ta|ton)\W+(?:petite|petit|jeune)\W+(?:sœur|frère|cousine|cousin)",
            r"(?:ta)\W+(?:sœur|cousine)\W+(?:cadette|plus\W+jeune)|(?:ton)\W+(?:frère|cousin)\W+(?:cadet|plus\W+jeune)",
            r"(?:ramène|amène|emmène)\w*\W+(?:ta|ton)\W+(?:petite\W+|petit\W+)?(?:sœur|frère|cousine|cousin|copine"
            r"|amie|pote)",
            # a child made to abuse a sibling or another child
            r"(?:abuser\W+de|toucher|agresser|caresser|déshabiller|filmer)\W+(?:sa|son|ta|ton|leur|un|une|d'autres)\W+"
            r"~?(?:sœur|frère|cousine|cousin|autre\W+enfant|enfants|petite\W+sœur|petit\W+frère)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"mais", r"cependant", r"pourtant", r"sinon", r"par\W+contre", r"toutefois", r"or"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"(?:pluie|orage|tempête|neige|canicule|grève)\W+~?menac\w*|menac\w*\W+~?(?:de\W+)?(?:pleuvoir|pluie"
            r"|orage|s'effondrer|tomber\W+en\W+panne)",
            r"espèces?\W+menacées?",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"mort\w*\W+de\W+rire|mdr",
            r"(?:mourir|meurs|meurt|crever|crève)\W+de\W+(?:rire|honte|faim|soif|chaud|froid|ennui|peur|envie)",
            r"(?:va|vont|vas|allait|allaient)\W+me\W+tuer",
            r"(?:ça|ca|cette\W+chaleur|ce\W+prof)\W+me\W+tue",
            r"suicide\W+squad",
            r"j'en\W+peux\W+plus\W+de\W+(?:rire|attendre)",
        ),
        CueKind.planned_meeting: _f(
            r"se\W+voir\W+(?:refuser|attribuer|accorder|confier|imposer|offrir|remettre|infliger|retirer|obligé)",
            r"rendez-vous\W+~?(?:chez|avec)\W+(?:le|la|mon|ma|un|une|l')\W*(?:médecin|dentiste|docteur|coiffeu\w*"
            r"|orthodontiste|psy\w*|prof\w*|conseill\w*|banque|kiné\w*|ophtalmo\w*)",
            r"rencontrer\W+(?:des|de)\W+(?:difficultés|problèmes|soucis)",
            r"(?:ton|ta|votre)\W+adresse\W+(?:mail|e-mail|email|électronique|ip|snap\w*|insta\w*|discord|gmail)",
            r"(?:rendez-vous|rdv)\W+~?(?:chez|avec)\W+(?:le|la|mon|ma|un|une)\W+(?:médecin|dentiste|docteur|coiffeu\w*)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:prof|professeur|maîtresse|instit\w*)\W+~{0,3}?(?:devoirs|contrôle|interro\w*|note\w*|exposé)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!de\W)(?:ce|cette|mon|ma|ton|ta|le|la|son|sa)\W+(?:photo|vidéo|téléphone|portable|compte|profil"
            r"|voiture|ordi\w*|contrat|abonnement)\w*\W+(?:a|avait)\W+(?:déjà\W+|presque\W+)?(?:\d{1,2}|un|deux|trois"
            r"|quatre|cinq)\W+(?:ans|mois)",
            r"assistante?\W+maternelle|école\W+maternelle\W+où",
        ),
        CueKind.live_streaming: _f(
            r"(?:match|concert|foot\w*|course|messe|émission|journal)\W+~{0,2}?en\W+direct",
            r"en\W+direct\W+(?:du|de\W+la)\W+(?:match|concert|stade)",
        ),
    },
)
