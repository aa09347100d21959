/* dl-sample-people.c — the sample business's people: names, places, jobs, and their text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-sample"

#include "dl-sample-private.h"

#include <string.h>

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

#define CULTURE(w, name) \
  { w, name##_first, G_N_ELEMENTS (name##_first), name##_last, G_N_ELEMENTS (name##_last) }

const Culture dl_sample_cultures[] = {
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

const guint dl_sample_n_cultures = G_N_ELEMENTS (dl_sample_cultures);

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

/* Index 0 is "no source". */
const Source dl_sample_sources[] = {
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

#define N_TEAM          (G_N_ELEMENTS (dl_sample_sources) - FIRST_TEAM)

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

/* ---- people -------------------------------------------------------------- */

static guint
pick_culture (Gen *g)
{
  guint r = dl_sample_rnd (g->rng, g->culture_total);

  for (guint c = 0; c < G_N_ELEMENTS (dl_sample_cultures); c++)
    {
      if (r < dl_sample_cultures[c].weight)
        return c;
      r -= dl_sample_cultures[c].weight;
    }

  g_assert_not_reached ();
  return 0;
}

void
dl_sample_make_person (Gen          *g,
                       guint32       p,
                       Acquaintance  how,
                       DlDay         created_on)
{
  DlSamplePerson *person = &g->sample->persons[p];
  guint culture = pick_culture (g);
  guint last_culture = dl_sample_chance (g->rng, 1.0 / 6) ? pick_culture (g) : culture;

  person->created_on = created_on;
  person->created_second = 9 * 3600 + dl_sample_rnd (g->rng, 13 * 3600);
  person->referrer = DL_SAMPLE_NONE;
  person->first_name = (guint16) (culture << 8 | dl_sample_rnd (g->rng, dl_sample_cultures[culture].n_first));
  person->last_name = (guint16) (last_culture << 8 | dl_sample_rnd (g->rng, dl_sample_cultures[last_culture].n_last));

  if (how == MET_PERSONALLY ? dl_sample_chance (g->rng, 0.7) : dl_sample_chance (g->rng, 0.15))
    person->city = (guint16) dl_sample_rnd (g->rng, N_LOCAL_CITIES);
  else
    person->city = (guint16) dl_sample_rnd (g->rng, G_N_ELEMENTS (cities));

  person->category = (guint16) dl_sample_rnd (g->rng, G_N_ELEMENTS (categories));

  if (how == MET_PERSONALLY)
    {
      if (g->n_level1 > 0 && dl_sample_chance (g->rng, 0.2))
        {
          person->source = SOURCE_REFER;
          person->referrer = g->level1[dl_sample_rnd (g->rng, g->n_level1)];
          if (person->referrer == p)
            {
              person->source = FIRST_MET;
              person->referrer = DL_SAMPLE_NONE;
            }
        }
      else
        person->source = (guint8) (FIRST_MET + dl_sample_rnd (g->rng, N_MET));
    }
  else
    {
      person->source = dl_sample_chance (g->rng, 0.3)
                       ? (guint8) (FIRST_TEAM + dl_sample_rnd (g->rng, N_TEAM))
                       : SOURCE_NONE;
    }

  person->best_time = dl_sample_chance (g->rng, 0.5)
                      ? (guint8) (1 + dl_sample_rnd (g->rng, G_N_ELEMENTS (best_times) - 1))
                      : 0;
  person->notes = dl_sample_chance (g->rng, 0.15)
                  ? (guint8) (1 + dl_sample_rnd (g->rng, G_N_ELEMENTS (person_notes) - 1))
                  : 0;
  person->email_style = (guint8) dl_sample_rnd (g->rng, 6);
  person->phone_digits = (guint8) dl_sample_rnd (g->rng, 100);
  person->phone_style = (guint8) dl_sample_rnd (g->rng, 3);
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

void
dl_sample_make_member_persons (Gen *g)
{
  DlSample *s = g->sample;

  g->level1 = g_new (guint32, s->members[0].n_recruits + 1);
  g->n_level1 = 0;

  make_user (g);
  for (guint32 i = 1; i < s->n_members; i++)
    {
      const DlSampleMember *m = &s->members[i];

      dl_sample_make_person (g, i, m->level == 1 ? MET_PERSONALLY : MET_THROUGH_TEAM, m->joined_on);
      if (m->level == 1)
        g->level1[g->n_level1++] = i;
    }
}

/* Lower-case ASCII forms of every name, for e-mail addresses. */
typedef struct
{
  char **first[G_N_ELEMENTS (dl_sample_cultures)];
  char **last[G_N_ELEMENTS (dl_sample_cultures)];
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

      for (guint c = 0; c < G_N_ELEMENTS (dl_sample_cultures); c++)
        {
          n->first[c] = g_new0 (char *, dl_sample_cultures[c].n_first);
          n->last[c] = g_new0 (char *, dl_sample_cultures[c].n_last);
          for (guint k = 0; k < dl_sample_cultures[c].n_first; k++)
            n->first[c][k] = email_word (dl_sample_cultures[c].first[k]);
          for (guint k = 0; k < dl_sample_cultures[c].n_last; k++)
            n->last[c][k] = email_word (dl_sample_cultures[c].last[k]);
        }
      g_once_init_leave (&names, n);
    }

  return names;
}

static const char *
first_name (guint16 name)
{
  return dl_sample_cultures[NAME_CULTURE (name)].first[NAME_INDEX (name)];
}

static const char *
last_name (guint16 name)
{
  return dl_sample_cultures[NAME_CULTURE (name)].last[NAME_INDEX (name)];
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
                  dl_sample_sources[SOURCE_REFER].text,
                  first_name (ref->first_name), last_name (ref->last_name));
    }
  else
    g_strlcpy (text->source, dl_sample_sources[p->source].text, sizeof text->source);
}
