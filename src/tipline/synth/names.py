"""Common given names and family names per country, and ASCII transliteration for handles.

Family names written "male/female" have a gendered form; Hungarian names are written family name first.
"""

from __future__ import annotations

import functools
import unicodedata

# code: (male given names, female given names, family names)
# fmt: off
NAMES: dict[str, tuple[str, str, str]] = {
    "AT": ("Lukas Tobias Florian David Simon Elias", "Anna Lena Hannah Sarah Julia Laura",
           "Gruber Huber Bauer Wagner Pichler Steiner Moser Mayer"),
    "BE": ("Lucas Arthur Louis Noah Jules Finn", "Emma Louise Olivia Marie Elena Lina",
           "Peeters Janssens Maes Jacobs Dubois Lambert Mertens Willems"),
    "BG": ("Георги Иван Димитър Николай Александър Петър",
           "Мария Елена Виктория Десислава Гергана Никол",
           "Иванов/Иванова Георгиев/Георгиева Димитров/Димитрова Петров/Петрова "
           "Николов/Николова Христов/Христова Стоянов/Стоянова Тодоров/Тодорова"),
    "HR": ("Luka Ivan Marko Josip Filip Matej", "Ana Marija Petra Ivana Lucija Mia",
           "Horvat Kovačević Babić Marić Jurić Novak Knežević Vuković"),
    "CY": ("Ανδρέας Γιώργος Χρίστος Κωνσταντίνος Μιχάλης Νίκος",
           "Μαρία Ελένη Άννα Χριστίνα Κατερίνα Σοφία",
           "Γεωργίου Χαραλάμπους Ιωάννου Κωνσταντίνου Νικολάου Χριστοδούλου Αντωνίου Παναγιώτου"),
    "CZ": ("Jakub Jan Tomáš Lukáš Matěj Adam", "Tereza Eliška Anna Natálie Karolína Adéla",
           "Novák/Nováková Svoboda/Svobodová Novotný/Novotná Dvořák/Dvořáková Černý/Černá "
           "Procházka/Procházková Kučera/Kučerová Veselý/Veselá"),
    "DK": ("William Noah Oscar Lucas Carl Magnus", "Ida Emma Freja Clara Alma Sofie",
           "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen"),
    "EE": ("Rasmus Robin Martin Oliver Markus Sebastian", "Sofia Maria Eliise Mia Lisandra Emma",
           "Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves"),
    "FI": ("Eetu Onni Aleksi Elias Veeti Juho", "Aino Emma Sofia Helmi Ella Venla",
           "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen"),
    "FR": ("Lucas Hugo Louis Gabriel Nathan Théo", "Emma Léa Chloé Manon Camille Inès",
           "Martin Bernard Dubois Thomas Robert Richard Petit Durand"),
    "DE": ("Lukas Maximilian Leon Jonas Felix Paul", "Anna Lena Marie Sophie Laura Lea",
           "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker"),
    "GR": ("Γιώργος Κωνσταντίνος Δημήτρης Νίκος Παναγιώτης Βασίλης",
           "Μαρία Ελένη Κατερίνα Βασιλική Σοφία Δέσποινα",
           "Παπαδόπουλος/Παπαδοπούλου Παπαδάκης/Παπαδάκη Γεωργίου Οικονόμου Νικολάου "
           "Βασιλείου Δημητρίου Παππάς/Παππά"),
    "HU": ("Bence Máté Levente Dominik Dániel Ádám", "Hanna Anna Zsófia Léna Luca Boglárka",
           "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár"),
    "IE": ("Jack James Noah Conor Seán Oisín", "Emily Grace Fiadh Sophie Aoife Saoirse",
           "Murphy Kelly O'Sullivan Walsh Smith O'Brien Byrne Ryan"),
    "IT": ("Leonardo Francesco Alessandro Lorenzo Mattia Andrea",
           "Sofia Giulia Aurora Alice Ginevra Emma",
           "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci"),
    "LV": ("Roberts Gustavs Markuss Emīls Mārtiņš Kārlis", "Sofija Alise Marta Anna Emīlija Elza",
           "Bērziņš/Bērziņa Kalniņš/Kalniņa Ozoliņš/Ozoliņa Jansons/Jansone Liepiņš/Liepiņa "
           "Krūmiņš/Krūmiņa Balodis/Balode Zariņš/Zariņa"),
    "LT": ("Lukas Matas Jokūbas Dominykas Nojus Mantas", "Sofija Emilija Lėja Gabija Austėja Ugnė",
           "Kazlauskas/Kazlauskaitė Jankauskas/Jankauskaitė Petrauskas/Petrauskaitė "
           "Stankevičius/Stankevičiūtė Vasiliauskas/Vasiliauskaitė Žukauskas/Žukauskaitė "
           "Butkus/Butkutė Paulauskas/Paulauskaitė"),
    "LU": ("Gabriel Luca Noah Leo Tom Ben", "Emma Mia Lara Léa Zoé Sarah",
           "Schmit Muller Weber Hoffmann Wagner Thill Schmitz Reuter"),
    "MT": ("Luke Matthew Jake Kurt Nicholas Karl", "Emma Maria Julia Martina Sarah Kylie",
           "Borg Camilleri Vella Farrugia Zammit Galea Micallef Grech"),
    "NL": ("Daan Sem Lucas Levi Finn Bram", "Emma Julia Tess Sophie Zoë Mila",
           "de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Visser Smit"),
    "PL": ("Jakub Antoni Jan Szymon Filip Kacper", "Zuzanna Julia Maja Zofia Hanna Lena",
           "Nowak Kowalski/Kowalska Wiśniewski/Wiśniewska Wójcik Kowalczyk Kamiński/Kamińska "
           "Lewandowski/Lewandowska Zieliński/Zielińska"),
    "PT": ("Francisco Afonso Tomás Duarte Santiago Rodrigo",
           "Maria Leonor Matilde Beatriz Carolina Inês",
           "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins"),
    "RO": ("Andrei Alexandru David Ștefan Mihai Ionuț", "Maria Ioana Elena Andreea Alexandra Bianca",
           "Popescu Ionescu Popa Pop Radu Dumitru Stoica Gheorghe"),
    "SK": ("Jakub Samuel Adam Michal Tomáš Martin", "Sofia Nina Ema Viktória Natália Laura",
           "Horváth/Horváthová Kováč/Kováčová Varga/Vargová Tóth/Tóthová Nagy/Nagyová "
           "Baláž/Balážová Szabó/Szabóová Molnár/Molnárová"),
    "SI": ("Luka Jakob Filip Mark Nik Jan", "Zala Eva Ema Sara Lara Julija",
           "Novak Horvat Kovačič Krajnc Zupančič Potočnik Kovač Mlakar"),
    "ES": ("Hugo Martín Lucas Mateo Leo Daniel", "Lucía Sofía Martina María Julia Paula",
           "García Rodríguez González Fernández López Martínez Sánchez Pérez"),
    "SE": ("William Liam Noah Hugo Lucas Oliver", "Alice Maja Elsa Astrid Wilma Freja",
           "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson"),
    "US": ("Liam Noah Ethan Mason Logan Jacob", "Olivia Emma Ava Sophia Isabella Madison",
           "Smith Johnson Williams Brown Jones Miller Davis Garcia"),
    "GB": ("Oliver George Harry Jack Charlie Thomas", "Olivia Amelia Isla Ava Emily Poppy",
           "Smith Jones Taylor Brown Williams Wilson Johnson Davies"),
    "BR": ("Miguel Arthur Heitor Davi Gabriel Bernardo",
           "Alice Helena Laura Valentina Manuela Júlia",
           "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira"),
    "IN": ("Aarav Vivaan Aditya Arjun Rohan Rahul", "Aanya Diya Ananya Priya Isha Sneha",
           "Sharma Verma Gupta Singh Kumar Patel Reddy Nair"),
    "CH": ("Noah Liam Luca Gabriel Leon Elias", "Mia Emma Lina Elena Lea Sofia",
           "Müller Meier Schmid Keller Weber Huber Schneider Meyer"),
    "NO": ("Jakob Emil Noah Oliver Filip William", "Nora Emma Olivia Ella Sofie Leah",
           "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen"),
    "TR": ("Yusuf Eymen Ömer Mustafa Emir Ahmet", "Zeynep Elif Defne Eylül Azra Ecrin",
           "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk"),
    "UA": ("Олександр Максим Дмитро Андрій Артем Іван",
           "Анна Марія Софія Вікторія Анастасія Дарина",
           "Шевченко Бойко Коваленко Бондаренко Ткаченко Кравченко Мельник Коваль"),
}
# fmt: on

FAMILY_NAME_FIRST = frozenset({"HU"})

NICKNAMES: tuple[str, ...] = (
    "shadow", "wolf", "tiger", "gamer", "skater", "pixel", "nova", "blaze", "luna", "ghost",
    "rider", "storm", "neo", "drift", "echo", "frost", "hunter", "jay", "kai", "max", "sunny",
    "angel", "bear", "fox", "lucky", "viper", "zero", "ace", "king", "panda",
)  # fmt: skip

_TRANSLIT = str.maketrans(
    {
        # Greek (after accents are stripped)
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
        "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
        "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
        "ω": "o",
        # Cyrillic (Bulgarian/Ukrainian, simplified)
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye",
        "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "",
        "ю": "yu", "я": "ya",
        # Latin letters that do not decompose
        "ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "œ": "oe", "þ": "th",
    }
)  # fmt: skip
_UKRAINIAN = str.maketrans({"г": "h", "и": "y", "щ": "shch"})


@functools.lru_cache(maxsize=4096)
def ascii_fold(text: str, country: str = "") -> str:
    """Lower-case ASCII letters and digits only, for handles and email local parts."""
    low = text.lower().replace("ού", "ou").replace("ου", "ou")
    if country == "UA":
        low = low.translate(_UKRAINIAN)
    low = low.translate(_TRANSLIT)  # before NFKD, which would split й and ї
    folded = unicodedata.normalize("NFKD", low).translate(_TRANSLIT)
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def pick_name(code: str, female: bool, given_index: int, family_index: int) -> tuple[str, str]:
    """(given name, family name) for a country; indices wrap around the lists."""
    male, fem, family = NAMES[code]
    givens = (fem if female else male).split()
    families = family.split()
    given = givens[given_index % len(givens)]
    fam = families[family_index % len(families)]
    if "/" in fam:
        fam = fam.split("/")[1 if female else 0]
    return given, fam.replace("_", " ")


def full_name(code: str, given: str, family: str) -> str:
    return f"{family} {given}" if code in FAMILY_NAME_FIRST else f"{given} {family}"
