/* dl-sample.c — a believable made-up business for trying the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model, in the order it is built:
 *
 * 1. Join days over three years, the business growing (more joins lately).
 * 2. Each newcomer picks a sponsor by preferential attachment: weight =
 *    drive × 80 (1 + k) / (10 + k) for k recruits so far (growing with
 *    success up to the pace one person can keep), six times that in a
 *    member's first two months; the user recruits at a steady pace.  Most
 *    members have no drive at all (customers, people who only wanted the
 *    products), a few have a lot, and a member recruits only until their
 *    own activity stops.  So most never recruit, a few recruit many, and
 *    fresh enthusiasm makes the deep chains (capped at
 *    DL_SAMPLE_MAX_DEPTH).
 * 3. Each member's activity lasts a drawn lifetime, long for the driven
 *    ones; months after it stops they become inactive, later most drop.
 *    As the field advice says, most who joined over a year ago are gone.
 * 4. Ranks follow downline size.  The user's contact log follows the
 *    cadence rules loosely: personal recruits and second level get
 *    welcomes and check-ins, deeper members only when their own sponsor
 *    went quiet; some members are neglected.
 * 5. A pipeline of prospects across the stages, a few recently joined.
 */

#define G_LOG_DOMAIN "dl-sample"

#include "dl-day.h"
#include "dl-sample.h"

#include <math.h>
#include <string.h>

/* ---- word tables -------------------------------------------------------- */

/* Names by culture, so a person's first and last name usually belong
 * together; one in six takes a last name from elsewhere, as families do. */
static const char *const anglo_first[] = {
  "James", "Mary", "Michael", "Jennifer", "David", "Linda", "Sarah", "Jessica",
  "Ashley", "Brandon", "Tyler", "Megan", "Emily", "Jacob", "Hannah", "Kayla",
  "Ryan", "Amanda", "Heather", "Chris", "Nicole", "Justin", "Brittany",
  "Lauren", "Kevin", "Rachel", "Dustin", "Amber", "Tiffany", "Derek",
  "Courtney", "Janet", "Donna", "Gary", "Brenda", "Wendy", "Kyle", "Shawna",
  "Tammy", "Cody", "Crystal", "Holly", "Travis", "Melissa", "Dale", "Kristen",
};
static const char *const anglo_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
  "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson",
  "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young",
  "Allen", "Wright", "Baker", "Adams", "Nelson", "Carter", "Mitchell",
  "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
  "Collins", "Stewart", "Morris", "Cook", "Rogers", "Reed", "Bailey",
  "Cooper", "Howard", "Ward", "Brooks", "Bennett", "Gray", "Hughes", "Price",
  "Sanders", "Fisher", "Hayes", "Myers", "Ford", "Graham", "Wallace", "Hunt",
  "Porter", "Whitaker", "Holloway", "Pruitt", "Caldwell", "Lindgren",
};
static const char *const hispanic_first[] = {
  "José", "María", "Juan", "Guadalupe", "Luis", "Carmen", "Carlos", "Sofía",
  "Alejandro", "Lucía", "Miguel", "Ana", "Jorge", "Valentina", "Diego",
  "Camila", "Fernando", "Isabel", "Ricardo", "Gabriela", "Javier", "Daniela",
  "Andrés", "Mariana", "Raúl", "Ximena", "Emilio", "Paola", "Héctor", "Rosa",
  "Santiago", "Verónica", "Rubén", "Adriana", "Óscar", "Beatriz", "Mateo",
  "Inés", "Yesenia", "Marisol", "Esteban", "Araceli",
};
static const char *const hispanic_last[] = {
  "García", "Martínez", "Rodríguez", "López", "Hernández", "González",
  "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez",
  "Díaz", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz", "Chávez",
  "Ramos", "Ruiz", "Mendoza", "Vargas", "Castillo", "Jiménez", "Moreno",
  "Romero", "Herrera", "Medina", "Aguilar", "Vega", "Castro", "Guzmán",
  "Muñoz", "Rojas", "Peña", "Salazar", "Delgado", "Navarro", "Ibarra",
  "Fuentes", "Villanueva", "Ortega", "Cisneros", "Zavala",
};
static const char *const italian_first[] = {
  "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Matteo", "Alessandra",
  "Giovanni", "Elena", "Paolo", "Gina", "Vincent", "Angela", "Dominic",
};
static const char *const italian_last[] = {
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
  "Ricci", "Marino", "Greco", "Bruno", "Conti", "De Luca", "Costa",
  "Mancini", "Lombardi",
};
static const char *const irish_first[] = {
  "Siobhan", "Declan", "Aoife", "Ciarán", "Niamh", "Liam", "Maeve", "Eoin",
  "Róisín", "Conor", "Brendan", "Colleen", "Sean", "Erin",
};
static const char *const irish_last[] = {
  "O'Brien", "Murphy", "Kelly", "Sullivan", "Walsh", "O'Connor", "McCarthy",
  "Byrne", "Ryan", "Doyle", "Gallagher", "Kennedy", "Quinn", "Fitzgerald",
  "McGrath", "Keane",
};
static const char *const german_first[] = {
  "Lukas", "Anja", "Jens", "Katrin", "Tobias", "Heike", "Stefan", "Sabine",
  "Greta", "Karl",
};
static const char *const german_last[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker",
  "Hoffmann", "Wagner", "Zimmermann", "Krause", "Vogel", "Hartmann",
};
static const char *const polish_first[] = {
  "Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Paweł",
  "Joanna", "Marek", "Ewa", "Krzysztof",
};
static const char *const polish_last[] = {
  "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Lewandowski", "Zieliński",
  "Szymański", "Dąbrowski", "Kozłowski", "Mazur",
};
static const char *const vietnamese_first[] = {
  "Linh", "Minh", "Thao", "Huong", "Tuan", "Trang", "Duc", "Lan", "Khanh",
  "Phuong", "Bao", "Vy",
};
static const char *const vietnamese_last[] = {
  "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo",
};
static const char *const chinese_first[] = {
  "Wei", "Mei", "Jun", "Xiaoling", "Hao", "Yan", "Jing", "Kevin", "Grace",
  "Lian", "Tao", "Amy",
};
static const char *const chinese_last[] = {
  "Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Zhao", "Wu", "Zhou", "Lin",
  "Cheng", "Tang",
};
static const char *const korean_first[] = {
  "Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Eun-ji", "Joon", "Soo-ah",
  "Daniel", "Grace", "Sung-min",
};
static const char *const korean_last[] = {
  "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Han", "Shin",
};
static const char *const indian_first[] = {
  "Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Deepa", "Sanjay",
  "Meera", "Aditya", "Neha", "Rahul", "Lakshmi", "Nikhil",
};
static const char *const indian_last[] = {
  "Patel", "Sharma", "Singh", "Gupta", "Reddy", "Iyer", "Nair", "Kumar",
  "Desai", "Mehta", "Rao", "Chopra", "Bhatt", "Joshi",
};
static const char *const filipino_first[] = {
  "Maricel", "Jericho", "Rowena", "Mark Anthony", "Joy", "Rodel", "Lorna",
  "Arnel", "Cherry", "Rommel", "Jasmine", "Paolo",
};
static const char *const filipino_last[] = {
  "Santos", "Bautista", "Ocampo", "Mendoza", "Aquino", "Dela Cruz",
  "Pascual", "Manalo", "Tolentino", "Soriano", "Navarro", "Castillo",
};
static const char *const african_first[] = {
  "Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Funmilayo", "Tunde",
  "Chiamaka", "Kwame", "Ama", "Kofi", "Abena",
};
static const char *const african_last[] = {
  "Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Mensah",
  "Owusu", "Adebayo", "Obi", "Boateng", "Asante",
};
static const char *const arabic_first[] = {
  "Omar", "Layla", "Yusuf", "Fatima", "Karim", "Nadia", "Samir", "Rania",
  "Hassan", "Amira", "Tariq", "Salma",
};
static const char *const arabic_last[] = {
  "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Farah", "Aziz",
  "Hamdan", "Abboud", "Karam",
};
static const char *const brazilian_first[] = {
  "João", "Ana Clara", "Thiago", "Fernanda", "Rafael", "Gustavo", "Larissa",
  "Caio", "Renata", "Letícia", "Rodrigo", "Bruna",
};
static const char *const brazilian_last[] = {
  "Silva", "Oliveira", "Souza", "Pereira", "Almeida", "Carvalho", "Ferreira",
  "Rocha", "Barbosa", "Gonçalves", "Araújo", "Ribeiro",
};
static const char *const french_first[] = {
  "Camille", "Julien", "Élodie", "Mathieu", "Amélie", "Olivier", "Margaux",
  "Théo", "Chloé", "Luc",
};
static const char *const french_last[] = {
  "Dubois", "Lefebvre", "Moreau", "Laurent", "Girard", "Fontaine", "Mercier",
  "Chevalier", "Lambert", "Bonnet", "Tremblay", "Gagnon",
};
static const char *const japanese_first[] = {
  "Yuki", "Haruto", "Aiko", "Kenji", "Sakura", "Takeshi", "Emi", "Ren",
  "Naomi", "Hiro",
};
static const char *const japanese_last[] = {
  "Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Yamamoto",
  "Nakamura", "Kobayashi", "Ito", "Yoshida",
};

typedef struct
{
  guint              weight;
  const char *const *first;
  guint              n_first;
  const char *const *last;
  guint              n_last;
} Culture;

#define CULTURE(w, name) \
  { w, name##_first, G_N_ELEMENTS (name##_first), name##_last, G_N_ELEMENTS (name##_last) }

static const Culture cultures[] = {
  CULTURE (30, anglo),
  CULTURE (22, hispanic),
  CULTURE (5, italian),
  CULTURE (5, irish),
  CULTURE (4, german),
  CULTURE (3, polish),
  CULTURE (4, vietnamese),
  CULTURE (4, chinese),
  CULTURE (3, korean),
  CULTURE (5, indian),
  CULTURE (4, filipino),
  CULTURE (3, african),
  CULTURE (3, arabic),
  CULTURE (3, brazilian),
  CULTURE (2, french),
  CULTURE (2, japanese),
};

#undef CULTURE

/* A name is (culture << 8 | index) so one guint16 finds the string. */
#define NAME_CULTURE(n) ((n) >> 8)
#define NAME_INDEX(n)   ((n) & 0xff)

typedef struct
{
  const char *name;
  guint16     area_code;
  gboolean    local;       /* near the user, in and around Portland */
} City;

static const City cities[] = {
  { "Portland, OR", 503, TRUE },
  { "Beaverton, OR", 503, TRUE },
  { "Gresham, OR", 971, TRUE },
  { "Hillsboro, OR", 503, TRUE },
  { "Lake Oswego, OR", 503, TRUE },
  { "Tigard, OR", 971, TRUE },
  { "Oregon City, OR", 503, TRUE },
  { "Salem, OR", 503, TRUE },
  { "Vancouver, WA", 360, TRUE },
  { "Camas, WA", 360, TRUE },
  { "Eugene, OR", 541, FALSE },
  { "Bend, OR", 541, FALSE },
  { "Seattle, WA", 206, FALSE },
  { "Tacoma, WA", 253, FALSE },
  { "Spokane, WA", 509, FALSE },
  { "Boise, ID", 208, FALSE },
  { "Sacramento, CA", 916, FALSE },
  { "Fresno, CA", 559, FALSE },
  { "San Diego, CA", 619, FALSE },
  { "Riverside, CA", 951, FALSE },
  { "Phoenix, AZ", 602, FALSE },
  { "Tucson, AZ", 520, FALSE },
  { "Albuquerque, NM", 505, FALSE },
  { "El Paso, TX", 915, FALSE },
  { "San Antonio, TX", 210, FALSE },
  { "Austin, TX", 512, FALSE },
  { "Houston, TX", 713, FALSE },
  { "Dallas, TX", 214, FALSE },
  { "Denver, CO", 303, FALSE },
  { "Salt Lake City, UT", 801, FALSE },
  { "Kansas City, MO", 816, FALSE },
  { "Omaha, NE", 402, FALSE },
  { "Minneapolis, MN", 612, FALSE },
  { "Chicago, IL", 312, FALSE },
  { "Milwaukee, WI", 414, FALSE },
  { "Columbus, OH", 614, FALSE },
  { "Nashville, TN", 615, FALSE },
  { "Atlanta, GA", 404, FALSE },
  { "Charlotte, NC", 704, FALSE },
  { "Raleigh, NC", 919, FALSE },
  { "Orlando, FL", 407, FALSE },
  { "Tampa, FL", 813, FALSE },
  { "Miami, FL", 305, FALSE },
  { "Richmond, VA", 804, FALSE },
  { "Philadelphia, PA", 215, FALSE },
  { "Pittsburgh, PA", 412, FALSE },
  { "Boston, MA", 617, FALSE },
  { "Buffalo, NY", 716, FALSE },
  { "Toronto, ON", 416, FALSE },
  { "Calgary, AB", 403, FALSE },
};
#define N_LOCAL_CITIES 10

static const char *const categories[] = {
  "Teacher", "Nurse", "Stay-at-home parent", "Hairdresser",
  "Personal trainer", "Retail manager", "Real estate agent", "Student",
  "Retired", "Office administrator", "Accountant", "Truck driver",
  "Small business owner", "Dental hygienist", "Barista",
  "Software developer", "Firefighter", "Yoga instructor",
  "Massage therapist", "Photographer", "Esthetician", "Bookkeeper",
  "Sales representative", "Caregiver", "Chef", "Electrician", "Pharmacist",
  "Social worker", "Graphic designer", "Daycare owner", "Pastor",
  "Insurance agent", "Medical assistant", "Military spouse", "Flight attendant",
};

typedef enum
{
  SOURCE_MET,          /* how the user met someone in person or online */
  SOURCE_TEAM,         /* how the user came across a deeper member */
  SOURCE_REFERRAL,     /* "Referral from <name>" */
} SourceKind;

typedef struct
{
  SourceKind  kind;
  const char *text;
} Source;

/* Index 0 is "no source". */
static const Source sources[] = {
  { SOURCE_MET, "" },
  { SOURCE_REFERRAL, "Referral from" },
  { SOURCE_MET, "Met at a school event" },
  { SOURCE_MET, "Kids' soccer team" },
  { SOURCE_MET, "Instagram" },
  { SOURCE_MET, "Facebook group" },
  { SOURCE_MET, "Coworker" },
  { SOURCE_MET, "Neighbor" },
  { SOURCE_MET, "Family" },
  { SOURCE_MET, "Church" },
  { SOURCE_MET, "Gym" },
  { SOURCE_MET, "Farmers market booth" },
  { SOURCE_MET, "Wellness fair" },
  { SOURCE_MET, "Book club" },
  { SOURCE_MET, "Home party" },
  { SOURCE_MET, "LinkedIn" },
  { SOURCE_MET, "Old college friend" },
  { SOURCE_MET, "Online presentation" },
  { SOURCE_MET, "Chatted at a coffee shop" },
  { SOURCE_MET, "Craft fair" },
  { SOURCE_TEAM, "Team training night" },
  { SOURCE_TEAM, "Company convention" },
  { SOURCE_TEAM, "Team Facebook group" },
  { SOURCE_TEAM, "Upline welcome call" },
};
#define SOURCE_NONE     0
#define SOURCE_REFER    1
#define FIRST_MET       2
#define N_MET           (20 - FIRST_MET)
#define FIRST_TEAM      20
#define N_TEAM          (G_N_ELEMENTS (sources) - FIRST_TEAM)

/* Index 0 is "not given". */
static const char *const best_times[] = {
  "", "Weekday evenings", "Mornings before 9", "Lunchtime", "Weekends",
  "After 7 pm", "Text first", "Any time", "Afternoons",
  "After the kids are in bed",
};

/* Index 0 is "no notes". */
static const char *const person_notes[] = {
  "",
  "Has two teenagers; evenings are hectic.",
  "Prefers a text to a call.",
  "Vegan, so ask about the plant protein line.",
  "Training for a half marathon this year.",
  "Works night shifts; call after noon.",
  "Spanish is her first language; happy to talk in either.",
  "Likes everything in writing before deciding.",
  "Runs a small salon and meets a lot of people.",
  "Met through my sister-in-law.",
  "Very social; great at hosting.",
  "Saving for a family trip next summer.",
  "Shy on the phone, lively in person.",
  "Has a sensitive-skin question every time.",
  "Lives near the team meeting place.",
};

typedef struct
{
  const char *name;
  guint       min_downline;
  guint       min_recruits;
} Rank;

/* Index 0 is a customer's (no rank).  Higher ranks need a bigger team. */
static const Rank ranks[] = {
  { "", 0, 0 },
  { "Member", 0, 0 },
  { "Bronze", 2, 1 },
  { "Silver", 10, 3 },
  { "Gold", 40, 4 },
  { "Platinum", 150, 6 },
  { "Diamond", 600, 8 },
};

typedef enum
{
  S_WELCOME,
  S_UPLINE_WELCOME,
  S_TAKEOVER,
  S_CHECK_IN_EARLY,   /* the first three months */
  S_CHECK_IN,
  S_QUIET,
  S_CONGRATS,
  S_FAREWELL,
  S_NOTE,
  S_P_FIRST,
  S_P_FOLLOW,
  S_P_NOT_NOW,
  S_P_JOINED,
  N_PURPOSES
} Purpose;

typedef struct
{
  guint8      purpose;
  guint8      kind;
  const char *text;
} Summary;

/* Grouped by purpose; each interaction picks a line of its purpose, and
 * the line decides the kind of contact. */
#define L(purpose, kind, text) { S_##purpose, DL_CONTACT_##kind, text }

static const Summary summaries[] = {
  L (WELCOME, CALL, "Welcome call: walked through the back office and the first order"),
  L (WELCOME, CALL, "Welcome call; set a time for our first check-in"),
  L (WELCOME, LETTER, "Sent the welcome letter with my number and the getting-started guide"),
  L (WELCOME, MESSAGE, "Texted a warm welcome and the link to the new-member call"),
  L (WELCOME, MEETING, "Coffee to celebrate joining and plan the first 30 days"),
  L (WELCOME, EMAIL, "Emailed the welcome pack and the training calendar"),

  L (UPLINE_WELCOME, LETTER, "Sent the upline welcome letter"),
  L (UPLINE_WELCOME, EMAIL, "Emailed hello as their upline; pointed them to their sponsor first"),
  L (UPLINE_WELCOME, MESSAGE, "Texted a welcome to the team and the Thursday call details"),

  L (TAKEOVER, CALL, "Their sponsor has gone quiet; called to introduce myself and offer help"),
  L (TAKEOVER, EMAIL, "Emailed to say I'm their contact now while their sponsor is away"),
  L (TAKEOVER, MESSAGE, "Texted to check they have everything they need from the team"),

  L (CHECK_IN_EARLY, CALL, "Checked in; the first order arrived and they love it"),
  L (CHECK_IN_EARLY, CALL, "Helped them write out their contact list"),
  L (CHECK_IN_EARLY, CALL, "Went over the compensation plan again"),
  L (CHECK_IN_EARLY, CALL, "Talked through a no from a friend; encouraged them to keep going"),
  L (CHECK_IN_EARLY, MEETING, "Lunch; planned their first product night"),
  L (CHECK_IN_EARLY, MEETING, "Sat in on their first home presentation"),
  L (CHECK_IN_EARLY, EMAIL, "Emailed the getting-started checklist again"),
  L (CHECK_IN_EARLY, MESSAGE, "Texted to ask how the first week went"),
  L (CHECK_IN_EARLY, MESSAGE, "Sent the link to the product demo video"),

  L (CHECK_IN, CALL, "Quick call; busy month, planning a product night soon"),
  L (CHECK_IN, CALL, "Called about the monthly order; switching to autoship"),
  L (CHECK_IN, CALL, "Three-way call with one of their prospects"),
  L (CHECK_IN, CALL, "Caught up; they want to reach the next rank this quarter"),
  L (CHECK_IN, CALL, "Talked about how to help their newest recruit"),
  L (CHECK_IN, CALL, "Checked in; sales slow this month but still keen"),
  L (CHECK_IN, MEETING, "Saw them at the team training night"),
  L (CHECK_IN, MEETING, "Coffee; set goals for the next three months"),
  L (CHECK_IN, EMAIL, "Emailed the recording of this week's training call"),
  L (CHECK_IN, EMAIL, "Sent the new catalogue and price list"),
  L (CHECK_IN, EMAIL, "Emailed tips for following up with prospects"),
  L (CHECK_IN, MESSAGE, "Texted to ask how things are going"),
  L (CHECK_IN, MESSAGE, "Reminder about Thursday's team call"),
  L (CHECK_IN, LETTER, "Mailed a handwritten thank-you card"),
  L (CHECK_IN, LETTER, "Sent a check-in letter with this month's specials"),

  L (QUIET, CALL, "Left a voicemail; no reply yet"),
  L (QUIET, MESSAGE, "Texted that we miss them on the team calls"),
  L (QUIET, EMAIL, "Emailed to ask if anything is holding them back"),

  L (CONGRATS, MESSAGE, "Congratulated them on their first recruit"),
  L (CONGRATS, CALL, "Called to congratulate them on a new team member; offered a three-way call"),

  L (FAREWELL, CALL, "They're stepping away from the business; parted on good terms"),
  L (FAREWELL, MESSAGE, "Heard they've decided to stop; wished them well and left the door open"),

  L (NOTE, NOTE, "Mentioned they might move in the spring"),
  L (NOTE, NOTE, "Prefers calls after the kids are in bed"),
  L (NOTE, NOTE, "Wants to focus on the products, not recruiting, for now"),
  L (NOTE, NOTE, "Birthday is coming up; send a card"),
  L (NOTE, NOTE, "Asked about the travel incentive"),

  L (P_FIRST, MEETING, "First chat; curious about the skin care line"),
  L (P_FIRST, MEETING, "Swapped numbers after the event"),
  L (P_FIRST, MESSAGE, "Replied to my post; asked about the products"),
  L (P_FIRST, CALL, "Introduced by a friend; short phone call"),

  L (P_FOLLOW, MESSAGE, "Sent the sample pack"),
  L (P_FOLLOW, MESSAGE, "Invited them to Thursday's online presentation"),
  L (P_FOLLOW, CALL, "Watched the overview video; had questions about cost"),
  L (P_FOLLOW, CALL, "Wants to talk it over with their partner"),
  L (P_FOLLOW, CALL, "Went through the starter kits"),
  L (P_FOLLOW, MEETING, "Coffee; shared why I started and answered questions"),
  L (P_FOLLOW, CALL, "Asked how much time it really takes each week"),
  L (P_FOLLOW, MESSAGE, "Texted to set a time to talk"),
  L (P_FOLLOW, CALL, "Left a voicemail"),
  L (P_FOLLOW, EMAIL, "Emailed the product guide they asked for"),

  L (P_NOT_NOW, CALL, "Said now isn't the right time; agreed I'd check back later"),
  L (P_NOT_NOW, MEETING, "Not for now; still happy to hear about new products"),

  L (P_JOINED, MEETING, "Signed up! Helped place their first order"),
  L (P_JOINED, CALL, "Decided to join; walked through the sign-up together"),
};

#undef L

static const char *const not_now_reasons[] = {
  "Just had a baby; wants to wait until things settle",
  "Started a new job and has no spare time yet",
  "Money is tight until after the holidays",
  "Wants to see how her sister gets on with it first",
  "Busy with the kids' sports season; try again in the fall",
  "Caring for a parent at the moment",
  "Finishing a nursing degree this spring",
  "Not ready to sell to friends; open to trying the products",
  "Moving house this summer",
  "Partner is unsure; they want to talk it over at home",
};

/* ---- the generator's working state -------------------------------------- */

/* Days in which a newcomer's enthusiasm multiplies their weight. */
#define FRESH_DAYS        60
#define FRESH_BOOST       6
/* No activity for this long makes a member inactive. */
#define INACTIVE_AFTER    60
#define USER_DRIVE        150
#define STILL_GOING       G_MAXINT32

typedef struct
{
  guint64 *tree;
  guint    n;
  guint    top;      /* highest power of two <= n */
} Fenwick;

typedef struct
{
  guint64 *keys;     /* day << 32 | member, a min-heap */
  guint    len;
} Heap;

typedef struct
{
  DlSampleInteraction *v;
  guint                len;
  guint                cap;
} Events;

typedef struct
{
  GRand                 *rng;
  const DlSampleOptions *options;
  DlSample              *sample;
  DlDay                  today;
  DlDay                  start;          /* the user's join day */
  guint8                *drive;          /* per member */
  DlDay                 *until;          /* last day of own activity */
  DlDay                 *first_recruit;  /* per member, or DL_DAY_NONE */
  DlDay                 *neglected_from; /* per member, or DL_DAY_NONE */
  guint32               *level1;         /* the user's personal recruits */
  guint                  n_level1;
  guint                  n_prospect_persons;
  DlDay                 *prospect_last;  /* per prospect: last contact */
  guint16                purpose_first[N_PURPOSES];
  guint16                purpose_n[N_PURPOSES];
  guint                  culture_total;
} Gen;

static inline guint
rnd (GRand *rng,
     guint  n)
{
  g_assert (n > 0 && n <= G_MAXINT32);
  return (guint) g_rand_int_range (rng, 0, (gint32) n);
}

static inline gboolean
chance (GRand  *rng,
        double  p)
{
  return g_rand_double (rng) < p;
}

/* An exponentially distributed number of days. */
static inline guint
exp_days (GRand  *rng,
          double  mean)
{
  double d = -mean * log (1.0 - g_rand_double (rng));

  return d > 100000 ? 100000 : (guint) d;
}

static inline guint16
random_minute (GRand *rng)
{
  /* Between half past eight and half past eight in the evening. */
  return (guint16) (8 * 60 + 30 + rnd (rng, 12 * 60));
}

static void
fenwick_init (Fenwick *f,
              guint    n)
{
  f->n = n;
  f->tree = g_new0 (guint64, n + 1);
  f->top = 1;
  while (f->top * 2 <= n)
    f->top *= 2;
}

static void
fenwick_add (Fenwick *f,
             guint    i,
             guint64  delta)
{
  /* delta may be a negative number cast to unsigned: it wraps back. */
  for (i++; i <= f->n; i += i & -i)
    f->tree[i] += delta;
}

/* The index whose weight range holds target (0 <= target < total). */
static guint
fenwick_find (const Fenwick *f,
              guint64        target)
{
  guint pos = 0;

  for (guint step = f->top; step > 0; step >>= 1)
    {
      if (pos + step <= f->n && f->tree[pos + step] <= target)
        {
          pos += step;
          target -= f->tree[pos];
        }
    }

  return pos;
}

static void
heap_push (Heap    *h,
           guint64  key)
{
  guint i = h->len++;

  while (i > 0 && h->keys[(i - 1) / 2] > key)
    {
      h->keys[i] = h->keys[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  h->keys[i] = key;
}

static guint64
heap_pop (Heap *h)
{
  guint64 top = h->keys[0];
  guint64 last = h->keys[--h->len];
  guint i = 0;

  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= h->len)
        break;
      if (child + 1 < h->len && h->keys[child + 1] < h->keys[child])
        child++;
      if (h->keys[child] >= last)
        break;
      h->keys[i] = h->keys[child];
      i = child;
    }
  if (h->len > 0)
    h->keys[i] = last;

  return top;
}

/* ---- 1–2: the tree ------------------------------------------------------ */

static DlDay *
make_join_days (Gen   *g,
                guint  n)
{
  /* The business grows: the join rate ends about three times what it
   * started at.  A counting sort puts the days in order. */
  const double growth = 1.1;
  const guint span = DL_SAMPLE_SPAN_DAYS;
  guint *count = g_new0 (guint, span + 1);
  DlDay *days = g_new (DlDay, n);
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      double u = g_rand_double (g->rng);
      double x = log (1.0 + u * (exp (growth) - 1.0)) / growth;
      guint offset = 1 + (guint) (x * span);

      count[MIN (offset, span)]++;
    }
  for (guint offset = 1; offset <= span; offset++)
    for (guint c = 0; c < count[offset]; c++)
      days[k++] = g->start + (DlDay) offset;

  g_free (count);
  return days;
}

/* How much a member wants to recruit, and for how long they stay. */
static void
draw_member_nature (Gen     *g,
                    guint32  i)
{
  DlSampleMember *m = &g->sample->members[i];
  guint r = rnd (g->rng, 100);
  guint lifetime;
  guint short_pct, medium_pct;

  if (chance (g->rng, 0.22))
    {
      m->role = DL_ROLE_CUSTOMER;
      g->drive[i] = 0;
      short_pct = 45;
      medium_pct = 30;
    }
  else if (r < 55)
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 0;
      short_pct = 60;
      medium_pct = 25;
    }
  else if (r < 85)
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 1;
      short_pct = 40;
      medium_pct = 35;
    }
  else if (r < 97)
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 3;
      short_pct = 20;
      medium_pct = 40;
    }
  else
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 6;
      short_pct = 5;
      medium_pct = 25;
    }

  r = rnd (g->rng, 100);
  if (r < short_pct)
    lifetime = exp_days (g->rng, 75);
  else if (r < short_pct + medium_pct)
    lifetime = exp_days (g->rng, 300);
  else
    lifetime = 700 + rnd (g->rng, 2500);

  g->until[i] = m->joined_on + (DlDay) lifetime;
  if (g->until[i] >= g->today)
    g->until[i] = STILL_GOING;
}

typedef struct
{
  Fenwick  weights;
  guint64  total;
  guint32 *current;   /* each member's weight now in the Fenwick tree */
  guint8  *in_pool;
} Pool;

static guint32
pool_weight (Gen     *g,
             Pool    *pool,
             guint32  i,
             DlDay    day)
{
  const DlSampleMember *m = &g->sample->members[i];
  guint64 w;

  if (!pool->in_pool[i])
    return 0;
  /* The user recruits at a steady pace; their share falls as the team's
   * own recruiting takes over, as it does in a growing business. */
  if (i == 0)
    return USER_DRIVE;
  /* Success breeds success, up to the pace one person can keep: with a
   * linear weight one strong recruiter ends up sponsoring most of the
   * tree.  8 for a first-timer, tenfold at most. */
  w = (guint64) g->drive[i] * 80 * (1 + m->n_recruits) / (10 + m->n_recruits);
  if (day - m->joined_on < FRESH_DAYS)
    w *= FRESH_BOOST;

  return (guint32) MIN (w, G_MAXUINT32 / 4);
}

static void
pool_reweigh (Gen     *g,
              Pool    *pool,
              guint32  i,
              DlDay    day)
{
  guint32 w = pool_weight (g, pool, i, day);

  if (w != pool->current[i])
    {
      fenwick_add (&pool->weights, i, (guint64) w - (guint64) pool->current[i]);
      pool->total += (guint64) w - (guint64) pool->current[i];
      pool->current[i] = w;
    }
}

static void
grow_tree (Gen *g)
{
  DlSample *s = g->sample;
  guint n = s->n_members;
  g_autofree DlDay *join_days = make_join_days (g, n - 1);
  Pool pool;
  Heap ends = { g_new (guint64, n), 0 };
  guint32 fresh_next = 1;

  fenwick_init (&pool.weights, n);
  pool.total = 0;
  pool.current = g_new0 (guint32, n);
  pool.in_pool = g_new0 (guint8, n);

  s->members[0].sponsor = DL_SAMPLE_NONE;
  s->members[0].joined_on = g->start;
  s->members[0].role = DL_ROLE_DISTRIBUTOR;
  g->drive[0] = USER_DRIVE;
  g->until[0] = STILL_GOING;
  pool.in_pool[0] = TRUE;
  pool_reweigh (g, &pool, 0, g->start);

  for (guint32 i = 1; i < n; i++)
    {
      DlSampleMember *m = &s->members[i];
      DlDay day = join_days[i - 1];
      guint64 target;
      guint32 sponsor;

      m->joined_on = day;
      draw_member_nature (g, i);

      /* Enthusiasm cools, and nobody recruits once they have gone quiet. */
      while (fresh_next < i && s->members[fresh_next].joined_on + FRESH_DAYS <= day)
        pool_reweigh (g, &pool, fresh_next++, day);
      while (ends.len > 0 && (DlDay) (ends.keys[0] >> 32) < day)
        {
          guint32 gone = (guint32) (heap_pop (&ends) & G_MAXUINT32);

          pool.in_pool[gone] = FALSE;
          pool_reweigh (g, &pool, gone, day);
        }

      /* The user never leaves the pool, so the total is never zero. */
      target = ((guint64) g_rand_int (g->rng) << 32) | g_rand_int (g->rng);
      sponsor = fenwick_find (&pool.weights, target % pool.total);
      g_assert (sponsor < i && pool.in_pool[sponsor]);

      m->sponsor = sponsor;
      m->level = s->members[sponsor].level + 1;
      s->members[sponsor].n_recruits++;
      if (g->first_recruit[sponsor] == DL_DAY_NONE)
        g->first_recruit[sponsor] = day;
      pool_reweigh (g, &pool, sponsor, day);

      if (g->drive[i] > 0 && m->level < DL_SAMPLE_MAX_DEPTH)
        {
          pool.in_pool[i] = TRUE;
          pool_reweigh (g, &pool, i, day);
          if (g->until[i] != STILL_GOING)
            heap_push (&ends, ((guint64) g->until[i] << 32) | i);
        }
    }

  g_free (pool.weights.tree);
  g_free (pool.current);
  g_free (pool.in_pool);
  g_free (ends.keys);
}

/* The company hands out numbers in sign-up order, with the sign-ups of
 * other teams in between: increasing, unique, eight digits.  (Being in
 * insertion order also keeps the UNIQUE index on them cheap to fill.) */
static void
number_members (Gen *g)
{
  DlSample *s = g->sample;
  guint max_gap = (guint) MIN (60, 80000000u / MAX (s->n_members, 1));
  guint32 number = 10000000 + rnd (g->rng, 9000000);

  for (guint32 i = 0; i < s->n_members; i++)
    {
      s->members[i].number = number;
      number += 1 + rnd (g->rng, MAX (max_gap, 1));
    }
}

/* ---- 3–4: statuses and ranks -------------------------------------------- */

static void
settle_statuses (Gen *g)
{
  DlSample *s = g->sample;
  DlSampleMember *user = &s->members[0];

  user->status = DL_MEMBER_ACTIVE;
  user->last_activity = g->today - 1 - (DlDay) rnd (g->rng, 3);

  for (guint32 i = 1; i < s->n_members; i++)
    {
      DlSampleMember *m = &s->members[i];
      DlDay until = g->until[i];

      if (until == STILL_GOING)
        {
          DlDay recent = g->today - (DlDay) exp_days (g->rng, 10);

          m->status = DL_MEMBER_ACTIVE;
          m->last_activity = MAX (m->joined_on, recent);
        }
      else if (g->today - until < INACTIVE_AFTER)
        {
          /* Still active on paper, but cooling. */
          m->status = DL_MEMBER_ACTIVE;
          m->last_activity = until;
        }
      else
        {
          DlDay inactive_on = until + INACTIVE_AFTER;
          DlDay dropped_on = DL_DAY_NONE;

          /* Some never say they quit; they just stay inactive. */
          if (chance (g->rng, 0.8))
            dropped_on = inactive_on + 30 + (DlDay) rnd (g->rng, 270);

          m->last_activity = until;
          if (dropped_on != DL_DAY_NONE && dropped_on <= g->today)
            {
              m->status = DL_MEMBER_DROPPED;
              m->status_since = dropped_on;
            }
          else
            {
              m->status = DL_MEMBER_INACTIVE;
              m->status_since = inactive_on;
            }
        }

      if (m->status == DL_MEMBER_ACTIVE && m->level <= 2 && chance (g->rng, 0.02))
        m->snoozed_until = g->today + 1 + (DlDay) rnd (g->rng, 21);
      if (m->status == DL_MEMBER_ACTIVE && m->level == 1 && chance (g->rng, 0.04))
        {
          static const guint16 overrides[] = { 7, 21, 30, 60 };

          m->cadence_days = overrides[rnd (g->rng, G_N_ELEMENTS (overrides))];
        }
    }
}

/* A few of the newest members were the user's own prospects a few weeks
 * ago: they are personal recruits, and stay on the pipeline's Joined
 * column.  A newest member who is nobody's sponsor yet may be moved under
 * the user to make up the number; nothing below them changes. */
static guint
pick_joined (Gen     *g,
             guint32 *joined,
             guint    max)
{
  DlSample *s = g->sample;
  guint n = 0;

  for (guint32 i = s->n_members - 1; i >= 1 && n < max; i--)
    {
      DlSampleMember *m = &s->members[i];

      if (g->today - m->joined_on > 30)
        break;
      /* Their sign-up is logged, and the log never reaches today. */
      if (m->joined_on >= g->today)
        continue;
      if (m->status != DL_MEMBER_ACTIVE || m->role != DL_ROLE_DISTRIBUTOR)
        continue;
      if (m->level != 1)
        {
          if (m->n_recruits > 0)
            continue;
          s->members[m->sponsor].n_recruits--;
          m->sponsor = 0;
          m->level = 1;
          s->members[0].n_recruits++;
        }
      joined[n++] = i;
    }

  return n;
}

static void
rank_members (Gen *g)
{
  DlSample *s = g->sample;

  for (guint32 i = s->n_members - 1; i >= 1; i--)
    s->members[s->members[i].sponsor].downline += s->members[i].downline + 1;

  /* First recruits again: pick_joined may have moved a member. */
  for (guint32 i = 0; i < s->n_members; i++)
    g->first_recruit[i] = DL_DAY_NONE;

  for (guint32 i = 0; i < s->n_members; i++)
    {
      DlSampleMember *m = &s->members[i];

      if (i > 0 && g->first_recruit[m->sponsor] == DL_DAY_NONE)
        g->first_recruit[m->sponsor] = m->joined_on;
      s->max_depth = MAX (s->max_depth, m->level);
      if (m->role == DL_ROLE_CUSTOMER)
        {
          m->rank = 0;
          continue;
        }
      m->rank = 1;
      for (guint r = G_N_ELEMENTS (ranks) - 1; r > 1; r--)
        if (m->downline >= ranks[r].min_downline && m->n_recruits >= ranks[r].min_recruits)
          {
            m->rank = r;
            break;
          }
    }
}

/* ---- people -------------------------------------------------------------- */

static guint
pick_culture (Gen *g)
{
  guint r = rnd (g->rng, g->culture_total);

  for (guint c = 0; c < G_N_ELEMENTS (cultures); c++)
    {
      if (r < cultures[c].weight)
        return c;
      r -= cultures[c].weight;
    }

  g_assert_not_reached ();
  return 0;
}

typedef enum
{
  MET_PERSONALLY,      /* level 1 and prospects */
  MET_THROUGH_TEAM,    /* deeper members */
} Acquaintance;

static void
make_person (Gen          *g,
             guint32       p,
             Acquaintance  how,
             DlDay         created_on)
{
  DlSamplePerson *person = &g->sample->persons[p];
  guint culture = pick_culture (g);
  guint last_culture = chance (g->rng, 1.0 / 6) ? pick_culture (g) : culture;

  person->created_on = created_on;
  person->created_second = 9 * 3600 + rnd (g->rng, 13 * 3600);
  person->referrer = DL_SAMPLE_NONE;
  person->first_name = (guint16) (culture << 8 | rnd (g->rng, cultures[culture].n_first));
  person->last_name = (guint16) (last_culture << 8 | rnd (g->rng, cultures[last_culture].n_last));

  if (how == MET_PERSONALLY ? chance (g->rng, 0.7) : chance (g->rng, 0.15))
    person->city = (guint16) rnd (g->rng, N_LOCAL_CITIES);
  else
    person->city = (guint16) rnd (g->rng, G_N_ELEMENTS (cities));

  person->category = (guint16) rnd (g->rng, G_N_ELEMENTS (categories));

  if (how == MET_PERSONALLY)
    {
      if (g->n_level1 > 0 && chance (g->rng, 0.2))
        {
          person->source = SOURCE_REFER;
          person->referrer = g->level1[rnd (g->rng, g->n_level1)];
          if (person->referrer == p)
            {
              person->source = FIRST_MET;
              person->referrer = DL_SAMPLE_NONE;
            }
        }
      else
        person->source = (guint8) (FIRST_MET + rnd (g->rng, N_MET));
    }
  else
    {
      person->source = chance (g->rng, 0.3)
                       ? (guint8) (FIRST_TEAM + rnd (g->rng, N_TEAM))
                       : SOURCE_NONE;
    }

  person->best_time = chance (g->rng, 0.5)
                      ? (guint8) (1 + rnd (g->rng, G_N_ELEMENTS (best_times) - 1))
                      : 0;
  person->notes = chance (g->rng, 0.15)
                  ? (guint8) (1 + rnd (g->rng, G_N_ELEMENTS (person_notes) - 1))
                  : 0;
  person->email_style = (guint8) rnd (g->rng, 6);
  person->phone_digits = (guint8) rnd (g->rng, 100);
  person->phone_style = (guint8) rnd (g->rng, 3);
}

static void
make_user (Gen *g)
{
  DlSamplePerson *user = &g->sample->persons[0];

  memset (user, 0, sizeof *user);
  user->created_on = g->start;
  user->created_second = 17 * 3600 + 1200;
  user->referrer = DL_SAMPLE_NONE;
  user->best_time = 1;   /* the rest is written out in dl_sample_person_text */
}

static void
make_member_persons (Gen *g)
{
  DlSample *s = g->sample;

  g->level1 = g_new (guint32, s->members[0].n_recruits + 1);
  g->n_level1 = 0;

  make_user (g);
  for (guint32 i = 1; i < s->n_members; i++)
    {
      const DlSampleMember *m = &s->members[i];

      make_person (g, i, m->level == 1 ? MET_PERSONALLY : MET_THROUGH_TEAM, m->joined_on);
      if (m->level == 1)
        g->level1[g->n_level1++] = i;
    }
}

/* ---- 5: the pipeline ---------------------------------------------------- */

static guint
pick_open_stage (Gen *g)
{
  /* A funnel: each stage holds fewer than the one before. */
  guint n = g->options->n_open_stages;
  guint total = n * (n + 1) / 2;
  guint r = rnd (g->rng, total);

  for (guint stage = 0; stage < n; stage++)
    {
      if (r < n - stage)
        return stage;
      r -= n - stage;
    }

  return n - 1;
}

static guint8
random_interest (Gen   *g,
                 double unknown)
{
  if (chance (g->rng, unknown))
    return DL_INTEREST_UNKNOWN;
  return (guint8) (DL_INTEREST_PRODUCT + rnd (g->rng, 3));
}

static guint8
random_qualification (Gen   *g,
                      double p)
{
  guint8 q = 0;

  for (guint bit = 0; bit < 4; bit++)
    if (chance (g->rng, p))
      q |= 1 << bit;

  return q;
}

static void
make_open_prospect (Gen              *g,
                    DlSampleProspect *pr,
                    guint32           person)
{
  guint stage = pick_open_stage (g);
  guint n_stages = g->options->n_open_stages;
  guint stale_days = MAX (1, g->options->open_stale_days[stage]);
  double progress = n_stages > 1 ? (double) stage / (n_stages - 1) : 0.5;
  DlDay today = g->today;
  guint age = 6 * stage + exp_days (g->rng, 30);
  DlDay created = today - 2 - (DlDay) MIN (365, age);
  DlDay last;
  guint r;

  pr->stage_kind = DL_STAGE_OPEN;
  pr->open_stage = (guint8) stage;
  pr->interest = random_interest (g, stage == 0 ? 0.55 : 0.1);
  pr->qualification = random_qualification (g, 0.2 + 0.5 * progress);

  /* Some prospects are left to go stale: no contact for longer than the
   * stage allows and nothing planned. */
  if (chance (g->rng, 0.2))
    {
      DlDay met;

      last = today - (DlDay) (stale_days + 1 + rnd (g->rng, 30));
      met = last - (DlDay) rnd (g->rng, 20);
      created = MIN (created, met);
      if (chance (g->rng, 0.6) || last >= today - 1)
        pr->next_follow_up = DL_DAY_NONE;
      else
        pr->next_follow_up = last + 1 + (DlDay) rnd (g->rng, today - 1 - last);
    }
  else
    {
      guint window = MAX (1, stale_days * 2 / 3);

      last = today - 1 - (DlDay) rnd (g->rng, window);
      created = MIN (created, last);
      r = rnd (g->rng, 100);
      if (r < 25 && last <= today - 2)
        pr->next_follow_up = last + 1 + (DlDay) rnd (g->rng, today - 1 - last);
      else if (r < 37)
        pr->next_follow_up = today;
      else if (r < 80)
        pr->next_follow_up = today + 1 + (DlDay) rnd (g->rng, 21);
      else
        pr->next_follow_up = DL_DAY_NONE;
    }

  pr->entered_stage_on = stage == 0 ? created : created + (DlDay) rnd (g->rng, last - created + 1);
  make_person (g, person, MET_PERSONALLY, created);
  g->prospect_last[pr - g->sample->prospects] = last;
}

static void
make_not_now_prospect (Gen              *g,
                       DlSampleProspect *pr,
                       guint32           person)
{
  DlDay entered = g->today - 5 - (DlDay) rnd (g->rng, 200);
  DlDay created = entered - 7 - (DlDay) rnd (g->rng, 60);

  pr->stage_kind = DL_STAGE_NOT_NOW;
  pr->interest = random_interest (g, 0.2);
  pr->qualification = random_qualification (g, 0.4);
  pr->entered_stage_on = entered;
  pr->next_follow_up = DL_DAY_NONE;
  pr->reason = (guint8) rnd (g->rng, G_N_ELEMENTS (not_now_reasons));
  /* Some revisits have come due already. */
  pr->revisit_on = entered + 30 + (DlDay) rnd (g->rng, 150);
  make_person (g, person, MET_PERSONALLY, created);
  g->prospect_last[pr - g->sample->prospects] = entered;
}

static void
make_joined_prospect (Gen              *g,
                      DlSampleProspect *pr,
                      guint32           member)
{
  DlSamplePerson *person = &g->sample->persons[member];
  DlDay joined_on = g->sample->members[member].joined_on;

  pr->stage_kind = DL_STAGE_JOINED;
  pr->interest = chance (g->rng, 0.5) ? DL_INTEREST_BUSINESS : DL_INTEREST_BOTH;
  pr->qualification = random_qualification (g, 0.8);
  pr->entered_stage_on = joined_on;
  pr->next_follow_up = DL_DAY_NONE;
  /* They were in the pipeline for a while before joining. */
  person->created_on = joined_on - 5 - (DlDay) rnd (g->rng, 50);
  if (person->source == SOURCE_NONE || sources[person->source].kind == SOURCE_TEAM)
    person->source = (guint8) (FIRST_MET + rnd (g->rng, N_MET));
  g->prospect_last[pr - g->sample->prospects] = joined_on;
}

static void
make_prospects (Gen *g)
{
  DlSample *s = g->sample;
  const DlSampleOptions *o = g->options;
  guint n = o->n_prospects;
  guint32 joined[5];
  guint n_joined = 0;
  guint n_not_now = 0;
  guint n_open;
  guint32 person = s->n_members;
  guint counts[DL_SAMPLE_MAX_OPEN_STAGES] = { 0 };

  if (o->with_joined && n >= 10)
    n_joined = pick_joined (g, joined, MIN (G_N_ELEMENTS (joined), n / 20));
  if (o->with_not_now)
    n_not_now = (n * 7 + 50) / 100;
  if (o->n_open_stages == 0)
    n_not_now = o->with_not_now ? n - n_joined : 0;
  n_open = o->n_open_stages == 0 ? 0 : n - n_joined - n_not_now;
  n = n_open + n_not_now + n_joined;

  s->n_prospects = n;
  s->prospects = g_new0 (DlSampleProspect, n);
  g->prospect_last = g_new0 (DlDay, n);
  g->n_prospect_persons = n_open + n_not_now;

  for (guint k = 0; k < n_open; k++)
    make_open_prospect (g, &s->prospects[k], person + k);
  for (guint k = n_open; k < n_open + n_not_now; k++)
    make_not_now_prospect (g, &s->prospects[k], person + k);
  for (guint k = 0; k < n_joined; k++)
    make_joined_prospect (g, &s->prospects[n_open + n_not_now + k], joined[k]);

  /* Persons in stage order, so the board reads like the file.  A stable
   * sort: qsort is not, so do it by counting. */
  {
    g_autofree DlSampleProspect *sorted = g_new (DlSampleProspect, n_open);
    g_autofree DlDay *sorted_last = g_new (DlDay, n_open);
    g_autofree DlSamplePerson *sorted_persons = g_new (DlSamplePerson, n_open);
    guint offsets[DL_SAMPLE_MAX_OPEN_STAGES] = { 0 };

    for (guint k = 0; k < n_open; k++)
      counts[s->prospects[k].open_stage]++;
    for (guint st = 1; st < o->n_open_stages; st++)
      offsets[st] = offsets[st - 1] + counts[st - 1];
    for (guint k = 0; k < n_open; k++)
      {
        guint to = offsets[s->prospects[k].open_stage]++;

        sorted[to] = s->prospects[k];
        sorted[to].person = person + to;
        sorted_last[to] = g->prospect_last[k];
        sorted_persons[to] = s->persons[person + k];
      }
    memcpy (s->prospects, sorted, n_open * sizeof *sorted);
    memcpy (g->prospect_last, sorted_last, n_open * sizeof *sorted_last);
    memcpy (&s->persons[person], sorted_persons, n_open * sizeof *sorted_persons);
  }

  memset (counts, 0, sizeof counts);
  for (guint k = 0; k < n; k++)
    {
      DlSampleProspect *pr = &s->prospects[k];

      if (k >= n_open && k < n_open + n_not_now)
        pr->person = person + k;
      else if (k >= n_open + n_not_now)
        pr->person = joined[k - n_open - n_not_now];
      pr->entered_stage_second = 8 * 3600 + rnd (g->rng, 14 * 3600);
      switch (pr->stage_kind)
        {
        case DL_STAGE_OPEN:
          pr->position = counts[pr->open_stage]++;
          break;
        case DL_STAGE_JOINED:
        case DL_STAGE_NOT_NOW:
        default:
          pr->position = k - (pr->stage_kind == DL_STAGE_JOINED ? n_open + n_not_now : n_open);
          break;
        }
    }
}

/* ---- the contact log ---------------------------------------------------- */

static void
events_add (Gen     *g,
            Events  *ev,
            DlDay    day,
            Purpose  purpose)
{
  const Summary *row;
  guint16 index;

  if (ev->len == ev->cap)
    {
      ev->cap = MAX (64, ev->cap * 2);
      ev->v = g_renew (DlSampleInteraction, ev->v, ev->cap);
    }
  index = g->purpose_first[purpose] + (guint16) rnd (g->rng, g->purpose_n[purpose]);
  row = &summaries[index];
  ev->v[ev->len].person = 0;
  ev->v[ev->len].day = day;
  ev->v[ev->len].minute = row->kind == DL_CONTACT_NOTE
                          ? (guint16) (7 * 60 + rnd (g->rng, 15 * 60))
                          : random_minute (g->rng);
  ev->v[ev->len].kind = row->kind;
  ev->v[ev->len].summary = (guint8) index;
  ev->len++;
}

typedef enum
{
  REL_PERSONAL,       /* the user's own recruit */
  REL_SECOND,         /* a recruit's recruit */
  REL_TAKEOVER,       /* deeper, their sponsor went quiet */
  REL_DEEP,           /* their sponsor's job */
} Relation;

static void
member_events (Gen    *g,
               guint32 i,
               Events *ev)
{
  const DlSample *s = g->sample;
  const DlSampleMember *m = &s->members[i];
  const DlSampleMember *sponsor = &s->members[m->sponsor];
  DlDay last_day = g->today - 1;
  DlDay end = last_day;
  DlDay stop = STILL_GOING;
  DlDay t;
  double care;
  Relation rel;
  guint r;

  if (m->level == 1)
    rel = REL_PERSONAL;
  else if (m->level == 2)
    rel = REL_SECOND;
  else if (sponsor->status != DL_MEMBER_ACTIVE)
    rel = REL_TAKEOVER;
  else
    rel = REL_DEEP;

  if (m->status == DL_MEMBER_DROPPED)
    end = MIN (end, m->status_since + 3);
  if (end < m->joined_on)
    return;

  if (rel == REL_DEEP)
    {
      /* Now and then the user welcomes someone far down too. */
      if (chance (g->rng, 0.1))
        {
          t = m->joined_on + 1 + (DlDay) rnd (g->rng, 14);
          if (t <= end)
            events_add (g, ev, t, S_UPLINE_WELCOME);
        }
      return;
    }

  if (rel == REL_TAKEOVER)
    {
      double p = m->level <= 4 ? 0.6 : 0.3;

      if (!chance (g->rng, p))
        return;
      t = MAX (m->joined_on, sponsor->status_since) + (DlDay) rnd (g->rng, 21);
      if (t > end)
        return;
      events_add (g, ev, t, S_TAKEOVER);
    }
  else
    {
      /* The newest members are the ones most likely not welcomed yet. */
      double p = g->today - m->joined_on <= 10 ? 0.6 : 0.93;

      t = m->joined_on;
      if (rel == REL_SECOND)
        p -= 0.25;
      if (chance (g->rng, p))
        {
          t = m->joined_on + (DlDay) rnd (g->rng, rel == REL_PERSONAL ? 3 : 7);
          if (t <= end)
            events_add (g, ev, t, rel == REL_PERSONAL ? S_WELCOME : S_UPLINE_WELCOME);
        }
    }

  r = rnd (g->rng, 100);
  if (g->neglected_from[i] != DL_DAY_NONE)
    {
      care = 1.0;
      stop = g->neglected_from[i];
    }
  else if (r < 55)
    care = 1.0;
  else if (r < 85)
    care = 1.8;
  else
    {
      /* Neglected: the contacts stop at some point and never resume. */
      care = 1.3;
      stop = m->joined_on + (DlDay) rnd (g->rng, g->today - m->joined_on + 1);
    }

  for (;;)
    {
      guint cadence = m->cadence_days;
      gboolean quiet;
      double step;

      if (cadence == 0)
        cadence = rel == REL_PERSONAL ? (t - m->joined_on < 30 ? 7 : 14) : 30;
      quiet = t > m->last_activity + INACTIVE_AFTER / 2;
      if (quiet)
        cadence *= 2;
      step = cadence * care * (0.7 + 0.8 * g_rand_double (g->rng));
      t += MAX (1, (DlDay) step);
      if (t > end || t >= stop)
        break;
      if (t > m->last_activity + INACTIVE_AFTER / 2)
        events_add (g, ev, t, S_QUIET);
      else
        events_add (g, ev, t, t - m->joined_on < 90 ? S_CHECK_IN_EARLY : S_CHECK_IN);
    }

  if (rel != REL_TAKEOVER && g->first_recruit[i] != DL_DAY_NONE && chance (g->rng, 0.8))
    {
      t = g->first_recruit[i] + (DlDay) rnd (g->rng, 4);
      if (t <= end && t < stop)
        events_add (g, ev, t, S_CONGRATS);
    }
  if (m->status == DL_MEMBER_DROPPED && rel != REL_TAKEOVER && chance (g->rng, 0.5))
    {
      t = m->status_since + (DlDay) rnd (g->rng, 3);
      if (t <= last_day)
        events_add (g, ev, t, S_FAREWELL);
    }
  if (chance (g->rng, 0.12))
    events_add (g, ev, m->joined_on + (DlDay) rnd (g->rng, end - m->joined_on + 1), S_NOTE);
}

static void
prospect_events (Gen    *g,
                 guint   k,
                 Events *ev)
{
  const DlSample *s = g->sample;
  const DlSampleProspect *pr = &s->prospects[k];
  DlDay created = s->persons[pr->person].created_on;
  DlDay last = g->prospect_last[k];
  guint n_follow;

  events_add (g, ev, created, S_P_FIRST);

  n_follow = pr->stage_kind == DL_STAGE_OPEN ? pr->open_stage : 1;
  n_follow += rnd (g->rng, 3);
  if (last > created)
    n_follow = MIN (n_follow, (guint) (last - created));
  else
    n_follow = 0;

  /* The last contact is last itself, in its stage's words. */
  for (guint f = 1; f < n_follow; f++)
    events_add (g, ev, created + 1 + (DlDay) rnd (g->rng, last - created), S_P_FOLLOW);
  if (last > created)
    {
      switch (pr->stage_kind)
        {
        case DL_STAGE_NOT_NOW:
          events_add (g, ev, last, S_P_NOT_NOW);
          break;
        case DL_STAGE_JOINED:
          events_add (g, ev, last, S_P_JOINED);
          break;
        case DL_STAGE_OPEN:
        default:
          events_add (g, ev, last, S_P_FOLLOW);
          break;
        }
    }
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DlSampleInteraction *ea = a;
  const DlSampleInteraction *eb = b;

  if (ea->day != eb->day)
    return ea->day < eb->day ? -1 : 1;
  if (ea->minute != eb->minute)
    return ea->minute < eb->minute ? -1 : 1;
  return (int) ea->summary - (int) eb->summary;
}

/* Neglect left to chance can miss the few people who matter most; make
 * sure about one in six of the user's own established recruits still
 * active has gone a month or more without a word. */
static void
neglect_some (Gen *g)
{
  const DlSample *s = g->sample;
  g_autofree guint32 *candidates = g_new (guint32, s->n_members);
  guint n = 0;
  guint k;

  for (guint32 i = 1; i < s->n_members; i++)
    {
      const DlSampleMember *m = &s->members[i];

      if (m->level == 1 && m->status == DL_MEMBER_ACTIVE && g->today - m->joined_on > 90)
        candidates[n++] = i;
    }

  for (k = (n + 5) / 6; k > 0; k--, n--)
    {
      guint pick = rnd (g->rng, n);
      guint32 i = candidates[pick];
      guint quiet = 31 + rnd (g->rng, MIN (150, (guint) (g->today - s->members[i].joined_on) - 60));

      g->neglected_from[i] = g->today - (DlDay) quiet;
      candidates[pick] = candidates[n - 1];
    }
}

static void
make_interactions (Gen *g)
{
  DlSample *s = g->sample;
  Events ev = { NULL, 0, 0 };
  guint cap = s->n_members * 2 + 1024;
  guint n_open_not_now = g->n_prospect_persons;
  guint first_joined = n_open_not_now;

  g->neglected_from = g_new0 (DlDay, s->n_members);
  neglect_some (g);

  s->interactions = g_new (DlSampleInteraction, cap);
  s->n_interactions = 0;
  s->last_contact = g_new (guint32, s->n_persons);

  for (guint32 p = 0; p < s->n_persons; p++)
    {
      ev.len = 0;
      s->last_contact[p] = DL_SAMPLE_NONE;

      if (p >= 1 && p < s->n_members)
        {
          for (guint k = first_joined; k < s->n_prospects; k++)
            if (s->prospects[k].person == p)
              prospect_events (g, k, &ev);
          member_events (g, p, &ev);
        }
      else if (p >= s->n_members)
        prospect_events (g, p - s->n_members, &ev);

      if (ev.len == 0)
        continue;

      /* A member of three years can gather a long log; keep the first
       * weeks and the most recent ones, which is what the views show. */
      qsort (ev.v, ev.len, sizeof *ev.v, compare_events);
      if (ev.len > 40)
        {
          memmove (&ev.v[4], &ev.v[ev.len - 36], 36 * sizeof *ev.v);
          ev.len = 40;
        }

      if (s->n_interactions + ev.len > cap)
        {
          cap = MAX (cap * 3 / 2, s->n_interactions + ev.len);
          s->interactions = g_renew (DlSampleInteraction, s->interactions, cap);
        }
      for (guint e = 0; e < ev.len; e++)
        {
          ev.v[e].person = p;
          if (ev.v[e].kind != DL_CONTACT_NOTE)
            s->last_contact[p] = s->n_interactions + e;
        }
      memcpy (&s->interactions[s->n_interactions], ev.v, ev.len * sizeof *ev.v);
      s->n_interactions += ev.len;
    }

  g_free (ev.v);
}

/* ---- public API ----------------------------------------------------------- */

void
dl_sample_options_init (DlSampleOptions *options,
                        guint            n_members,
                        guint32          seed,
                        DlDay            today)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->n_members = n_members;
  options->n_prospects = DL_SAMPLE_DEFAULT_PROSPECTS;
  options->seed = seed;
  options->today = today;
  options->n_open_stages = 4;
  for (guint i = 0; i < options->n_open_stages; i++)
    options->open_stale_days[i] = 14;
  options->with_joined = TRUE;
  options->with_not_now = TRUE;
}

DlSample *
dl_sample_new (const DlSampleOptions *options)
{
  DlSample *s;
  Gen g = { 0 };

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->n_members <= DL_SAMPLE_MAX_MEMBERS, NULL);
  g_return_val_if_fail (options->n_open_stages <= DL_SAMPLE_MAX_OPEN_STAGES, NULL);
  g_return_val_if_fail (options->today > DL_SAMPLE_SPAN_DAYS + 1000, NULL);

  /* The source table's ranges are fixed by index; keep them honest. */
  g_assert (sources[FIRST_TEAM - 1].kind == SOURCE_MET && sources[FIRST_TEAM].kind == SOURCE_TEAM);

  s = g_new0 (DlSample, 1);
  s->today = options->today;
  s->n_members = options->n_members + 1;
  s->members = g_new0 (DlSampleMember, s->n_members);

  g.rng = g_rand_new_with_seed (options->seed);
  g.options = options;
  g.sample = s;
  g.today = options->today;
  g.start = options->today - DL_SAMPLE_SPAN_DAYS;
  g.drive = g_new0 (guint8, s->n_members);
  g.until = g_new0 (DlDay, s->n_members);
  g.first_recruit = g_new0 (DlDay, s->n_members);
  for (guint c = 0; c < G_N_ELEMENTS (cultures); c++)
    g.culture_total += cultures[c].weight;
  for (guint k = G_N_ELEMENTS (summaries); k-- > 0;)
    {
      g.purpose_first[summaries[k].purpose] = (guint16) k;
      g.purpose_n[summaries[k].purpose]++;
    }


  grow_tree (&g);
  number_members (&g);
  settle_statuses (&g);
  /* Persons before prospects: a prospect's source may name a member. */
  s->n_persons = s->n_members + options->n_prospects;
  s->persons = g_new0 (DlSamplePerson, s->n_persons);
  make_member_persons (&g);
  make_prospects (&g);
  s->n_persons = s->n_members + g.n_prospect_persons;
  rank_members (&g);
  make_interactions (&g);

  g_free (g.drive);
  g_free (g.until);
  g_free (g.first_recruit);
  g_free (g.neglected_from);
  g_free (g.level1);
  g_free (g.prospect_last);
  g_rand_free (g.rng);

  return s;
}

void
dl_sample_free (DlSample *sample)
{
  if (sample == NULL)
    return;

  g_free (sample->persons);
  g_free (sample->members);
  g_free (sample->prospects);
  g_free (sample->interactions);
  g_free (sample->last_contact);
  g_free (sample);
}

/* Lower-case ASCII forms of every name, for e-mail addresses. */
typedef struct
{
  char **first[G_N_ELEMENTS (cultures)];
  char **last[G_N_ELEMENTS (cultures)];
} AsciiNames;

static char *
email_word (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  char *out = g_malloc (strlen (ascii) + 1);
  char *o = out;

  for (const char *c = ascii; *c != '\0'; c++)
    if (g_ascii_isalnum (*c))
      *o++ = g_ascii_tolower (*c);
  *o = '\0';

  return out;
}

static const AsciiNames *
ascii_names (void)
{
  static AsciiNames *names;

  if (g_once_init_enter (&names))
    {
      AsciiNames *n = g_new0 (AsciiNames, 1);

      for (guint c = 0; c < G_N_ELEMENTS (cultures); c++)
        {
          n->first[c] = g_new0 (char *, cultures[c].n_first);
          n->last[c] = g_new0 (char *, cultures[c].n_last);
          for (guint k = 0; k < cultures[c].n_first; k++)
            n->first[c][k] = email_word (cultures[c].first[k]);
          for (guint k = 0; k < cultures[c].n_last; k++)
            n->last[c][k] = email_word (cultures[c].last[k]);
        }
      g_once_init_leave (&names, n);
    }

  return names;
}

static const char *
first_name (guint16 name)
{
  return cultures[NAME_CULTURE (name)].first[NAME_INDEX (name)];
}

static const char *
last_name (guint16 name)
{
  return cultures[NAME_CULTURE (name)].last[NAME_INDEX (name)];
}

/* The user is written out here rather than drawn, so every sample
 * business has the same recognisable owner. */
#define USER_FIRST    "Jordan"
#define USER_LAST     "Ellis"
#define USER_EMAIL    "jordan.ellis@example.com"
#define USER_PHONE    "(503) 555-0100"
#define USER_CATEGORY "Former teacher"

void
dl_sample_person_text (const DlSample     *sample,
                       guint32             person,
                       DlSamplePersonText *text)
{
  const DlSamplePerson *p;
  const AsciiNames *ascii;
  const City *city;
  const char *first;
  const char *last;
  guint digits;

  g_return_if_fail (sample != NULL && text != NULL);
  g_return_if_fail (person < sample->n_persons);

  p = &sample->persons[person];
  city = &cities[p->city];
  text->city = city->name;
  text->best_time = best_times[p->best_time];
  text->notes = person_notes[p->notes];

  if (person == 0)
    {
      text->first_name = USER_FIRST;
      text->last_name = USER_LAST;
      text->category = USER_CATEGORY;
      g_strlcpy (text->email, USER_EMAIL, sizeof text->email);
      g_strlcpy (text->phone, USER_PHONE, sizeof text->phone);
      text->source[0] = '\0';
      return;
    }

  ascii = ascii_names ();
  text->first_name = first_name (p->first_name);
  text->last_name = last_name (p->last_name);
  text->category = categories[p->category];
  first = ascii->first[NAME_CULTURE (p->first_name)][NAME_INDEX (p->first_name)];
  last = ascii->last[NAME_CULTURE (p->last_name)][NAME_INDEX (p->last_name)];
  digits = 10 + (person * 37 + p->phone_digits) % 90;

  /* Only the reserved example domains, so no mail can reach anyone. */
  switch (p->email_style)
    {
    case 0:
      g_snprintf (text->email, sizeof text->email, "%s.%s@example.com", first, last);
      break;
    case 1:
      g_snprintf (text->email, sizeof text->email, "%s%s@example.net", first, last);
      break;
    case 2:
      g_snprintf (text->email, sizeof text->email, "%s_%s%u@example.org", first, last, digits);
      break;
    case 3:
      g_snprintf (text->email, sizeof text->email, "%c%s%u@example.com", first[0], last, digits);
      break;
    case 4:
      g_snprintf (text->email, sizeof text->email, "%s%u@example.net", first, digits);
      break;
    default:
      g_snprintf (text->email, sizeof text->email, "%s.%s@example.org", last, first);
      break;
    }

  /* 555-0100 to 555-0199 are the numbers set aside for fiction. */
  switch (p->phone_style)
    {
    case 0:
      g_snprintf (text->phone, sizeof text->phone, "(%03u) 555-01%02u",
                  city->area_code, p->phone_digits);
      break;
    case 1:
      g_snprintf (text->phone, sizeof text->phone, "%03u-555-01%02u",
                  city->area_code, p->phone_digits);
      break;
    default:
      g_snprintf (text->phone, sizeof text->phone, "%03u.555.01%02u",
                  city->area_code, p->phone_digits);
      break;
    }

  if (p->source == SOURCE_REFER && p->referrer != DL_SAMPLE_NONE)
    {
      const DlSamplePerson *ref = &sample->persons[p->referrer];

      g_snprintf (text->source, sizeof text->source, "%s %s %s",
                  sources[SOURCE_REFER].text,
                  first_name (ref->first_name), last_name (ref->last_name));
    }
  else
    g_strlcpy (text->source, sources[p->source].text, sizeof text->source);
}

void
dl_sample_member_number (const DlSample *sample,
                         guint32         member,
                         char            buf[16])
{
  g_return_if_fail (sample != NULL && buf != NULL);
  g_return_if_fail (member < sample->n_members);

  g_snprintf (buf, 16, "%08u", sample->members[member].number);
}

/* A stable pseudo-random number for (member, month, what): the same
 * business gives the same history however it is read. */
static guint32
month_hash (guint32 number,
            gint32  month_index,
            guint32 what)
{
  guint64 x = ((guint64) number << 32) ^ ((guint64) (guint32) month_index << 8) ^ what;

  /* splitmix64's finaliser */
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return (guint32) ((x ^ (x >> 31)) >> 16);
}

gboolean
dl_sample_member_month (const DlSample *sample,
                        guint32         member,
                        int             year,
                        int             month,
                        DlSampleMonth  *out)
{
  const DlSampleMember *m;
  DlDay month_end;
  gint32 index, left_index = G_MAXINT32;
  int y, mo, d;
  guint32 base;

  g_return_val_if_fail (sample != NULL && out != NULL, FALSE);
  g_return_val_if_fail (member < sample->n_members, FALSE);
  g_return_val_if_fail (month >= 1 && month <= 12, FALSE);

  m = &sample->members[member];
  month_end = dl_day_from_ymd (month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;
  if (member == 0 || m->joined_on > month_end)
    return FALSE;

  index = year * 12 + (month - 1);
  if (m->status != DL_MEMBER_ACTIVE && m->status_since != DL_DAY_NONE)
    {
      dl_day_to_ymd (m->status_since, &y, &mo, &d);
      left_index = y * 12 + (mo - 1);
    }

  /* each member's own level of ordering, and whether they use autoship */
  base = 40 + month_hash (m->number, 0, 1) % 160;
  out->rank = m->rank;
  out->status = DL_MEMBER_ACTIVE;
  out->autoship = month_hash (m->number, 0, 2) % 10 < 7;
  out->pv = base * (0.8 + (month_hash (m->number, index, 3) % 40) / 100.0);

  /* the ordinary ups and downs of those who stay */
  if (month_hash (m->number, index, 4) % 100 < 3)
    out->pv *= 0.35;
  if (out->autoship && month_hash (m->number, index, 5) % 100 < 2)
    out->autoship = 0;

  if (index >= left_index)
    {
      out->status = m->status;
      out->autoship = 0;
      out->pv = 0;
      if (out->rank > 1)
        out->rank--;
    }
  else if (left_index - index <= 2)
    {
      /* the signs before someone leaves */
      out->pv *= 0.3;
      if (month_hash (m->number, 0, 6) % 10 < 8)
        out->autoship = 0;
      if (left_index - index == 1 && out->rank > 1)
        out->rank--;
    }

  return TRUE;
}

void
dl_sample_place_binary (const DlSample *sample,
                        guint32        *parent,
                        guint8         *side)
{
  guint32 n = sample->n_members;
  g_autofree guint32 *child = g_new (guint32, 2 * (gsize) MAX (n, 1));
  g_autofree guint32 *size = g_new0 (guint32, MAX (n, 1));

  if (n == 0)
    return;
  memset (child, 0xff, 2 * (gsize) n * sizeof (guint32));   /* DL_SAMPLE_NONE */
  parent[0] = DL_SAMPLE_NONE;
  side[0] = 0;
  size[0] = 1;

  /* sponsors come first: every enroller is placed before their recruits */
  for (guint32 i = 1; i < n; i++)
    {
      guint32 at = sample->members[i].sponsor == DL_SAMPLE_NONE ? 0 : sample->members[i].sponsor;
      guint s;

      while (child[2 * at] != DL_SAMPLE_NONE && child[2 * at + 1] != DL_SAMPLE_NONE)
        at = size[child[2 * at + 1]] < size[child[2 * at]] ? child[2 * at + 1] : child[2 * at];
      s = child[2 * at] == DL_SAMPLE_NONE ? 0 : 1;
      child[2 * at + s] = i;
      parent[i] = at;
      side[i] = (guint8) s;
      size[i] = 1;
      for (guint32 a = at; a != DL_SAMPLE_NONE; a = parent[a])
        size[a]++;
    }
}

const char *
dl_sample_rank_name (guint rank)
{
  g_return_val_if_fail (rank < G_N_ELEMENTS (ranks), "");
  return ranks[rank].name;
}

const char *
dl_sample_summary_text (guint summary)
{
  g_return_val_if_fail (summary < G_N_ELEMENTS (summaries), "");
  return summaries[summary].text;
}

const char *
dl_sample_reason_text (guint reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (not_now_reasons), "");
  return not_now_reasons[reason];
}

const char *
dl_sample_profile_company (void)
{
  return "Evergreen Wellness";
}

const char *
dl_sample_profile_website (void)
{
  return "https://jordan-ellis.example.com";
}

const char *
dl_sample_profile_message (void)
{
  return "I joined Evergreen Wellness as a tired teacher looking for a little "
         "extra each month, and it grew into work I love: helping people feel "
         "better and build something of their own.  Whenever you are stuck, "
         "call or text me and we will work it out together.";
}
