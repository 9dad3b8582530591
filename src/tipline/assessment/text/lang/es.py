"""Spanish (es) text cues.

Covers chat Spanish of Spain and Latin America (tuteo and voseo forms such as "pagás", "packs",
"quedamos", "te paso a buscar", "bizum") and the register of police and provider summaries ("amenazó con
difundir", "expresó ideas suicidas", "el padrastro de la menor"). Accented letters also match their bare
spelling (chat users drop accents), ñ matches n.

Known limits: "bebé" counts only next to abuse or image words (it is a term of endearment); ages need a
noun or "tiene" around them ("una niña de 4 años") because "hace 3 años" is a duration; "nos vemos" only
counts with a day or a place after it, since it is also a common goodbye; "quedar" only in its meeting
forms.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans(
    {"á": "[áa]", "é": "[ée]", "í": "[íi]", "ó": "[óo]", "ú": "[úu]", "ü": "[üu]", "ñ": "[ñn]"}
)
_NEGATIONS = (
    r"no(?!\W+(?:te\W+preocupes|pasa\W+nada|hay\W+problema))",
    r"nunca",
    r"jamás",
    r"ni",
    r"sin",
    r"nada",
    r"nadie",
    r"tampoco",
    r"ningun\w*",
)
# "~": one word that is not a negation; accented letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


_AUDIENCE = (
    r"(?:(?:a\W+)?(?:tus?)\W+(?:padres|papás|viejos|madre|mamá|padre|papá|familia|amig\w*|colegio|escuela|insti\w*"
    r"|clase|compañer\w*|profes\w*|contactos|seguidores|hermanos|abuelos)"
    r"|a\W+todos\W+tus\W+(?:amigos|contactos|seguidores|compañeros)"
    r"|a\W+toda\W+tu\W+(?:clase|familia|escuela|gente)"
    r"|(?:en|por|a)\W+(?:internet|las\W+redes|redes\W+sociales|insta\w*|tiktok|facebook|twitter))"
)
_MEDIA = r"(?:fotos?|vídeos?|imágenes|imagen|nudes|packs?|pics|desnudos)"
_MADE = (
    r"(?:hech\w*|hice|hizo|hicieron|tomad\w*|tomé|tomó|tomaron|sacad\w*|saqué|sacó|sacaron|grab\w*|film\w*)"
)
_RECENT = (
    r"(?:hoy|ayer|anoche|esta\W+mañana|esta\W+tarde|esta\W+semana|recientemente|la\W+semana\W+pasada"
    r"|hace\W+(?:unos|dos|tres|pocos)\W+(?:días|horas|minutos))"
)
_DAYS = r"(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|finde|fin\W+de\W+semana)"

LEXICON = Lexicon(
    language="es",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"si\W+(?:se\W+lo\W+|lo\W+)?(?:dices|cuentas|contás|decís)\W+(?:a\W+)?alguien",
            r"amenaz\w*",
            r"chantaj\w*",
            r"extorsi\w*|sextorsi\w*",
            r"coacci\w*|coaccion\w*",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:le\W+|les\W+|se\W+las?\W+|se\W+los?\W+)?(?:mando|envío|enviaré|mandaré|paso|pasaré|publico"
            r"|publicaré|subo|subiré|enseño|enseñaré|muestro|mostraré|difundo|difundiré|comparto|compartiré"
            r"|voy\W+a\W+(?:mandar|enviar|pasar|publicar|subir|enseñar|mostrar|difundir|compartir))\w*\W+~{0,4}?"
            r"(?:" + _AUDIENCE + r"|tus?\W+" + _MEDIA + ")",
            r"(?:todos|todo\W+el\W+mundo)\W+(?:va\W+a\W+ver|van\W+a\W+ver|verán|verá|sabrá|sabrán)\W+~?"
            r"(?:tus|las|los|lo)\b",
            r"si\W+no\W+(?:me\W+)?~?(?:pagas|pagás|mandas|mandás|envías|enviás|haces|hacés|transfieres|depositas"
            r"|contestas|obedeces)",
            r"(?:pag|transfier|deposit)\w*\W+~{0,5}?o\W+(?:si\W+no\W+)?~?(?:mando|envío|publico|subo|enseño|paso"
            r"|todos|tus|se\W+lo)",
            r"(?:tienes|tenés)\W+(?:\d{1,3}\W*(?:horas?|h|minutos?|min|días?)|(?:una|dos|tres|veinticuatro)\W+"
            r"(?:horas?|minutos?|días?))\W+(?:para|o|antes)",
            r"ultimátum",
            r"(?:te\W+voy\W+a|voy\W+a)\W+(?:arruinar|destrozar|joder|hundir)\w*\W+(?:la\W+)?vida",
            r"(?:sé|se)\W+dónde\W+vives|(?:sé|tengo)\W+tu\W+dirección",
            r"te\W+voy\W+a\W+(?:matar|hacer\W+daño|buscar\W+y)",
            r"te\W+vas\W+a\W+arrepentir|te\W+arrepentirás",
            r"(?:exig|reclam)\w*\W+~{0,3}?(?:dinero|pago|rescate|fotos|imágenes|vídeos|videos)",
            r"a\W+cambio\W+de\W+no\W+(?:publicar|difundir|enviar|mandar|enseñar|compartir)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:ya\W+)?no\W+tengo\W+(?:más\W+)?ganas\W+de\W+vivir",
            r"no\W+quiero\W+(?:volver\W+a\W+)?despertar(?:me)?\W+(?:nunca\W+más|más|jamás)",
            r"suicid\w*",
            r"autolesi\w*",
            r"(?:me\W+)?quiero\W+(?:morir(?:me)?|matarme)|me\W+quiero\W+morir",
            r"ganas\W+de\W+(?:morir(?:me)?|matarme|desaparecer\W+para\W+siempre)",
            r"me\W+voy\W+a\W+(?:matar|suicidar|quitar\W+la\W+vida)(?!\W+(?:estudiando|trabajando|de))",
            r"voy\W+a\W+matarme|pienso\W+(?:en\W+)?matarme|matarse|quitar(?:me|se)\W+la\W+vida",
            r"acabar\W+con\W+(?:mi|su)\W+(?:vida|sufrimiento)|acabar\W+con\W+todo",
            r"no\W+quiero\W+(?:seguir\W+)?(?:vivir|viviendo)",
            r"(?:ya\W+)?no\W+(?:puedo|aguanto|soporto)\W+más(?=\s*(?:[.!?,;]|$))|ya\W+no\W+(?:aguanto|puedo\W+más)",
            r"cortarme\W+(?:las\W+venas|los\W+brazos|las\W+muñecas|otra\W+vez)|me\W+corto\W+(?:los\W+brazos"
            r"|las\W+muñecas|otra\W+vez)|me\W+he\W+cortado\W+(?:los|las)\W+(?:brazos|muñecas|piernas)",
            r"(?:hacerme|hacerse)\W+daño|me\W+hago\W+daño|me\W+autolesiono",
            r"nadie\W+me\W+(?:echaría|echará|va\W+a\W+echar)\W+de\W+menos|mejor\W+sin\W+mí",
            r"tirarme\W+(?:de|desde|por|a)\W+(?:un|el|la)\W+(?:puente|balcón|ventana|vías|tren)",
            r"(?:pensamientos|ideas?|ideación)\W+suicida\w*|intento\w*\W+de\W+suicidio",
            r"sobredosis",
        ),
        CueKind.planned_meeting: _f(
            r"(?:billete|pasaje|boleto)\w*\W+(?:de\W+)?(?:tren|autobús|bus|avión)\W+~{0,3}?(?:para\W+(?:ti|que\W+vengas)|para\W+venir)",
            r"quedamos|quedemos|(?:podemos|podríamos|quieres|querés|vamos\W+a)\W+quedar|quedar\W+(?:conmigo"
            r"|contigo|en\W+persona|con\W+(?:la|el)\W+menor)",
            r"(?:podemos|podríamos|quieres|querés|deberíamos|vamos\W+a|hay\W+que)\W+(?:vernos|encontrarnos"
            r"|conocernos)",
            r"(?:vernos|conocernos|encontrarnos|vert\w*)\W+en\W+persona|en\W+persona\W+(?:el|este|mañana|"
            + _DAYS
            + ")",
            r"nos\W+vemos\W+~{0,2}?(?:en\W+(?:la|el)\W+(?:estación|parque|centro|plaza|parada|puerta|salida|esquina"
            r"|metro|portal)|(?:el|este|esta)\W+" + _DAYS + ")",
            r"(?:te\W+)?(?:recojo|recogeré|paso\W+a\W+(?:recogerte|buscarte)|paso\W+a\W+por\W+ti|voy\W+a"
            r"\W+(?:recogerte|buscarte)|te\W+paso\W+a\W+buscar|te\W+voy\W+a\W+buscar)",
            r"(?:voy|iré|vengo)\W+(?:a|hasta)\W+(?:tu\W+ciudad|tu\W+casa|tu\W+pueblo|verte|buscarte)",
            r"te\W+espero\W+~{0,2}?(?:en\W+la\W+estación|en\W+la\W+parada|a\W+la\W+salida|en\W+el\W+parque"
            r"|en\W+la\W+puerta|en\W+el\W+portal|en\W+la\W+esquina)",
            r"(?:ven|vente|venite)\W+(?:a\W+)?(?:mi\W+casa|conmigo)",
            r"(?<!sé\W)(?<!se\W)dónde\W+vives|dónde\W+vivís|tu\W+dirección(?!\W+de\W+(?:correo|email|mail))",
            r"habitación\W+de\W+hotel|reserv\w*\W+~?(?:un|una)\W+(?:hotel|habitación)",
            r"(?:propuso|propone|proponía|planeó|organizó|acordó|concertó)\W+~{0,2}?(?:un\W+encuentro|una\W+cita"
            r"|quedar|verse|encontrarse|reunirse|conocerse)",
            r"encuentro\W+(?:en\W+persona|físico|presencial)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"su\W+(?:propia\W+|propio\W+)?(?:hija|hijo|hijastra|hijastro|sobrina|sobrino|nieta|nieto"
            r"|ahijad[oa]|alumn[oa])\b",
            r"sus\W+(?:propios\W+|propias\W+)?(?:hijos|hijas|hijastr\w*|alumn\w*|nietos|nietas|sobrin\w*)",
            r"(?:tengo|tiene)\W+(?:también\W+)?(?:una\W+hija|un\W+hijo|hijos|dos\W+hijos|tres\W+hijos)",
            r"padrastro\w*|madrastra\w*",
            r"(?:novio|pareja|compañero)\W+de\W+(?:su|mi|la)\W+(?:madre|mamá)",
            r"(?:padre|tío|abuelo|padrastro|primo|hermano|madre|tía|padrino)\W+(?:de\W+la\W+(?:menor|víctima|niña)"
            r"|del\W+(?:menor|niño))",
            r"(?:su|tu)\W+(?:propio\W+)?(?:tío|abuelo|padrino)|su\W+propio\W+(?:padre|hermano)",
            r"(?:como|es|soy|era|trabaja\W+de|trabajo\W+de)\W+(?:un\W+|una\W+)?(?:profesor\w*|profe|maestr[oa]"
            r"|entrenador\w*|monitor\w*|niñera|canguro|cuidador\w*|educador\w*|sacerdote|pediatra|catequista"
            r"|tutor\w*|scout|socorrista)",
            r"(?:un|una)\W+(?:profesor\w*|maestr[oa]|entrenador\w*|monitor\w*|niñera|cuidador\w*|educador\w*"
            r"|catequista)",
            r"niñera|canguro\W+de|cuido\W+(?:niños|a\W+(?:mis|los)\W+sobrinos)",
            r"trabaj\w*\W+~{0,2}?(?:con\W+niños|con\W+menores|en\W+(?:un|una)\W+(?:colegio|guardería|escuela"
            r"|campamento|kínder|jardín\W+de\W+infantes))",
            r"acceso\W+a\W+(?:menores|niños)",
        ),
        CueKind.very_young_victim: _f(
            r"(?:abus\w*|agresi\w*|fotos?|vídeos?|imágenes|víctima|muestra\w*|aparece\w*)\W+~{0,3}?bebés?",
            r"lactante\w*|recién\W+nacid\w*|neonat\w*",
            r"preescolar|párvul\w*|(?:lleva|llevaba|usa|usaba|en|con)\W+pañal\w*|edad\W+de\W+pañal\w*",
            r"(?:niñ[oa]|nena|nene|menor|víctima|bebé|pequeñ[oa]|crío|cría|chiquit\w*|hija|hijo)\W+de\W+"
            r"(?:unos\W+|apenas\W+|solo\W+|sólo\W+|tan\W+solo\W+)?(?P<age>\d{1,2})\W*años",
            r"(?:tiene|tenía|tendría|tendrá)\W+(?:unos\W+|apenas\W+|solo\W+|sólo\W+)?(?P<age>\d{1,2})\W*años"
            r"(?!\W+de\W+(?:experiencia|cárcel|prisión|condena|antigüedad|garantía|contrato|casados))",
            r"(?P<age>\d{1,2})\W+años\W+de\W+edad",
            r"(?:niñ[oa]|nena|nene|menor|víctima|bebé|pequeñ[oa]|tiene|tenía)\W+(?:de\W+)?(?:unos\W+|apenas\W+)?"
            r"(?:uno|un|dos|tres|cuatro|cinco)\W+años",
            r"(?:niñ[oa]|nena|nene|menor|víctima|bebé|tiene|tenía)\W+(?:de\W+)?\d{1,2}\W+meses",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:grab|film)\w*\W+~{0,2}?" + _RECENT,
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:grab|film)\w*",
            r"(?:recientes)\W+(?:fotos|vídeos|imágenes|packs|nudes)",
            r"(?:abusos?|agresi\w*)\W+~{0,2}?(?:continúa\w*|sigue\w*|en\W+curso)",
            r"(?:sigue|continúa)\W+(?:abusando|agrediendo)",
        ),
        CueKind.live_streaming: _f(
            r"(?:transmit|retransmit|emit|grab|mostr)\w*\W+~?en\W+(?:directo|vivo)|en\W+(?:directo|vivo)\W+"
            r"(?:por|a\W+través\W+de|mediante|en)",
            r"videollamada\w*|video\W*llamada\w*|llamadas?\W+de\W+vídeo",
            r"webcam\w*|cámara\W+web|facetime",
            r"(?:enciende|encendé|pon|poné|prende|prendé|abre|abrí|activa)\W+(?:la|tu)\W+(?:cámara|cam|webcam)",
            r"live\W*stream\w*|livestream\w*|(?:un|en|el)\W+directo\W+(?:de|en)\W+(?:instagram|tiktok|twitch"
            r"|youtube)",
        ),
        CueKind.payment_or_exchange: _f(
            r"a\W+cambio\W+de",
            r"tarjetas?\W+(?:de\W+)?regalo",
            r"(?:tarjetas?|códigos?|recargas?)\W+(?:de\W+)?(?:amazon|steam|google\W*play|itunes|apple|psn|xbox"
            r"|playstation|nintendo|paysafe\w*)",
            r"paysafe\w*|robux|v-bucks|vbucks|paypal|bitcoin\w*|\d+\W+pavos|(?:por|un)\W+bizum\W+(?:de\W+)?\d+",
            r"te\W+(?:pago|pagaré|pagaría|doy\W+dinero|daré\W+dinero|hago\W+un\W+bizum|mando\W+dinero)",
            r"pag\w*\W+~?por\W+(?:las|los|tus|sus|unas|unos)\W+" + _MEDIA,
            r"\d+\W*(?:euros?|€|dólares|pesos|\$)\W+(?:por|para)\W+(?:una|cada|tus|la|el|un)\W+" + _MEDIA,
            r"te\W+(?:compro|compraré|regalo|regalaré)\W+~?(?:un\W+móvil|un\W+iphone|un\W+celular|ropa|recargas"
            r"|una\W+consola|un\W+regalo|juegos)",
            r"recargas?\W+(?:de\W+)?(?:saldo|móvil|celular)",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"tu\W+(?:hermanit[oa]|primit[oa])|tu\W+(?:hermana|hermano|prima|primo)\W+(?:pequeñ[oa]|menor|chic[oa])",
            r"(?:trae|traete|traé)\W+(?:a\W+)?(?:tu)\W+(?:hermana|hermano|prima|primo|amiga|amigo|hermanit\w*)",
            # a child made to abuse a sibling or another child
            r"(?:tocar|toque|tocara|abusar\W+de|abusara\W+de|agredir\W+a|desnudar\W+a|grabar\W+a)\W+(?:a\W+)?"
            r"(?:su|tu|otro|otra|otros|otras)\W+~?(?:hermana|hermano|prima|primo|hermanit\w*|niñ[oa]s?|menor\w*)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"pero", r"sino", r"aunque", r"sin\W+embargo", r"en\W+cambio"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"(?:lluvia|tormenta|nieve|huelga)\W+~?amenaz\w*|amenaz\w*\W+(?:con\W+)?(?:lluvia|tormenta|llover)",
            r"especies?\W+amenazadas?",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:me\W+)?muer\w*\W+de\W+(?:risa|hambre|sueño|vergüenza|ganas|calor|frío|aburrimiento|miedo|envidia)",
            r"muert[oa]\W+de\W+(?:risa|hambre|sueño|vergüenza|calor|frío|miedo)",
            r"me\W+muero\W+por|me\W+quiero\W+morir\W+de\W+(?:vergüenza|risa)",
            r"(?:este|el)\W+calor\W+me\W+mata|me\W+mata\W+(?:el|este)\W+calor",
            r"me\W+voy\W+a\W+morir\W+de\W+(?:risa|hambre|vergüenza)",
            r"suicide\W+squad",
        ),
        CueKind.planned_meeting: _f(
            r"quedamos\W+en\W+que",
            r"tu\W+dirección\W+(?:de\W+)?(?:correo|email|mail|ip)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:profe\w*|maestr[oa])\W+~{0,3}?(?:deberes|tarea\w*|examen\w*|nota\w*|trabajo)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!de\W)(?:el|la|mi|tu|su|este|esta|ese|esa)\W+(?:móvil|celular|foto|vídeo|cuenta|perfil|coche|carro"
            r"|ordenador|portátil|contrato|casa|piso)\w*\W+(?:ya\W+)?(?:tiene|tenía)\W+(?:ya\W+|casi\W+)?(?:\d{1,2}"
            r"|uno|un|dos|tres|cuatro|cinco)\W+(?:años|meses)",
        ),
        CueKind.live_streaming: _f(
            r"(?:partido|concierto|misa|carrera|programa|final)\W+~{0,2}?en\W+(?:directo|vivo)",
        ),
    },
)
