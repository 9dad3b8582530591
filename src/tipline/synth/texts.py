"""Short chat message templates in 15 languages, factual and non-graphic.

Kinds: grooming (compliment, secrecy, gift, meet = a concrete plan to meet, reply_meet), neutral talk and
negated statements (neutral, reply, meet_neg: "I would never ask to meet"), sextortion (threat, deadline)
and a child's distress (distress, selfharm). Placeholders: {town}, {amount}, {hours}. In languages that
inflect place names the town is given in apposition ("your town ({town})").
"""

from __future__ import annotations

from random import Random

from tipline.synth.rand import below

KINDS = (
    "compliment", "secrecy", "gift", "meet", "reply_meet", "meet_neg", "neutral", "reply",
    "threat", "deadline", "distress", "selfharm",
)  # fmt: skip

_RAW: dict[str, str] = {
    "en": """
compliment: You are really mature for your age.
compliment: I love talking to you, you are special.
secrecy: Don't tell your parents about our chats, they wouldn't understand.
secrecy: Delete our messages after reading them, ok? This is our secret.
gift: I can send you a gift card for your game if you want.
gift: I'll top up your phone credit, no problem.
meet: I will come to {town} on Saturday, we can meet at the station.
meet: Let's meet on Saturday afternoon in {town}, I'll pick you up after school.
reply_meet: ok where exactly?
reply_meet: I don't know, my mum might find out.
meet_neg: I would never ask you to meet me, don't worry.
meet_neg: We don't have to meet, chatting is enough for me.
neutral: How was school today?
neutral: What games do you like to play?
reply: ok
reply: I don't know
reply: my parents are at work
threat: I have your photos. Pay {amount} or I will send them to your family and friends.
threat: If you block me, everyone at your school will see the pictures.
deadline: You have {hours} hours. Then I send everything.
deadline: Last warning. Pay by tonight.
distress: Please stop, I'm scared.
distress: Please don't send them, I don't have that money.
selfharm: I want to die.
selfharm: I can't take this anymore, I'm going to kill myself.
""",
    "de": """
compliment: Du bist echt reif für dein Alter.
compliment: Ich schreibe so gern mit dir, du bist etwas Besonderes.
secrecy: Erzähl deinen Eltern nichts von unseren Chats, die würden das nicht verstehen.
secrecy: Lösch unsere Nachrichten nach dem Lesen, okay? Das ist unser Geheimnis.
gift: Ich kann dir eine Geschenkkarte für dein Spiel schicken, wenn du willst.
gift: Ich lade dir Guthaben aufs Handy, kein Problem.
meet: Ich komme am Samstag nach {town}, wir können uns am Bahnhof treffen.
meet: Lass uns am Samstagnachmittag in {town} treffen, ich hole dich nach der Schule ab.
reply_meet: ok wo genau?
reply_meet: weiß nicht, meine Mama könnte das merken.
meet_neg: Ich würde dich nie fragen, ob wir uns treffen, keine Sorge.
meet_neg: Wir müssen uns nicht treffen, Schreiben reicht mir.
neutral: Wie war die Schule heute?
neutral: Welche Spiele spielst du gern?
reply: ok
reply: weiß nicht
reply: meine Eltern sind arbeiten
threat: Ich habe deine Fotos. Zahl {amount} oder ich schicke sie an deine Familie und deine Freunde.
threat: Wenn du mich blockierst, sieht deine ganze Schule die Bilder.
deadline: Du hast {hours} Stunden. Dann schicke ich alles.
deadline: Letzte Warnung. Zahl bis heute Abend.
distress: Bitte hör auf, ich habe Angst.
distress: Bitte schick sie nicht, ich habe so viel Geld nicht.
selfharm: Ich will nicht mehr leben.
selfharm: Ich halte das nicht mehr aus, ich bringe mich um.
""",
    "fr": """
compliment: Tu es vraiment mature pour ton âge.
compliment: J'adore parler avec toi, tu es quelqu'un de spécial.
secrecy: Ne parle pas de nos discussions à tes parents, ils ne comprendraient pas.
secrecy: Efface nos messages après les avoir lus, d'accord ? C'est notre secret.
gift: Je peux t'envoyer une carte cadeau pour ton jeu si tu veux.
gift: Je te recharge ton forfait téléphone, pas de souci.
meet: Je viens à {town} samedi, on peut se retrouver à la gare.
meet: Retrouvons-nous samedi après-midi à {town}, je viens te chercher après l'école.
reply_meet: ok mais où exactement ?
reply_meet: je sais pas, ma mère pourrait le savoir.
meet_neg: Je ne te demanderais jamais de me rencontrer, ne t'inquiète pas.
meet_neg: On n'a pas besoin de se voir, discuter me suffit.
neutral: C'était comment l'école aujourd'hui ?
neutral: Tu aimes jouer à quels jeux ?
reply: ok
reply: je sais pas
reply: mes parents sont au travail
threat: J'ai tes photos. Paie {amount} ou je les envoie à ta famille et à tes amis.
threat: Si tu me bloques, toute ton école verra les photos.
deadline: Tu as {hours} heures. Après j'envoie tout.
deadline: Dernier avertissement. Paie avant ce soir.
distress: Arrête s'il te plaît, j'ai peur.
distress: S'il te plaît ne les envoie pas, je n'ai pas cet argent.
selfharm: J'ai envie de mourir.
selfharm: Je n'en peux plus, je vais me tuer.
""",
    "es": """
compliment: Tienes mucha madurez para tu edad.
compliment: Me encanta hablar contigo, eres especial.
secrecy: No les cuentes a tus padres lo de nuestros chats, no lo entenderían.
secrecy: Borra nuestros mensajes después de leerlos, ¿vale? Es nuestro secreto.
gift: Puedo mandarte una tarjeta regalo para tu juego si quieres.
gift: Te recargo el saldo del móvil, no pasa nada.
meet: El sábado voy a {town}, podemos vernos en la estación.
meet: Quedamos el sábado por la tarde en {town}, te recojo después del colegio.
reply_meet: vale pero ¿dónde exactamente?
reply_meet: no sé, mi madre se podría enterar.
meet_neg: Nunca te pediría quedar, no te preocupes.
meet_neg: No hace falta que nos veamos, con hablar me basta.
neutral: ¿Qué tal el cole hoy?
neutral: ¿A qué juegos te gusta jugar?
reply: vale
reply: no sé
reply: mis padres están trabajando
threat: Tengo tus fotos. Paga {amount} o se las mando a tu familia y a tus amigos.
threat: Si me bloqueas, todo tu instituto verá las fotos.
deadline: Tienes {hours} horas. Después lo mando todo.
deadline: Último aviso. Paga antes de esta noche.
distress: Por favor para, tengo miedo.
distress: Por favor no las mandes, no tengo ese dinero.
selfharm: Me quiero morir.
selfharm: No puedo más, me voy a matar.
""",
    "it": """
compliment: Hai una maturità incredibile per la tua età.
compliment: Mi piace tanto parlare con te, sei speciale.
secrecy: Non dire niente ai tuoi genitori delle nostre chat, non capirebbero.
secrecy: Cancella i nostri messaggi dopo averli letti, ok? È il nostro segreto.
gift: Posso mandarti una gift card per il tuo gioco se vuoi.
gift: Ti faccio una ricarica sul telefono, nessun problema.
meet: Sabato vengo a {town}, possiamo vederci alla stazione.
meet: Vediamoci sabato pomeriggio a {town}, ti vengo a prendere dopo la scuola.
reply_meet: ok ma dove di preciso?
reply_meet: non so, mia mamma potrebbe scoprirlo.
meet_neg: Non ti chiederei mai di incontrarci, non preoccuparti.
meet_neg: Non serve vederci, mi basta scriverci.
neutral: Com'è andata a scuola oggi?
neutral: A che giochi ti piace giocare?
reply: ok
reply: non so
reply: i miei sono al lavoro
threat: Ho le tue foto. Paga {amount} o le mando alla tua famiglia e ai tuoi amici.
threat: Se mi blocchi, tutta la tua scuola vedrà le foto.
deadline: Hai {hours} ore. Poi mando tutto.
deadline: Ultimo avviso. Paga entro stasera.
distress: Ti prego smettila, ho paura.
distress: Ti prego non mandarle, non ho quei soldi.
selfharm: Voglio morire.
selfharm: Non ce la faccio più, mi ammazzo.
""",
    "nl": """
compliment: Je bent echt volwassen voor je leeftijd.
compliment: Ik vind het zo leuk om met je te praten, je bent bijzonder.
secrecy: Vertel je ouders niets over onze chats, dat snappen ze niet.
secrecy: Verwijder onze berichten na het lezen, oké? Dit is ons geheim.
gift: Ik kan je een cadeaukaart voor je game sturen als je wilt.
gift: Ik zet beltegoed op je telefoon, geen probleem.
meet: Ik kom zaterdag naar {town}, we kunnen afspreken bij het station.
meet: Laten we zaterdagmiddag afspreken in {town}, ik haal je op na school.
reply_meet: oké maar waar precies?
reply_meet: weet niet, mijn moeder kan het merken.
meet_neg: Ik zou je nooit vragen om af te spreken, maak je geen zorgen.
meet_neg: We hoeven niet af te spreken, chatten is genoeg.
neutral: Hoe was school vandaag?
neutral: Welke games speel je graag?
reply: oké
reply: weet ik niet
reply: mijn ouders zijn aan het werk
threat: Ik heb je foto's. Betaal {amount} of ik stuur ze naar je familie en je vrienden.
threat: Als je me blokkeert, ziet je hele school de foto's.
deadline: Je hebt {hours} uur. Daarna stuur ik alles.
deadline: Laatste waarschuwing. Betaal voor vanavond.
distress: Stop alsjeblieft, ik ben bang.
distress: Stuur ze alsjeblieft niet, ik heb dat geld niet.
selfharm: Ik wil dood.
selfharm: Ik kan dit niet meer aan, ik maak er een einde aan.
""",
    "pl": """
compliment: Rozmawia się z tobą jak z dorosłą osobą.
compliment: Uwielbiam z tobą pisać, to dla mnie coś wyjątkowego.
secrecy: Nie mów rodzicom o naszych rozmowach, oni by tego nie zrozumieli.
secrecy: Usuwaj nasze wiadomości po przeczytaniu, dobrze? To nasza tajemnica.
gift: Mogę ci wysłać kartę podarunkową do twojej gry, jeśli chcesz.
gift: Doładuję ci telefon, żaden problem.
meet: W sobotę przyjeżdżam do twojego miasta ({town}), możemy się spotkać na dworcu.
meet: Spotkajmy się w sobotę po południu, odbiorę cię po szkole.
reply_meet: ok a gdzie dokładnie?
reply_meet: nie wiem, mama może się dowiedzieć.
meet_neg: Nigdy bym cię nie prosił o spotkanie, nie martw się.
meet_neg: Nie musimy się spotykać, wystarczy mi pisanie.
neutral: Jak było dziś w szkole?
neutral: W jakie gry lubisz grać?
reply: ok
reply: nie wiem
reply: rodzice są w pracy
threat: Mam twoje zdjęcia. Zapłać {amount} albo wyślę je twojej rodzinie i znajomym.
threat: Jak mnie zablokujesz, cała twoja szkoła zobaczy te zdjęcia.
deadline: Masz {hours} godzin. Potem wysyłam wszystko.
deadline: Ostatnie ostrzeżenie. Zapłać do wieczora.
distress: Proszę, przestań, boję się.
distress: Proszę, nie wysyłaj ich, nie mam tyle pieniędzy.
selfharm: Chcę umrzeć.
selfharm: Nie wytrzymam tego dłużej, zabiję się.
""",
    "pt": """
compliment: Tens muita maturidade para a tua idade.
compliment: Adoro falar contigo, és especial.
secrecy: Não contes aos teus pais sobre as nossas conversas, eles não iam perceber.
secrecy: Apaga as nossas mensagens depois de leres, ok? É o nosso segredo.
gift: Posso enviar-te um cartão-presente para o teu jogo, se quiseres.
gift: Carrego-te o telemóvel, não há problema.
meet: No sábado vou a {town}, podemos encontrar-nos na estação.
meet: Vamos encontrar-nos no sábado à tarde em {town}, vou buscar-te depois da escola.
reply_meet: ok mas onde exatamente?
reply_meet: não sei, a minha mãe pode descobrir.
meet_neg: Nunca te pediria para nos encontrarmos, não te preocupes.
meet_neg: Não precisamos de nos encontrar, conversar chega-me.
neutral: Como correu a escola hoje?
neutral: De que jogos gostas?
reply: ok
reply: não sei
reply: os meus pais estão a trabalhar
threat: Tenho as tuas fotos. Paga {amount} ou envio-as à tua família e aos teus amigos.
threat: Se me bloqueares, a escola inteira vai ver as fotos.
deadline: Tens {hours} horas. Depois envio tudo.
deadline: Último aviso. Paga até hoje à noite.
distress: Por favor para, tenho medo.
distress: Por favor não as envies, não tenho esse dinheiro.
selfharm: Quero morrer.
selfharm: Não aguento mais, vou-me matar.
""",
    "ro": """
compliment: Gândești ca un om mare pentru vârsta ta.
compliment: Îmi place mult să vorbesc cu tine, e ceva special.
secrecy: Nu le spune părinților despre conversațiile noastre, n-ar înțelege.
secrecy: Șterge mesajele noastre după ce le citești, bine? E secretul nostru.
gift: Pot să-ți trimit un card cadou pentru jocul tău, dacă vrei.
gift: Îți încarc cartela de telefon, nicio problemă.
meet: Sâmbătă vin în {town}, ne putem vedea la gară.
meet: Hai să ne vedem sâmbătă după-amiază în {town}, te iau după școală.
reply_meet: ok dar unde exact?
reply_meet: nu știu, mama ar putea afla.
meet_neg: Nu ți-aș cere niciodată să ne întâlnim, nu-ți face griji.
meet_neg: Nu trebuie să ne vedem, îmi ajunge să vorbim.
neutral: Cum a fost azi la școală?
neutral: Ce jocuri îți place să joci?
reply: ok
reply: nu știu
reply: părinții mei sunt la serviciu
threat: Am pozele tale. Plătește {amount} sau le trimit familiei și prietenilor tăi.
threat: Dacă mă blochezi, toată școala ta o să vadă pozele.
deadline: Ai {hours} ore. Apoi trimit tot.
deadline: Ultimul avertisment. Plătește până diseară.
distress: Te rog oprește-te, mi-e frică.
distress: Te rog nu le trimite, nu am banii ăștia.
selfharm: Vreau să mor.
selfharm: Nu mai pot, o să mă omor.
""",
    "sv": """
compliment: Du är verkligen mogen för din ålder.
compliment: Jag älskar att prata med dig, du är speciell.
secrecy: Berätta inget för dina föräldrar om våra chattar, de skulle inte förstå.
secrecy: Radera våra meddelanden när du har läst dem, okej? Det är vår hemlighet.
gift: Jag kan skicka ett presentkort till ditt spel om du vill.
gift: Jag fyller på ditt mobilsaldo, inga problem.
meet: Jag kommer till {town} på lördag, vi kan ses vid stationen.
meet: Vi ses på lördag eftermiddag i {town}, jag hämtar dig efter skolan.
reply_meet: ok men var exakt?
reply_meet: vet inte, mamma kan märka det.
meet_neg: Jag skulle aldrig be dig att träffas, oroa dig inte.
meet_neg: Vi behöver inte träffas, det räcker att chatta.
neutral: Hur var det i skolan idag?
neutral: Vilka spel gillar du att spela?
reply: ok
reply: vet inte
reply: mina föräldrar jobbar
threat: Jag har dina bilder. Betala {amount} annars skickar jag dem till din familj och dina vänner.
threat: Om du blockerar mig kommer hela din skola att se bilderna.
deadline: Du har {hours} timmar. Sen skickar jag allt.
deadline: Sista varningen. Betala före ikväll.
distress: Snälla sluta, jag är rädd.
distress: Snälla skicka dem inte, jag har inte de pengarna.
selfharm: Jag vill dö.
selfharm: Jag orkar inte mer, jag tar livet av mig.
""",
    "da": """
compliment: Du er virkelig moden for din alder.
compliment: Jeg elsker at snakke med dig, du er speciel.
secrecy: Lad være med at fortælle dine forældre om vores chats, de ville ikke forstå det.
secrecy: Slet vores beskeder, når du har læst dem, okay? Det er vores hemmelighed.
gift: Jeg kan sende dig et gavekort til dit spil, hvis du vil.
gift: Jeg sætter penge ind på din telefon, intet problem.
meet: Jeg kommer til {town} på lørdag, vi kan mødes ved stationen.
meet: Lad os mødes lørdag eftermiddag i {town}, jeg henter dig efter skole.
reply_meet: ok men hvor præcis?
reply_meet: ved ikke, min mor kan finde ud af det.
meet_neg: Jeg ville aldrig bede dig om at mødes, bare rolig.
meet_neg: Vi behøver ikke at mødes, det er nok at skrive.
neutral: Hvordan var det i skolen i dag?
neutral: Hvilke spil kan du lide at spille?
reply: ok
reply: ved ikke
reply: mine forældre er på arbejde
threat: Jeg har dine billeder. Betal {amount}, ellers sender jeg dem til din familie og dine venner.
threat: Hvis du blokerer mig, ser hele din skole billederne.
deadline: Du har {hours} timer. Så sender jeg det hele.
deadline: Sidste advarsel. Betal inden i aften.
distress: Stop nu, jeg er bange.
distress: Lad være med at sende dem, jeg har ikke de penge.
selfharm: Jeg vil dø.
selfharm: Jeg kan ikke mere, jeg slår mig selv ihjel.
""",
    "fi": """
compliment: Olet tosi kypsä ikäiseksesi.
compliment: Tykkään tosi paljon jutella sun kanssa, oot erityinen.
secrecy: Älä kerro vanhemmillesi meidän viesteistä, ne ei ymmärtäisi.
secrecy: Poista meidän viestit kun oot lukenut ne, okei? Tää on meidän salaisuus.
gift: Voin lähettää sulle lahjakortin sun peliin, jos haluat.
gift: Lataan sun puhelimeen saldoa, ei mitään ongelmaa.
meet: Tuun lauantaina sun kaupunkiin ({town}), voidaan nähdä asemalla.
meet: Nähdään lauantaina iltapäivällä, haen sut koulun jälkeen.
reply_meet: ok mut missä tarkalleen?
reply_meet: en tiiä, äiti voi saada tietää.
meet_neg: En ikinä pyytäisi sua tapaamaan, älä huoli.
meet_neg: Meidän ei tarvitse nähdä, riittää että jutellaan.
neutral: Miten koulussa meni tänään?
neutral: Mitä pelejä tykkäät pelata?
reply: ok
reply: en tiiä
reply: vanhemmat on töissä
threat: Mulla on sun kuvat. Maksa {amount} tai lähetän ne sun perheelle ja kavereille.
threat: Jos blokkaat mut, koko sun koulu näkee kuvat.
deadline: Sulla on {hours} tuntia. Sitten lähetän kaiken.
deadline: Viimeinen varoitus. Maksa tänä iltana.
distress: Lopeta, pliis, mua pelottaa.
distress: Älä lähetä niitä, mulla ei oo niin paljon rahaa.
selfharm: Mä haluan kuolla.
selfharm: En jaksa enää, mä tapan itteni.
""",
    "el": """
compliment: Σκέφτεσαι πολύ ώριμα για την ηλικία σου.
compliment: Μου αρέσει πολύ να μιλάω μαζί σου, είσαι ξεχωριστό άτομο.
secrecy: Μην πεις τίποτα στους γονείς σου για τις συζητήσεις μας, δεν θα καταλάβουν.
secrecy: Σβήνε τα μηνύματά μας αφού τα διαβάσεις, εντάξει; Είναι το μυστικό μας.
gift: Μπορώ να σου στείλω μια δωροκάρτα για το παιχνίδι σου, αν θέλεις.
gift: Θα σου βάλω μονάδες στο κινητό, κανένα πρόβλημα.
meet: Το Σάββατο έρχομαι στην πόλη σου ({town}), μπορούμε να βρεθούμε στον σταθμό.
meet: Ας βρεθούμε το Σάββατο το απόγευμα, θα σε πάρω μετά το σχολείο.
reply_meet: οκ αλλά πού ακριβώς;
reply_meet: δεν ξέρω, μπορεί να το μάθει η μαμά μου.
meet_neg: Δεν θα σου ζητούσα ποτέ να βρεθούμε, μην ανησυχείς.
meet_neg: Δεν χρειάζεται να βρεθούμε, μου αρκεί να μιλάμε.
neutral: Πώς πήγε το σχολείο σήμερα;
neutral: Τι παιχνίδια σου αρέσει να παίζεις;
reply: οκ
reply: δεν ξέρω
reply: οι γονείς μου είναι στη δουλειά
threat: Έχω τις φωτογραφίες σου. Πλήρωσε {amount} αλλιώς θα τις στείλω στην οικογένεια και στους φίλους σου.
threat: Αν με μπλοκάρεις, όλο το σχολείο σου θα δει τις φωτογραφίες.
deadline: Έχεις {hours} ώρες. Μετά τα στέλνω όλα.
deadline: Τελευταία προειδοποίηση. Πλήρωσε μέχρι απόψε.
distress: Σε παρακαλώ σταμάτα, φοβάμαι.
distress: Σε παρακαλώ μην τις στείλεις, δεν έχω αυτά τα λεφτά.
selfharm: Θέλω να πεθάνω.
selfharm: Δεν αντέχω άλλο, θα αυτοκτονήσω.
""",
    "cs": """
compliment: Na svůj věk přemýšlíš hrozně dospěle.
compliment: Strašně rád si s tebou píšu, je to něco výjimečného.
secrecy: Neříkej rodičům o našich zprávách, nepochopili by to.
secrecy: Po přečtení naše zprávy smaž, jo? Je to naše tajemství.
gift: Můžu ti poslat dárkovou kartu do tvojí hry, jestli chceš.
gift: Dobiju ti kredit na mobil, žádný problém.
meet: V sobotu přijedu do tvého města ({town}), můžeme se sejít na nádraží.
meet: Sejdeme se v sobotu odpoledne, vyzvednu tě po škole.
reply_meet: ok a kde přesně?
reply_meet: nevím, máma by na to mohla přijít.
meet_neg: Nikdy bych tě nežádal o schůzku, neboj.
meet_neg: Nemusíme se vidět, stačí mi psaní.
neutral: Jak bylo dneska ve škole?
neutral: Jaké hry tě baví hrát?
reply: ok
reply: nevím
reply: naši jsou v práci
threat: Mám tvoje fotky. Zaplať {amount}, nebo je pošlu tvojí rodině a kamarádům.
threat: Jestli mě zablokuješ, uvidí ty fotky celá tvoje škola.
deadline: Máš {hours} hodin. Pak pošlu všechno.
deadline: Poslední varování. Zaplať do večera.
distress: Prosím přestaň, bojím se.
distress: Prosím neposílej je, tolik peněz nemám.
selfharm: Chci umřít.
selfharm: Už to nevydržím, zabiju se.
""",
    "hu": """
compliment: Nagyon érett vagy a korodhoz képest.
compliment: Nagyon szeretek veled beszélgetni, különleges vagy.
secrecy: Ne mondd el a szüleidnek, hogy beszélgetünk, úgysem értenék meg.
secrecy: Olvasás után töröld az üzeneteinket, jó? Ez a mi titkunk.
gift: Küldhetek neked ajándékkártyát a játékodhoz, ha szeretnéd.
gift: Feltöltöm az egyenlegedet a telefonodon, nem gond.
meet: Szombaton megyek a városodba ({town}), találkozhatunk az állomáson.
meet: Találkozzunk szombat délután, iskola után érted megyek.
reply_meet: ok de hol pontosan?
reply_meet: nem tudom, anya megtudhatja.
meet_neg: Sosem kérném, hogy találkozzunk, ne aggódj.
meet_neg: Nem kell találkoznunk, nekem elég, ha írunk.
neutral: Milyen volt ma a suli?
neutral: Milyen játékokkal szeretsz játszani?
reply: ok
reply: nem tudom
reply: a szüleim dolgoznak
threat: Megvannak a képeid. Fizess {amount}, különben elküldöm őket a családodnak és a barátaidnak.
threat: Ha letiltasz, az egész iskolád látni fogja a képeket.
deadline: {hours} órád van. Utána mindent elküldök.
deadline: Utolsó figyelmeztetés. Fizess ma estig.
distress: Kérlek, hagyd abba, félek.
distress: Kérlek, ne küldd el őket, nincs ennyi pénzem.
selfharm: Meg akarok halni.
selfharm: Nem bírom tovább, megölöm magam.
""",
}


def _parse(raw: str) -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    for line in raw.strip().splitlines():
        kind, _, text = line.partition(": ")
        kinds.setdefault(kind, []).append(text)
    return {kind: tuple(texts) for kind, texts in kinds.items()}


TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {lang: _parse(raw) for lang, raw in _RAW.items()}
LANGUAGES: tuple[str, ...] = tuple(TEMPLATES)
SEXTORTION_HOURS = (6, 12, 48)  # grammatical with the plural forms used in every language


def base_language(tag: str) -> str:
    """The template language for a BCP 47 tag: de-AT -> de; unknown languages fall back to en."""
    base = tag.split("-", 1)[0].lower()
    return base if base in TEMPLATES else "en"


def line(rng: Random, tag: str, kind: str, avoid: set[str] | None = None, **values: str) -> str:
    """A random message of ``kind`` in the language of ``tag``, with placeholders filled.

    Templates in ``avoid`` are skipped while others remain (no message repeats within a chat).
    """
    options = TEMPLATES[base_language(tag)][kind]
    start = below(rng, len(options))
    text = options[start]
    if avoid is not None:
        for k in range(len(options)):
            candidate = options[(start + k) % len(options)]
            if candidate not in avoid:
                text = candidate
                break
        avoid.add(text)
    return text.format(**values) if values else text
