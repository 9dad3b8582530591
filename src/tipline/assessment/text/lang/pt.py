"""Portuguese (pt) text cues, European and Brazilian.

Covers chat Portuguese in both variants ("se você não pagar", "vou vazar seus nudes", "a gente pode se
ver", "te mando um pix"; "se não pagares", "o teu endereço", "telemóvel") and the register of police and
provider summaries ("ameaçou divulgar", "manifestou ideação suicida", "o padrasto da menor"). Accented
letters also match their bare spelling (chat users drop accents: "nao", "voce").

Known limits: "bebê/bebé" counts only next to abuse or image words (a term of endearment); ages need a
noun or "tem" around them ("uma menina de 4 anos"), and "tem 3 anos que" (a duration in Brazil) is
excluded; "nos vemos" and "a gente se vê" count only with a day or a place; Brazilian "te pego" alone is
not a cue.
"""

from __future__ import annotations

from tipline.assessment.text.lexicon import CueKind, Lexicon, pattern_maker

_FOLD = str.maketrans(
    {
        "á": "[áa]",
        "à": "[àa]",
        "â": "[âa]",
        "ã": "[ãa]",
        "é": "[ée]",
        "ê": "[êe]",
        "í": "[íi]",
        "ó": "[óo]",
        "ô": "[ôo]",
        "õ": "[õo]",
        "ú": "[úu]",
        "ç": "[çc]",
    }
)
_NEGATIONS = (
    r"não(?!\W+(?:se\W+preocupe|te\W+preocupes|precisa\W+se\W+preocupar|vejo\W+a\W+hora|vemos\W+a\W+hora"
    r"|tem\W+problema|há\W+problema|faz\W+mal))",
    r"nunca",
    r"jamais",
    r"nem",
    r"sem",
    r"nada",
    r"ninguém",
    r"nenhum\w*",
)
# "~": one word that is not a negation; accented letters also matching their bare spelling.
_f = pattern_maker(_NEGATIONS, _FOLD)


_AUDIENCE = (
    r"(?:(?:para\W+|pra\W+|pros\W+|aos\W+|à\W+|a\W+)?(?:os\W+|as\W+|a\W+|o\W+)?(?:teus|tuas|tua|teu|seus|suas"
    r"|sua|seu)\W+(?:pais|mãe|pai|família|amig\w*|escola|turma|colegas|professor\w*|contatos|contactos"
    r"|seguidores|irmãos|avós)"
    r"|(?:para\W+|pra\W+|a\W+)?toda\W+(?:a\W+)?(?:sua|tua)\W+(?:turma|escola|família)"
    r"|(?:para\W+|pra\W+|a\W+)todos\W+(?:os\W+)?(?:seus|teus)\W+(?:amigos|contatos|contactos|seguidores)"
    r"|(?:na|nas|no)\W+(?:internet|net|redes(?:\W+sociais)?|insta\w*|tiktok|facebook))"
)
_MEDIA = r"(?:fotos?|vídeos?|imagens|imagem|nudes|packs?)"
_MADE = r"(?:feit\w*|fiz|fez|fizeram|tirad\w*|tirei|tirou|tiraram|grav\w*|film\w*)"
_RECENT = (
    r"(?:hoje|ontem|hoje\W+de\W+manhã|esta\W+manhã|esta\W+noite|ontem\W+à\W+noite|esta\W+semana|nesta\W+semana"
    r"|recentemente|na\W+semana\W+passada|há\W+(?:poucos|dois|três|uns)\W+dias)"
)
_DAYS = r"(?:segunda|terça|quarta|quinta|sexta|sábado|domingo|fim\W+de\W+semana)"

LEXICON = Lexicon(
    language="pt",
    cues={
        CueKind.threats_or_blackmail: _f(
            r"se\W+(?:você\W+|tu\W+|vc\W+)?(?:contar|falar|contares|disseres)\W+(?:isso\W+)?(?:pra|para|a)\W+(?:alguém|ninguém)",
            r"ameaç\w*",
            r"chantag\w*",
            r"extors\w*|sextors\w*|sextortion",
            r"coagi\w*|coação",
            _MEDIA + r"\W+~{0,4}?" + _AUDIENCE,
            r"(?:eu\W+)?(?:mando|envio|mandarei|enviarei|publico|posto|mostro|espalho|divulgo|vazo|compartilho"
            r"|partilho|vou\W+(?:mandar|enviar|publicar|postar|mostrar|espalhar|divulgar|vazar|compartilhar"
            r"|partilhar))\W+~{0,4}?(?:"
            + _AUDIENCE
            + r"|(?:as\W+|os\W+)?(?:tuas|teus|suas|seus|tua|teu|sua|seu)\W+"
            + _MEDIA
            + ")",
            r"(?:todo\W+mundo|toda\W+a\W+gente|todos)\W+(?:vai|vão|irá|irão)\W+(?:ver|saber)\W+~?(?:as|os|tuas|teus"
            r"|suas|seus)\b",
            r"se\W+(?:você\W+|tu\W+|vc\W+)?não\W+(?:me\W+)?~?(?:pagar|pagares|mandar|mandares|enviar|enviares"
            r"|fizer|fizeres|depositar|responder|obedecer)",
            r"(?:pag|deposit|transfer|faz\W+o\W+pix|manda\W+o\W+pix)\w*\W+~{0,5}?ou\W+(?:eu\W+)?(?:mando|envio"
            r"|publico|posto|vazo|espalho|divulgo|todo\W+mundo|todos|tuas|suas)",
            r"(?:você\W+tem|vc\W+tem|tens|tem)\W+(?:\d{1,3}\W*(?:horas?|h|minutos?|min|dias?)|(?:uma|duas|três"
            r"|vinte\W+e\W+quatro)\W+(?:horas?|minutos?|dias?))\W+(?:para|pra|ou|antes)",
            r"ultimato",
            r"vou\W+(?:acabar\W+com|destruir|arruinar|estragar)\W+(?:a\W+)?(?:sua|tua)\W+vida",
            r"sei\W+onde\W+(?:você\W+|vc\W+|tu\W+)?(?:mora|moras|vive|vives)|sei\W+o\W+(?:seu|teu)\W+endereço",
            r"vou\W+te\W+(?:matar|machucar|pegar\W+e)|vou\W+matar-te",
            r"(?:vai|vais)\W+(?:se|te)\W+arrepender",
            r"(?:exig|cobr)\w*\W+~{0,3}?(?:dinheiro|pagamento|pix|resgate|quantia)",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"não\W+quero\W+(?:mais\W+)?acordar\W+(?:nunca\W+mais|mais)|não\W+quero\W+mais\W+acordar",
            r"suicid\w*",
            r"automutila\w*|autolesã\w*|autolesiv\w*",
            r"quero\W+(?:só\W+|apenas\W+)?morrer|vontade\W+de\W+morrer",
            r"(?:quero|penso\W+em|vontade\W+de|vou|irei)\W+me\W+matar(?!\W+de\W+)|(?:vou\W+)?matar-me(?!\W+de\W+)",
            r"me\W+suicidar|suicidar-me",
            r"tirar\W+a\W+(?:minha\W+|própria\W+)?(?:própria\W+)?vida",
            r"acabar\W+com\W+(?:a\W+)?(?:minha|sua)\W+(?:vida|própria\W+vida)|acabar\W+com\W+tudo",
            r"não\W+quero\W+mais\W+viver|não\W+tenho\W+mais\W+vontade\W+de\W+viver",
            r"(?:já\W+)?não\W+(?:aguento|suporto)\W+mais(?=\s*(?:[.!?,;]|$))|já\W+não\W+aguento",
            r"(?:vou\W+|quero\W+)?me\W+(?:corto|cortar|cortando)|cortar-me|corto-me",
            r"me\W+(?:machucar|magoar)|(?:machucar|magoar)-me|me\W+(?:machuco|magoo)",
            r"ninguém\W+(?:sentiria|vai\W+sentir|ia\W+sentir)\W+(?:a\W+)?minha\W+falta|melhor\W+sem\W+mim",
            r"(?:pular|saltar|me\W+jogar|atirar-me)\W+(?:da|de\W+uma|de\W+um|do)\W+(?:ponte|prédio|janela|viaduto)",
            r"(?:pensamentos|ideias|ideação)\W+suicida\w*|tentativa\w*\W+de\W+suicídio",
            r"overdose",
        ),
        CueKind.planned_meeting: _f(
            r"passage\w*\W+(?:de\W+)?(?:ônibus|autocarro|comboio|trem|avião)\W+~{0,3}?(?:pra\W+você|para\W+(?:ti|você)|pra\W+ti)",
            r"(?:podemos|podíamos|vamos|quer|queres|dá\W+pra|bora|a\W+gente\W+pode|a\W+gente\W+podia)\W+(?:nos|se)"
            r"\W+(?:ver|encontrar|conhecer)",
            r"(?:encontrar|conhecer|ver)(?:-nos|-te|-la|-lo)?\W+~{0,2}?(?:pessoalmente|ao\W+vivo|em\W+pessoa)|encontrar-nos"
            r"|vermo-nos|vemo-nos|encontramo-nos",
            r"(?:a\W+gente\W+se|nos)\W+(?:vê|vemos|encontra|encontramos)\W+~{0,2}?(?:na\W+estação|no\W+parque"
            r"|na\W+praça|no\W+shopping|na\W+saída|no\W+ponto|na\W+porta|em\W+frente|(?:no|na)\W+"
            + _DAYS
            + ")",
            r"(?:te\W+busco|vou\W+te\W+buscar|vou\W+buscar-te|passo\W+aí\W+(?:para|pra)\W+te\W+(?:pegar|buscar)"
            r"|te\W+pego\W+(?:na|no|em)\W+(?:escola|saída|estação|ponto|casa))",
            r"vou\W+(?:até\W+|à\W+|a\W+|na\W+)?(?:sua|tua)\W+(?:cidade|casa)|vou\W+aí\W+te\W+ver|vou\W+te\W+visitar",
            r"te\W+espero\W+~{0,2}?(?:na\W+estação|no\W+ponto|na\W+saída|na\W+porta|no\W+parque|em\W+frente)",
            r"(?:vem|venha)\W+(?:pra|para|até)\W+(?:minha\W+casa|cá\W+em\W+casa|casa\W+comigo)",
            r"(?<!sei\W)onde\W+(?:você\W+|vc\W+|tu\W+)?(?:mora|moras)\b|(?:seu|teu|o\W+teu|o\W+seu)\W+endereço"
            r"(?!\W+de\W+(?:e-?mail|email))|(?:sua|tua)\W+morada",
            r"quarto\W+de\W+hotel|reserv\w*\W+~?(?:um|uma)\W+(?:hotel|quarto|pousada)|motel",
            r"(?:propôs|marcou|combinou|sugeriu|propunha|planejou|planeou)\W+~{0,2}?(?:um\W+encontro"
            r"|de\W+se\W+encontrarem|encontrar-se|se\W+encontrar|um\W+encontro\W+presencial)",
            r"encontro\W+(?:pessoal|presencial|ao\W+vivo|em\W+pessoa)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"chefe\W+(?:de\W+)?escote\w*|chefe\W+escoteiro|monitor\W+de\W+acampamento",
            r"sua\W+(?:própria\W+)?(?:filha|enteada|sobrinha|neta|afilhada|aluna)\b|seu\W+"
            r"(?:próprio\W+)?(?:filho|enteado|sobrinho|neto|afilhado|aluno)\b",
            r"seus\W+(?:próprios\W+)?(?:filhos|alunos|netos|sobrinhos|enteados)|suas\W+"
            r"(?:filhas|alunas|netas|sobrinhas)",
            r"(?:própria|próprio)\W+(?:filh[oa]|entead[oa]|net[oa]|sobrinh[oa])",
            r"(?:tenho|tem)\W+(?:também\W+)?(?:uma\W+filha|um\W+filho|filhos|dois\W+filhos)",
            r"padrasto\w*|madrasta\w*",
            r"(?:namorado|companheiro|marido)\W+da\W+(?:mãe|sua\W+mãe|minha\W+mãe)",
            r"(?:pai|tio|avô|padrasto|primo|irmão|mãe|tia|padrinho)\W+(?:da\W+(?:menor|vítima|criança|menina)"
            r"|do\W+(?:menor|menino))",
            r"(?:seu|teu)\W+(?:próprio\W+)?(?:tio|avô|padrinho)",
            r"(?:como|é|sou|era|trabalha\W+como|trabalho\W+como)\W+(?:um\W+|uma\W+)?(?:professor\w*|prof"
            r"|treinador\w*|técnico\W+de\W+futebol|monitor\w*|babá|baby-?sitter|educador\w*|educadora|padre"
            r"|pediatra|catequista|instrutor\w*|escuteiro|explicador\w*)",
            r"(?:um|uma)\W+(?:professor\w*|treinador\w*|monitor\w*|babá|educador\w*|catequista|instrutor\w*)",
            r"babá\b|baby-?sitter",
            r"trabalh\w*\W+~{0,2}?(?:com\W+crianças|com\W+menores|numa\W+escola|em\W+uma\W+escola|numa\W+creche"
            r"|em\W+uma\W+creche|na\W+creche|num\W+colégio|em\W+um\W+colégio|num\W+acampamento)",
            r"acesso\W+a\W+(?:crianças|menores)",
        ),
        CueKind.very_young_victim: _f(
            r"(?:abus\w*|fotos?|vídeos?|imagens|vítima|mostr\w*|aparece\w*)\W+~{0,3}?beb(?:ê|é)s?",
            r"recém-nascid\w*|recém\W+nascid\w*|lactente\w*|(?:de|usa|usava|ainda\W+usa|com|em)\W+fraldas?",
            r"pré-escola\w*|pré-escolar|jardim\W+de\W+infância|idade\W+pré-escolar",
            r"(?:criança|menina|menino|garotinh[oa]|menor|vítima|beb(?:ê|é)|filh[oa]|pequen[oa])\W+de\W+"
            r"(?:uns\W+|apenas\W+|só\W+|cerca\W+de\W+)?(?P<age>\d{1,2})\W*anos",
            r"(?:tem|tinha|teria|terá)\W+(?:uns\W+|apenas\W+|só\W+|cerca\W+de\W+)?(?P<age>\d{1,2})\W*anos"
            r"(?!\W+(?:que|de\W+(?:experiência|prisão|cadeia|garantia|contrato|casados)))",
            r"(?P<age>\d{1,2})\W*anos\W+de\W+idade",
            r"(?:criança|menina|menino|menor|vítima|beb(?:ê|é)|tem|tinha)\W+(?:de\W+)?(?:uns\W+|apenas\W+)?"
            r"(?:um|dois|duas|três|quatro|cinco)\W+anos?(?!\W+que)",
            r"(?:criança|menina|menino|menor|vítima|beb(?:ê|é)|tem|tinha)\W+(?:de\W+)?\d{1,2}\W+meses(?!\W+que)",
        ),
        CueKind.recently_produced_material: _f(
            r"(?:grav|film)\w*\W+~{0,2}?" + _RECENT,
            _MEDIA + r"\W+~{0,4}?" + _RECENT + r"\W+~{0,2}?" + _MADE,
            _MEDIA + r"\W+~{0,3}?" + _MADE + r"\W+~{0,2}?" + _RECENT,
            _MADE + r"\W+~{0,2}?" + _MEDIA + r"\W+~{0,3}?" + _RECENT,
            _RECENT + r"\W+~{0,3}?(?:grav|film)\w*",
            r"recentes\W+(?:fotos|vídeos|imagens|nudes)|(?:fotos|vídeos|imagens|nudes)\W+recentes",
            r"abusos?\W+~{0,2}?(?:continua\w*|em\W+curso)",
            r"continua\W+(?:a\W+abusar|abusando)",
        ),
        CueKind.live_streaming: _f(
            r"(?:transmit|mostr|film|exib)\w*\W+~?(?:ao\W+vivo|em\W+direto)|(?:ao\W+vivo|em\W+direto)\W+(?:por|pelo"
            r"|pela|via|no|na)",
            r"videochamada\w*|vídeo-chamada\w*|video\W*chamada\w*|chamadas?\W+de\W+vídeo",
            r"webcam\w*|facetime",
            r"(?:liga|ligue|abre|abra|ativa|ative|acende)\W+(?:a\W+)?(?:sua\W+|tua\W+)?(?:câmera|câmara|cam|webcam)",
            r"live\W*stream\w*|livestream\w*|(?:uma|numa)\W+live\W+(?:privada|só\W+pra\W+mim|comigo)",
        ),
        CueKind.payment_or_exchange: _f(
            r"em\W+troca\W+de|a\W+troco\W+de",
            r"cart(?:ão|ões)\W+(?:de\W+)?presente|vale[\s-]presente|gift\W*cards?",
            r"(?:cart(?:ão|ões)|códigos?|recargas?|vales?)\W+(?:da\W+|do\W+)?(?:amazon|steam|google\W*play|itunes"
            r"|apple|psn|xbox|playstation|nintendo|paysafe\w*)",
            r"(?:te\W+)?(?:mando|faço|fazer|mandar)\W+(?:um\W+)?pix\W+(?:pra\W+você|pra\W+vc|de\W+\d+|pra\W+ti)"
            r"|(?:seu|teu)\W+pix|chave\W+pix|paysafe\w*|robux|v-bucks|vbucks|paypal|bitcoin\w*|mb\W*way",
            r"te\W+(?:pago|pagarei|pagaria|dou\W+dinheiro|darei\W+dinheiro|mando\W+dinheiro)|pago-te",
            r"pag\w*\W+~?(?:por|pelas|pelos)\W+(?:as\W+|os\W+|suas\W+|tuas\W+)?" + _MEDIA,
            r"\d+\W*(?:reais|euros?|€)\W+(?:por|pra|para)\W+(?:cada|uma|a|um|o)\W+" + _MEDIA,
            r"te\W+(?:compro|dou|darei|comprarei)\W+~?(?:um\W+celular|um\W+telemóvel|um\W+iphone|roupas|um\W+presente"
            r"|uma\W+recarga|recarga|um\W+videogame|jogos)",
            r"recarga\W+(?:de|do|no)\W+(?:celular|telemóvel|telefone)",
        ),
        CueKind.abuse_of_sibling_or_other_child: _f(
            # chat: the adult asks for the child's younger sibling or a friend
            r"(?:sua|tua)\W+(?:irmãzinha|priminha)|(?:seu|teu)\W+(?:irmãozinho|priminho)",
            r"(?:sua|tua)\W+irmã\W+(?:mais\W+nova|menor|pequena|caçula)|(?:seu|teu)\W+irmão\W+(?:mais\W+novo|menor"
            r"|pequeno|caçula)",
            r"traz(?:e)?\W+(?:a\W+|o\W+)?(?:sua|tua|seu|teu)\W+(?:irmã|amiga|prima|irmão|amigo|primo)",
            # a child made to abuse a sibling or another child
            r"(?:tocar|abusar\W+d[ao]|molestar|despir|filmar)\W+(?:a\W+|o\W+|na\W+|no\W+|em\W+)?(?:sua\W+|seu\W+"
            r"|tua\W+|teu\W+|própria\W+|outra\W+|outro\W+|outras\W+)?(?:irmã\w*|irmão\w*|prim[oa]\w*|criança\w*"
            r"|menin[oa]s?)",
        ),
    },
    negations=_f(*_NEGATIONS),
    scope_breakers=_f(r"mas", r"porém", r"contudo", r"no\W+entanto", r"entretanto", r"senão", r"todavia"),
    look_alikes={
        CueKind.threats_or_blackmail: _f(
            r"(?:chuva|tempestade|greve)\W+~?ameaç\w*|ameaç\w*\W+(?:de\W+)?(?:chover|chuva|tempestade)",
            r"espécies?\W+ameaçadas?",
        ),
        CueKind.self_harm_or_suicide: _f(
            r"(?:morr\w*|mort[oa])\W+de\W+(?:rir|riso|fome|sede|sono|vergonha|calor|frio|tédio|medo|saudade\w*"
            r"|vontade)",
            r"(?:vai|vão|ia)\W+me\W+matar|me\W+matar\W+de\W+(?:rir|estudar|trabalhar)",
            r"(?:esse|este|o)\W+calor\W+(?:me\W+mata|está\W+me\W+matando)|(?:tá|está)\W+me\W+matando",
            r"suicide\W+squad|esquadrão\W+suicida",
        ),
        CueKind.planned_meeting: _f(
            r"(?:seu|teu)\W+endereço\W+de\W+(?:e-?mail|email|ip)",
        ),
        CueKind.offender_has_access_to_children: _f(
            r"(?:prof\w*)\W+~{0,3}?(?:dever\w*|lição|prova|teste|nota\w*|trabalho\W+de\W+casa)",
        ),
        CueKind.very_young_victim: _f(
            r"(?<!da\W)(?<!do\W)(?<!na\W)(?:o|a|meu|minha|teu|tua|seu|sua|este|esta|esse|essa)\W+(?:celular|telemóvel"
            r"|foto|vídeo|conta|perfil|carro|computador|contrato|casa)\w*\W+(?:já\W+)?(?:tem|tinha)\W+(?:quase\W+)?"
            r"(?:\d{1,2}|um|dois|três|quatro|cinco)\W+(?:anos?|meses)",
        ),
        CueKind.live_streaming: _f(
            r"(?:jogo|partida|show|missa|concerto|final|programa)\W+~{0,2}?(?:ao\W+vivo|em\W+direto)",
        ),
    },
)
