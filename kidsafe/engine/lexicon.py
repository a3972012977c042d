"""Word lists the stranger engine reads captions with. Constants only: no logic here.

All entries are lower case and accent-folded where that matters (see ``text.fold``).
"""

from __future__ import annotations

# --- Family words -----------------------------------------------------------------------

#: Titles that make the next name a relative ("Nana Pat"), in several languages.
KIN_TITLES = frozenset({
    "nana", "nanna", "nan", "nanny", "nona", "nonna", "nonno", "granny", "gran", "grandma", "grandmama",
    "grandmother", "grandad", "granddad", "grandpa", "grandpapa", "grandfather", "gramps", "grampa",
    "grandy", "gramma", "grammy", "mamaw", "papaw", "meemaw", "pop", "pops", "poppa", "poppy", "pa",
    "grandpop", "great-grandma", "great-grandad", "uncle", "unc", "auntie", "aunty", "aunt", "tia",
    "tio", "tita", "tito", "oma", "opa", "omi", "opi", "abuela", "abuelo", "abuelita", "abuelito",
    "yaya", "yiayia", "papou", "pappou", "babcia", "dziadek", "baba", "dedushka", "babushka", "mamie",
    "papi", "papy", "mémé", "pépé", "tata", "tante", "onkel", "zia", "zio", "lola", "lolo", "bibi",
    "babu", "nani", "nana-ji", "dadi", "dada", "chacha", "chachi", "mausi", "mama-ji", "bua", "ba",
    "bà", "ông", "cô", "chú", "dì", "bác", "cậu", "thím", "halmeoni", "harabeoji", "obaachan",
    "ojiichan", "oba", "lao", "lao-lao", "ye-ye", "nai-nai", "popo", "gung-gung", "cousin",
    "godmother", "godfather", "godmum", "goddad", "godparent", "stepdad", "stepmum", "stepmom",
    # accent-folded forms (titles are compared folded), and more languages: Irish, Welsh, Scots,
    # Nordic, Afrikaans, Hebrew, Arabic, South Asian, French
    "meme", "pepe", "ong", "chu", "bac", "cau", "thim", "mamo", "daideo", "granda", "grandda", "nain",
    "taid", "mamgu", "tadcu", "mormor", "morfar", "farmor", "farfar", "ouma", "oupa", "savta", "saba",
    "teta", "jiddo", "sitti", "nanaji", "naniji", "dadaji", "dadiji", "khala", "khalu", "phupho", "phuphi",
    "mamu", "tonton", "tatie", "tati",
    # southern and eastern Africa, Malay, Tamil, Kannada, Malayalam
    "gogo", "ugogo", "mkhulu", "umkhulu", "makhulu", "nkgono", "mbuya", "sekuru", "nenek", "atok", "atuk",
    "opah", "paati", "thatha", "ajji", "ajja", "ammamma", "appamma", "ammachi", "appachan",
    # Québécois, Spanish and Hindi/Urdu forms (folded): great-grandparents, cousins, uncles
    "memere", "pepere", "matante", "mononcle", "bisabuelo", "bisabuela", "bisabuelita", "bisabuelito",
    "prima", "primo", "tita", "chachu", "chachaji", "mamaji", "masi", "mausiji", "bua-ji", "taiji", "tauji",
    # Welsh aunt/uncle, Polish aunt/uncle/grandparent forms, Yoruba/Igbo/Hausa and Filipino kin words (folded)
    "anti", "yncl", "ewythr", "modryb", "ciocia", "wujek", "wujcio", "stryj", "babunia", "dziadzio", "dziadziu",
    "iya-agba", "baba-agba", "mama-agba", "nnenne", "nnanna",
    "nanay", "tatay", "apong", "ninang", "ninong", "manang", "manong",
})

#: Two-word kin titles that are the whole name ("Ah Ma", "Ah Gong"): first word -> the second words.
KIN_PAIRS = {"ah": frozenset({"ma", "mah", "gong", "kong", "po", "yi", "ku", "sim", "pak", "soh"})}

#: Kin titles that are never a first name on their own ("Nana" is a title; "Poppy" may be a girl).
PLAIN_KIN_TITLES = frozenset({
    "nana", "nanna", "nan", "nanny", "granny", "gran", "grandma", "grandad", "granddad", "grandpa", "uncle",
    "auntie", "aunty", "aunt", "cousin", "grandmother", "grandfather", "gramps", "grandmama", "grandpapa",
})

#: Second words of two-word kin titles ("Bà Ngoại", "Ông Nội"), folded.
KIN_TITLE_SECOND = frozenset({"ngoai", "noi"})

#: Words for the poster or the other parent, which are not relatives to report.
PARENT_WORDS = frozenset({
    "mum", "mummy", "mom", "mommy", "mama", "mam", "mammy", "ma", "dad", "daddy", "papa", "da",
    "mother", "father", "hubby", "husband", "wife", "wifey", "partner", "other half", "babydaddy",
})

#: Words that say "this is our child" when they stand next to a name.
CHILD_WORDS = frozenset({
    "boy", "girl", "son", "daughter", "baby", "babies", "kid", "kids", "child", "children", "little one",
    "littleone", "lo", "eldest", "youngest", "middle", "firstborn", "twins", "twin", "toddler",
    "bubba", "babe", "bairn", "wee one", "monkey", "monkeys", "munchkin", "munchkins", "girls",
    "boys", "sons", "daughters", "darling", "sis", "bro", "sister", "brother", "big sis", "little sis",
    "big bro", "little bro", "babygirl", "babyboy", "princess", "little man", "little lady",
    "granddaughter", "grandson", "grandbaby", "grandkids", "grandchildren", "niece", "nephew", "godson",
    "goddaughter", "baby girl", "baby boy", "little girl", "little boy", "big girl", "big boy",
    # French and Spanish (folded): twins, my son/daughter, "mon grand", "mi princesa"
    "jumelles", "jumeaux", "jumelle", "jumeau", "gemelos", "gemelas", "mija", "mijo", "mijita", "mijito",
    "hija", "hijo", "princesa", "bebe", "fils", "fille", "mon grand", "ma grande", "mon petit", "ma petite",
    # Tagalog, Welsh and Polish (folded): child, youngest, son, daughter
    "anak", "bunso", "mab", "merch", "synek", "coreczka", "corka",
})

#: Words before "sister" that make it a sibling ("big sister Evie"), not a nun's title ("Sister Agnes").
SIBLING_ADJECTIVES = frozenset({"big", "little", "baby", "older", "younger", "twin", "his", "her", "their", "new"})

#: Words that say the name next to them is a friend's child ("Ruby's bestie Mae").
FRIEND_WORDS = frozenset({
    "bestie", "besties", "best friend", "bff", "friend", "friends", "buddy", "pal", "mate", "classmate",
    "playmate", "bestfriend", "girlfriend", "boyfriend", "best mate", "bestmate",
    "bud", "buds", "buddies", "pals", "mates", "amigo", "amiga", "amigos", "amigas", "bestest",
})

#: Phrases that make the name in them a friend's child ("playdate with Noor", "sleepover at Ada's").
FRIEND_CUE_PATTERNS = (
    r"\bplay\s*-?\s*dates?\s+with\s+{name}(?<!'s)\b",
    r"\bsleepover\s+(?:with|at)\s+{name}\b",
)

#: Adult honorifics: the next name is an adult (teacher, coach), not a child.
ADULT_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam", "coach", "teacher", "nurse", "father",
    "sister", "rev", "reverend", "pastor", "professor", "prof", "officer", "captain", "señor", "señora",
})

#: Phrases that name the other parent ("Tomasz took both kids", "made by Kwame and the kids").
PARENT_CUE_PATTERNS = (
    r"\b{name}\s+(?:took|takes|taking|had|has|is\s+taking)\s+(?:the|both|all|our)\s+(?:kids|children|boys|girls|little\s+ones|twins)",
    r"\b{name}\s+(?:and|&)\s+(?:the|our)\s+(?:kids|children|boys|girls|little\s+ones|twins)\b",
    r"\b(?:hubby|husband|wife|wifey|partner|daddy|mummy|mommy|other\s+half)\s+{name}\b",
    r"\b{name}\s*\((?:dad|daddy|mum|mom|hubby|husband|wife)\)",
    r"\bdate\s+night\s+with\s+{name}\b",
    r"\b(?:me|i)\s+(?:and|&)\s+{name}\b",
    r"\b(?:father'?s|mother'?s)\s+day\s+(?:\w+\s+){{0,2}}?(?:to|for)\s+{name}(?<!'s)\b",
    r"\bhappy\s+(?:father'?s|mother'?s)\s+day,?\s+{name}(?<!'s)(?=\s*(?:[^\w\s]|$))",
    r"\b(?:father'?s|mother'?s)\s+day\s+(?:to|for)\s+(?:the|my|our)\s+(?:\w+\s+){{0,2}}?(?:dad|daddy|papa|papi|"
    r"mum|mummy|mom|mommy|mama|mami|hubby|husband|wife)\s*,\s*{name}(?<!'s)\b",
    # "Father's Day to the best papa Rewi": a father word right before the name on Father's Day is the parent
    r"\bfather'?s\s+day\s+(?:\w+\s+){{0,2}}?(?:to|for)\s+(?:the|my|our)\s+(?:\w+\s+){{0,2}}?(?:dad|daddy|papa|papi|pa)"
    r"\s+{name}(?<!'s)\b",
    r"\b{name}(?<!'s),?\s+(?:the\s+)?(?:best|greatest|most\s+amazing)\s+(?:dad|daddy|mum|mummy|mom|mommy|mama|papa|"
    r"husband|wife)\b",
    r"\b{name}\s+(?:and|&)\s+(?:i|me)\b",
    r"\b(?:the|a)\s+best\s+(?:dad|daddy|papa|papi|mum|mummy|mom|mommy|mama|husband|wife)\b[^\n.!?,]{{0,30}},"
    r"\s*{name}(?<!'s)"
    r"(?=\s*(?:[^\w\s]|$))",
    r"\b(?:(?:father|mother|mum|mom|dad)'?s\s+day|mothering\s+sunday)\b[^\n]{{0,40}}?\b(?:thank\s+you|thanks|thank\s+u)"
    r",?\s+{name}(?<!'s)\b(?!\s+(?:and|&))",
)

#: Words of a grown-up's day: a name seen only among them is the poster's friend, not a child.
ADULT_CONTEXT = (
    "wine", "gin", "prosecco", "cocktail", "cocktails", "beer", "pint", "pints", "drinks", "pub", "hen do",
    "hen party", "stag", "bachelorette", "work", "office", "colleague", "colleagues", "boss", "meeting",
    "gym", "spin class", "yoga", "book club", "girls night", "girls' night", "mums night", "moms night",
    "night out", "date night", "brunch with", "coffee with", "catch up with", "catch-up with", "wedding",
    "engaged", "engagement", "husband", "wife", "boyfriend", "girlfriend", "her kids", "his kids",
    "their kids", "pregnant", "baby shower", "mum friends", "mom friends", "mum friend", "mom friend",
)

# --- Pets ---------------------------------------------------------------------------------

PET_WORDS = frozenset({
    "dog", "dogs", "doggo", "doggy", "doggie", "pup", "puppy", "pupper", "pooch", "cat", "cats", "kitten",
    "kitty", "bunny", "rabbit", "hamster", "guinea pig", "tortoise", "pony", "horse", "budgie", "parrot",
    "goldfish", "ferret", "gerbil", "spaniel", "cockapoo", "cavapoo", "labradoodle", "labrador", "lab",
    "retriever", "terrier", "collie", "dachshund", "sausage dog", "pug", "frenchie", "bulldog", "beagle",
    "poodle", "husky", "whippet", "greyhound", "lurcher", "schnauzer", "shih tzu", "chihuahua",
    "staffy", "staffie", "corgi", "maltipoo", "moggy", "tabby", "lead", "leash", "walkies", "vet",
    "fur baby", "furbaby", "woof", "meow", "purr", "paws", "kibble", "haircut", "groomer", "fetch",
    "bark", "barking", "lizard", "snake", "chickens", "hens", "duckling", "pet",
    "doodle", "doodles", "goldendoodle", "bernedoodle", "cavoodle", "groodle", "cockerpoo", "kelpie", "heeler",
    "border collie", "golden retriever", "westie", "jack russell", "springer", "sheepdog", "german shepherd",
    "rottweiler", "doberman", "pomeranian", "shiba", "akita", "vizsla", "weimaraner", "bichon", "moggie",
})

#: Animals a pet is ("the dog", "our kitten"): a post that names one this way has its pet apart from the names.
PET_ANIMALS = frozenset({
    "dog", "dogs", "puppy", "pup", "doggo", "cat", "cats", "kitten", "kitty", "bunny", "rabbit", "hamster",
    "guinea pig", "tortoise", "pony", "horse", "budgie", "parrot", "goldfish", "ferret", "gerbil", "fish",
})

PET_EMOJI = frozenset("🐶🐕🐩🦮🐱🐈🐰🐇🐹🐭🐴🐎🐢🦎🦜🐾")

PET_HASHTAG_PARTS = frozenset({
    "dogsofinstagram", "catsofinstagram", "dog", "dogs", "cat", "cats", "puppy", "puppylove",
    "doglife", "catlife", "dogmom", "dogmum", "catmom", "catmum", "bunny", "bunnies", "rabbit",
    "furbaby", "petsofinstagram", "cockapoo", "labrador", "spaniel", "dogstagram", "catstagram",
    "doodlesofinstagram", "goldendoodle", "doodle", "kelpie", "cavoodle", "dogsofig", "catsofig", "kittensofinstagram",
})

#: Phrases that introduce a pet ("Meet Clover 🐰", "Biscuit the spaniel").
PET_INTRO_PATTERNS = (
    r"\bmeet\s+{name}\b",
    r"\b{name}\s+the\s+(?:dog|cat|puppy|kitten|bunny|rabbit|hamster|spaniel|cockapoo|labrador|lab|pug|"
    r"terrier|collie|whippet|beagle|tortoise|pony|horse|guinea\s+pig|poodle|frenchie|dachshund|sheepdog|"
    r"retriever|spaniel|labradoodle|cavapoo|cavoodle|goldendoodle|husky|greyhound|lurcher|schnauzer|corgi|"
    r"chihuahua|pomeranian|kelpie|heeler|westie|bichon|staffy|staffie|rottweiler|doberman|shepherd|budgie|"
    r"parrot|ferret|gerbil|goldfish|askal|aspin|puspin)\b",
    r"\bwalk(?:ing|s|ed)?\s+(?:with\s+)?{name}\b",
    r"\b{name}(?:'s|’s)?\s+(?:first\s+)?(?:walk|walkies|haircut|groom|vet)\b",
    r"\b(?:our|my|the|new)\s+(?:\w+\s+)?(?:dog|cat|puppy|pup|kitten|kitty|bunny|rabbit|hamster|pet|tortoise|"
    r"retriever|labrador|lab|spaniel|cockapoo|cavapoo|labradoodle|terrier|collie|poodle|pug|beagle|dachshund|"
    r"husky|whippet|greyhound|lurcher|frenchie|bulldog|schnauzer|corgi|staffy|guinea\s+pig|pony|horse|chihuahua|"
    r"pomeranian|yorkie|maltese|boxer|shepherd|rottweiler|doberman|shih\s+tzu|cavoodle|goldendoodle|doodle|"
    r"kelpie|heeler|westie|bichon|akita|shiba|vizsla|mutt|rescue|budgie|parrot|ferret|gerbil)\s+{name}\b",
)

# --- Characters, celebrities, brands: never children -----------------------------------------

#: Franchise or character names (folded) that are never a child of the family. Multi-word
#: entries are matched as phrases. Characters that are also common first names are listed
#: in CHARACTER_FIRST_NAMES and count only with their franchise or a fan phrase.
CHARACTERS = frozenset({
    "bluey", "bingo", "peppa", "peppa pig", "george pig", "paw patrol", "hey duggee", "duggee",
    # party mascots and local children's TV (Philippines, Wales)
    "jollibee", "sam tan", "sali mali", "cyw",
    "cocomelon", "frozen", "elsa", "olaf", "moana", "maui", "encanto", "mirabel", "spider-man",
    "spiderman", "spidey", "batman", "superman", "wonder woman", "hulk", "iron man", "ironman",
    "captain america", "avengers", "minecraft", "fortnite", "roblox", "pokemon", "pikachu", "mario",
    "super mario", "luigi", "sonic", "thomas the tank engine", "fireman sam", "postman pat",
    "gruffalo", "the gruffalo", "hungry caterpillar", "barbie", "ken", "lego", "harry potter", "hermione",
    "cinderella", "rapunzel", "ariel", "tinkerbell", "tinker bell", "mulan", "tiana", "pocahontas",
    "buzz lightyear", "lightning mcqueen", "mcqueen", "toy story", "cars", "mickey", "mickey mouse",
    "minnie", "minnie mouse", "donald duck", "goofy", "winnie the pooh", "pooh", "tigger", "paddington",
    "stitch", "lilo", "simba", "nemo", "dory", "shrek", "minions", "minion", "gru", "pj masks",
    "catboy", "owlette", "gekko", "blippi", "ms rachel", "miss rachel", "numberblocks", "octonauts",
    "twirlywoos", "in the night garden", "iggle piggle", "upsy daisy", "teletubbies", "tinky winky",
    "dipsy", "laa-laa", "po", "ben and holly", "gabby's dollhouse", "gabby", "bing", "peter rabbit",
    "mr tumble", "mr. tumble", "justin fletcher", "spongebob", "patrick star", "dora", "boots",
    "baby shark", "pinkfong", "blaze", "bob the builder", "scooby doo", "scooby-doo", "snoopy",
    "hello kitty", "my little pony", "unicorn", "unicorns", "dinosaur", "dinosaurs", "trex", "t-rex",
    "buzz", "woody", "jessie", "taylor swift", "swiftie", "ed sheeran", "harry styles", "beyonce",
    "billie eilish", "olivia rodrigo", "sabrina carpenter", "dua lipa", "adele", "ariana grande",
    "justin bieber", "messi", "ronaldo", "lebron", "santa", "father christmas", "santa claus",
    "tooth fairy", "easter bunny", "elf on the shelf", "grinch", "rudolph", "chase", "marshall", "skye",
    "rubble", "rocky", "zuma", "everest", "ryder", "wednesday addams", "stranger things", "bey",
    "k-pop demon hunters", "kpop demon hunters", "labubu", "squishmallow", "squishmallows",
    "disney", "pixar", "marvel", "nintendo", "playstation", "xbox", "youtube", "tiktok", "netflix",
    "daniel tiger", "elmo", "cookie monster", "sesame street", "big bird", "the wiggles", "wiggles", "emma wiggle",
    "hey bear", "super simple songs", "bubble guppies", "mr men", "the very hungry caterpillar", "zog",
    "room on the broom", "trolls", "poppy troll", "sofia the first", "doc mcstuffins",
    "masha and the bear", "robocar poli", "tayo", "pororo", "chhota bheem", "motu patlu", "shinchan",
})

#: Character names that are also real first names: a character only near its franchise or a fan phrase.
CHARACTER_FIRST_NAMES = frozenset({
    "chase", "marshall", "skye", "rubble", "rocky", "zuma", "everest", "ryder", "ken", "buzz", "woody",
    "jessie", "ariel", "belle", "jasmine", "aurora", "anna", "george", "bingo", "maui", "boots", "ben",
    "holly", "gabby", "dora", "stitch", "bing", "lilo", "gru", "po", "kristoff", "hermione", "luigi",
    "mario", "sonic", "taylor", "peter", "harry", "ed", "billie", "olivia", "sabrina", "dua", "ariana",
    "justin", "kristoff",
})

#: The franchise that makes a first-name character a character ("Chase" with "Paw Patrol").
CHARACTER_FRANCHISE = {
    "chase": "paw patrol", "marshall": "paw patrol", "skye": "paw patrol", "rubble": "paw patrol",
    "rocky": "paw patrol", "zuma": "paw patrol", "everest": "paw patrol", "ryder": "paw patrol",
    "anna": "frozen", "kristoff": "frozen", "ken": "barbie", "buzz": "toy story", "woody": "toy story",
    "jessie": "toy story", "george": "peppa", "bingo": "bluey", "ariel": "mermaid", "belle": "beauty",
    "jasmine": "aladdin", "aurora": "sleeping beauty", "luigi": "mario", "ben": "holly", "holly": "ben",
    "gabby": "dollhouse", "dora": "explorer", "boots": "dora", "stitch": "lilo", "lilo": "stitch",
    "hermione": "harry potter", "harry": "potter", "taylor": "swift", "ed": "sheeran", "billie": "eilish",
    "olivia": "rodrigo", "sabrina": "carpenter", "ariana": "grande", "justin": "bieber", "dua": "lipa",
    "peter": "rabbit", "po": "teletubbies", "maui": "moana", "sonic": "hedgehog", "mario": "nintendo",
    "bing": "bunny",
}

#: Phrases in which a name is a hero or costume, not a person met ("dressed as Elsa").
FAN_PATTERNS = (
    r"\b(?:dressed\s+as|dressed\s+up\s+as|costume|going\s+as|went\s+as)\s+(?:an?\s+|the\s+)?{name}\b",
    r"\b{name}\s+(?:cake|party|costume|outfit|pyjamas|pjs|toy|toys|obsession|fan|episode|theme)\b",
    r"\b{name}\s+(?:is|was)\s+(?:still\s+)?(?:his|her|their)\s+(?:hero|fave|favourite|favorite|idol)\b",
    r"\b(?:marry|obsessed\s+with|loves|love|watching|watch|fan\s+of|meet|met|met\s+up\s+with|bumped\s+into|"
    r"selfie\s+with|singing|sing)\s+{name}\b",
    r"\b{name}\s+on\s+repeat\b",
)

#: Phrases that make a character or thing a child's favourite ("obsessed with dinosaurs").
FAVOURITE_PATTERNS = (
    r"\b(?:was|as|dressed\s+as|dressed\s+up\s+as|going\s+as|went\s+as)\s+(?:an?\s+|the\s+)?{name}\b",
    r"\b{name}\s+(?:cake|party|costume|outfit|pyjamas|pjs|toy|toys|obsession|fan|theme|everything)\b",
    r"\b{name}\s+(?:is|was)\s+(?:still\s+)?(?:his|her|their)\s+(?:hero|fave|favourite|favorite|idol|everything)\b",
    r"\b(?:marry|obsessed\s+with|loves|love|fan\s+of|mad\s+about|favourite|favorite|fave)\s+(?:is\s+)?{name}\b",
    r"\b{name}\s+on\s+(?:repeat|a\s+loop|loop)\b",
    r"\bevery\s+(?:single\s+)?word\s+(?:of|to)\s+(?:the\s+)?{name}\b",
)

#: Characters that are seasonal visitors or platforms, not a child's favourite worth reporting.
NOT_FAVOURITES = frozenset({
    "santa", "father christmas", "santa claus", "tooth fairy", "easter bunny", "elf on the shelf", "disney",
    "pixar", "marvel", "youtube", "tiktok", "netflix", "rudolph", "grinch", "cars",
})

#: Words that mark a post as about a favourite thing ("favourite", "obsessed").
FAVOURITE_CUES = ("favourite", "favorite", "fave", "obsessed", "hero", "loves", "mad about", "on repeat")

# --- Schools --------------------------------------------------------------------------------

#: Words that end a school or nursery name ("Oakfield Primary", "Little Acorns Montessori").
SCHOOL_TYPE_WORDS = {
    "primary": "Primary School", "infant": "Infant School", "infants": "Infant School",
    "junior": "Junior School", "juniors": "Junior School", "elementary": "Elementary School",
    "middle": "Middle School", "high": "High School", "secondary": "Secondary School",
    "nursery": "Nursery", "preschool": "Preschool", "pre-school": "Pre-School", "montessori": "Montessori",
    "academy": "Academy", "kindergarten": "Kindergarten", "kindy": "Kindy", "kinder": "Kinder",
    "playgroup": "Playgroup", "daycare": "Daycare", "childcare": "Childcare", "creche": "Creche",
    "crèche": "Crèche", "école": "École",
    "school": "School", "college": "College", "grammar": "Grammar School", "prep": "Prep School",
    "ce": "CE Primary", "rc": "RC Primary", "catholic": "Catholic School", "cofe": "C of E School",
    "gymnasium": "Gymnasium", "grundschule": "Grundschule", "kita": "Kita", "ecole": "École",
    "escuela": "Escuela", "scuola": "Scuola", "basisschool": "Basisschool",
}

#: Type words that alone ("at Larkfield Primary") make a school name without more context.
STRONG_SCHOOL_TYPES = frozenset({
    "primary", "infant", "infants", "junior", "juniors", "elementary", "nursery", "preschool",
    "pre-school", "montessori", "academy", "kindergarten", "playgroup", "daycare", "grundschule", "kita",
    "basisschool", "escuela", "ecole", "scuola",
})

#: Type words that come before a school's name ("Gaelscoil na Coille", "École Jules Ferry", "Kita Sonnenschein").
PREFIX_SCHOOL_TYPES = frozenset({
    "gaelscoil", "gaelcholaiste", "scoil", "colaiste", "ysgol", "ecole", "escuela", "escola", "colegio", "scuola",
    "istituto", "liceo", "lycee", "kita", "grundschule", "basisschool", "szkola", "scoala",
    "garderie", "guarderia", "cpe",
})

#: Small words that may join the words of a school's name ("Gaelscoil na Móna", "École de la Paix").
SCHOOL_NAME_CONNECTORS = frozenset({"an", "na", "de", "la", "le", "les", "du", "del", "des", "am", "im", "der", "di",
                                    "da", "do", "dos", "das", "nr", "y", "e", "of", "and", "&"})

#: Words and phrases that put a post in a school context.
SCHOOL_CONTEXT = (
    "school", "first day", "last day", "year 1", "year 2", "year 3", "year 4", "year 5", "year 6",
    "reception", "nursery", "preschool", "pre-school", "kindergarten", "kindy", "class", "teacher",
    "term", "nativity", "sports day", "graduation", "uniform", "jumper day", "book day", "world book day",
    "school run", "homework", "playground", "assembly", "grade", "1st grade", "first grade", "pre-k",
    "prek", "back to school", "backtoschool", "firstdayofschool", "firstdayatschool", "lastdayofschool",
    "report card", "parents evening", "parent-teacher", "non-uniform", "school trip", "show and tell",
    "🎒", "🏫", "🍎", "montessori", "academy", "infants", "juniors", "elementary", "primary",
    "junior infants", "senior infants", "gaelscoil", "scoil", "kinder", "daycare", "childcare", "creche",
    "year one", "prep", "foundation year", "jk", "sk", "junior kindergarten", "senior kindergarten",
    # class names of more school systems: Scottish P1-P7, Singapore K1/K2 and PSLE, South African Grade R
    "p1", "p2", "p3", "p4", "p5", "p6", "p7", "primary 1", "primary one", "k1", "k2", "psle", "grade r",
    "secondary 1", "form 1", "lkg", "ukg", "jr kg", "sr kg", "nursery class", "annual day", "primaria",
    "garderie", "maternelle", "prematernelle", "guarderia", "preescolar",
    "prize-giving", "prize giving", "prizegiving", "speech day", "blazer",
    "school tie", "matric", "pre-primary", "grade 00", "grade 000",
    # Nigerian JSS/SS classes and resumption, Filipino recognition and moving-up days, Welsh and Polish class words
    "jss1", "jss2", "jss3", "jss 1", "jss 2", "jss 3", "ss1", "ss2", "ss3", "basic 1", "primary one", "resumption",
    "inter-house sports", "interhouse sports", "secondary school", "recognition day", "moving up", "moving-up",
    "blwyddyn", "derbyn", "meithrin", "klasa", "zerowka", "szkola",
)

# --- Places ---------------------------------------------------------------------------------

#: Words of a holiday post: the places in it are visited, not home.
HOLIDAY_CUES = (
    "holiday", "holidays", "hols", "vacation", "vacay", "staycation", "getaway", "trip", "road trip",
    "roadtrip", "half term away", "mini break", "minibreak", "weekend away", "week away", "abroad",
    "resort", "all inclusive", "all-inclusive", "airport", "flight", "plane", "✈", "🏖", "🏝", "🌴",
    "home tomorrow", "back to reality", "going home", "last night in", "until next time", "would go again",
    "you were a dream", "you've been amazing", "youve been amazing", "been amazing", "see you next year",
    "aloha", "familyvacation", "familyholiday", "travel", "travelling", "traveling", "visiting",
    "day trip", "daytrip", "camping", "caravan", "glamping", "cruise", "hotel", "airbnb", "lodge",
    "center parcs", "centre parcs", "butlins", "haven", "disneyland", "disney world", "disneyworld",
    "day out", "days out", "trip to", "visit to", "weekend in", "break in", "exploring", "sightseeing",
    "tourist", "touristy", "wanderlust", "passport", "suitcase", "suitcases", "bags packed", "packing for",
    "cottage weekend", "cabin weekend", "beach weekend", "lake weekend", "weekend up in",
    "weekend down in", "trip up to", "trip down to", "long weekend in", "weekend away in",
)

#: Hashtag endings that make the front part a local place ("#harrogatemums", "#leedssnow").
LOCAL_HASHTAG_SUFFIXES = (
    "mums", "mum", "moms", "mom", "mummies", "mommies", "mamas", "mama", "parents", "dads", "dad",
    "family", "families", "kids", "life", "living", "local", "snow", "weather", "news", "events",
    "things", "thingstodo", "baby", "babies", "toddlers", "nursery", "schools", "park", "parks",
)

#: Well-known holiday destinations and resorts, folded: never the family's home town.
RESORTS = frozenset({
    "center parcs", "centre parcs", "butlins", "haven", "disneyland", "disney world", "orlando",
    "majorca", "mallorca", "magaluf", "ibiza", "tenerife", "lanzarote", "gran canaria", "fuerteventura",
    "benidorm", "algarve", "crete", "corfu", "rhodes", "zante", "kos", "cancun", "maui", "hawaii",
    "honolulu", "waikiki", "bali", "phuket", "dubai", "las vegas", "cornwall", "lake district",
    "costa del sol", "costa blanca", "marbella", "malaga", "paphos", "cyprus", "turkey", "antalya",
    "dalaman", "bodrum", "sharm el sheikh", "hurghada", "maldives", "mauritius", "barbados", "jamaica",
    "punta cana", "cabo", "myrtle beach", "outer banks", "cape cod", "lake tahoe", "yosemite",
    "legoland", "alton towers", "euro disney", "disneyland paris", "portaventura", "gardaland",
})

#: Words that make a capitalised word a place of the family's daily life ("Valley Gardens").
PLACE_WORDS = frozenset({
    "park", "gardens", "garden", "woods", "wood", "beach", "field", "fields", "common", "green", "lake",
    "zoo", "farm", "museum", "library", "centre", "center", "leisure", "pool", "baths", "church",
    "hall", "stadium", "arena", "castle", "abbey", "showground", "playground", "soft play", "square",
})

#: Words that end a venue's name ("Northfield Aquatic Centre", "Lakeview Community Rink"): a town
#: name inside such a name is the venue's, not the family's town.
VENUE_WORDS = PLACE_WORDS | frozenset({
    "rink", "cafe", "café", "coffee", "restaurant", "bakery", "gym", "studio", "studios", "club", "clubhouse",
    "courts", "pitch", "pitches", "grounds", "theatre", "theater", "cinema", "hospital", "clinic", "cathedral",
    "chapel", "mosque", "temple", "synagogue", "mall", "plaza", "pavilion", "complex", "ymca", "ywca", "marae",
    "natatorium", "aquarium", "gallery", "church", "school", "academy",
})
#: Capitalised words that end a street's name ("Westfield Rd"): a town name before one is the street's.
STREET_NAME_WORDS = frozenset({"road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "drive", "dr",
                               "crescent", "boulevard", "blvd", "terrace", "highway", "hwy", "parkway", "pkwy",
                               "court", "ct", "place", "pl", "close", "way", "mews", "parade", "strasse", "straße"})
#: Words after a place name that keep it the town ("Leeds Town Hall", "Perth City Centre").
TOWN_PART_WORDS = frozenset({"town", "city", "village", "county", "borough", "downtown", "central"})

# --- Time and activities ---------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Folded forms of weekday names and abbreviations -> index (Monday = 0).
WEEKDAY_FORMS = {
    "monday": 0, "mon": 0, "mondays": 0, "tuesday": 1, "tues": 1, "tue": 1, "tuesdays": 1,
    "wednesday": 2, "wed": 2, "weds": 2, "wednesdays": 2, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "thursdays": 3, "friday": 4, "fri": 4, "fridays": 4, "saturday": 5, "sat": 5, "saturdays": 5,
    "sunday": 6, "sun": 6, "sundays": 6,
    # French and Spanish (folded)
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5, "sabados": 5, "domingo": 6,
    "domingos": 6, "lundis": 0, "mardis": 1, "mercredis": 2, "jeudis": 3, "vendredis": 4, "samedis": 5,
    "dimanches": 6,
    # more languages parents code-switch into (folded); words that are also common names or English
    # words ("Juma", "Mane", "Linggo" for week) are left out
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrydag": 4, "saterdag": 5, "sondag": 6,
    "maandae": 0, "dinsdae": 1, "woensdae": 2, "donderdae": 3, "vrydae": 4, "saterdae": 5, "sondae": 6,
    "jumatatu": 0, "jumanne": 1, "jumatano": 2, "alhamisi": 3, "ijumaa": 4, "jumamosi": 5, "jumapili": 6,
    "isnin": 0, "senin": 0, "selasa": 1, "rabu": 2, "khamis": 3, "kamis": 3, "jumaat": 4, "jumat": 4,
    "sabtu": 5, "ahad": 6, "miyerkules": 2, "huwebes": 3, "biyernes": 4,
    "somvar": 0, "somvaar": 0, "mangalvar": 1, "mangalvaar": 1, "budhvar": 2, "budhvaar": 2, "guruvar": 3,
    "guruvaar": 3, "jumeraat": 3, "shukravar": 4, "shukravaar": 4, "shanivar": 5, "shanivaar": 5,
    "ravivar": 6, "ravivaar": 6, "itwaar": 6, "itvaar": 6,
    "turei": 1, "wenerei": 2, "taite": 3, "paraire": 4, "rahoroi": 5, "ratapu": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
    "vrijdag": 4, "zaterdag": 5, "zondag": 6, "lunedi": 0, "martedi": 1, "mercoledi": 2, "giovedi": 3,
    "venerdi": 4, "domenica": 6, "poniedzialek": 0, "wtorek": 1, "sroda": 2, "czwartek": 3, "piatek": 4,
    "sobota": 5, "niedziela": 6,
}
#: Weekday forms that say "every" by themselves (plurals: "Dinsdae is netball").
WEEKDAY_PLURALS = frozenset({"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
                             "lundis", "mardis", "mercredis", "jeudis", "vendredis", "samedis", "dimanches",
                             "sabados", "domingos", "maandae", "dinsdae", "woensdae", "donderdae", "vrydae",
                             "saterdae", "sondae"})

#: Spanish and French number words (folded) for ages said in those languages ("cinco años", "six ans").
FOREIGN_NUMBER_WORDS = {
    "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quince": 15,
}

#: Folded month names and abbreviations -> month number.
MONTH_FORMS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

#: Activities a child goes to every week: the lexicon word -> the activity's name.
ACTIVITIES = {
    "swimming": "swimming", "swim": "swimming", "swims": "swimming", "swimmer": "swimming",
    "swimming lesson": "swimming", "ballet folklorico": "ballet folklórico", "folklorico": "folklórico",
    "bal vihar": "Bal Vihar", "balvihar": "Bal Vihar", "mariachi": "mariachi",
    "lengths": "swimming", "25 metres": "swimming", "25m": "swimming",
    "football": "football", "soccer": "soccer", "rugby": "rugby", "tag rugby": "rugby",
    "ballet": "ballet", "dance": "dance", "dancing": "dance", "tap": "dance", "gymnastics": "gymnastics",
    "gym": "gymnastics", "karate": "karate", "judo": "judo", "taekwondo": "taekwondo",
    "martial arts": "martial arts", "jiu jitsu": "jiu jitsu", "boxing": "boxing", "tennis": "tennis",
    "cricket": "cricket", "hockey": "hockey", "netball": "netball", "basketball": "basketball",
    "baseball": "baseball", "t-ball": "t-ball", "tball": "t-ball", "softball": "softball",
    "piano": "piano", "violin": "violin", "guitar": "guitar", "drums": "drums", "music": "music",
    "singing": "singing", "choir": "choir", "drama": "drama", "theatre": "drama", "art class": "art",
    "beavers": "Beavers", "cubs": "Cubs", "scouts": "Scouts", "rainbows": "Rainbows",
    "brownies": "Brownies", "guides": "Guides", "girl scouts": "Girl Scouts", "cheer": "cheerleading",
    "cheerleading": "cheerleading", "climbing": "climbing", "riding": "horse riding",
    "horse riding": "horse riding", "skating": "skating", "ice skating": "skating", "skiing": "skiing",
    "sailing": "sailing", "rowing": "rowing", "athletics": "athletics", "running": "running",
    "parkrun": "parkrun", "junior parkrun": "parkrun", "forest school": "forest school",
    "playgroup": "playgroup", "toddler group": "toddler group", "baby group": "baby group",
    "rhyme time": "rhyme time", "rhymetime": "rhyme time", "story time": "story time",
    "storytime": "story time", "sunday school": "Sunday school", "church": "church", "mosque": "mosque",
    "madrasa": "madrasa", "temple": "temple", "synagogue": "synagogue", "chess": "chess", "coding": "coding",
    "tutoring": "tutoring", "tutor": "tutoring", "kumon": "Kumon", "soft play": "soft play",
    "baby sensory": "baby sensory", "water babies": "swimming", "waterbabies": "swimming",
    "ducklings": "swimming", "stage 1": "swimming", "badminton": "badminton", "golf": "golf",
    "lacrosse": "lacrosse", "volleyball": "volleyball", "fencing": "fencing", "archery": "archery",
    # more countries' weekly activities, kept in the parent's words
    "footy": "footy", "aussie rules": "footy", "auskick": "footy", "afl": "footy", "hurling": "hurling",
    "camogie": "camogie", "gaelic football": "Gaelic football", "gaelic": "Gaelic football", "gaa": "GAA",
    "irish dancing": "Irish dancing", "highland dancing": "Highland dancing", "tap dancing": "tap dancing",
    "calisthenics": "calisthenics", "little athletics": "athletics", "nippers": "nippers",
    "surf lifesaving": "nippers", "ice hockey": "ice hockey", "little league": "baseball",
    "flag football": "flag football", "wrestling": "wrestling", "kung fu": "kung fu", "capoeira": "capoeira",
    "jiu-jitsu": "jiu jitsu", "trampolining": "trampolining", "parkour": "parkour", "futsal": "futsal",
    "water polo": "water polo", "surfing": "surfing", "pony club": "pony club", "swim squad": "swimming",
    "swim team": "swimming", "bharatanatyam": "Bharatanatyam", "kathak": "Kathak", "tabla": "tabla",
    "cello": "cello", "flute": "flute", "trumpet": "trumpet", "ukulele": "ukulele", "orchestra": "orchestra",
    "hebrew school": "Hebrew school", "catechism": "catechism", "quran class": "Quran class",
    "tuition": "tuition", "tuition class": "tuition", "abacus": "abacus", "mental arithmetic": "abacus",
    "robotics": "robotics", "mandarin class": "Mandarin", "chinese class": "Chinese class",
    "speech and drama": "speech and drama", "wushu": "wushu", "silat": "silat", "swimming lessons": "swimming",
    "lego club": "Lego club", "art lessons": "art", "piano lessons": "piano", "extra lessons": "tuition",
    # youth movements and after-school clubs of more countries, kept in the parent's words
    "urdd": "Urdd", "aelwyd": "Urdd", "harcerstwo": "harcerstwo", "harcerze": "harcerstwo",
    "polish school": "Polish school", "saturday school": "Saturday school", "bible study": "Bible study",
    "boys brigade": "Boys' Brigade", "girls brigade": "Girls' Brigade", "cadets": "cadets", "sea cadets": "cadets",
    "sunday service": "church", "mass": "church", "choir practice": "choir",
    "madrasah": "madrasa", "madrassa": "madrasa", "quran": "Quran class", "mengaji": "mengaji",
    "kapa haka": "kapa haka", "occupational therapy": "occupational therapy", "speech therapy": "speech therapy",
    "physio": "physio", "ninja class": "ninja class", "ninja warrior": "ninja class",
    "stay and play": "stay and play", "rhythm time": "rhythm time", "music class": "music", "vocal class": "singing",
    "singing class": "singing", "swim class": "swimming", "dance class": "dance", "netball training": "netball",
}
#: Activities that are first a place ("Brownies at the church hall"): another activity said with them wins.
VENUE_ACTIVITIES = frozenset({"church", "mosque", "temple", "synagogue"})

#: Emoji that name an activity.
ACTIVITY_EMOJI = {
    "⚽": "football", "🏊": "swimming", "🩰": "ballet", "🥋": "martial arts", "🎾": "tennis",
    "🏉": "rugby", "🏏": "cricket", "🏀": "basketball", "⚾": "baseball", "🤸": "gymnastics",
    "🎹": "piano", "🎻": "violin", "🎸": "guitar", "🥁": "drums", "🏑": "hockey", "⛸": "skating",
    "🏇": "horse riding", "🧗": "climbing", "🏐": "volleyball", "🤺": "fencing", "🏸": "badminton",
}

# --- Sensitive pictures -------------------------------------------------------------------------

#: Words, hashtag parts and emoji of pictures that should never be public, by reason.
SENSITIVE_CUES = {
    "bath": ("bath", "bathtime", "bath time", "bubble bath", "in the tub", "bathing", "bubble beard",
             "bubble beards", "🛁", "splash time", "shower time", "showertime", "hot tub", "bathtub", "bath tub",
             "tubby", "tubby time", "tubbytime", "bathies", "splish splash", "in the bath"),
    "toilet": ("potty", "toilet", "potty training", "pottytraining", "poo", "poop", "pooped",
               "🚽", "loo", "on the throne", "toilettraining", "toilet training"),
    "nappy": ("nappy", "nappies", "diaper", "diapers", "nappy change", "blowout", "nappyfree"),
    "nudity": ("naked", "nakey", "nudie", "nudey", "nude", "no clothes", "birthday suit", "bare bum",
               "bare bottom", "skinny dip", "skinny dipping", "streaking", "topless", "nappy free",
               "nappy-free", "in the nip", "in the nuddy", "nuddy", "starkers", "nudie run"),
    "distress": ("tantrum", "meltdown", "crying", "sobbing", "in tears", "screaming", "toddlertantrum",
                 "threenager tantrum", "sick", "poorly", "hospital", "a&e", "vomit", "throwing up",
                 "injured", "stitches", "wobbly", "tanty", "tantie", "hissy fit", "emergency room",
                 "urgent care", "broken arm", "broke his arm", "broke her arm"),
    "swimwear": ("swimsuit", "swimming costume", "cossie", "bikini", "trunks", "paddling pool"),
}

# --- Calendar and other capitalised non-names ------------------------------------------------------

#: Capitalised words that are never a first name in a caption, folded.
NOT_NAMES = frozenset({
    "happy", "merry", "christmas", "xmas", "easter", "halloween", "diwali", "eid", "hanukkah", "new",
    "year", "years", "day", "days", "week", "weekend", "month", "today", "tonight", "tomorrow",
    "yesterday", "morning", "mornings", "afternoon", "evening", "night", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "spring",
    "summer", "autumn", "fall", "winter", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mum", "mummy", "mom", "mommy", "mama", "dad", "daddy", "papa", "grandma",
    "grandad", "nana", "granny", "uncle", "auntie", "aunt", "santa", "god", "lord", "jesus", "love",
    "first", "last", "best", "birthday", "mother", "father", "mothers", "fathers", "valentine",
    "valentines", "star", "angel", "baby", "babe", "bubba", "little", "big", "sweet", "honey", "sunny",
    "snow", "rain", "sun", "beach", "park", "home", "school", "nursery", "bank", "holiday", "lol", "omg",
    "wow", "yay", "hooray", "thank", "thanks", "ok", "okay", "yes", "no", "oh", "ah", "bless", "cheers",
    "the", "a", "an", "and", "but", "so", "our", "my", "his", "her", "their", "we", "i", "you", "she",
    "he", "it", "they", "this", "that", "these", "those", "what", "who", "when", "where", "why", "how",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "spooky", "snowy", "sunday", "bank holiday", "boxing", "pancake", "shrove", "lent", "ramadan",
    "lunar", "chinese", "thanksgiving", "memorial", "labor", "labour", "independence", "mothering",
    "pride", "world", "book", "sports", "red", "blue", "green", "pink", "yellow", "purple", "gold",
    "reception", "nativity", "grade", "class", "team", "crew", "gang", "squad", "family", "fam",
    "kids", "kid", "boys", "girls", "twins", "bestie", "besties", "friends", "friend", "forever",
    "always", "never", "every", "still", "again", "finally", "just", "only", "even", "really", "very",
    "super", "mega", "proud", "proper", "such", "much", "many", "more", "most", "all", "both", "each",
    "another", "other", "some", "any", "no", "not", "none", "nothing", "everything", "everyone",
    "somebody", "someone", "anyone", "nobody", "here", "there", "now", "then", "soon", "ever",
    "muddy", "cold", "hot", "warm", "wet", "dry", "chilly", "frosty", "freezing", "sunshine",
    "bath", "bathtime", "bubble", "bubbles", "potty", "sandcastles", "chips", "pizza", "cake", "tea",
    "dinner", "lunch", "breakfast", "brunch", "picnic", "party", "parties", "presents", "gifts",
    "wedding", "christening", "baptism", "communion", "graduation", "anniversary", "memories",
    "throwback", "tbt", "flashback", "ootd", "selfie", "photo", "pic", "pics", "video",
    # French and Spanish words that open captions (folded): articles, greetings, feasts
    "les", "las", "los", "feliz", "bonne", "bon", "joyeux", "joyeuse", "nuestra", "nuestro", "navidad",
    "quinceanera", "muertos", "souper", "reveillon", "premier", "premiere", "cabane", "noche", "buena", "nochebuena",
    "posadas", "rentree", "avec", "chez", "pour", "con", "para", "hoy", "aujourd'hui", "fete", "anniversaire",
    "cumpleanos", "cumple",
})
