/* dl-letter-fields.c — the placeholders a letter can use, and the
 * default letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default letters follow the field advice on welcoming people: say
 * who you are and how and when to reach you, where help and training
 * are, what to do first and what you will do for them; ask to hear about
 * every person they enroll; and, writing to someone deeper in the group,
 * send them to their own sponsor first.  Every optional detail sits in a
 * section, so an empty profile field leaves no hole in the letter.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-letter-fields.h"
#include "dl-validate.h"

static const DlLetterField fields[] = {
  { "first_name", DL_LETTER_FIELD_RECIPIENT, N_("First name") },
  { "last_name", DL_LETTER_FIELD_RECIPIENT, N_("Last name") },
  { "name", DL_LETTER_FIELD_RECIPIENT, N_("Full name") },
  { "email", DL_LETTER_FIELD_RECIPIENT, N_("Email") },
  { "phone", DL_LETTER_FIELD_RECIPIENT, N_("Phone") },
  { "best_time", DL_LETTER_FIELD_RECIPIENT, N_("Best time to reach") },
  { "city", DL_LETTER_FIELD_RECIPIENT, N_("City") },
  { "member_number", DL_LETTER_FIELD_RECIPIENT, N_("Member number") },
  { "joined_on", DL_LETTER_FIELD_RECIPIENT, N_("Joined on") },
  { "rank", DL_LETTER_FIELD_RECIPIENT, N_("Rank") },
  { "level", DL_LETTER_FIELD_RECIPIENT, N_("Level below you") },
  { "days_since_joining", DL_LETTER_FIELD_RECIPIENT, N_("Days since joining") },
  { "sponsor.first_name", DL_LETTER_FIELD_SPONSOR, N_("First name") },
  { "sponsor.last_name", DL_LETTER_FIELD_SPONSOR, N_("Last name") },
  { "sponsor.name", DL_LETTER_FIELD_SPONSOR, N_("Full name") },
  { "sponsor.email", DL_LETTER_FIELD_SPONSOR, N_("Email") },
  { "sponsor.phone", DL_LETTER_FIELD_SPONSOR, N_("Phone") },
  { "sponsor.best_time", DL_LETTER_FIELD_SPONSOR, N_("Best time to reach") },
  { "me.first_name", DL_LETTER_FIELD_ME, N_("First name") },
  { "me.last_name", DL_LETTER_FIELD_ME, N_("Last name") },
  { "me.name", DL_LETTER_FIELD_ME, N_("Full name") },
  { "me.email", DL_LETTER_FIELD_ME, N_("Email") },
  { "me.phone", DL_LETTER_FIELD_ME, N_("Phone") },
  { "me.best_time", DL_LETTER_FIELD_ME, N_("Best time to reach") },
  { "me.company", DL_LETTER_FIELD_ME, N_("Company") },
  { "me.website", DL_LETTER_FIELD_ME, N_("Website") },
  { "me.message", DL_LETTER_FIELD_ME, N_("Personal message") },
  { "today", DL_LETTER_FIELD_OTHER, N_("Today’s date") },
};

const DlLetterField *
dl_letter_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const char *
dl_letter_field_group_title (DlLetterFieldGroup group)
{
  switch (group)
    {
    case DL_LETTER_FIELD_RECIPIENT:
      return _("The member");
    case DL_LETTER_FIELD_SPONSOR:
      return _("Their sponsor");
    case DL_LETTER_FIELD_ME:
      return _("You");
    case DL_LETTER_FIELD_OTHER:
    default:
      return _("Other");
    }
}

const char *
dl_template_kind_title (DlTemplateKind kind)
{
  switch (kind)
    {
    case DL_TEMPLATE_WELCOME:
      return _("Welcome");
    case DL_TEMPLATE_UPLINE_WELCOME:
      return _("Upline Welcome");
    case DL_TEMPLATE_CHECK_IN:
      return _("Check-In");
    case DL_TEMPLATE_NEWSLETTER:
      return _("Newsletter");
    case DL_TEMPLATE_OTHER:
    default:
      return _("Other");
    }
}

DlMustacheValue *
dl_letter_context_new (void)
{
  DlMustacheValue *context = dl_mustache_value_new_map ();
  DlMustacheValue *sponsor = dl_mustache_value_new_map ();
  DlMustacheValue *me = dl_mustache_value_new_map ();

  dl_mustache_map_take (context, "sponsor", sponsor);
  dl_mustache_map_take (context, "me", me);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *dot = strchr (fields[i].name, '.');

      if (dot == NULL)
        dl_mustache_map_set_string (context, fields[i].name, "");
      else if (fields[i].group == DL_LETTER_FIELD_SPONSOR)
        dl_mustache_map_set_string (sponsor, dot + 1, "");
      else
        dl_mustache_map_set_string (me, dot + 1, "");
    }

  return context;
}

/* Compiled letters --------------------------------------------------- */

struct _DlLetterTemplate
{
  DlMustache *subject;
  DlMustache *body;
  /* each letter is rendered here, then copied out at its own length: a
   * string of the body's size rounded up to a power of two for each of
   * 10,000 letters was twice the memory they need, and more than a tenth
   * of the time of making them went on finding it */
  GString    *scratch;
};

void
dl_letter_template_free (DlLetterTemplate *self)
{
  if (self == NULL)
    return;
  dl_mustache_free (self->subject);
  dl_mustache_free (self->body);
  if (self->scratch != NULL)
    g_string_free (self->scratch, TRUE);
  g_free (self);
}

DlLetterTemplate *
dl_letter_template_new (const char          *subject,
                        const char          *body,
                        gboolean            *in_subject,
                        DlMustacheLocation  *where,
                        GError             **error)
{
  g_autoptr(DlLetterTemplate) self = g_new0 (DlLetterTemplate, 1);
  g_autoptr(DlMustacheValue) known = dl_letter_context_new ();

  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  if (in_subject != NULL)
    *in_subject = TRUE;
  self->subject = dl_mustache_parse (subject, -1, where, error);
  if (self->subject == NULL || !dl_mustache_check_names (self->subject, known, where, error))
    return NULL;

  if (in_subject != NULL)
    *in_subject = FALSE;
  self->body = dl_mustache_parse (body, -1, where, error);
  if (self->body == NULL || !dl_mustache_check_names (self->body, known, where, error))
    return NULL;
  self->scratch = g_string_sized_new (strlen (body) + 64);

  return g_steal_pointer (&self);
}

gboolean
dl_letter_template_render (DlLetterTemplate       *self,
                           const DlMustacheValue  *context,
                           char                  **subject,
                           char                  **body,
                           GError                **error)
{
  g_autofree char *s = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  g_string_truncate (self->scratch, 0);
  if (!dl_mustache_render (self->subject, context, DL_MUSTACHE_PLAIN, TRUE, self->scratch, NULL, error))
    return FALSE;
  s = g_strndup (self->scratch->str, self->scratch->len);
  g_string_truncate (self->scratch, 0);
  if (!dl_mustache_render (self->body, context, DL_MUSTACHE_PLAIN, TRUE, self->scratch, NULL, error))
    return FALSE;
  b = g_strndup (self->scratch->str, self->scratch->len);

  /* A subject is one line, whatever the template's layout. */
  g_strdelimit (s, "\r\n\t", ' ');
  g_strstrip (s);

  if (subject != NULL)
    *subject = g_steal_pointer (&s);
  if (body != NULL)
    *body = g_steal_pointer (&b);

  return TRUE;
}

char **
dl_letter_template_find_empty (DlLetterTemplate      *self,
                               const DlMustacheValue *context)
{
  g_auto(GStrv) in_subject = NULL;
  g_auto(GStrv) in_body = NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  in_subject = dl_mustache_find_unguarded_empty (self->subject, context);
  in_body = dl_mustache_find_unguarded_empty (self->body, context);
  g_strv_builder_addv (all, (const char **) in_subject);
  for (guint i = 0; in_body[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) in_subject, in_body[i]))
      g_strv_builder_add (all, in_body[i]);

  return g_strv_builder_end (all);
}

/* Letters leaving the app -------------------------------------------- */

char *
dl_letter_mailto_uri (const char *to_email,
                      const char *subject,
                      const char *body)
{
  g_autofree char *to = g_uri_escape_string (to_email ? to_email : "", "@", FALSE);
  g_autofree char *s = g_uri_escape_string (subject ? subject : "", NULL, FALSE);
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_autofree char *b = NULL;

  /* RFC 6068: line breaks in a mailto body are CRLF. */
  for (const char *p = body ? body : ""; *p != '\0'; p++)
    {
      if (*p == '\n' && (p == body || p[-1] != '\r'))
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, *p);
    }
  b = g_uri_escape_string (crlf->str, NULL, FALSE);

  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", to, s, b);
}

/* An RFC 2047 encoded word when text is not plain ASCII or holds any
 * control character (a CR or LF would end the header line). */
static char *
header_text (const char *text)
{
  g_autofree char *b64 = NULL;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || (guchar) *p < 0x20 || (guchar) *p == 0x7f)
      {
        b64 = g_base64_encode ((const guchar *) text, strlen (text));
        return g_strdup_printf ("=?UTF-8?B?%s?=", b64);
      }

  return g_strdup (text);
}

/* An address goes into a header as it is, so one that could end the
 * header line or start another (a CSV cell "a@b.c\r\nBcc: x@y.z"), or
 * that is not one address at all, is left out: the header keeps only
 * the (encoded) name. */
static gboolean
is_header_safe_address (const char *email)
{
  if (email == NULL || email[0] == '\0')
    return FALSE;
  for (const char *p = email; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p == 0x7f)
      return FALSE;

  return dl_validate_email (email, NULL);
}

static void
append_address (GString    *out,
                const char *header,
                const char *name,
                const char *email)
{
  g_autofree char *encoded = NULL;

  if (!is_header_safe_address (email))
    email = NULL;
  if ((name == NULL || name[0] == '\0') && email == NULL)
    return;

  g_string_append_printf (out, "%s: ", header);
  if (name != NULL && name[0] != '\0')
    {
      encoded = header_text (name);
      if (strcmp (encoded, name) == 0 && strpbrk (name, "()<>[]:;@\\,.\"") != NULL)
        {
          g_autofree char *escaped = g_strescape (name, NULL);

          g_string_append_printf (out, "\"%s\"", escaped);
        }
      else
        g_string_append (out, encoded);
      if (email != NULL && email[0] != '\0')
        g_string_append_printf (out, " <%s>", email);
    }
  else
    g_string_append (out, email);
  g_string_append (out, "\r\n");
}

char *
dl_letter_format_eml (const char *from_name,
                      const char *from_email,
                      const char *to_name,
                      const char *to_email,
                      const char *subject,
                      const char *body,
                      GDateTime  *date)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *encoded_subject = header_text (subject ? subject : "");
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  if (date == NULL)
    date = now = g_date_time_new_now_local ();
  /* RFC 5322 dates are in English whatever the locale. */
  {
    static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    gint64 offset = g_date_time_get_utc_offset (date) / G_TIME_SPAN_MINUTE;

    when = g_strdup_printf ("%s, %d %s %d %02d:%02d:%02d %c%02d%02d",
                            days[g_date_time_get_day_of_week (date) - 1],
                            g_date_time_get_day_of_month (date),
                            months[g_date_time_get_month (date) - 1],
                            g_date_time_get_year (date),
                            g_date_time_get_hour (date),
                            g_date_time_get_minute (date),
                            g_date_time_get_second (date),
                            offset < 0 ? '-' : '+',
                            (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
  }

  append_address (out, "From", from_name, from_email);
  append_address (out, "To", to_name, to_email);
  g_string_append_printf (out, "Subject: %s\r\n", encoded_subject);
  g_string_append_printf (out, "Date: %s\r\n", when);
  g_string_append (out, "MIME-Version: 1.0\r\n"
                        "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: 8bit\r\n"
                        "X-Unsent: 1\r\n"
                        "\r\n");
  for (const char *p = body ? body : ""; *p != '\0'; p++)
    {
      if (*p == '\n' && (p == body || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  if (out->len < 2 || out->str[out->len - 1] != '\n')
    g_string_append (out, "\r\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The default letters ------------------------------------------------ */

static const DlLetterDefault defaults[] = {
  {
    "welcome", DL_TEMPLATE_WELCOME,
    N_("New Member Welcome"),
    N_("Welcome to the team, {{first_name}}!"),
    N_("Hi {{first_name}},\n"
       "\n"
       "Welcome aboard! My name is {{me.name}}{{#me.company}} and I work with "
       "{{me.company}}{{/me.company}}. I am the person who sponsored you, which means "
       "you do not have to figure any of this out on your own: helping you get "
       "started is now part of my job, and I am glad to do it.\n"
       "\n"
       "HOW TO REACH ME\n"
       "{{#me.email}}\n"
       "Email: {{me.email}}\n"
       "{{/me.email}}\n"
       "{{#me.phone}}\n"
       "Phone: {{me.phone}}\n"
       "{{/me.phone}}\n"
       "{{#me.best_time}}\n"
       "The easiest time to catch me: {{me.best_time}}.\n"
       "{{/me.best_time}}\n"
       "Write or call whenever something is unclear. There are no silly questions, "
       "least of all in your first weeks.\n"
       "\n"
       "YOUR FIRST STEPS\n"
       "1. Sign in to your back office{{#member_number}} (your member number is "
       "{{member_number}}){{/member_number}} and have a look around.\n"
       "2. Make a list of everyone you know who might enjoy the products or the "
       "business. Do not sort it yet; just write the names down.\n"
       "3. Block a few hours a week in your calendar for the business, and let us "
       "book a short call to plan your first month.\n"
       "\n"
       "WHERE TO FIND HELP AND TRAINING\n"
       "{{#me.website}}\n"
       "Training notes, sample letters and answers to the usual questions are at "
       "{{me.website}}.\n"
       "{{/me.website}}\n"
       "{{^me.website}}\n"
       "I will send you the training notes and sample letters I use myself.\n"
       "{{/me.website}}\n"
       "The company's own training is in your back office as well.\n"
       "\n"
       "WHAT I WILL DO FOR YOU\n"
       "I will stay in touch every week while you settle in, help you talk to your "
       "first prospects, and go through the compensation plan with you until it makes "
       "sense. When you enroll someone, tell me straight away: I will welcome them too "
       "and help you get them going, the same way I am helping you now.\n"
       "{{#me.message}}\n"
       "\n"
       "{{me.message}}\n"
       "{{/me.message}}\n"
       "\n"
       "Glad you are here,\n"
       "{{me.name}}\n"),
  },
  {
    "upline-welcome", DL_TEMPLATE_UPLINE_WELCOME,
    N_("Welcome From Your Upline"),
    N_("Welcome, {{first_name}}, from further up your team"),
    N_("Hi {{first_name}},\n"
       "\n"
       "Congratulations on joining{{#sponsor.first_name}} {{sponsor.first_name}}’s "
       "team{{/sponsor.first_name}}! My name is {{me.name}}. I am in your upline, one "
       "of the people above you in the group, and I want you to do well here.\n"
       "\n"
       "YOUR FIRST CONTACT IS YOUR SPONSOR\n"
       "{{#sponsor.name}}\n"
       "{{sponsor.name}} enrolled you and is the person to go to first"
       "{{#sponsor.email}}: {{sponsor.email}}{{/sponsor.email}}"
       "{{#sponsor.phone}}, {{sponsor.phone}}{{/sponsor.phone}}.\n"
       "{{/sponsor.name}}\n"
       "{{^sponsor.name}}\n"
       "The person who enrolled you is the one to go to first.\n"
       "{{/sponsor.name}}\n"
       "They know how you like to work and will help you take your first steps.\n"
       "\n"
       "I AM HERE TOO\n"
       "If you ever cannot reach them, or would simply like a second opinion, "
       "write to me{{#me.email}} at {{me.email}}{{/me.email}}"
       "{{#me.phone}} or call {{me.phone}}{{/me.phone}}"
       "{{#me.best_time}} ({{me.best_time}} is best){{/me.best_time}}.\n"
       "\n"
       "WHAT TO DO FIRST\n"
       "Sign in to your back office, write down the names of people who might like "
       "the products or the business, and set a regular time each week to work on it. "
       "A little every week beats a lot once.\n"
       "{{#me.website}}\n"
       "\n"
       "Training notes and sample letters for the whole group are at {{me.website}}.\n"
       "{{/me.website}}\n"
       "\n"
       "And when you enroll someone yourself, welcome them the way you were "
       "welcomed: that is how a group grows.\n"
       "\n"
       "All the best,\n"
       "{{me.name}}\n"),
  },
  {
    "check-in", DL_TEMPLATE_CHECK_IN,
    N_("How Is It Going?"),
    N_("How is it going, {{first_name}}?"),
    N_("Hi {{first_name}},\n"
       "\n"
       "It has been {{days_since_joining}} days since you joined, so I wanted to see "
       "how things are going.\n"
       "\n"
       "A few quick questions, answer as briefly as you like:\n"
       "- What have you done for the business since we last talked?\n"
       "- Is anything unclear, about the products, the plan or your back office?\n"
       "- Have you enrolled anyone? If so, tell me their name so I can welcome them "
       "and help you train them.\n"
       "\n"
       "A reminder of what matters most right now: talk to a few new people every "
       "week and follow up with the ones who were interested. If everyone in the "
       "group does that small amount, the group grows by itself.\n"
       "\n"
       "{{#me.phone}}\n"
       "If it is easier to talk, call me on {{me.phone}}"
       "{{#me.best_time}} ({{me.best_time}} is best){{/me.best_time}}.\n"
       "{{/me.phone}}\n"
       "{{^me.phone}}\n"
       "Just reply to this letter and we will find a time to talk.\n"
       "{{/me.phone}}\n"
       "\n"
       "Talk soon,\n"
       "{{me.name}}\n"),
  },
  {
    "congratulations", DL_TEMPLATE_OTHER,
    N_("Congratulations on a New Rank"),
    N_("Congratulations, {{first_name}}!"),
    N_("Hi {{first_name}},\n"
       "\n"
       "I just saw that you reached {{rank}}{{^rank}}a new rank{{/rank}}. Congratulations: "
       "that is the result of months of steady work, and it deserves to be said out loud.\n"
       "\n"
       "Take a moment to enjoy it. Then, when you are ready, let us look together at "
       "what comes next: who in your group is close to their own next step, and how "
       "you can help them get there the way you got here.\n"
       "\n"
       "{{#me.phone}}\n"
       "Call me on {{me.phone}} when it suits you"
       "{{#me.best_time}} ({{me.best_time}} is best){{/me.best_time}}; I would love to hear "
       "how you did it.\n"
       "{{/me.phone}}\n"
       "{{^me.phone}}\n"
       "Reply to this letter and tell me how you did it; I would love to hear.\n"
       "{{/me.phone}}\n"
       "\n"
       "Well done,\n"
       "{{me.name}}\n"),
  },
  {
    "newsletter", DL_TEMPLATE_NEWSLETTER,
    N_("Team Newsletter"),
    N_("News for the team — {{today}}"),
    N_("Hi {{first_name}},\n"
       "\n"
       "{{! Write this issue’s news below; the greeting and signature stay. }}\n"
       "Here is what is new in our group this month.\n"
       "\n"
       "NEWS\n"
       "- \n"
       "\n"
       "TIP OF THE MONTH\n"
       "- \n"
       "\n"
       "WELCOME TO OUR NEW MEMBERS\n"
       "Say hello when you see them: everyone remembers who made them feel welcome.\n"
       "\n"
       "{{#me.website}}\n"
       "Older issues and all the training notes are at {{me.website}}.\n"
       "{{/me.website}}\n"
       "Questions, ideas or good news to share? Reply to this letter"
       "{{#me.phone}} or call me on {{me.phone}}{{/me.phone}}.\n"
       "\n"
       "{{me.name}}\n"
       "{{#me.company}}\n"
       "{{me.company}}\n"
       "{{/me.company}}\n"),
  },
};

const DlLetterDefault *
dl_letter_defaults (guint *n_defaults)
{
  if (n_defaults != NULL)
    *n_defaults = G_N_ELEMENTS (defaults);
  return defaults;
}

const DlLetterDefault *
dl_letter_default_lookup (const char *builtin)
{
  g_return_val_if_fail (builtin != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (strcmp (defaults[i].builtin, builtin) == 0)
      return &defaults[i];

  return NULL;
}
