/* test-json-codec.c: the JSON codec: exact format, round trips, hostile input
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <float.h>
#include <math.h>
#include <string.h>

#include <ro-glib/ro-glib.h>

#include "ro-codec.h"

static const RoCodec *codec;

/* Encodes @message, checks the frame header, and returns the payload. */
static char *
encode (const RoMessage *message)
{
  g_autoptr(GBytes) frame = codec->encode (message);
  gsize size;
  const guint8 *data = g_bytes_get_data (frame, &size);
  guint32 length;

  g_assert_cmpuint (size, >=, RO_FRAME_HEADER_SIZE);
  memcpy (&length, data, sizeof length);
  g_assert_cmpuint (GUINT32_FROM_BE (length), ==, size - RO_FRAME_HEADER_SIZE);
  g_assert_true (g_utf8_validate_len ((const char *) data + RO_FRAME_HEADER_SIZE,
                                      size - RO_FRAME_HEADER_SIZE, NULL));

  return g_strndup ((const char *) data + RO_FRAME_HEADER_SIZE, size - RO_FRAME_HEADER_SIZE);
}

static RoMessage *
decode_len (const char  *payload,
            gsize        length,
            GError     **error)
{
  /* A copy of exactly the payload's size, so that valgrind sees any read
   * past its end. */
  g_autofree guint8 *copy = g_memdup2 (payload, length);

  return codec->decode (copy, length, error);
}

static RoMessage *
decode (const char  *payload,
        GError     **error)
{
  return decode_len (payload, strlen (payload), error);
}

static RoMessage *
decode_ok (const char *payload)
{
  g_autoptr(GError) error = NULL;
  RoMessage *message = decode (payload, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static void
assert_refused_len (const char *payload,
                    gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoMessage) message = decode_len (payload, length, &error);

  if (message != NULL)
    g_error ("Accepted: %.*s", (int) length, payload);
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  {
    g_autofree char *shown = g_strndup (payload, MIN (length, 200));
    g_autofree char *escaped = g_strescape (shown, NULL);

    g_test_message ("%s: %s", escaped, error->message);
  }
}

static void
assert_refused (const char *payload)
{
  assert_refused_len (payload, strlen (payload));
}

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *v = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  /* Already a full reference. */
  return v;
}

static RoMessage *
push_message (GVariant *value)
{
  RoMessage *message = ro_message_new (RO_MESSAGE_PUSH);

  message->serial = 1;
  message->name = g_strdup ("Thing");
  message->member = g_strdup ("value");
  message->body = g_variant_ref_sink (g_variant_new_variant (value));
  return message;
}

/* Pushes @value (floating or not, consumed) through the codec and checks it
 * comes back bit for bit (g_variant_equal() compares the serialised bytes).
 * Returns the JSON of the value. */
static char *
round_trip (GVariant *value)
{
  g_autoptr(GVariant) sunk = g_variant_take_ref (value);
  g_autoptr(RoMessage) message = push_message (sunk);
  g_autofree char *payload = encode (message);
  g_autoptr(RoMessage) back = decode_ok (payload);
  g_autoptr(GVariant) inner = g_variant_get_variant (back->body);
  const char *prefix = "{\"type\":\"push\",\"serial\":1,\"name\":\"Thing\",\"member\":\"value\",\"body\":[\"v\",[\"";
  const char *json;

  g_assert_cmpint (back->type, ==, RO_MESSAGE_PUSH);
  g_assert_cmpuint (back->serial, ==, 1);
  g_assert_cmpstr (back->name, ==, "Thing");
  g_assert_cmpstr (back->member, ==, "value");
  g_assert_false (g_variant_is_floating (back->body));

  if (!g_variant_equal (inner, sunk))
    {
      g_autofree char *a = g_variant_print (sunk, TRUE);
      g_autofree char *b = g_variant_print (inner, TRUE);

      g_error ("%s came back as %s via %s", a, b, payload);
    }

  /* Strips the envelope: [type, value]. */
  g_assert_true (g_str_has_prefix (payload, prefix));
  json = strchr (payload + strlen (prefix), '"') + 2;
  g_assert_true (g_str_has_suffix (payload, "]]}"));
  return g_strndup (json, strlen (json) - 3);
}

static void
check (GVariant   *value,
       const char *expected_json)
{
  g_autofree char *json = round_trip (value);

  if (expected_json != NULL)
    g_assert_cmpstr (json, ==, expected_json);
}

static void
check_text (const char *text,
            const char *expected_json)
{
  check (parse (text), expected_json);
}

static void
test_pinned_format (void)
{
  struct { RoMessageType type; guint32 serial; const char *name; const char *member;
           const char *body; const char *json; } cases[] = {
    { RO_MESSAGE_INVOKE, 3, "Thermostat", "heat", "(15.0,)",
      "{\"type\":\"invoke\",\"serial\":3,\"name\":\"Thermostat\",\"member\":\"heat\",\"body\":[\"(d)\",[15.0]]}" },
    { RO_MESSAGE_INVOKE, 0, "Thermostat", "reset", "()",
      "{\"type\":\"invoke\",\"name\":\"Thermostat\",\"member\":\"reset\",\"body\":[\"()\",[]]}" },
    { RO_MESSAGE_PING, 1, NULL, NULL, NULL,
      "{\"type\":\"ping\",\"serial\":1}" },
    { RO_MESSAGE_ACQUIRE, 0, "Thermostat", NULL, NULL,
      "{\"type\":\"acquire\",\"name\":\"Thermostat\"}" },
    { RO_MESSAGE_HELLO, 0, NULL, NULL,
      "{'protocol': <'ro-glib'>, 'version': <uint32 1>, 'codecs': <['json']>, 'token': <''>}",
      "{\"type\":\"hello\",\"body\":[\"a{sv}\",{\"protocol\":[\"s\",\"ro-glib\"],\"version\":[\"u\",1],"
      "\"codecs\":[\"as\",[\"json\"]],\"token\":[\"s\",\"\"]}]}" },
    { RO_MESSAGE_CHANGES, 0, "Thermostat", NULL,
      "[('count', <3>), ('big', <int64 9007199254740993>), ('nan', <nan>), ('blob', <@ay [0, 1, 2]>), "
      "('label', <@mms just nothing>), ('when', <uint64 1700000000000>)]",
      "{\"type\":\"changes\",\"name\":\"Thermostat\",\"body\":[\"a(sv)\",[[\"count\",[\"i\",3]],"
      "[\"big\",[\"x\",\"9007199254740993\"]],[\"nan\",[\"d\",\"NaN\"]],[\"blob\",[\"ay\",\"AAEC\"]],"
      "[\"label\",[\"mms\",[null]]],[\"when\",[\"t\",1700000000000]]]]}" },
    { RO_MESSAGE_ERROR, 9, NULL, NULL, "('ro-error-quark', 3, 'No method \"fly\"\\n')",
      "{\"type\":\"error\",\"serial\":9,\"body\":[\"(sis)\",[\"ro-error-quark\",3,\"No method \\\"fly\\\"\\n\"]]}" },
    { RO_MESSAGE_REPLY, 4294967295u, NULL, NULL, "(@a{is} {1: 'one', -2: 'two'},)",
      "{\"type\":\"reply\",\"serial\":4294967295,\"body\":[\"(a{is})\",[[[1,\"one\"],[-2,\"two\"]]]]}" },
    { RO_MESSAGE_SIGNAL, 0, "Grüße", "ünïcödé", "(@mi nothing, @mi 5, 0.1, -2.5e-300, 1e300)",
      "{\"type\":\"signal\",\"name\":\"Grüße\",\"member\":\"ünïcödé\","
      "\"body\":[\"(mimiddd)\",[null,5,0.1,-2.5e-300,1e+300]]}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RoMessage) message = ro_message_new (cases[i].type);
      g_autoptr(RoMessage) back = NULL;
      g_autofree char *json = NULL;
      g_autoptr(GError) error = NULL;

      message->serial = cases[i].serial;
      message->name = g_strdup (cases[i].name);
      message->member = g_strdup (cases[i].member);
      if (cases[i].body != NULL)
        message->body = parse (cases[i].body);
      g_assert_true (ro_message_validate (message, &error));
      g_assert_no_error (error);

      json = encode (message);
      g_assert_cmpstr (json, ==, cases[i].json);

      back = decode_ok (json);
      g_assert_cmpint (back->type, ==, message->type);
      g_assert_cmpuint (back->serial, ==, message->serial);
      g_assert_cmpstr (back->name, ==, message->name);
      g_assert_cmpstr (back->member, ==, message->member);
      if (message->body != NULL)
        g_assert_true (g_variant_equal (back->body, message->body));
      else
        g_assert_null (back->body);
    }
}

static void
test_lookup (void)
{
  g_assert_true (ro_codec_json () == codec);
  g_assert_cmpstr (codec->name, ==, "json");
  g_assert_true (ro_codec_lookup ("json") == codec);
  g_assert_null (ro_codec_lookup ("JSON"));
  g_assert_null (ro_codec_lookup ("cbor"));
  g_assert_null (ro_codec_lookup (""));
  g_assert_null (ro_codec_lookup (NULL));
}

static void
test_every_message_type (void)
{
  const char *bodies[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_HELLO] = "{'protocol': <'ro-glib'>}",
    [RO_MESSAGE_SOURCES] = "[('a', 'b', 'c')]",
    [RO_MESSAGE_SOURCE_ADDED] = "('b', 'c')",
    [RO_MESSAGE_SNAPSHOT] = "(('i', [('p', 'd', uint32 0, '')], [('s', '(sd)')], [('m', '(d)', '()', false)], "
                            "[('E', false, [('a', int64 0)])]), {'p': <1.0>})",
    [RO_MESSAGE_CHANGES] = "[('p', <2.0>)]",
    [RO_MESSAGE_SIGNAL] = "('x', 1)",
    [RO_MESSAGE_INVOKE] = "(1,)",
    [RO_MESSAGE_REPLY] = "(1,)",
    [RO_MESSAGE_ERROR] = "('d', 1, 'm')",
    [RO_MESSAGE_PUSH] = "<1>",
  };
  const gboolean has_serial[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_INVOKE] = TRUE, [RO_MESSAGE_CANCEL] = TRUE, [RO_MESSAGE_REPLY] = TRUE,
    [RO_MESSAGE_ERROR] = TRUE, [RO_MESSAGE_PUSH] = TRUE, [RO_MESSAGE_PING] = TRUE,
    [RO_MESSAGE_PONG] = TRUE,
  };
  const gboolean has_name[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_SOURCE_ADDED] = TRUE, [RO_MESSAGE_SOURCE_REMOVED] = TRUE,
    [RO_MESSAGE_ACQUIRE] = TRUE, [RO_MESSAGE_RELEASE] = TRUE, [RO_MESSAGE_SNAPSHOT] = TRUE,
    [RO_MESSAGE_CHANGES] = TRUE, [RO_MESSAGE_SIGNAL] = TRUE, [RO_MESSAGE_INVOKE] = TRUE,
    [RO_MESSAGE_PUSH] = TRUE,
  };
  const gboolean has_member[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_SIGNAL] = TRUE, [RO_MESSAGE_INVOKE] = TRUE, [RO_MESSAGE_PUSH] = TRUE,
  };

  for (RoMessageType type = 0; type < RO_MESSAGE_N_TYPES; type++)
    {
      g_autoptr(RoMessage) message = ro_message_new (type);
      g_autoptr(RoMessage) back = NULL;
      g_autofree char *json = NULL;
      g_autofree char *expected_start = NULL;

      message->serial = has_serial[type] ? 42 : 0;
      message->name = has_name[type] ? g_strdup ("Src") : NULL;
      message->member = has_member[type] ? g_strdup ("mem") : NULL;
      message->body = bodies[type] != NULL ? parse (bodies[type]) : NULL;
      g_assert_true (ro_message_validate (message, NULL));

      json = encode (message);
      expected_start = g_strdup_printf ("{\"type\":\"%s\"", ro_message_type_to_string (type));
      g_assert_true (g_str_has_prefix (json, expected_start));

      back = decode_ok (json);
      g_assert_cmpint (back->type, ==, type);
      g_assert_cmpuint (back->serial, ==, message->serial);
      g_assert_cmpstr (back->name, ==, message->name);
      g_assert_cmpstr (back->member, ==, message->member);
      g_assert_true ((back->body == NULL) == (message->body == NULL));
      if (back->body != NULL)
        g_assert_true (g_variant_equal (back->body, message->body));
    }
}

static void
test_basic_types (void)
{
  check_text ("true", "true");
  check_text ("false", "false");
  check_text ("byte 0", "0");
  check_text ("byte 255", "255");
  check_text ("int16 -32768", "-32768");
  check_text ("int16 32767", "32767");
  check_text ("uint16 65535", "65535");
  check_text ("int32 -2147483648", "-2147483648");
  check_text ("int32 2147483647", "2147483647");
  check_text ("uint32 4294967295", "4294967295");
  check_text ("handle -1", "-1");
  check_text ("handle 3", "3");
  check_text ("''", "\"\"");
  check_text ("'Grüße, 世界 😀'", "\"Grüße, 世界 😀\"");
  check_text ("objectpath '/org/example/Thing'", "\"/org/example/Thing\"");
  check_text ("objectpath '/'", "\"/\"");
  check_text ("signature 'a{sv}'", "\"a{sv}\"");
  check_text ("signature ''", "\"\"");

  /* Every character that JSON needs escaped, and some it does not. */
  check (g_variant_new_string ("\"\\/\b\f\n\r\t\x01\x1f\x7f é"),
         "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f é\"");
}

static void
test_64_bit_integers (void)
{
  const gint64 safe = G_GINT64_CONSTANT (1) << 53;

  check (g_variant_new_int64 (G_MAXINT64), "\"9223372036854775807\"");
  check (g_variant_new_int64 (G_MININT64), "\"-9223372036854775808\"");
  check (g_variant_new_int64 (safe), "9007199254740992");
  check (g_variant_new_int64 (-safe), "-9007199254740992");
  check (g_variant_new_int64 (safe + 1), "\"9007199254740993\"");
  check (g_variant_new_int64 (-safe - 1), "\"-9007199254740993\"");
  check (g_variant_new_int64 (0), "0");
  check (g_variant_new_int64 (-1), "-1");
  check (g_variant_new_uint64 (G_MAXUINT64), "\"18446744073709551615\"");
  check (g_variant_new_uint64 ((guint64) safe), "9007199254740992");
  check (g_variant_new_uint64 ((guint64) safe + 1), "\"9007199254740993\"");
  check (g_variant_new_uint64 (0), "0");

  /* Either form is read for any value. */
  {
    const struct { const char *json; const char *text; } accepted[] = {
      { "[\"x\",9223372036854775807]", "int64 9223372036854775807" },
      { "[\"x\",-9223372036854775808]", "int64 -9223372036854775808" },
      { "[\"t\",18446744073709551615]", "uint64 18446744073709551615" },
      { "[\"x\",\"5\"]", "int64 5" },
      { "[\"x\",\"-0\"]", "int64 0" },
      { "[\"t\",\"0\"]", "uint64 0" },
      { "[\"t\",\"\\u0031\"]", "uint64 1" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\","
                                                 "\"body\":[\"v\",%s]}", accepted[i].json);
        g_autoptr(RoMessage) message = decode_ok (json);
        g_autoptr(GVariant) inner = g_variant_get_variant (message->body);
        g_autoptr(GVariant) expected = parse (accepted[i].text);

        g_assert_true (g_variant_equal (inner, expected));
      }
  }
}

static void
test_doubles (void)
{
  const double values[] = {
    0.0, 1.0, -1.0, 15.0, 0.1, 1 / 3., 2 / 3., -1.5, 21.5, 100.0, 1e15, 1e16, 1e17, 1e21, 1e22,
    123456789012345678.0, 9007199254740993.0, DBL_MAX, -DBL_MAX, DBL_MIN, DBL_EPSILON,
    1e-310, -1e-310, 4.9406564584124654e-324, 2.2250738585072009e-308, M_PI, M_E,
    0.30000000000000004, 5e-324, 1.7976931348623157e308, 1e-5, 123.456e-10,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *json = round_trip (g_variant_new_double (values[i]));
      double back = g_ascii_strtod (json, NULL);

      /* The text itself reads back exactly, whatever parser reads it. */
      g_assert_true (memcmp (&back, &values[i], sizeof back) == 0);
      /* And is a JSON number that looks like a double. */
      g_assert_nonnull (strpbrk (json, ".e"));
    }

  check (g_variant_new_double (15.0), "15.0");
  check (g_variant_new_double (0.0), "0.0");
  check (g_variant_new_double (0.1), "0.1");
  check (g_variant_new_double (1 / 3.), "0.3333333333333333");
  check (g_variant_new_double (DBL_MAX), "1.7976931348623157e+308");
  check (g_variant_new_double (-0.0), "\"-0\"");
  check (g_variant_new_double (NAN), "\"NaN\"");
  check (g_variant_new_double (INFINITY), "\"Infinity\"");
  check (g_variant_new_double (-INFINITY), "\"-Infinity\"");

  /* Other spellings a peer may use. */
  {
    const struct { const char *json; double value; } accepted[] = {
      { "15", 15.0 },
      { "-0", -0.0 },
      { "-0.0", -0.0 },
      { "1E5", 1e5 },
      { "1e+5", 1e5 },
      { "2.5E-3", 2.5e-3 },
      { "1e-400", 0.0 },
      { "0.1000000000000000055511151231257827", 0.1 },
      { "9007199254740993", 9007199254740992.0 },
      { "123456789012345678901234567890", 123456789012345678901234567890.0 },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\","
                                                 "\"body\":[\"v\",[\"d\",%s]]}", accepted[i].json);
        g_autoptr(RoMessage) message = decode_ok (json);
        g_autoptr(GVariant) inner = g_variant_get_variant (message->body);
        double d = g_variant_get_double (inner);

        g_assert_true (memcmp (&d, &accepted[i].value, sizeof d) == 0);
      }
  }
}

static void
test_maybes (void)
{
  check_text ("@ms nothing", "null");
  check_text ("@ms just ''", "\"\"");
  check_text ("@mi just 0", "0");
  check_text ("@mmb nothing", "null");
  check_text ("@mmb just nothing", "[null]");
  check_text ("@mmb just just false", "[false]");
  check_text ("@mmmi nothing", "null");
  check_text ("@mmmi just nothing", "[null]");
  check_text ("@mmmi just just nothing", "[[null]]");
  check_text ("@mmmi just just just 7", "[[7]]");
  check_text ("@mv nothing", "null");
  check_text ("@mv just <@ms nothing>", "[\"ms\",null]");
  check_text ("@mai just []", "[]");
  check_text ("@may just []", "\"\"");
  check_text ("@m(i) just (1,)", "[1]");
  check_text ("@am(ms) [nothing, just (nothing,), just (just 'x',)]", "[null,[null],[\"x\"]]");
  check_text ("@ma{sv} just {}", "{}");
  check_text ("@a{sms} {'a': nothing, 'b': just 'x'}", "{\"a\":null,\"b\":\"x\"}");
  check_text ("@a{smms} {'a': nothing, 'b': just nothing, 'c': just just 'x'}",
              "{\"a\":null,\"b\":[null],\"c\":[\"x\"]}");
}

static void
test_containers (void)
{
  check_text ("@as []", "[]");
  check_text ("['a', 'b']", "[\"a\",\"b\"]");
  check_text ("@aas [[], ['x']]", "[[],[\"x\"]]");
  check_text ("@a{sv} {}", "{}");
  check_text ("{'a': <1>, 'b': <'x'>}", "{\"a\":[\"i\",1],\"b\":[\"s\",\"x\"]}");
  check_text ("@a{ss} {'': 'empty key', 'ü\"': 'quoted'}", "{\"\":\"empty key\",\"ü\\\"\":\"quoted\"}");
  check_text ("@a{ov} {'/a': <1>}", "{\"/a\":[\"i\",1]}");
  check_text ("@a{gs} {'a{sv}': 'x'}", "{\"a{sv}\":\"x\"}");
  check_text ("@a{is} {}", "[]");
  check_text ("@a{is} {1: 'a', 2: 'b'}", "[[1,\"a\"],[2,\"b\"]]");
  check_text ("@a{yb} {0: true}", "[[0,true]]");
  check_text ("@a{xs} {9223372036854775807: 'max'}", "[[\"9223372036854775807\",\"max\"]]");
  check_text ("@a{ds} {1.5: 'x'}", "[[1.5,\"x\"]]");
  check_text ("@a{bs} {true: 'x'}", "[[true,\"x\"]]");
  check_text ("@a{sa{ss}} {'outer': {'inner': 'v'}}", "{\"outer\":{\"inner\":\"v\"}}");
  check_text ("()", "[]");
  check_text ("(1,)", "[1]");
  check_text ("(1, 'two', [3.0], (), (true,))", "[1,\"two\",[3.0],[],[true]]");
  check_text ("@{sv} {'k', <1>}", "[\"k\",[\"i\",1]]");
  check_text ("@{is} {3, 'x'}", "[3,\"x\"]");
  check_text ("@a(ii) [(1, 2), (3, 4)]", "[[1,2],[3,4]]");
  check_text ("<<<1>>>", "[\"v\",[\"v\",[\"i\",1]]]");
  check_text ("[<1>, <'x'>, <@ai []>]", "[[\"i\",1],[\"s\",\"x\"],[\"ai\",[]]]");

  /* Arrays of numbers take a faster path: cover every element type. */
  check_text ("[true, false]", "[true,false]");
  check_text ("@an [-32768, 32767]", "[-32768,32767]");
  check_text ("@aq [0, 65535]", "[0,65535]");
  check_text ("@ai [-2147483648, 2147483647]", "[-2147483648,2147483647]");
  check_text ("@au [0, 4294967295]", "[0,4294967295]");
  check_text ("@ah [0, -1]", "[0,-1]");
  check_text ("@ax [0, -9223372036854775808, 9007199254740992]",
              "[0,\"-9223372036854775808\",9007199254740992]");
  check_text ("@at [0, 18446744073709551615]", "[0,\"18446744073709551615\"]");
  check_text ("@ad [1.0, -0.0, nan, inf, -inf]", "[1.0,\"-0\",\"NaN\",\"Infinity\",\"-Infinity\"]");
  check_text ("@ad []", "[]");
  check_text ("@ab []", "[]");
}

static void
test_bytes (void)
{
  const guint8 data[] = { 0, 1, 2, 0, 255, 0xfb, 0xff, 0 };

  check_text ("@ay []", "\"\"");
  check_text ("@ay [104, 101, 108, 108, 111]", "\"aGVsbG8=\"");
  /* GVariant's own bytestring text ends with a NUL. */
  check_text ("b'hello'", "\"aGVsbG8A\"");
  for (gsize n = 0; n <= sizeof data; n++)
    check (g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, n, 1), NULL);
  check (g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, sizeof data, 1), "\"AAECAP/7/wA=\"");
  check_text ("@aay [[], [0]]", "[\"\",\"AA==\"]");
  check_text ("@a{say} {'k': [97, 98]}", "{\"k\":\"YWI=\"}");

  /* A large one. */
  {
    g_autofree guint8 *big = g_malloc (100000);

    for (gsize i = 0; i < 100000; i++)
      big[i] = (guint8) (i * 7);
    check (g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, big, 100000, 1), NULL);
  }
}

static void
test_decode_whitespace_and_order (void)
{
  g_autoptr(RoMessage) message =
    decode_ok (" \r\n\t{ \"body\" : [ \"(di)\" , [ 15 , -3 ] ] , \"member\":\"heat\",\n"
               "\"name\" : \"Therm\\u006fstat\", \"serial\" : 3 , \"type\" : \"invoke\" } \n");
  g_autoptr(GVariant) expected = parse ("(15.0, -3)");

  g_assert_cmpint (message->type, ==, RO_MESSAGE_INVOKE);
  g_assert_cmpuint (message->serial, ==, 3);
  g_assert_cmpstr (message->name, ==, "Thermostat");
  g_assert_cmpstr (message->member, ==, "heat");
  g_assert_true (g_variant_equal (message->body, expected));

  /* Escapes, a surrogate pair among them. */
  {
    g_autoptr(RoMessage) m = decode_ok ("{\"type\":\"signal\",\"name\":\"a\",\"member\":\"b\","
                                        "\"body\":[\"(s)\",[\"\\ud83d\\ude00\\u00e9\\/\\\"\\\\\\b\\f\\n\\r\\t\"]]}");
    g_autoptr(GVariant) s = g_variant_get_child_value (m->body, 0);

    g_assert_cmpstr (g_variant_get_string (s, NULL), ==, "😀é/\"\\\b\f\n\r\t");
  }
}

static void
test_large_message (void)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sv)"));
  g_autoptr(RoMessage) message = ro_message_new (RO_MESSAGE_CHANGES);
  g_autoptr(RoMessage) back = NULL;
  g_autofree char *json = NULL;

  for (int i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("property-%d", i);

      g_variant_builder_add (builder, "(sv)", name,
                             i % 3 == 0 ? g_variant_new_double (i / 7.0) :
                             i % 3 == 1 ? g_variant_new_string (name) :
                             g_variant_new_parsed ("{'a': [%i, 2], 'b': []}", i));
    }

  message->name = g_strdup ("Big");
  message->body = g_variant_ref_sink (g_variant_builder_end (builder));
  json = encode (message);
  back = decode_ok (json);
  g_assert_true (g_variant_equal (back->body, message->body));
}

#define PUSH(body) "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\"," body "]}"

static void
test_refuse_malformed (void)
{
  const char *cases[] = {
    "x",
    "garbage in, garbage out",
    "{",
    "}",
    "[]",
    "null",
    "\"ping\"",
    "{}",
    "{\"type\":\"ping\"",
    "{\"type\":\"ping\",\"serial\":1",
    "{\"type\":\"ping\",\"serial\":1,}",
    "{\"type\":\"ping\",,\"serial\":1}",
    "{\"type\":\"ping\" \"serial\":1}",
    "{\"type\" \"ping\",\"serial\":1}",
    "{\"type\":\"ping\",\"serial\":1}x",
    "{\"type\":\"ping\",\"serial\":1}{}",
    "{\"type\":\"ping\",\"serial\":1} []",
    "{'type':'ping','serial':1}",
    "{type:\"ping\",\"serial\":1}",
    "{\"type\":\"ping\",/* comment */\"serial\":1}",
    "\xef\xbb\xbf{\"type\":\"ping\",\"serial\":1}",
    "{\"type\":\"ping\",\"serial\":1}\f",
    /* The type */
    "{\"serial\":1}",
    "{\"type\":\"bogus\",\"serial\":1}",
    "{\"type\":\"Ping\",\"serial\":1}",
    "{\"type\":1,\"serial\":1}",
    "{\"type\":null,\"serial\":1}",
    "{\"type\":[\"ping\"],\"serial\":1}",
    /* Keys */
    "{\"type\":\"ping\",\"serial\":1,\"extra\":1}",
    "{\"type\":\"ping\",\"serial\":1,\"Serial\":1}",
    "{\"type\":\"ping\",\"serial\":1,\"\":1}",
    "{\"type\":\"ping\",\"serial\":1,\"type\":\"ping\"}",
    "{\"type\":\"ping\",\"serial\":1,\"serial\":2}",
    "{\"type\":\"acquire\",\"name\":\"a\",\"name\":\"a\"}",
    /* The serial */
    "{\"type\":\"ping\",\"serial\":0}",
    "{\"type\":\"ping\",\"serial\":-1}",
    "{\"type\":\"ping\",\"serial\":4294967296}",
    "{\"type\":\"ping\",\"serial\":99999999999999999999999}",
    "{\"type\":\"ping\",\"serial\":1.0}",
    "{\"type\":\"ping\",\"serial\":1e0}",
    "{\"type\":\"ping\",\"serial\":\"1\"}",
    "{\"type\":\"ping\",\"serial\":01}",
    "{\"type\":\"ping\",\"serial\":null}",
    "{\"type\":\"ping\",\"serial\":true}",
    /* Names */
    "{\"type\":\"acquire\",\"name\":null}",
    "{\"type\":\"acquire\",\"name\":1}",
    "{\"type\":\"acquire\",\"name\":\"\"}",
    "{\"type\":\"acquire\",\"name\":[\"a\"]}",
    "{\"type\":\"ping\",\"serial\":1,\"name\":\"a\"}",
    "{\"type\":\"invoke\",\"serial\":1,\"name\":\"a\",\"body\":[\"()\",[]]}",
    /* Bodies that do not fit the message type */
    "{\"type\":\"ping\",\"serial\":1,\"body\":[\"()\",[]]}",
    "{\"type\":\"invoke\",\"name\":\"a\",\"member\":\"b\",\"body\":[\"i\",1]}",
    "{\"type\":\"invoke\",\"name\":\"a\",\"member\":\"b\"}",
    "{\"type\":\"error\",\"serial\":1,\"body\":[\"(si)\",[\"a\",1]]}",
    "{\"type\":\"reply\",\"serial\":1,\"body\":[\"(ii)\",[1,2]]}",
    "{\"type\":\"hello\",\"body\":[\"a{ss}\",{}]}",
    "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"i\",1]}",
    /* The body's envelope */
    "{\"type\":\"ping\",\"serial\":1,\"body\":null}",
    "{\"type\":\"ping\",\"serial\":1,\"body\":[]}",
    "{\"type\":\"ping\",\"serial\":1,\"body\":[\"()\"]}",
    "{\"type\":\"ping\",\"serial\":1,\"body\":[\"()\",[],[]]}",
    "{\"type\":\"ping\",\"serial\":1,\"body\":{\"()\":[]}}",
    "{\"type\":\"ping\",\"serial\":1,\"body\":[[],\"()\"]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (cases[i]);

  /* Sanity check of the macro the next tests use. */
  {
    g_autoptr(RoMessage) message = decode_ok (PUSH ("[\"i\",1]"));

    g_assert_cmpint (message->type, ==, RO_MESSAGE_PUSH);
  }
}

static void
test_refuse_values (void)
{
  const char *cases[] = {
    /* Wrong JSON kinds */
    PUSH ("[\"b\",1]"),
    PUSH ("[\"b\",\"true\"]"),
    PUSH ("[\"b\",null]"),
    PUSH ("[\"b\",tru]"),
    PUSH ("[\"b\",True]"),
    PUSH ("[\"i\",\"1\"]"),
    PUSH ("[\"i\",true]"),
    PUSH ("[\"i\",null]"),
    PUSH ("[\"i\",[1]]"),
    PUSH ("[\"u\",\"1\"]"),
    PUSH ("[\"y\",\"1\"]"),
    PUSH ("[\"d\",true]"),
    PUSH ("[\"d\",\"1.5\"]"),
    PUSH ("[\"d\",\"nan\"]"),
    PUSH ("[\"d\",\"inf\"]"),
    PUSH ("[\"d\",\"+0\"]"),
    PUSH ("[\"d\",null]"),
    PUSH ("[\"s\",1]"),
    PUSH ("[\"s\",null]"),
    PUSH ("[\"s\",[\"x\"]]"),
    PUSH ("[\"o\",\"not a path\"]"),
    PUSH ("[\"o\",\"/trailing/\"]"),
    PUSH ("[\"o\",\"\"]"),
    PUSH ("[\"g\",\"((\"]"),
    PUSH ("[\"g\",\"z\"]"),
    PUSH ("[\"as\",{}]"),
    PUSH ("[\"as\",\"x\"]"),
    PUSH ("[\"as\",[1]]"),
    PUSH ("[\"as\",[\"a\",]]"),
    PUSH ("[\"as\",[,]]"),
    PUSH ("[\"as\",[\"a\" \"b\"]]"),
    PUSH ("[\"a{sv}\",[]]"),
    PUSH ("[\"a{sv}\",{\"a\":1}]"),
    PUSH ("[\"a{sv}\",{\"a\" 1}]"),
    PUSH ("[\"a{sv}\",{1:[\"i\",1]}]"),
    PUSH ("[\"a{sv}\",{\"a\":[\"i\",1],}]"),
    PUSH ("[\"a{ov}\",{\"bad\":[\"i\",1]}]"),
    PUSH ("[\"a{gs}\",{\"((\":\"x\"}]"),
    PUSH ("[\"a{is}\",{\"1\":\"x\"}]"),
    PUSH ("[\"a{is}\",[[1]]]"),
    PUSH ("[\"a{is}\",[[1,\"x\",2]]]"),
    PUSH ("[\"a{is}\",[1,\"x\"]]"),
    PUSH ("[\"(ii)\",[1]]"),
    PUSH ("[\"(ii)\",[1,2,3]]"),
    PUSH ("[\"(ii)\",[]]"),
    PUSH ("[\"(ii)\",{}]"),
    PUSH ("[\"(i)\",1]"),
    PUSH ("[\"()\",[1]]"),
    PUSH ("[\"()\",null]"),
    PUSH ("[\"{sv}\",{\"a\":[\"i\",1]}]"),
    PUSH ("[\"{ss}\",[\"a\"]]"),
    PUSH ("[\"mi\",[1]]"),
    PUSH ("[\"mi\",\"null\"]"),
    PUSH ("[\"mmi\",1]"),
    PUSH ("[\"mmi\",[]]"),
    PUSH ("[\"mmi\",[null,null]]"),
    PUSH ("[\"v\",\"i\"]"),
    PUSH ("[\"v\",[\"i\"]]"),
    PUSH ("[\"v\",[\"i\",1,2]]"),
    PUSH ("[\"v\",[1,\"i\"]]"),
    PUSH ("[\"v\",null]"),
    PUSH ("[\"ay\",[1,2]]"),
    PUSH ("[\"ay\",null]"),
    PUSH ("[\"ay\",\"AAE\"]"),
    PUSH ("[\"ay\",\"AB==\"]"),
    PUSH ("[\"ay\",\"AAB=\"]"),
    PUSH ("[\"ay\",\"A===\"]"),
    PUSH ("[\"ay\",\"AA=A\"]"),
    PUSH ("[\"ay\",\"AA==AA==\"]"),
    PUSH ("[\"ay\",\"AA AA\"]"),
    PUSH ("[\"ay\",\"AA-_\"]"),
    PUSH ("[\"ay\",\"====\"]"),
    /* Out of range */
    PUSH ("[\"y\",256]"),
    PUSH ("[\"y\",-1]"),
    PUSH ("[\"n\",32768]"),
    PUSH ("[\"n\",-32769]"),
    PUSH ("[\"q\",65536]"),
    PUSH ("[\"q\",-1]"),
    PUSH ("[\"i\",2147483648]"),
    PUSH ("[\"i\",-2147483649]"),
    PUSH ("[\"h\",2147483648]"),
    PUSH ("[\"u\",4294967296]"),
    PUSH ("[\"u\",-1]"),
    PUSH ("[\"x\",9223372036854775808]"),
    PUSH ("[\"x\",-9223372036854775809]"),
    PUSH ("[\"x\",\"9223372036854775808\"]"),
    PUSH ("[\"x\",\"-9223372036854775809\"]"),
    PUSH ("[\"x\",18446744073709551616]"),
    PUSH ("[\"t\",18446744073709551616]"),
    PUSH ("[\"t\",\"18446744073709551616\"]"),
    PUSH ("[\"t\",99999999999999999999999999999999]"),
    PUSH ("[\"t\",-1]"),
    PUSH ("[\"t\",\"-1\"]"),
    PUSH ("[\"d\",1e400]"),
    PUSH ("[\"d\",-1e400]"),
    /* Integers that are not */
    PUSH ("[\"i\",1.0]"),
    PUSH ("[\"i\",1e2]"),
    PUSH ("[\"i\",1E2]"),
    PUSH ("[\"x\",\"01\"]"),
    PUSH ("[\"x\",\" 1\"]"),
    PUSH ("[\"x\",\"1 \"]"),
    PUSH ("[\"x\",\"+1\"]"),
    PUSH ("[\"x\",\"1.0\"]"),
    PUSH ("[\"x\",\"\"]"),
    PUSH ("[\"x\",\"-\"]"),
    PUSH ("[\"x\",\"0x10\"]"),
    PUSH ("[\"t\",\"99999999999999999999999x\"]"),
    /* JSON number syntax */
    PUSH ("[\"i\",01]"),
    PUSH ("[\"i\",-]"),
    PUSH ("[\"i\",- 1]"),
    PUSH ("[\"i\",+1]"),
    PUSH ("[\"i\",0x10]"),
    PUSH ("[\"d\",.5]"),
    PUSH ("[\"d\",1.]"),
    PUSH ("[\"d\",1.e5]"),
    PUSH ("[\"d\",1e]"),
    PUSH ("[\"d\",1e+]"),
    PUSH ("[\"d\",NaN]"),
    PUSH ("[\"d\",Infinity]"),
    PUSH ("[\"d\",-Infinity]"),
    /* Strings */
    PUSH ("[\"s\",\"a\\u0000b\"]"),
    PUSH ("[\"s\",\"\\ud800\"]"),
    PUSH ("[\"s\",\"\\udc00\"]"),
    PUSH ("[\"s\",\"\\ud800\\u0041\"]"),
    PUSH ("[\"s\",\"\\ud800\\n\"]"),
    PUSH ("[\"s\",\"\\ud800x\"]"),
    PUSH ("[\"s\",\"\\x41\"]"),
    PUSH ("[\"s\",\"\\'\"]"),
    PUSH ("[\"s\",\"\\q\"]"),
    PUSH ("[\"s\",\"\\u12\"]"),
    PUSH ("[\"s\",\"\\u12g4\"]"),
    PUSH ("[\"s\",\"tab\there\"]"),
    PUSH ("[\"s\",\"new\nline\"]"),
    PUSH ("[\"s\",'single']"),
    "{\"type\":\"acquire\",\"name\":\"unterminated}",
    "{\"type\":\"acquire\",\"name\":\"ends in a backslash\\",
    "{\"type\":\"acquire\",\"name\":\"ends in an escape\\u00",
    /* Type strings */
    PUSH ("[\"\",1]"),
    PUSH ("[\"*\",1]"),
    PUSH ("[\"?\",1]"),
    PUSH ("[\"r\",[]]"),
    PUSH ("[\"a*\",[]]"),
    PUSH ("[\"m?\",null]"),
    PUSH ("[\"ii\",1]"),
    PUSH ("[\"a\",[]]"),
    PUSH ("[\"(i\",[1]]"),
    PUSH ("[\"{ii\",[1,1]]"),
    PUSH ("[\"{vs}\",[[\"i\",1],\"x\"]]"),
    PUSH ("[\"z\",1]"),
    PUSH ("[\" i\",1]"),
    PUSH ("[1,1]"),
    PUSH ("[null,1]"),
    "{\"type\":\"ping\",\"serial\":1,\"body\":[\"(\\u0000)\",[]]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (cases[i]);
}

static void
test_refuse_encoding (void)
{
  /* Invalid UTF-8, in a key, a value and between tokens. */
  assert_refused ("{\"type\":\"acquire\",\"name\":\"caf\xc3\"}");
  assert_refused ("{\"type\":\"acquire\",\"name\":\"\xc0\xaf\"}");
  assert_refused ("{\"type\":\"acquire\",\"name\":\"\xed\xa0\x80\"}");
  assert_refused ("{\"type\":\"acquire\",\"name\":\"\xf4\x90\x80\x80\"}");
  assert_refused ("{\"type\":\"acquire\",\"\xff\":\"a\"}");
  assert_refused ("{\"type\":\"acquire\",\"name\":\"a\"}\xff");
  assert_refused ("\xff\xfe{\0");

  /* NUL bytes, inside a string and outside. */
  {
    const char with_nul[] = "{\"type\":\"acquire\",\"name\":\"a\0b\"}";
    const char trailing_nul[] = "{\"type\":\"acquire\",\"name\":\"ab\"}";

    assert_refused_len (with_nul, sizeof with_nul - 1);
    assert_refused_len (trailing_nul, sizeof trailing_nul);
  }

  /* Nothing at all. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (codec->decode ((const guint8 *) "", 0, &error));
    g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
  }
}

static void
test_refuse_deep_nesting (void)
{
  const gsize n = 100000;
  g_autoptr(GString) s = g_string_new (NULL);
  GVariant *v;

  /* Bare brackets, after the body and at the top. */
  g_string_append (s, "{\"type\":\"ping\",\"serial\":1,\"body\":");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, '[');
  assert_refused (s->str);

  g_string_truncate (s, 0);
  for (gsize i = 0; i < n; i++)
    g_string_append (s, "{\"a\":");
  assert_refused (s->str);

  g_string_truncate (s, 0);
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, ']');
  assert_refused (s->str);

  /* Variants in variants, each well-formed. */
  g_string_assign (s, "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":");
  for (gsize i = 0; i < n; i++)
    g_string_append (s, "[\"v\",");
  g_string_append (s, "[\"i\",1]");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  assert_refused (s->str);

  /* A deep type in a short string: ok for GVariant, too deep for us. */
  g_string_assign (s, "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"");
  for (gsize i = 0; i < 80; i++)
    g_string_append_c (s, 'm');
  g_string_append (s, "i\",null]]}");
  assert_refused (s->str);

  /* A type string longer than 255 characters. */
  g_string_assign (s, "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"(");
  for (gsize i = 0; i < 255; i++)
    g_string_append_c (s, 'i');
  g_string_append (s, ")\",[0");
  for (gsize i = 1; i < 255; i++)
    g_string_append (s, ",0");
  g_string_append (s, "]]]}");
  assert_refused (s->str);

  /* Arrays in arrays: the type is shallow enough (63 levels), but the JSON
   * is not: the message object, the body and the variant make 66. */
  g_string_assign (s, "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"");
  for (gsize i = 0; i < 63; i++)
    g_string_append_c (s, 'a');
  g_string_append (s, "i\",");
  for (gsize i = 0; i < 63; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < 63; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "]]}");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RoMessage) message = decode (s->str, &error);

    g_assert_null (message);
    g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
    g_assert_nonnull (strstr (error->message, "JSON nested deeper than 64 levels"));
  }

  /* 61 arrays in the pushed variant make exactly 64 levels of JSON. */
  {
    g_autofree char *type = g_strnfill (60, 'a');
    g_autofree char *full = g_strconcat (type, "i", NULL);
    GVariant *empty = g_variant_new_array (G_VARIANT_TYPE (full + 60), NULL, 0);

    for (int i = 59; i >= 0; i--)
      empty = g_variant_new_array (NULL, &empty, 1);
    check (empty, NULL);
  }

  /* Just within the limits: 60 variants deep. */
  v = g_variant_new_int32 (1);
  for (int i = 0; i < 60; i++)
    v = g_variant_new_variant (v);
  check (v, NULL);

  /* And deep maybes, which add no JSON nesting. */
  {
    g_autofree char *type = g_strnfill (60, 'm');
    g_autofree char *full = g_strconcat (type, "i", NULL);

    check (g_variant_new_maybe (G_VARIANT_TYPE (full + 1), NULL), "null");
  }
}

/* Every strict prefix of a valid payload is refused, and every single-byte
 * change is either refused or decodes to a valid message: no crash, no
 * leak, no read out of bounds (this test is most useful under valgrind). */
static void
test_truncated_and_mutated (void)
{
  g_autoptr(RoMessage) message = ro_message_new (RO_MESSAGE_CHANGES);
  g_autofree char *json = NULL;
  gsize length;
  const char replacements[] = { '"', '[', ']', '{', '}', ',', ':', '0', '-', 'e', '.', 'n', 'x', '\\', ' ', '\x80' };

  message->name = g_strdup ("Thermostat");
  message->body = parse ("[('a', <1>), ('b', <@mmx just nothing>), ('c', <@ay [0]>), "
                         "('d', <{'k': <(1.5, @a{is} {1: 'x'})>}>), ('e', <'\\u00e9\\n'>), "
                         "('f', <uint64 18446744073709551615>), ('g', <-0.0>)]");
  json = encode (message);
  length = strlen (json);

  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoMessage) back = decode_len (json, i, &error);

      g_assert_null (back);
      g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
    }

  for (gsize i = 0; i < length; i++)
    for (gsize j = 0; j < G_N_ELEMENTS (replacements); j++)
      {
        g_autofree char *mutated = g_strdup (json);
        g_autoptr(GError) error = NULL;
        g_autoptr(RoMessage) back = NULL;

        mutated[i] = replacements[j];
        back = decode_len (mutated, length, &error);
        if (back != NULL)
          {
            g_assert_no_error (error);
            g_assert_true (ro_message_validate (back, NULL));
          }
        else
          g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The JSON codec: its exact format, round trips of every type, hostile input");

  codec = ro_codec_json ();

  g_test_add_func ("/Ro/JsonCodec/lookup", test_lookup);
  g_test_add_func ("/Ro/JsonCodec/pinned-format", test_pinned_format);
  g_test_add_func ("/Ro/JsonCodec/every-message-type", test_every_message_type);
  g_test_add_func ("/Ro/JsonCodec/basic-types", test_basic_types);
  g_test_add_func ("/Ro/JsonCodec/64-bit-integers", test_64_bit_integers);
  g_test_add_func ("/Ro/JsonCodec/doubles", test_doubles);
  g_test_add_func ("/Ro/JsonCodec/maybes", test_maybes);
  g_test_add_func ("/Ro/JsonCodec/containers", test_containers);
  g_test_add_func ("/Ro/JsonCodec/bytes", test_bytes);
  g_test_add_func ("/Ro/JsonCodec/decode-whitespace-and-order", test_decode_whitespace_and_order);
  g_test_add_func ("/Ro/JsonCodec/large-message", test_large_message);
  g_test_add_func ("/Ro/JsonCodec/refuse-malformed", test_refuse_malformed);
  g_test_add_func ("/Ro/JsonCodec/refuse-values", test_refuse_values);
  g_test_add_func ("/Ro/JsonCodec/refuse-encoding", test_refuse_encoding);
  g_test_add_func ("/Ro/JsonCodec/refuse-deep-nesting", test_refuse_deep_nesting);
  g_test_add_func ("/Ro/JsonCodec/truncated-and-mutated", test_truncated_and_mutated);

  return g_test_run ();
}
