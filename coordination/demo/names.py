"""Vocabulary for the demo data: names, places and Norwegian texts.

Everything here is fictional. Texts use str.format placeholders filled per youth:
{navn} first name, {han}/{Han} subject pronoun, {ham} object pronoun, {hans} possessive.
"""

# ---------------------------------------------------------------------------------------------
# Names. A surname is either a string or a tuple (male, married female, unmarried female) for
# languages whose surnames change with gender.
# ---------------------------------------------------------------------------------------------

NORWEGIAN_MALE = (
    "Jakob",
    "Emil",
    "Noah",
    "Oliver",
    "Filip",
    "William",
    "Lucas",
    "Henrik",
    "Aksel",
    "Magnus",
    "Sander",
    "Tobias",
    "Elias",
    "Mathias",
    "Jonas",
    "Even",
    "Sindre",
    "Eirik",
    "Håkon",
    "Kristian",
    "Ola",
    "Per",
    "Lars",
    "Knut",
    "Trond",
    "Geir",
    "Rune",
    "Øyvind",
    "Stian",
    "Jørgen",
    "Martin",
    "Andreas",
    "Thomas",
    "Marius",
    "Vegard",
    "Torbjørn",
    "Bjørn",
    "Kjetil",
    "Steinar",
    "Espen",
    "Ivar",
    "Morten",
    "Petter",
    "Sivert",
    "Isak",
    "Johannes",
    "Adrian",
    "Theodor",
    "Ørjan",
    "Åsmund",
)
NORWEGIAN_FEMALE = (
    "Emma",
    "Nora",
    "Sara",
    "Ingrid",
    "Maja",
    "Sofie",
    "Thea",
    "Ella",
    "Olivia",
    "Hanna",
    "Amalie",
    "Ida",
    "Julie",
    "Mathilde",
    "Frida",
    "Tiril",
    "Selma",
    "Vilde",
    "Mia",
    "Ane",
    "Marte",
    "Synne",
    "Helene",
    "Silje",
    "Kristine",
    "Camilla",
    "Hege",
    "Tone",
    "Anne",
    "Marit",
    "Kari",
    "Inger",
    "Randi",
    "Solveig",
    "Guro",
    "Eli",
    "Turid",
    "Line",
    "Linn",
    "Ragnhild",
    "Astrid",
    "Sigrid",
    "Live",
    "Hedda",
    "Emilie",
    "Jenny",
    "Karoline",
    "Åse",
    "Bodil",
    "Tuva",
)
NORWEGIAN_LAST = (
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Rasmussen",
    "Lunde",
    "Bakke",
    "Berge",
    "Moe",
    "Nygård",
    "Fredriksen",
    "Solheim",
    "Holm",
    "Lien",
    "Aune",
    "Ness",
    "Stene",
    "Trøan",
    "Sandvik",
    "Hovde",
    "Grøtte",
    "Rønning",
    "Kvam",
    "Aasen",
    "Skogstad",
    "Flatås",
    "Ofstad",
    "Vikan",
    "Bjørgum",
    "Brattset",
    "Hoff",
    "Løvås",
    "Sæther",
    "Uthus",
    "Kvello",
    "Melby",
    "Rossvoll",
    "Hølaas",
    "Størseth",
    "Wold",
    "Grande",
    "Fossum",
    "Nervik",
    "Lykke",
    "Ålmo",
)

# background key -> (language code, weight among youths, male names, female names, surnames)
BACKGROUNDS = {
    "nb": ("nb", 68.0, NORWEGIAN_MALE, NORWEGIAN_FEMALE, NORWEGIAN_LAST),
    "se": (
        "se",
        2.0,
        ("Ánte", "Niillas", "Mikkel", "Áilu", "Isak", "Johan", "Nils", "Jovnna", "Aslak", "Mihkkal"),
        ("Máret", "Elle", "Sárá", "Risten", "Ánne", "Inga", "Ellen", "Berit", "Kárená", "Sunná"),
        ("Jåma", "Kappfjell", "Fjellheim", "Sparrok", "Somby", "Gaup", "Eira", "Utsi", "Hætta", "Turi"),
    ),
    "ar": (
        "ar",
        6.0,
        ("Mohammad", "Ahmad", "Omar", "Yousef", "Ali", "Hassan", "Khaled", "Mustafa", "Ibrahim", "Hamza"),
        ("Fatima", "Aisha", "Maryam", "Noor", "Layla", "Huda", "Rania", "Amira", "Yasmin", "Rahaf"),
        (
            "Al-Hassan",
            "Haddad",
            "Khalil",
            "Mansour",
            "Saleh",
            "Abdullah",
            "Hamdan",
            "Nasser",
            "Darwish",
            "Aziz",
            "Kassem",
            "Yassin",
            "Othman",
        ),
    ),
    "so": (
        "so",
        4.0,
        ("Abdi", "Abdirahman", "Mohamed", "Hassan", "Ahmed", "Yusuf", "Mahad", "Liban", "Abdullahi", "Guled"),
        ("Hodan", "Fadumo", "Sagal", "Hibaq", "Ayan", "Nimco", "Ladan", "Idil", "Hamdi", "Deeqa"),
        ("Warsame", "Farah", "Jama", "Hersi", "Osman", "Mohamud", "Aden", "Hussein", "Nur", "Duale"),
    ),
    "ti": (
        "ti",
        4.0,
        ("Yonas", "Filmon", "Samuel", "Tesfay", "Henok", "Yohannes", "Robel", "Abel", "Natnael", "Mebrahtu"),
        ("Senait", "Selam", "Luwam", "Rahel", "Feven", "Hiwet", "Eden", "Saba", "Meron", "Winta"),
        (
            "Tesfamariam",
            "Gebremedhin",
            "Haile",
            "Tekle",
            "Kidane",
            "Berhane",
            "Woldu",
            "Habte",
            "Mehari",
            "Asfaha",
            "Yemane",
        ),
    ),
    "pl": (
        "pl",
        3.0,
        ("Jakub", "Kacper", "Szymon", "Mateusz", "Bartosz", "Michał", "Wojciech", "Piotr", "Tomasz", "Paweł"),
        (
            "Zuzanna",
            "Julia",
            "Natalia",
            "Wiktoria",
            "Aleksandra",
            "Oliwia",
            "Agnieszka",
            "Katarzyna",
            "Magdalena",
            "Joanna",
        ),
        (
            ("Kowalski", "Kowalska", "Kowalska"),
            ("Wiśniewski", "Wiśniewska", "Wiśniewska"),
            ("Kamiński", "Kamińska", "Kamińska"),
            ("Lewandowski", "Lewandowska", "Lewandowska"),
            ("Zieliński", "Zielińska", "Zielińska"),
            ("Dąbrowski", "Dąbrowska", "Dąbrowska"),
            "Nowak",
            "Wójcik",
            "Woźniak",
            "Mazur",
            "Krawczyk",
        ),
    ),
    "lt": (
        "lt",
        2.0,
        ("Lukas", "Matas", "Dominykas", "Jonas", "Mantas", "Tomas", "Darius", "Arnas", "Karolis", "Paulius"),
        ("Gabija", "Austėja", "Ugnė", "Emilija", "Kotryna", "Rugilė", "Goda", "Vaiva", "Indrė", "Eglė"),
        (
            ("Kazlauskas", "Kazlauskienė", "Kazlauskaitė"),
            ("Jankauskas", "Jankauskienė", "Jankauskaitė"),
            ("Petrauskas", "Petrauskienė", "Petrauskaitė"),
            ("Vasiliauskas", "Vasiliauskienė", "Vasiliauskaitė"),
            ("Butkus", "Butkienė", "Butkutė"),
            ("Paulauskas", "Paulauskienė", "Paulauskaitė"),
        ),
    ),
    "uk": (
        "uk",
        3.0,
        (
            "Oleksandr",
            "Dmytro",
            "Andrii",
            "Maksym",
            "Artem",
            "Bohdan",
            "Denys",
            "Vladyslav",
            "Taras",
            "Mykola",
        ),
        (
            "Anastasiia",
            "Sofiia",
            "Daryna",
            "Yuliia",
            "Kateryna",
            "Oksana",
            "Viktoriia",
            "Olena",
            "Iryna",
            "Polina",
        ),
        (
            "Shevchenko",
            "Kovalenko",
            "Bondarenko",
            "Tkachenko",
            "Kravchenko",
            "Melnyk",
            "Boiko",
            "Oliinyk",
            "Lysenko",
            "Marchenko",
            "Savchenko",
            "Rudenko",
        ),
    ),
    "prs": (
        "prs",
        3.0,
        ("Ahmad", "Mohammad", "Hamid", "Farid", "Jawad", "Mustafa", "Reza", "Sohrab", "Nasir", "Omid"),
        ("Zahra", "Mariam", "Parwana", "Shabnam", "Nilofar", "Hasina", "Mina", "Fereshta", "Sima", "Roya"),
        (
            "Ahmadi",
            "Rahimi",
            "Hashimi",
            "Karimi",
            "Haidari",
            "Hussaini",
            "Sultani",
            "Mohammadi",
            "Noori",
            "Rezaei",
            "Amiri",
            "Sadat",
        ),
    ),
    "ku": (
        "ku",
        2.0,
        ("Rebin", "Karwan", "Aram", "Hawre", "Shvan", "Baran", "Zana", "Soran", "Rawand", "Diyar"),
        ("Rojin", "Nishtiman", "Shilan", "Avin", "Berivan", "Zhina", "Helin", "Sozan", "Viyan", "Dilan"),
        ("Mahmoud", "Rashid", "Kareem", "Hama", "Qadir", "Hawrami", "Salih", "Mustafa", "Amin", "Faraj"),
    ),
    "en": (
        "en",
        1.5,
        ("Liam", "James", "Daniel", "Connor", "Ethan", "Joshua", "Samuel", "Ryan"),
        ("Chloe", "Emily", "Grace", "Jessica", "Sophie", "Megan", "Hannah", "Lucy"),
        ("Smith", "Walker", "Murphy", "O'Connor", "Taylor", "Brown", "Wilson", "Evans"),
    ),
    "other": (
        "other",
        1.5,
        ("Minh", "Tuan", "Duc", "Somchai", "Jose", "Mark", "Kittipong", "Rafael"),
        ("Linh", "Mai", "Thao", "Siriporn", "Maria", "Angelica", "Nok", "Kim"),
        ("Nguyen", "Tran", "Pham", "Le", "Santos", "Reyes", "Bui", "Srisuk"),
    ),
}

# ---------------------------------------------------------------------------------------------
# Places in Trøndelag: (municipality, weight, postcode). Trondheim addresses use real street names.
# ---------------------------------------------------------------------------------------------

MUNICIPALITIES = (
    ("Trondheim", 60.0, ""),
    ("Malvik", 5.0, "7550"),
    ("Stjørdal", 5.0, "7500"),
    ("Melhus", 4.0, "7224"),
    ("Orkland", 3.0, "7300"),
    ("Levanger", 3.0, "7600"),
    ("Verdal", 3.0, "7650"),
    ("Steinkjer", 3.0, "7713"),
    ("Skaun", 2.0, "7357"),
    ("Namsos", 2.0, "7800"),
    ("Midtre Gauldal", 1.5, "7290"),
    ("Indre Fosen", 1.0, "7100"),
    ("Ørland", 1.0, "7130"),
    ("Oppdal", 1.0, "7340"),
    ("Røros", 1.0, "7374"),
    ("Selbu", 1.0, "7580"),
    ("Hitra", 1.0, "7240"),
    ("Frøya", 1.0, "7260"),
    ("Inderøy", 1.0, "7670"),
    ("Heim", 1.0, "7200"),
    ("Rennebu", 0.5, "7392"),
    ("Frosta", 0.5, "7633"),
    ("Overhalla", 0.5, "7863"),
)
TRONDHEIM_STREETS = (
    ("Innherredsveien", "7043"),
    ("Kongens gate", "7011"),
    ("Prinsens gate", "7012"),
    ("Elgeseter gate", "7030"),
    ("Klæbuveien", "7031"),
    ("Byåsveien", "7022"),
    ("Heimdalsvegen", "7080"),
    ("Saupstadringen", "7078"),
    ("Jonsvannsveien", "7051"),
    ("Lade allé", "7041"),
    ("Bromstadvegen", "7047"),
    ("Kong Øysteins veg", "7048"),
    ("Moholt allé", "7050"),
    ("Kolstadvegen", "7098"),
    ("Østre Rosten", "7075"),
    ("Ranheimsvegen", "7054"),
    ("Tempevegen", "7031"),
    ("Nedre Møllenberg gate", "7014"),
    ("Biskop Darres gate", "7043"),
    ("Kattemskogen", "7079"),
    ("Lillebyvegen", "7040"),
    ("Tillerbruvegen", "7092"),
)
OTHER_STREETS = (
    "Storgata",
    "Kirkevegen",
    "Skolevegen",
    "Bakkevegen",
    "Fjordvegen",
    "Sentrumsvegen",
    "Stasjonsvegen",
    "Åsvegen",
    "Gamle kongeveg",
    "Bjørkvegen",
    "Rognvegen",
    "Furuvegen",
)
OTHER_MUNICIPALITIES_FOR_MOVING = ("Bodø", "Oslo", "Bergen", "Ålesund", "Tromsø", "Molde", "Mo i Rana")

# ---------------------------------------------------------------------------------------------
# Work: titles and team roles per sector (keys are Sector values).
# ---------------------------------------------------------------------------------------------

JOB_TITLES = {
    "child_welfare": ("Barnevernspedagog", "Sosionom", "Saksbehandler", "Miljøterapeut"),
    "school": ("Lektor", "Lærer", "Rådgiver", "Sosiallærer"),
    "school_health": ("Helsesykepleier", "Helsesykepleier", "Skolelege"),
    "municipal_health": ("Ruskonsulent", "Psykiatrisk sykepleier", "Erfaringskonsulent", "Sosionom"),
    "outreach": ("Miljøarbeider", "Ungdomsarbeider", "Sosionom"),
    "nav": ("Veileder", "Ungdomsveileder", "Sosialkonsulent"),
    "police_slt": ("Forebyggende politibetjent", "Politibetjent", "SLT-koordinator"),
    "phbu_bup": ("Psykologspesialist", "Klinisk sosionom", "Spesialsykepleier", "Overlege"),
    "tsb": ("Psykolog", "Klinisk sosionom", "Spesialsykepleier", "Ruskonsulent"),
    "fact": ("Case manager", "Psykologspesialist", "Erfaringskonsulent", "Sykepleier"),
    "voluntary": ("Ungdomskontakt", "Frivillighetskoordinator", "Miljøarbeider"),
}
LEAD_TITLES = {
    "child_welfare": "Avdelingsleder",
    "school": "Avdelingsleder",
    "school_health": "Fagleder skolehelsetjenesten",
    "municipal_health": "Enhetsleder",
    "outreach": "Enhetsleder",
    "nav": "Teamleder",
    "police_slt": "Leder forebyggende enhet",
    "phbu_bup": "Seksjonsleder",
    "tsb": "Seksjonsleder",
    "fact": "Teamleder",
    "voluntary": "Daglig leder",
}
TEAM_ROLES = {
    "child_welfare": ("Kontaktperson barnevern", "Saksbehandler", "Miljøterapeut"),
    "school": ("Kontaktlærer", "Rådgiver", "Lærer"),
    "school_health": ("Helsesykepleier",),
    "municipal_health": ("Ruskonsulent", "Psykisk helsearbeider", "Erfaringskonsulent"),
    "outreach": ("Miljøarbeider", "Kontaktperson"),
    "nav": ("Veileder NAV", "Ungdomsveileder"),
    "police_slt": ("Forebyggende politi", "SLT-koordinator"),
    "phbu_bup": ("Behandler BUP", "Psykologspesialist"),
    "tsb": ("Behandler TSB", "Rusbehandler"),
    "fact": ("Case manager FACT-ung",),
    "voluntary": ("Ungdomskontakt", "Frivillig"),
}
COORDINATOR_ROLE = "Koordinator (individuell plan)"

# Relations for relatives (pårørende). Minors usually have parents with parental responsibility.
PARENT_RELATIONS = (("Mor", "f"), ("Far", "m"))
OTHER_RELATIONS = (
    ("Stefar", "m"),
    ("Stemor", "f"),
    ("Bestemor", "f"),
    ("Bestefar", "m"),
    ("Storesøster", "f"),
    ("Storebror", "m"),
    ("Tante", "f"),
    ("Onkel", "m"),
    ("Fostermor", "f"),
    ("Fosterfar", "m"),
)
ADULT_RELATIONS = (
    ("Mor", "f"),
    ("Far", "m"),
    ("Kjæreste", "x"),
    ("Storesøster", "f"),
    ("Storebror", "m"),
    ("Bestemor", "f"),
    ("Venn", "x"),
)

# ---------------------------------------------------------------------------------------------
# The plan: goals in the youth's own words, per GoalKind value.
# ---------------------------------------------------------------------------------------------

GOALS = {
    "safety": (
        "Jeg vil ha et trygt sted å være når det er bråk hjemme.",
        "Jeg vil slutte å være ute hele natta og ha noen å ringe når det blir vanskelig.",
        "Jeg vil ikke skade meg selv mer. Jeg vil vite hva jeg kan gjøre når tankene kommer.",
        "Jeg vil komme meg vekk fra de som presser meg til å selge.",
        "Jeg vil ha en plan for hva jeg gjør hvis jeg får det veldig dårlig igjen.",
        "Jeg vil slippe å være redd for å gå hjem.",
    ),
    "stabilisation": (
        "Jeg vil sove bedre og klare å stå opp om morgenen.",
        "Jeg vil ha en vanlig hverdag med faste tider for mat og søvn.",
        "Jeg vil ha færre dager der alt bare er kaos.",
        "Jeg vil klare å holde avtaler, i hvert fall de fleste.",
        "Jeg vil ha én voksen å snakke med hver uke som jeg stoler på.",
    ),
    "reduced_use": (
        "Jeg vil røyke mindre hasj, bare i helgene.",
        "Jeg vil slutte å drikke før skolen.",
        "Jeg vil kutte ned på piller og ikke blande med alkohol.",
        "Jeg vil ha kontroll på bruken selv, ikke at den styrer meg.",
        "Jeg vil ikke ruse meg når jeg er sammen med lillesøstera mi.",
    ),
    "abstinence": (
        "Jeg vil være helt rusfri i tre måneder.",
        "Jeg vil slutte med hasj helt, jeg er lei av å være sliten hele tida.",
        "Jeg vil være rusfri så jeg kan ta lappen.",
        "Jeg vil vise mamma at jeg klarer å holde meg unna.",
    ),
    "school_work": (
        "Jeg vil klare å gå på skolen tre dager i uka.",
        "Jeg vil fullføre Vg1 og få karakter i alle fag.",
        "Jeg vil ha en sommerjobb.",
        "Jeg vil finne ut hva jeg vil jobbe med og komme inn på et kurs gjennom NAV.",
        "Jeg vil ha mindre fravær enn i fjor.",
        "Jeg vil søke læreplass som elektriker.",
        "Jeg vil komme meg gjennom tiende uten å stryke.",
    ),
    "housing": (
        "Jeg vil ha min egen hybel der jeg kan være i fred.",
        "Jeg vil bo hjemme igjen hvis det blir bedre med pappa.",
        "Jeg vil slippe å sove hos kompiser.",
        "Jeg vil ha en leilighet jeg klarer å betale selv.",
    ),
    "health": (
        "Jeg vil gå til tannlegen og fikse tennene.",
        "Jeg vil trene igjen og komme i bedre form.",
        "Jeg vil få hjelp med angsten så jeg kan ta bussen alene.",
        "Jeg vil finne ut om jeg har ADHD.",
        "Jeg vil spise ordentlig, minst to måltider om dagen.",
    ),
    "relationships": (
        "Jeg vil ha det bedre med mamma og slutte å krangle hele tida.",
        "Jeg vil få nye venner som ikke ruser seg.",
        "Jeg vil treffe lillebroren min oftere.",
        "Jeg vil at foreldrene mine skal forstå meg bedre.",
        "Jeg vil ha noen voksne jeg kan stole på.",
    ),
    "leisure": (
        "Jeg vil begynne på fotball igjen.",
        "Jeg vil ha noe å gjøre på kveldene, for eksempel musikkstudio på fritidsklubben.",
        "Jeg vil lære å kjøre moped.",
        "Jeg vil begynne på boksing.",
        "Jeg vil være med på tur i fjellet i sommer.",
    ),
    "other": (
        "Jeg vil få orden på økonomien og betale ned gjelda mi.",
        "Jeg vil ta førerkort.",
        "Jeg vil slippe så mange møter og bare ha én voksen å forholde meg til.",
    ),
}
# The information category a goal of this kind is usually recorded under.
GOAL_CATEGORY = {
    "safety": ("general", "child_welfare"),
    "stabilisation": ("mental_health", "general"),
    "reduced_use": ("substance_use",),
    "abstinence": ("substance_use",),
    "school_work": ("school", "nav"),
    "housing": ("nav", "general"),
    "health": ("health", "mental_health"),
    "relationships": ("general", "child_welfare"),
    "leisure": ("general",),
    "other": ("general", "nav"),
}

# Actions (tiltak) per Sector value, as (text, the goal kinds the action serves).
_SAFE, _STAB, _RED, _ABS = "safety", "stabilisation", "reduced_use", "abstinence"
_SCH, _HOU, _HEA, _REL, _LEI, _OTH = "school_work", "housing", "health", "relationships", "leisure", "other"
ACTIONS = {
    "child_welfare": (
        ("Faste samtaler med kontaktperson i barneverntjenesten hver uke", {_SAFE, _STAB, _REL, _OTH}),
        ("Familieråd for å finne løsninger sammen med familien", {_REL, _SAFE, _HOU}),
        ("Foreldreveiledning for mor og far", {_REL, _SAFE}),
        ("Tilbud om besøkshjem annenhver helg", {_REL, _STAB, _LEI}),
        ("Økonomisk støtte til fritidsaktivitet", {_LEI}),
        ("Plan for tiltak etter 18 år (ettervern) laget sammen med ungdommen", {_HOU, _SCH, _OTH}),
        ("Miljøterapeut følger opp hjemme to ettermiddager i uka", {_STAB, _SAFE, _SCH}),
    ),
    "school": (
        ("Tilrettelagt timeplan med kortere skoledager i en periode", {_SCH, _STAB}),
        ("Ukentlig oppfølgingssamtale med kontaktlærer", {_SCH}),
        ("Rådgiver hjelper med søknad om omvalg eller læreplass", {_SCH}),
        ("Skolen ringer samme dag ved fravær, etter avtale med eleven", {_SCH}),
        ("Ekstra støtte i matematikk og norsk", {_SCH}),
        ("Alternativ opplæringsarena to dager i uka", {_SCH, _LEI}),
    ),
    "school_health": (
        ("Samtaler med helsesykepleier annenhver uke", {_HEA, _STAB, _REL, _RED}),
        ("Kartlegging av søvn og kosthold", {_HEA, _STAB}),
        ("Henvisning til fastlege for vurdering", {_HEA}),
        ("Samtaler om seksuell helse og prevensjon", {_HEA, _REL}),
    ),
    "municipal_health": (
        ("Samtaler om rus med motiverende intervju", {_RED, _ABS}),
        ("Deltakelse i ungdomsgruppe for mestring av angst", {_HEA, _STAB}),
        ("Oppfølging fra erfaringskonsulent", {_RED, _ABS, _STAB, _LEI}),
        ("Urinprøver etter ønske fra ungdommen, som støtte og ikke som kontroll", {_ABS, _RED}),
        ("Kartlegging av rusbruk og psykisk helse", {_RED, _ABS, _HEA}),
    ),
    "outreach": (
        ("Miljøarbeider møter ungdommen ute, på steder ungdommen selv velger", {_SAFE, _STAB, _RED, _REL}),
        ("Oppsøkende kontakt samme uke ved uteblitte avtaler", {_STAB, _SCH, _HEA}),
        ("Følge ungdommen til avtaler på BUP og NAV", {_HEA, _SCH, _HOU}),
        ("Aktivitetstilbud på kveldstid en gang i uka", {_LEI, _REL, _RED}),
    ),
    "nav": (
        ("Tett oppfølging fra ungdomsveileder i NAV", {_SCH}),
        ("Søknad om kvalifiseringsprogrammet", {_SCH, _OTH}),
        ("Hjelp til budsjett og økonomisk rådgivning", {_OTH, _HOU}),
        ("Arbeidstrening i tilrettelagt bedrift", {_SCH}),
        ("Bistand til å skaffe egen bolig", {_HOU}),
    ),
    "police_slt": (
        ("Bekymringssamtale med ungdom og foresatte", {_SAFE, _RED}),
        ("Oppfølging gjennom ungdomsoppfølging etter avtale med konfliktrådet", {_SAFE, _OTH}),
        ("Jevnlige samtaler med forebyggende politi", {_SAFE, _RED}),
    ),
    "phbu_bup": (
        ("Utredning ved BUP for angst og depresjon", {_HEA, _STAB}),
        ("Utredning for ADHD ved BUP", {_HEA, _SCH}),
        ("Ukentlige behandlingssamtaler ved BUP", {_HEA, _STAB, _SAFE}),
        ("Medisinsk vurdering og oppfølging av medisiner", {_HEA}),
        ("Familiesamtaler ved BUP", {_REL}),
        ("Traumefokusert behandling", {_SAFE, _HEA, _STAB}),
    ),
    "tsb": (
        ("Poliklinisk rusbehandling hver uke", {_RED, _ABS}),
        ("Vurdering av behov for døgnbehandling", {_ABS, _RED}),
        ("Gruppebehandling for unge som bruker cannabis", {_RED, _ABS}),
        ("Samtaler med pårørende om rus", {_REL, _RED}),
    ),
    "fact": (
        ("Tett oppfølging fra FACT-ung med hjemmebesøk", {_STAB, _HEA, _HOU}),
        ("Felles kriseplan laget sammen med ungdommen", {_SAFE}),
        ("Hjelp til å komme i gang med aktivitet i hverdagen", {_LEI, _STAB, _SCH}),
    ),
    "voluntary": (
        ("Fast møtepunkt med frivillig ungdomskontakt", {_REL, _LEI}),
        ("Deltakelse på fritidstilbud og turer", {_LEI}),
        ("Leksehjelp to ettermiddager i uka", {_SCH}),
    ),
}
# When nobody on the team has a fitting action, a team member takes one of these.
GENERIC_ACTIONS = {
    _SAFE: "Kriseplan med navn og telefonnumre ungdommen kan ringe",
    _STAB: "Faste ukentlige samtaler med samme kontaktperson",
    _RED: "Samtaler om rusbruk, og henvisning til behandling ved behov",
    _ABS: "Henvisning til rusbehandling og tett oppfølging i ventetiden",
    _SCH: "Kontaktperson følger opp samarbeidet med skole eller NAV",
    _HOU: "Hjelp med boligsøknad og kontakt med NAV",
    _HEA: "Følge ungdommen til fastlege og tannlege",
    _REL: "Samtaler med ungdommen og familien sammen",
    _LEI: "Finne en fritidsaktivitet sammen med ungdommen",
    _OTH: "Hjelp med praktiske avklaringer, som post, bank og skjema",
}
# The information categories an agency of this sector usually writes under.
SECTOR_CATEGORIES = {
    "child_welfare": ("child_welfare", "child_welfare", "general"),
    "school": ("school", "school", "general"),
    "school_health": ("health", "health", "mental_health", "general"),
    "municipal_health": ("substance_use", "mental_health", "general"),
    "outreach": ("general", "general", "substance_use"),
    "nav": ("nav", "nav", "general"),
    "police_slt": ("police", "police", "general"),
    "phbu_bup": ("mental_health", "mental_health", "health"),
    "tsb": ("substance_use", "substance_use", "mental_health"),
    "fact": ("mental_health", "substance_use", "general"),
    "voluntary": ("general",),
}

EVALUATION_ASSESSMENTS = {
    "reached": (
        "Tiltaket fungerer godt. {navn} møter stabilt og sier selv at det hjelper.",
        "Målet er i ferd med å nås. Fraværet er mer enn halvert siden forrige evaluering.",
        "God effekt. {navn} bruker det {han} har lært også utenfor timene.",
    ),
    "partly": (
        "Tiltaket fungerer delvis. Oppmøtet varierer, men {navn} sier at det er nyttig.",
        "Noe bedring, men fortsatt perioder med mye fravær og lite søvn.",
        "Fungerer i skoleukene, men faller bort i feriene. Bør justeres.",
    ),
    "not_reached": (
        "Tiltaket fungerer ikke slik det er nå. {navn} opplever det som for mye på en gang.",
        "Lite oppmøte. {navn} ønsker heller å møtes ute enn på kontoret.",
        "Tiltaket treffer ikke det {navn} selv er opptatt av. Vi lager et nytt sammen med {ham}.",
    ),
}
EVALUATION_YOUTH_VIEWS = {
    "reached": (
        "Det har gått bra. Jeg vil fortsette sånn.",
        "Det hjelper å ha noen å snakke med hver uke.",
        "Jeg merker selv at jeg har det bedre.",
    ),
    "partly": (
        "Noen uker går det, andre ikke. Jeg vil prøve litt til.",
        "Det er greit, men tidspunktet passer dårlig med skolen.",
        "Jeg vil fortsette, men ikke så ofte.",
    ),
    "not_reached": (
        "Jeg orker ikke flere samtaler på kontoret. Kan vi heller gå en tur?",
        "Det passer ikke for meg. Jeg vil heller ha hjelp med jobb.",
        "Jeg føler ikke at noen hører på meg der.",
    ),
}
OUTCOME_LABELS = {
    "reached": "fungerer som ønsket",
    "partly": "fungerer delvis",
    "not_reached": "fungerer ikke",
}
NEXT_STEP_LABELS = {
    "continue": "fortsette",
    "adjust": "justere tiltaket",
    "complete": "avslutte tiltaket som fullført",
    "stop": "stoppe tiltaket",
}

# ---------------------------------------------------------------------------------------------
# The log. LOG_TEXTS[kind][category]; "general" is the fallback for a category without texts.
# ---------------------------------------------------------------------------------------------

LOG_TEXTS = {
    "contact": {
        "general": (
            "Samtale med {navn}. Gikk gjennom planen og hva som er viktigst for {ham} nå. "
            "{Han} sier det går litt bedre.",
            "Traff {navn} på kafé i sentrum. God samtale om hverdagen og hva {han} gjør på kveldene.",
            "{navn} kom innom uten avtale. Hadde behov for å prate om en konflikt med en venn.",
            "Gikk tur med {navn}. {Han} var mer pratsom enn vanlig og fortalte om planene for sommeren.",
            "Samtale om hvem {navn} har rundt seg. {Han} savner å ha noen å være med etter skolen.",
        ),
        "child_welfare": (
            "Hjemmebesøk. Mor var til stede den første halvtimen. Stemningen hjemme beskrives som roligere.",
            "Hjemmebesøk. {navn} viste rommet sitt og fortalte om hvordan det er å bo der nå.",
            "Samtale om samvær med far. {navn} ønsker å bestemme mer selv over når samværet skal være.",
            "Samtale med {navn} alene. {Han} forteller at det har vært flere krangler hjemme den siste uka.",
        ),
        "school": (
            "Samtale med {navn} i storefri. Fraværet er lavere de siste to ukene. "
            "{Han} ønsker fortsatt kortere fredager.",
            "Oppfølgingssamtale om fag og fravær. {navn} har levert to innleveringer i norsk.",
            "Samtale om hvordan det går i klassen. {navn} har fått en ny venn og trives bedre.",
        ),
        "health": (
            "Samtale på helsesykepleiers kontor. {navn} sover dårlig og har hodepine. "
            "Avtalt time hos fastlegen.",
            "{navn} kom til helsesykepleier og ville snakke om vekt og mat. Avtalt ny samtale neste uke.",
        ),
        "mental_health": (
            "Behandlingssamtale. Jobbet med hva som skjer i kroppen når angsten kommer. "
            "{navn} prøver pusteøvelser hjemme.",
            "Samtale om humøret siste uke. "
            "{navn} beskriver flere gode dager, men kveldene er fortsatt tunge.",
            "Gikk gjennom kriseplanen sammen. {navn} la til en venn som {han} kan ringe.",
        ),
        "substance_use": (
            "Samtale om rusbruken siste uke. {navn} forteller om mindre hasj i hverdagen, men mer i helgene.",
            "Samtale etter motiverende intervju. {navn} vil prøve å være rusfri på skoledager.",
            "{navn} forteller at {han} har sagt nei til fest to helger på rad. Stolt av det selv.",
        ),
        "nav": (
            "Møte på NAV-kontoret. Gikk gjennom CV og mulige praksisplasser. "
            "{navn} er motivert for arbeidstrening.",
            "Samtale om økonomi. Satt opp budsjett sammen med {navn}.",
        ),
        "police": (
            "Samtale med {navn} etter hendelse i helgen. {Han} tok ansvar og ønsker ikke flere saker.",
            "Oppfølgingssamtale. {navn} har holdt seg unna miljøet i sentrum de siste ukene.",
        ),
    },
    "phone": {
        "general": (
            "Telefonsamtale med {navn}. Bekreftet avtalen på torsdag.",
            "SMS fra {navn}: ber om å flytte avtalen til neste uke. Ny tid avtalt.",
            "{navn} ringte og var lei seg etter en krangel hjemme. Snakket en stund, {han} roet seg.",
            "Kort telefonsamtale. {navn} har fått time hos fastlegen.",
        ),
        "child_welfare": (
            "Ringte mor for å høre hvordan helgen hadde vært. Hun opplever at {navn} er mer hjemme nå.",
            "Telefon med far om samvær i ferien. Avtale sendes skriftlig.",
        ),
        "school": ("Telefon med kontaktlærer om fravær denne uka, etter samtykke fra {navn}.",),
        "substance_use": ("SMS-kontakt med {navn} i helgen etter avtale. {Han} svarte at alt var greit.",),
        "mental_health": ("Telefonsamtale med {navn} etter en tung kveld. {Han} brukte kriseplanen.",),
    },
    "note": {
        "general": (
            "Internt drøftingsmøte: vurderer å foreslå samarbeidsmøte med flere tjenester.",
            "Oppdatert kriseplan etter ønske fra {navn}.",
            "Notat: {navn} ønsker at mor ikke får informasjon om rus uten at {han} blir spurt først.",
            "Sendt søknad om fritidskort sammen med {navn}.",
        ),
        "child_welfare": (
            "Bekymringsmelding mottatt fra skolen. Vurdert og drøftet med {navn} og foresatte.",
            "Vedtak om hjelpetiltak fattet og gjennomgått med {navn}.",
        ),
        "mental_health": (
            "Mottatt epikrise fra BUP. Innholdet er gått gjennom med {navn}.",
            "Henvisning til BUP sendt etter samtykke fra {navn} og foresatte.",
        ),
        "substance_use": (
            "Henvisning til Ruspoliklinikken for ungdom sendt. {navn} ønsker time etter skoletid.",
        ),
        "nav": (
            "Søknad om kvalifiseringsprogrammet sendt.",
            "Søknad om kommunal bolig sendt sammen med {navn}.",
        ),
        "school": ("Søknad om særskilt tilrettelegging av eksamen sendt.",),
        "police": ("Notat fra SLT-møte: {navn} er drøftet anonymt, videre oppfølging avtalt.",),
    },
    "missed": {
        "general": (
            "{navn} møtte ikke til avtalt samtale. Ikke svar på telefon.",
            "Uteblitt fra time. Sendt SMS med tilbud om ny tid.",
            "{navn} kom ikke til avtalen. Tar kontakt på nytt, jf. planen.",
            "Uteblitt. Avtalen følges opp oppsøkende, ikke med avslutning.",
        ),
    },
    "outreach": {
        "general": (
            "Møtte {navn} ved fritidsklubben. Kort prat, {han} hadde det greit.",
            "Traff {navn} på Solsiden sent på kvelden. "
            "{Han} var i god form og takket ja til å bli fulgt hjem.",
            "Oppsøkende runde i sentrum. Traff {navn} sammen med venner, avtalte å møtes på tirsdag.",
        ),
    },
    "outreach_after_missed": {
        "general": (
            "Oppsøkte {navn} hjemme etter uteblitt time. {Han} hadde forsovet seg. Ny avtale satt.",
            "Dro hjem til {navn} etter uteblitt avtale. Ingen hjemme, la igjen lapp og sendte SMS.",
            "Fant {navn} i sentrum etter uteblitt time. {Han} hadde glemt avtalen og ville gjerne ha ny tid.",
            "Ringte og dro innom etter uteblitt avtale. {navn} var syk, ny time satt neste uke.",
        ),
    },
}
CORRECTIONS = (
    "Rettelse: Samtalen fant sted på skolen, ikke på kontoret som skrevet.",
    "Rettelse: Det var far, ikke mor, som var til stede.",
    "Rettelse: Ny avtale er onsdag, ikke tirsdag som skrevet.",
)
MEETING_AGENDA = (
    "1. Hvordan går det?\n2. Gjennomgang av planen\n3. Evaluering av tiltak\n4. Veien videre",
    "1. {navn} forteller\n2. Status fra hver tjeneste\n3. Hvem gjør hva fram til neste møte",
    "1. Mål i {navn}s egne ord\n2. Tiltak og ansvar\n3. Samtykke og informasjonsdeling\n4. Neste møte",
)
# The first meeting of a team is its start-up meeting; later ones are one of MEETINGS. (title, minutes)
FIRST_MEETING = (
    "Oppstartsmøte",
    "Oppstartsmøte. Til stede: {deltakere}. Vi ble enige om mål, hvem som gjør hva og når planen skal "
    "evalueres.",
)
MEETINGS = (
    (
        "Samarbeidsmøte",
        "Samarbeidsmøte. Til stede: {deltakere}. {navn} la fram egne mål. Enighet om at skolen "
        "tilrettelegger timeplanen og at samtalene fortsetter. Ny evaluering om seks uker.",
    ),
    (
        "Ansvarsgruppemøte",
        "Ansvarsgruppemøte. Til stede: {deltakere}. {navn} er fornøyd med oppfølgingen, men ønsker færre "
        "møter. Avtalt at stafettholder samler informasjonen og er {hans} faste kontakt.",
    ),
    (
        "Evalueringsmøte",
        "Evalueringsmøte. Til stede: {deltakere}. Tiltakene fungerer delvis. {navn} vil prøve full timeplan "
        "fra neste måned. Uteblitte avtaler følges opp oppsøkende.",
    ),
)
TURNING_18_MEETING = "Overgangsmøte før 18 år"
DIGITAL_LOCATION = "Digitalt (Teams)"

HANDOVER_NOTES = (
    "Jeg slutter i stillingen og ønsker at du tar over som stafettholder. {navn} kjenner deg og er positiv.",
    "{navn} har flyttet og går nå på ny skole. Foreslår at du tar over stafetten.",
    "Behovet er nå mest knyttet til behandling. Forslag om at du tar over stafetten, avklart med {navn}.",
    "{navn} ønsker selv å ha deg som fast kontaktperson.",
)
HANDOVER_ACCEPT_NOTES = (
    "Tar over. Har hatt første samtale med {navn}.",
    "Ok, jeg tar stafetten. Setter opp et møte med teamet.",
    "Tar gjerne over. Vi har en god relasjon fra før.",
)
HANDOVER_DECLINE_NOTES = (
    "Har dessverre ikke kapasitet nå. Foreslår at vi drøfter det i neste samarbeidsmøte.",
    "Jeg tror {navn} er bedre tjent med at du fortsetter til etter sommeren.",
)

CLOSE_EXPLANATIONS = {
    "goals_reached": (
        "Målene i planen er nådd. {navn} går på skolen, bor stabilt og har ikke lenger behov for samordnet "
        "oppfølging. Avsluttet i samarbeidsmøte.",
    ),
    "youth_declines": (
        "{navn} ønsker ikke videre oppfølging. "
        "Vi har gått gjennom hva det betyr og hvor {han} kan ta kontakt "
        "igjen. Døra står åpen.",
    ),
    "moved": ("{navn} har flyttet til {sted}. Saken er overført til tjenestene der, med overføringsmøte.",),
    "transferred": ("Oppfølgingen er overført til {sted} med egen koordinator. Overføringsmøte er holdt.",),
    "aged_out": ("{navn} har fylt 25 år og følges videre av voksentjenestene i kommunen.",),
}
CLOSE_YOUTH_VIEWS = (
    "Jeg er klar for å klare meg selv nå. Fint å vite at jeg kan ta kontakt igjen.",
    "Jeg vil ikke ha flere møter. Jeg vet hvem jeg kan ringe.",
    "Greit å bytte, men jeg vil at de nye skal vite det jeg har fortalt.",
    "Takk for hjelpen. Det viktigste var å ha én person å forholde seg til.",
)
REOPEN_EXPLANATIONS = (
    "Saken gjenåpnes etter ny bekymring fra skolen og ønske fra {navn} selv.",
    "{navn} tok selv kontakt og ber om hjelp igjen. Gjenåpnet med samme stafettholder.",
)
REOPEN_YOUTH_VIEWS = (
    "Jeg vil ha hjelp igjen, helst fra de samme som sist.",
    "Det ble vanskelig igjen etter at jeg flyttet. Jeg vil ha noen å snakke med.",
)
TRANSFER_SERVICES = ("DPS Nidaros, poliklinikk", "Rusbehandling Midt-Norge", "NAV Lerkendal")

LEVEL_UP_REASONS = {
    1: (
        "Bekymring for økende fravær og endret atferd. "
        "Skolen tar tak i saken sammen med {navn} og foresatte.",
        "Helsesykepleier har snakket med {navn} flere ganger. Tiltak settes inn i egen tjeneste.",
    ),
    2: (
        "Behov for samarbeid med flere tjenester: "
        "rus og psykisk helse er koblet inn, og det er etablert et team.",
        "Bekymringen gjelder både skole, hjem og rus. Samarbeidsmøte med {navn} og foresatte.",
    ),
    3: (
        "Sammensatte behov over tid. Behov for individuell plan og koordinator. {navn} har samtykket.",
        "Flere tjenester fra både kommune og spesialisthelsetjeneste. Individuell plan startes.",
    ),
}
LEVEL_DOWN_REASONS = (
    "Situasjonen er mer stabil. Færre tjenester er involvert, og {navn} ønsker mindre oppfølging.",
    "Behandlingen ved spesialisthelsetjenesten er avsluttet. Kommunen følger opp videre.",
)

TRANSITION_NOTES = {
    "turning_18": (
        "Planlegge overgang til voksen: ettervern, bolig og økonomi. "
        "{navn} ønsker å beholde samme kontaktperson.",
        "Kartlegge hvilke tjenester {navn} trenger etter 18 år. Møte med NAV og DPS før bursdagen.",
    ),
    "admission": ("Planlagt innleggelse. Team og pårørende informert, kontaktperson følger {navn} inn.",),
    "discharge": ("Utskrivning planlagt. Oppfølging hjemme avtalt første uke, time på poliklinikken.",),
    "aftercare": ("Ettervern etter døgnbehandling: faste avtaler og aktivitet første måned hjemme.",),
    "school_change": ("Overgang fra ungdomsskolen til videregående. Overføringsmøte med ny skole.",),
    "moving": ("Flytter til egen hybel. Bolig og økonomi avklart med NAV.",),
}
TRANSITION_SERVICES = {
    "turning_18": (("", "NAV og ettervern"), ("", "DPS, voksenpsykiatrien")),
    "admission": (("", "St. Olavs hospital, døgnenhet for ungdom"),),
    "discharge": (("St. Olavs hospital, døgnenhet for ungdom", "Poliklinikk og kommunal oppfølging"),),
    "aftercare": (("Døgnbehandling rus", "Ruspoliklinikken for ungdom og Uteseksjonen"),),
    "school_change": (("Huseby ungdomsskole", "Charlottenlund videregående skole"),),
    "moving": (("Foreldrehjemmet", "Egen hybel"),),
}
