/* test-mustache.c — the template engine against the Mustache spec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cases follow the specification's interpolation, sections,
 * inverted and comments files (written out here; data in GVariant text
 * form, where a{sv} is a hash, av or as a list, <@mv nothing> null).
 */

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dl-mustache.h"

typedef struct
{
  const char *name;
  const char *data;
  const char *template;
  const char *expected;
} SpecCase;

static const SpecCase interpolation[] = {
  { "No Interpolation", "@a{sv} {}", "Hello from {Mustache}!\n", "Hello from {Mustache}!\n" },
  { "Basic Interpolation", "{'subject': <'world'>}", "Hello, {{subject}}!\n", "Hello, world!\n" },
  { "HTML Escaping", "{'forbidden': <'& \" < >'>}",
    "These characters should be HTML escaped: {{forbidden}}\n",
    "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n" },
  { "Triple Mustache", "{'forbidden': <'& \" < >'>}",
    "These characters should not be HTML escaped: {{{forbidden}}}\n",
    "These characters should not be HTML escaped: & \" < >\n" },
  { "Ampersand", "{'forbidden': <'& \" < >'>}",
    "These characters should not be HTML escaped: {{&forbidden}}\n",
    "These characters should not be HTML escaped: & \" < >\n" },
  { "Basic Integer Interpolation", "{'mph': <85>}", "\"{{mph}} miles an hour!\"",
    "\"85 miles an hour!\"" },
  { "Triple Mustache Integer Interpolation", "{'mph': <85>}", "\"{{{mph}}} miles an hour!\"",
    "\"85 miles an hour!\"" },
  { "Ampersand Integer Interpolation", "{'mph': <85>}", "\"{{&mph}} miles an hour!\"",
    "\"85 miles an hour!\"" },
  { "Basic Decimal Interpolation", "{'power': <1.210>}", "\"{{power}} jiggawatts!\"",
    "\"1.21 jiggawatts!\"" },
  { "Triple Mustache Decimal Interpolation", "{'power': <1.210>}", "\"{{{power}}} jiggawatts!\"",
    "\"1.21 jiggawatts!\"" },
  { "Basic Null Interpolation", "{'cannot': <@ms nothing>}", "I ({{cannot}}) be seen!",
    "I () be seen!" },
  { "Triple Mustache Null Interpolation", "{'cannot': <@ms nothing>}", "I ({{{cannot}}}) be seen!",
    "I () be seen!" },
  { "Basic Context Miss Interpolation", "@a{sv} {}", "I ({{cannot}}) be seen!", "I () be seen!" },
  { "Triple Mustache Context Miss Interpolation", "@a{sv} {}", "I ({{{cannot}}}) be seen!",
    "I () be seen!" },
  { "Ampersand Context Miss Interpolation", "@a{sv} {}", "I ({{&cannot}}) be seen!",
    "I () be seen!" },
  { "Dotted Names - Basic Interpolation", "{'person': <{'name': <'Joe'>}>}",
    "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"", "\"Joe\" == \"Joe\"" },
  { "Dotted Names - Triple Mustache Interpolation", "{'person': <{'name': <'Joe'>}>}",
    "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"", "\"Joe\" == \"Joe\"" },
  { "Dotted Names - Ampersand Interpolation", "{'person': <{'name': <'Joe'>}>}",
    "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"", "\"Joe\" == \"Joe\"" },
  { "Dotted Names - Arbitrary Depth",
    "{'a': <{'b': <{'c': <{'d': <{'e': <{'name': <'Phil'>}>}>}>}>}>}",
    "\"{{a.b.c.d.e.name}}\" == \"Phil\"", "\"Phil\" == \"Phil\"" },
  { "Dotted Names - Broken Chains", "{'a': <@a{sv} {}>}", "\"{{a.b.c}}\" == \"\"",
    "\"\" == \"\"" },
  { "Dotted Names - Broken Chain Resolution",
    "{'a': <{'b': <@a{sv} {}>}>, 'c': <{'name': <'Jim'>}>}",
    "\"{{a.b.c.name}}\" == \"\"", "\"\" == \"\"" },
  { "Dotted Names - Initial Resolution",
    "{'a': <{'b': <{'c': <{'d': <{'e': <{'name': <'Phil'>}>}>}>}>}>,"
    " 'b': <{'c': <{'d': <{'e': <{'name': <'Wrong'>}>}>}>}>}",
    "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"", "\"Phil\" == \"Phil\"" },
  { "Dotted Names - Context Precedence",
    "{'a': <{'b': <@a{sv} {}>}>, 'b': <{'c': <'ERROR'>}>}",
    "{{#a}}{{b.c}}{{/a}}", "" },
  { "Implicit Iterators - Basic Interpolation", "'world'", "Hello, {{.}}!\n", "Hello, world!\n" },
  { "Implicit Iterators - HTML Escaping", "'& \" < >'",
    "These characters should be HTML escaped: {{.}}\n",
    "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n" },
  { "Implicit Iterators - Triple Mustache", "'& \" < >'",
    "These characters should not be HTML escaped: {{{.}}}\n",
    "These characters should not be HTML escaped: & \" < >\n" },
  { "Implicit Iterators - Basic Integer Interpolation", "<85>", "\"{{.}} miles an hour!\"",
    "\"85 miles an hour!\"" },
  { "Interpolation - Surrounding Whitespace", "{'string': <'---'>}", "| {{string}} |",
    "| --- |" },
  { "Triple Mustache - Surrounding Whitespace", "{'string': <'---'>}", "| {{{string}}} |",
    "| --- |" },
  { "Ampersand - Surrounding Whitespace", "{'string': <'---'>}", "| {{&string}} |",
    "| --- |" },
  { "Interpolation - Standalone", "{'string': <'---'>}", "  {{string}}\n", "  ---\n" },
  { "Triple Mustache - Standalone", "{'string': <'---'>}", "  {{{string}}}\n", "  ---\n" },
  { "Ampersand - Standalone", "{'string': <'---'>}", "  {{&string}}\n", "  ---\n" },
  { "Interpolation With Padding", "{'string': <'---'>}", "|{{ string }}|", "|---|" },
  { "Triple Mustache With Padding", "{'string': <'---'>}", "|{{{ string }}}|", "|---|" },
  { "Ampersand With Padding", "{'string': <'---'>}", "|{{& string }}|", "|---|" },
};

static const SpecCase sections[] = {
  { "Truthy", "{'boolean': <true>}", "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
    "\"This should be rendered.\"" },
  { "Falsey", "{'boolean': <false>}", "\"{{#boolean}}This should not be rendered.{{/boolean}}\"",
    "\"\"" },
  { "Null is falsey", "{'null': <@ms nothing>}",
    "\"{{#null}}This should not be rendered.{{/null}}\"", "\"\"" },
  { "Context", "{'context': <{'name': <'Joe'>}>}", "\"{{#context}}Hi {{name}}.{{/context}}\"",
    "\"Hi Joe.\"" },
  { "Parent contexts",
    "{'a': <'foo'>, 'b': <'wrong'>, 'sec': <{'b': <'bar'>}>, 'c': <{'d': <'baz'>}>}",
    "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"", "\"foo, bar, baz\"" },
  { "Variable test", "{'foo': <'bar'>}", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"",
    "\"bar is bar\"" },
  { "List Context",
    "{'tops': <[<{'tname': <{'upper': <'A'>, 'lower': <'a'>}>,"
    " 'middles': <[<{'mname': <'1'>, 'bottoms': <[<{'bname': <'x'>}>, <{'bname': <'y'>}>]>}>]>}>]>}",
    "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}."
    "{{/bottoms}}{{/middles}}{{/tops}}",
    "a1.A1x.A1y." },
  { "Deeply Nested Contexts",
    "{'a': <{'one': <1>}>, 'b': <{'two': <2>}>, 'c': <{'three': <3>, 'd': <{'four': <4>, 'five': <5>}>}>}",
    "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n{{one}}{{two}}{{three}}{{two}}{{one}}\n"
    "{{#d}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n"
    "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n{{/five}}\n"
    "{{/d}}\n{{/c}}\n{{/b}}\n{{/a}}\n",
    "1\n121\n12321\n1234321\n123454321\n" },
  { "List", "{'list': <[<{'item': <1>}>, <{'item': <2>}>, <{'item': <3>}>]>}",
    "\"{{#list}}{{item}}{{/list}}\"", "\"123\"" },
  { "Empty List", "{'list': <@av []>}", "\"{{#list}}Yay lists!{{/list}}\"", "\"\"" },
  { "Doubled", "{'bool': <true>, 'two': <'second'>}",
    "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
    "* first\n* second\n* third\n" },
  { "Nested (Truthy)", "{'bool': <true>}", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
    "| A B C D E |" },
  { "Nested (Falsey)", "{'bool': <false>}", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
    "| A  E |" },
  { "Context Misses", "@a{sv} {}", "[{{#missing}}Found key 'missing'!{{/missing}}]", "[]" },
  { "Implicit Iterator - String", "{'list': <['a', 'b', 'c', 'd', 'e']>}",
    "\"{{#list}}({{.}}){{/list}}\"", "\"(a)(b)(c)(d)(e)\"" },
  { "Implicit Iterator - Integer", "{'list': <[1, 2, 3, 4, 5]>}", "\"{{#list}}({{.}}){{/list}}\"",
    "\"(1)(2)(3)(4)(5)\"" },
  { "Implicit Iterator - Decimal", "{'list': <[1.10, 2.20, 3.30, 4.40, 5.50]>}",
    "\"{{#list}}({{.}}){{/list}}\"", "\"(1.1)(2.2)(3.3)(4.4)(5.5)\"" },
  { "Implicit Iterator - Array", "{'list': <[<[<1>, <2>, <3>]>, <['a', 'b', 'c']>]>}",
    "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"", "\"(123)(abc)\"" },
  { "Implicit Iterator - HTML Escaping", "{'list': <['&', '\"', '<', '>']>}",
    "\"{{#list}}({{.}}){{/list}}\"", "\"(&amp;)(&quot;)(&lt;)(&gt;)\"" },
  { "Implicit Iterator - Triple mustache", "{'list': <['&', '\"', '<', '>']>}",
    "\"{{#list}}({{{.}}}){{/list}}\"", "\"(&)(\")(<)(>)\"" },
  { "Implicit Iterator - Root-level", "[<{'value': <'a'>}>, <{'value': <'b'>}>]",
    "\"{{#.}}({{value}}){{/.}}\"", "\"(a)(b)\"" },
  { "Dotted Names - Truthy", "{'a': <{'b': <{'c': <true>}>}>}",
    "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"", "\"Here\" == \"Here\"" },
  { "Dotted Names - Falsey", "{'a': <{'b': <{'c': <false>}>}>}",
    "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", "\"\" == \"\"" },
  { "Dotted Names - Broken Chains", "{'a': <@a{sv} {}>}",
    "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", "\"\" == \"\"" },
  { "Surrounding Whitespace", "{'boolean': <true>}", " | {{#boolean}}\t|\t{{/boolean}} | \n",
    " | \t|\t | \n" },
  { "Internal Whitespace", "{'boolean': <true>}",
    " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", " |  \n  | \n" },
  { "Indented Inline Sections", "{'boolean': <true>}",
    " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", " YES\n GOOD\n" },
  { "Standalone Lines", "{'boolean': <true>}",
    "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", "| This Is\n|\n| A Line\n" },
  { "Indented Standalone Lines", "{'boolean': <true>}",
    "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", "| This Is\n|\n| A Line\n" },
  { "Standalone Line Endings", "{'boolean': <true>}", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|",
    "|\r\n|" },
  { "Standalone Without Previous Line", "{'boolean': <true>}", "  {{#boolean}}\n#{{/boolean}}\n/",
    "#\n/" },
  { "Standalone Without Newline", "{'boolean': <true>}", "#{{#boolean}}\n/\n  {{/boolean}}",
    "#\n/\n" },
  { "Padding", "{'boolean': <true>}", "|{{# boolean }}={{/ boolean }}|", "|=|" },
};

static const SpecCase inverted[] = {
  { "Falsey", "{'boolean': <false>}", "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
    "\"This should be rendered.\"" },
  { "Truthy", "{'boolean': <true>}", "\"{{^boolean}}This should not be rendered.{{/boolean}}\"",
    "\"\"" },
  { "Null is falsey", "{'null': <@ms nothing>}",
    "\"{{^null}}This should be rendered.{{/null}}\"", "\"This should be rendered.\"" },
  { "Context", "{'context': <{'name': <'Joe'>}>}", "\"{{^context}}Hi {{name}}.{{/context}}\"",
    "\"\"" },
  { "List", "{'list': <[<{'n': <1>}>, <{'n': <2>}>, <{'n': <3>}>]>}",
    "\"{{^list}}{{n}}{{/list}}\"", "\"\"" },
  { "Empty List", "{'list': <@av []>}", "\"{{^list}}Yay lists!{{/list}}\"", "\"Yay lists!\"" },
  { "Doubled", "{'bool': <false>, 'two': <'second'>}",
    "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
    "* first\n* second\n* third\n" },
  { "Nested (Falsey)", "{'bool': <false>}", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
    "| A B C D E |" },
  { "Nested (Truthy)", "{'bool': <true>}", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
    "| A  E |" },
  { "Context Misses", "@a{sv} {}", "[{{^missing}}Found key 'missing'!{{/missing}}]",
    "[Found key 'missing'!]" },
  { "Dotted Names - Truthy", "{'a': <{'b': <{'c': <true>}>}>}",
    "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", "\"\" == \"\"" },
  { "Dotted Names - Falsey", "{'a': <{'b': <{'c': <false>}>}>}",
    "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", "\"Not Here\" == \"Not Here\"" },
  { "Dotted Names - Broken Chains", "{'a': <@a{sv} {}>}",
    "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", "\"Not Here\" == \"Not Here\"" },
  { "Surrounding Whitespace", "{'boolean': <false>}", " | {{^boolean}}\t|\t{{/boolean}} | \n",
    " | \t|\t | \n" },
  { "Internal Whitespace", "{'boolean': <false>}",
    " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", " |  \n  | \n" },
  { "Indented Inline Sections", "{'boolean': <false>}",
    " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n", " NO\n WAY\n" },
  { "Standalone Lines", "{'boolean': <false>}",
    "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", "| This Is\n|\n| A Line\n" },
  { "Standalone Indented Lines", "{'boolean': <false>}",
    "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", "| This Is\n|\n| A Line\n" },
  { "Standalone Line Endings", "{'boolean': <false>}", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
    "|\r\n|" },
  { "Standalone Without Previous Line", "{'boolean': <false>}",
    "  {{^boolean}}\n^{{/boolean}}\n/", "^\n/" },
  { "Standalone Without Newline", "{'boolean': <false>}", "^{{^boolean}}\n/\n  {{/boolean}}",
    "^\n/\n" },
  { "Padding", "{'boolean': <false>}", "|{{^ boolean }}={{/ boolean }}|", "|=|" },
};

static const SpecCase comments[] = {
  { "Inline", "@a{sv} {}", "12345{{! Comment Block! }}67890", "1234567890" },
  { "Multiline", "@a{sv} {}", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n",
    "1234567890\n" },
  { "Standalone", "@a{sv} {}", "Begin.\n{{! Comment Block! }}\nEnd.\n", "Begin.\nEnd.\n" },
  { "Indented Standalone", "@a{sv} {}", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n",
    "Begin.\nEnd.\n" },
  { "Standalone Line Endings", "@a{sv} {}", "|\r\n{{! Standalone Comment }}\r\n|", "|\r\n|" },
  { "Standalone Without Previous Line", "@a{sv} {}", "  {{! I'm Still Standalone }}\n!", "!" },
  { "Standalone Without Newline", "@a{sv} {}", "!\n  {{! I'm Still Standalone }}", "!\n" },
  { "Multiline Standalone", "@a{sv} {}", "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n",
    "Begin.\nEnd.\n" },
  { "Indented Multiline Standalone", "@a{sv} {}",
    "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "Begin.\nEnd.\n" },
  { "Indented Inline", "@a{sv} {}", "  12 {{! 34 }}\n", "  12 \n" },
  { "Surrounding Whitespace", "@a{sv} {}", "12345 {{! Comment Block! }} 67890",
    "12345  67890" },
  { "Variable Name Collision", "{'! comment': <1>, '! comment ': <2>, '!comment': <3>, 'comment': <4>}",
    "comments never render: {{! comment }}", "comments never render: " },
};

/* GVariant → template value. */
static DlMustacheValue *
value_from_variant (GVariant *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (v);

      return value_from_variant (inner);
    }
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_MAYBE))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (v);

      return inner != NULL ? value_from_variant (inner) : dl_mustache_value_new_null ();
    }
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
    return dl_mustache_value_new_boolean (g_variant_get_boolean (v));
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return dl_mustache_value_new_string (g_variant_get_string (v, NULL));
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT32))
    return dl_mustache_value_new_number (g_variant_get_int32 (v));
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    return dl_mustache_value_new_number (g_variant_get_double (v));
  if (g_variant_is_of_type (v, G_VARIANT_TYPE ("a{s*}")))
    {
      DlMustacheValue *map = dl_mustache_value_new_map ();
      GVariantIter iter;
      const char *key;
      GVariant *child;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "{&s*}", &key, &child))
        {
          dl_mustache_map_take (map, key, value_from_variant (child));
          g_variant_unref (child);
        }
      return map;
    }
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_ARRAY))
    {
      DlMustacheValue *list = dl_mustache_value_new_list ();

      for (gsize i = 0; i < g_variant_n_children (v); i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (v, i);

          dl_mustache_list_append (list, value_from_variant (child));
        }
      return list;
    }

  g_error ("test data of type %s", g_variant_get_type_string (v));
  return NULL;
}

static DlMustacheValue *
parse_data (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) v = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  if (v == NULL)
    return dl_mustache_value_new_null ();
  return value_from_variant (v);
}

static void
run_case (gconstpointer data)
{
  const SpecCase *c = data;
  g_autoptr(DlMustacheValue) context = parse_data (c->data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustache) tmpl = dl_mustache_parse (c->template, -1, NULL, &error);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  if (tmpl == NULL)
    return;
  /* The spec's expectations are for HTML mode (it escapes). */
  out = dl_mustache_render_to_string (tmpl, context, DL_MUSTACHE_HTML, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, c->expected);
}

static void
add_cases (const char     *file,
           const SpecCase *cases,
           guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/mustache/spec/%s/%s", file, cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }
}

/* Beyond the spec --------------------------------------------------- */

static void
test_plain_mode (void)
{
  g_autoptr(DlMustacheValue) ctx = parse_data ("{'name': <'Ann & \"Bo\" <x>'>}");
  g_autoptr(DlMustache) tmpl = dl_mustache_parse ("Dear {{name}},", -1, NULL, NULL);
  g_autofree char *plain = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, NULL);
  g_autofree char *html = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_HTML, TRUE, NULL, NULL);

  g_assert_cmpstr (plain, ==, "Dear Ann & \"Bo\" <x>,");
  g_assert_cmpstr (html, ==, "Dear Ann &amp; &quot;Bo&quot; &lt;x&gt;,");
}

static void
assert_parse_error (const char      *text,
                    gssize           len,
                    DlMustacheError  code,
                    guint            line,
                    guint            column)
{
  g_autoptr(GError) error = NULL;
  DlMustacheLocation where = { 0 };
  g_autoptr(DlMustache) tmpl = dl_mustache_parse (text, len, &where, &error);
  g_autofree char *prefix = g_strdup_printf ("Line %u, column %u: ", line, column);

  g_assert_null (tmpl);
  g_assert_error (error, DL_MUSTACHE_ERROR, (int) code);
  g_assert_cmpuint (where.line, ==, line);
  g_assert_cmpuint (where.column, ==, column);
  if (error != NULL)
    g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_errors (void)
{
  assert_parse_error ("Hi {{#a}}x\n", -1, DL_MUSTACHE_ERROR_UNCLOSED_SECTION, 1, 4);
  assert_parse_error ("A\n {{#a}}{{#b}}x{{/a}}{{/b}}", -1, DL_MUSTACHE_ERROR_MISMATCHED_SECTION, 2, 15);
  assert_parse_error ("x{{/a}}", -1, DL_MUSTACHE_ERROR_MISMATCHED_SECTION, 1, 2);
  assert_parse_error ("Hello {{", -1, DL_MUSTACHE_ERROR_MALFORMED_TAG, 1, 7);
}

static void
test_errors_more (void)
{
  assert_parse_error ("Hello {{name", -1, DL_MUSTACHE_ERROR_MALFORMED_TAG, 1, 7);
  assert_parse_error ("a\nbé {{}}", -1, DL_MUSTACHE_ERROR_MALFORMED_TAG, 2, 4);
  assert_parse_error ("{{first name}}", -1, DL_MUSTACHE_ERROR_MALFORMED_TAG, 1, 1);
  assert_parse_error ("{{a..b}}", -1, DL_MUSTACHE_ERROR_MALFORMED_TAG, 1, 1);
  assert_parse_error ("{{{a}}", -1, DL_MUSTACHE_ERROR_MALFORMED_TAG, 1, 1);
  assert_parse_error ("x {{> part}}", -1, DL_MUSTACHE_ERROR_UNSUPPORTED, 1, 3);
  assert_parse_error ("{{=<% %>=}}", -1, DL_MUSTACHE_ERROR_UNSUPPORTED, 1, 1);
  assert_parse_error ("ab\ncd\xff", -1, DL_MUSTACHE_ERROR_INVALID_UTF8, 2, 3);
  assert_parse_error ("ab\0cd", 5, DL_MUSTACHE_ERROR_INVALID_UTF8, 1, 3);
}

static void
test_tag_at_end (void)
{
  g_autoptr(DlMustacheValue) ctx = parse_data ("{'name': <'Ann'>}");
  g_autoptr(DlMustache) tmpl = dl_mustache_parse ("Bye {{name}}", -1, NULL, NULL);
  g_autofree char *out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, NULL);

  g_assert_cmpstr (out, ==, "Bye Ann");
  assert_parse_error ("Bye {{name}", -1, DL_MUSTACHE_ERROR_MALFORMED_TAG, 1, 5);
  g_clear_pointer (&tmpl, dl_mustache_free);
  g_clear_pointer (&out, g_free);
  tmpl = dl_mustache_parse ("Bye {{name}}{", -1, NULL, NULL);
  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, NULL);
  g_assert_cmpstr (out, ==, "Bye Ann{");
}

static void
test_unknown_field (void)
{
  g_autoptr(DlMustacheValue) ctx = parse_data ("{'name': <'Ann'>, 'me': <{'phone': <''>}>}");
  g_autoptr(DlMustache) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  DlMustacheLocation where = { 0 };
  g_autofree char *out = NULL;

  tmpl = dl_mustache_parse ("Hi {{name}},\n{{me.phone}} {{me.fax}}", -1, NULL, &error);
  g_assert_no_error (error);

  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, &where, &error);
  g_assert_null (out);
  g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_UNKNOWN_FIELD);
  g_assert_cmpuint (where.line, ==, 2);
  g_assert_cmpuint (where.column, ==, 14);
  g_clear_error (&error);

  /* Lenient rendering, as the spec wants, prints nothing for it. */
  g_clear_pointer (&out, g_free);
  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, FALSE, NULL, &error);
  g_assert_cmpstr (out, ==, "Hi Ann,\n ");

  /* The static check also finds names in sections that are not shown. */
  g_clear_pointer (&tmpl, dl_mustache_free);
  tmpl = dl_mustache_parse ("{{#me.phone}}\n  {{bogus}}\n{{/me.phone}}", -1, NULL, NULL);
  g_assert_false (dl_mustache_check_names (tmpl, ctx, &where, &error));
  g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_UNKNOWN_FIELD);
  g_assert_cmpuint (where.line, ==, 2);
  g_assert_cmpuint (where.column, ==, 3);
  g_clear_error (&error);

  g_clear_pointer (&tmpl, dl_mustache_free);
  tmpl = dl_mustache_parse ("{{#me.phone}}{{.}}{{/me.phone}}{{name}}", -1, NULL, NULL);
  g_assert_true (dl_mustache_check_names (tmpl, ctx, NULL, &error));
  g_assert_no_error (error);
}

static void
test_unguarded_empty (void)
{
  g_autoptr(DlMustacheValue) ctx =
    parse_data ("{'name': <'Ann'>, 'city': <''>, 'phone': <''>, 'email': <''>, 'web': <''>}");
  g_autoptr(DlMustache) tmpl = NULL;
  g_auto(GStrv) names = NULL;

  tmpl = dl_mustache_parse ("{{name}} {{city}} {{city}}\n"
                            "{{#phone}}Call {{phone}}{{/phone}}\n"
                            "{{email}}{{^email}}no mail{{/email}}\n"
                            "{{#name}}{{web}}{{/name}}",
                            -1, NULL, NULL);
  names = dl_mustache_find_unguarded_empty (tmpl, ctx);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "city");
  g_assert_cmpstr (names[1], ==, "web");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  DlMustacheLocation where = { 0 };
  g_autoptr(DlMustache) tmpl = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "{{#a}}");
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "{{/a}}");

  tmpl = dl_mustache_parse (text->str, text->len, &where, &error);
  g_assert_null (tmpl);
  g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_TOO_DEEP);
  g_assert_cmpuint (where.line, ==, 1);
  g_assert_cmpuint (where.column, ==, 6 * DL_MUSTACHE_MAX_DEPTH + 1);
}

static void
test_nesting_at_limit (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(DlMustacheValue) ctx = parse_data ("{'a': <true>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustache) tmpl = NULL;
  g_autofree char *out = NULL;

  for (guint i = 0; i < DL_MUSTACHE_MAX_DEPTH; i++)
    g_string_append (text, "{{#a}}");
  g_string_append (text, "x");
  for (guint i = 0; i < DL_MUSTACHE_MAX_DEPTH; i++)
    g_string_append (text, "{{/a}}");

  tmpl = dl_mustache_parse (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, &error);
  g_assert_cmpstr (out, ==, "x");
}

static void
test_blow_up (void)
{
  /* Each level repeats the next ten times: 10^30 copies unless stopped. */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(DlMustacheValue) ctx = parse_data ("{'l': <[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustache) tmpl = NULL;
  g_autofree char *out = NULL;
  gint64 start;

  for (guint i = 0; i < 30; i++)
    g_string_append (text, "{{#l}}");
  g_string_append (text, "{{.}}");
  for (guint i = 0; i < 30; i++)
    g_string_append (text, "{{/l}}");

  tmpl = dl_mustache_parse (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_TOO_LARGE);
  g_test_message ("stopped after %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

static void
test_megabyte (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(DlMustacheValue) ctx = parse_data ("{'name': <'Ann'>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustache) tmpl = NULL;
  g_autofree char *out = NULL;

  while (text->len < 1024 * 1024)
    {
      g_string_append (text, "Dear {{name}}, — {{! note }}ünïcode line\n");
      g_string_append (expected, "Dear Ann, — ünïcode line\n");
    }

  tmpl = dl_mustache_parse (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected->str);

  /* An error at the end of a megabyte still has its line right. */
  g_string_append (text, "{{#open}}");
  g_clear_pointer (&tmpl, dl_mustache_free);
  {
    DlMustacheLocation where = { 0 };
    guint lines = 0;

    for (gsize i = 0; i < text->len; i++)
      lines += text->str[i] == '\n';
    g_clear_error (&error);
    tmpl = dl_mustache_parse (text->str, text->len, &where, &error);
    g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_UNCLOSED_SECTION);
    g_assert_cmpuint (where.line, ==, lines + 1);
    g_assert_cmpuint (where.column, ==, 1);
  }
}

static void
test_too_large (void)
{
  gsize len = DL_MUSTACHE_MAX_INPUT + 1;
  g_autofree char *text = g_malloc (len);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustache) tmpl = NULL;

  memset (text, 'a', len);
  tmpl = dl_mustache_parse (text, len, NULL, &error);
  g_assert_null (tmpl);
  g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_TOO_LARGE);
}

static void
test_map_set_string (void)
{
  g_autoptr(DlMustacheValue) ctx = dl_mustache_value_new_map ();
  g_autoptr(DlMustache) tmpl = dl_mustache_parse ("{{a}}/{{b.c}}", -1, NULL, NULL);
  DlMustacheValue *b = dl_mustache_value_new_map ();
  g_autofree char *one = NULL, *two = NULL;

  dl_mustache_map_take (ctx, "b", b);
  dl_mustache_map_set_string (ctx, "a", "1");
  dl_mustache_map_set_string (b, "c", "x");
  one = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, NULL);
  dl_mustache_map_set_string (ctx, "a", "22");
  dl_mustache_map_set_string (b, "c", NULL);
  two = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, NULL);

  g_assert_cmpstr (one, ==, "1/x");
  g_assert_cmpstr (two, ==, "22/");
  g_assert_cmpstr (dl_mustache_value_get_string (dl_mustache_map_lookup_path (ctx, "b.c")), ==, "");
  g_assert_null (dl_mustache_map_lookup_path (ctx, "b.d"));
}

/* Blocks and parents of template inheritance are refused where they
 * are, like partials, instead of being read as field names. */
static void
test_inheritance_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustache) tmpl = NULL;

  assert_parse_error ("Hi\n  {{$greeting}}Hello{{/greeting}}", -1, DL_MUSTACHE_ERROR_UNSUPPORTED, 2, 3);
  assert_parse_error ("x {{<base}}{{/base}}", -1, DL_MUSTACHE_ERROR_UNSUPPORTED, 1, 3);

  tmpl = dl_mustache_parse ("{{$name}}", -1, NULL, &error);
  g_assert_null (tmpl);
  g_assert_nonnull (error ? strstr (error->message, "Template inheritance (“{{$”) is not supported") : NULL);
}

/* Inside a section on a map, names are that map's first: the warning
 * is about the sponsor's empty name, not the member's. */
static void
test_unguarded_empty_in_section (void)
{
  g_autoptr(DlMustacheValue) ctx =
    parse_data ("{'name': <'Ann'>, 'city': <''>, "
                "'sponsor': <{'name': <''>, 'email': <'bo@example.org'>, 'phone': <''>}>}");
  g_autoptr(DlMustacheValue) other =
    parse_data ("{'name': <''>, 'sponsor': <{'name': <'Bo'>}>}");
  g_autoptr(DlMustache) tmpl = NULL;
  g_autoptr(DlMustache) guarded = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) guarded_names = NULL;

  tmpl = dl_mustache_parse ("{{#sponsor}}{{name}} <{{email}}> {{city}}{{/sponsor}}", -1, NULL, NULL);
  names = dl_mustache_find_unguarded_empty (tmpl, ctx);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "sponsor.name");
  /* not the sponsor's: found outside */
  g_assert_cmpstr (names[1], ==, "city");

  none = dl_mustache_find_unguarded_empty (tmpl, other);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  guarded = dl_mustache_parse ("{{#sponsor}}{{phone}}{{^phone}}no phone{{/phone}}{{/sponsor}}",
                               -1, NULL, NULL);
  guarded_names = dl_mustache_find_unguarded_empty (guarded, ctx);
  g_assert_cmpuint (g_strv_length (guarded_names), ==, 0);
}

/* A decimal comma locale does not turn 1.5 into "1,5". */
static void
test_numbers_any_locale (void)
{
  g_autofree char *dir = g_dir_make_tmp ("downline-locale-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "de_DE.UTF-8", NULL);
  g_autoptr(DlMustacheValue) ctx = dl_mustache_value_new_map ();
  g_autoptr(DlMustache) tmpl = dl_mustache_parse ("{{a}} {{b}} {{c}} {{d}}", -1, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", target, NULL };
  int status = -1;
  char check[16];

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("localedef cannot make de_DE.UTF-8 here");
      return;
    }
  g_setenv ("LOCPATH", dir, TRUE);
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  /* the locale is really in force */
  g_snprintf (check, sizeof check, "%.1f", 1.5);
  g_assert_cmpstr (check, ==, "1,5");

  dl_mustache_map_take (ctx, "a", dl_mustache_value_new_number (1.5));
  dl_mustache_map_take (ctx, "b", dl_mustache_value_new_number (1234567.25));
  dl_mustache_map_take (ctx, "c", dl_mustache_value_new_number (0.1 + 0.2));
  /* the C locale's shortest text, not the 17-digit fallback */
  dl_mustache_map_take (ctx, "d", dl_mustache_value_new_number (0.1));
  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, NULL);
  setlocale (LC_NUMERIC, old);
  g_unsetenv ("LOCPATH");
  g_assert_cmpstr (out, ==, "1.5 1234567.25 0.30000000000000004 0.1");

  {
    g_autoptr(GDir) d = g_dir_open (target, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (target, name, NULL);

        g_remove (path);
      }
    g_rmdir (target);
    g_rmdir (dir);
  }
}

/* 100,000 people in one flat list is long, not deep: it renders. */
static void
test_long_flat_list (void)
{
  g_autoptr(DlMustacheValue) ctx = dl_mustache_value_new_map ();
  DlMustacheValue *people = dl_mustache_value_new_list ();
  g_autoptr(DlMustache) tmpl = dl_mustache_parse ("{{#people}}{{name}}, {{/people}}", -1, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  for (guint i = 0; i < 100000; i++)
    {
      DlMustacheValue *person = dl_mustache_value_new_map ();

      dl_mustache_map_set_string (person, "name", "Ann");
      dl_mustache_list_append (people, person);
    }
  dl_mustache_map_take (ctx, "people", people);

  out = dl_mustache_render_to_string (tmpl, ctx, DL_MUSTACHE_PLAIN, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out ? strlen (out) : 0, ==, 100000 * strlen ("Ann, "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  add_cases ("interpolation", interpolation, G_N_ELEMENTS (interpolation));
  add_cases ("sections", sections, G_N_ELEMENTS (sections));
  add_cases ("inverted", inverted, G_N_ELEMENTS (inverted));
  add_cases ("comments", comments, G_N_ELEMENTS (comments));

  g_test_add_func ("/mustache/plain-mode", test_plain_mode);
  g_test_add_func ("/mustache/errors", test_errors);
  g_test_add_func ("/mustache/errors-more", test_errors_more);
  g_test_add_func ("/mustache/tag-at-end", test_tag_at_end);
  g_test_add_func ("/mustache/unknown-field", test_unknown_field);
  g_test_add_func ("/mustache/unguarded-empty", test_unguarded_empty);
  g_test_add_func ("/mustache/deep-nesting", test_deep_nesting);
  g_test_add_func ("/mustache/nesting-at-limit", test_nesting_at_limit);
  g_test_add_func ("/mustache/blow-up", test_blow_up);
  g_test_add_func ("/mustache/megabyte", test_megabyte);
  g_test_add_func ("/mustache/too-large", test_too_large);
  g_test_add_func ("/mustache/map-set-string", test_map_set_string);
  g_test_add_func ("/mustache/inheritance-refused", test_inheritance_refused);
  g_test_add_func ("/mustache/unguarded-empty-in-section", test_unguarded_empty_in_section);
  g_test_add_func ("/mustache/numbers-any-locale", test_numbers_any_locale);
  g_test_add_func ("/mustache/long-flat-list", test_long_flat_list);

  return g_test_run ();
}
